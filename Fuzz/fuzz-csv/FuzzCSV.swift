import FuzzHarness

/// libFuzzer target: any bytes as a CSV table of each kind, in each encoding (FuzzHarness.csv).
/// A crash, a trap, a sanitizer report or a run past libFuzzer's `-timeout` is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = FuzzHarness.csv(Array(UnsafeBufferPointer(start: data, count: size)))
    precondition(problems.isEmpty, problems.joined(separator: "; "))
    return 0
}
