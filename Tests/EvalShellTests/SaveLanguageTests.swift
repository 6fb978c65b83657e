import Foundation
import Testing
@testable import EvalDSL
@testable import EvalShell

/// `:save` in a Chinese shell on a terminal that draws ambiguous characters wide: the notebook records
/// that its output starts in Chinese, and its tables measured narrow, so `evalshell test` replays it.
@Test func aChineseWideShellSavesANotebookThatReplays() {
    var session = Session()
    session.language = .zh
    session.ambiguousWidth = .wide
    var statements: [SavedStatement] = []
    let inputs = ["year 2020", "project a \"“三支一扶”\" budget 100", "check budget(a) = 101", "table projects columns id, name, budget"]
    for (k, text) in inputs.enumerated() {
        let file = SourceFile(name: "/tmp/<input \(k + 1)>", text: text)
        let item = Parser.parse(file)[0]
        let before = session.language
        let r = session.execute(item, in: file)
        #expect(r.diagnostic == nil)
        let output = session.text(of: r.output, ambiguous: .narrow, language: before)
        statements.append(SavedStatement(source: text, output: output, baseDirectory: "/tmp", relativePath: nil, language: before))
    }
    let text = NotebookSave.text(statements, savedIn: "/tmp")
    #expect(text == """
        #> lang zh
        year 2020
        project a "“三支一扶”" budget 100
        check budget(a) = 101
        #> ✗ budget(a) = 101 — 计算数 100.00 万元，报告数 101.00 万元，相差 -1.00 万元
        table projects columns id, name, budget
        #> 编号  项目名称    预算(万元)
        #> ----  ----------  ----------
        #> a     “三支一扶”      100.00
        #> ----  ----------  ----------
        #> 合计                  100.00

        """)
    let replay = NotebookRunner.run(Notebook(name: "/tmp/saved.evl", text: text))
    #expect(replay.passed, "\(replay.entries.filter { $0.status != .matches })")
}
