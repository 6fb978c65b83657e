import FuzzHarness

/// libFuzzer target: any bytes, read as a script, evaluated after a small model (FuzzHarness.evaluate).
/// A crash, a trap, a sanitizer report or a run past libFuzzer's `-timeout` is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEval(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = FuzzHarness.evaluate(Array(UnsafeBufferPointer(start: data, count: size)))
    precondition(problems.isEmpty, problems.joined(separator: "; "))
    return 0
}
