import EvalDSL

/// libFuzzer target: any bytes, read as a notebook, are split into statements and recorded blocks
/// and written back unchanged: a notebook whose recorded output matches is its own update.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let notebook = Notebook(name: "fuzz.evl", text: text)
    var rebuilt = ""
    for line in notebook.lines { rebuilt += line.content + line.ending }
    precondition(rebuilt == text, "a notebook's lines do not give back its text")
    return 0
}
