import FuzzHarness

/// libFuzzer target: any bytes, read as a notebook, split, run and updated (FuzzHarness.notebook).
/// A crash, a trap, a sanitizer report or a run past libFuzzer's `-timeout` is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = FuzzHarness.notebook(Array(UnsafeBufferPointer(start: data, count: size)))
    precondition(problems.isEmpty, problems.joined(separator: "; "))
    return 0
}
