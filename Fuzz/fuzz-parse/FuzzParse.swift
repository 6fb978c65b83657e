import EvalDSL

/// libFuzzer target: any bytes, read as a script, go through the lexer and the parser, and every
/// diagnostic renders. A crash, a trap or a sanitizer report is a bug; so is a run over a second.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = SourceFile(name: "fuzz.evl", text: text)
    for item in Parser.parse(file) {
        if case .broken(let d, _, _) = item { _ = d.render(in: file) }
    }
    _ = Parser.isComplete(text)
    return 0
}
