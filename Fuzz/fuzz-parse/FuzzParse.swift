import FuzzHarness

/// libFuzzer target: any bytes, read as a script, through the lexer and the parser (FuzzHarness.parse).
/// A crash, a trap, a sanitizer report or a run past libFuzzer's `-timeout` is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let problems = FuzzHarness.parse(Array(UnsafeBufferPointer(start: data, count: size)))
    precondition(problems.isEmpty, problems.joined(separator: "; "))
    return 0
}
