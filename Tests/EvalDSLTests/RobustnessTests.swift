import Testing
@testable import EvalDSL

/// Whatever is typed, the language answers with output or a diagnostic: no trap, no hang.
@Suite struct RobustnessTests {
    struct Mix { var s: UInt64; mutating func next() -> UInt64 { s &+= 0x9E3779B97F4A7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) &* 0x94D049BB133111EB; return z ^ (z >> 31) } }

    static let fragments = [
        "year", "2020", "unit", "万元", "元", "project", "a", "b", "档案", "\"名称\"", "source", "本级", "省级", "budget", "grade", "优",
        "pay", "on", "in", "2020-12-31", "2021-01", "Q4", "2020Q3", "12.5", "0", "-3", "37.22%", "0.5pp", "885600元", "1.5亿元",
        "group", "=", "projects", "where", "and", "or", "not", "tag", "let", "x", "indicator", "f", "(", ")", ",", ":", "by", "rate",
        "paid", "budget(", "variance", "round", "sum", "for", "p", "if", "check", "within", "finding", "table", "columns", "print",
        "scenario", "s", "pays", "rest", "moves", "to", "cancels", "adjusts", "追加", "compare", "across", "seek", "?", "until",
        "progress", "lag", "schedule", "months", "+", "-", "*", "/", "<", ">=", "!=", "\n", "\n", "\n", "#", "`x y`", "“", "\\",
        "99999999999999999999999999999999999999", "1/0", "undefined", "true", "{", "}", "under", "total", "paid", "carryover",
    ]

    @Test func randomStatementsNeverTrap() {
        var rng = Mix(s: 2020)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 40) {
                text += RobustnessTests.fragments[Int(rng.next() % UInt64(RobustnessTests.fragments.count))] + " "
            }
            var s = Session()
            let file = SourceFile(name: "fuzz.evl", text: text)
            for r in s.run(file) {
                if let d = r.diagnostic { _ = d.render(in: file); _ = d.renderRecorded(in: file) }
            }
            _ = NotebookRunner.run(Notebook(name: "fuzz.evl", text: text)).updatedText()
            _ = Parser.isComplete(text)
        }
    }

    @Test func randomBytesNeverTrap() {
        var rng = Mix(s: 7)
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 64) { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            let text = String(decoding: bytes, as: UTF8.self)
            var s = Session()
            let file = SourceFile(name: "bytes.evl", text: text)
            for r in s.run(file) { if let d = r.diagnostic { _ = d.render(in: file) } }
        }
    }
}
