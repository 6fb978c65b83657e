@testable import EvalDSL

/// Runs `text` in a fresh session and returns each statement's output text, or its rendered diagnostic.
func run(_ text: String, name: String = "t.evl") -> [String] {
    var s = Session()
    let file = SourceFile(name: name, text: text)
    return s.run(file).map { r in r.diagnostic.map { $0.render(in: file) } ?? r.text }
}

/// The output of the last statement of `text`, which must not fail.
func value(_ text: String) -> String {
    var s = Session()
    let file = SourceFile(name: "t.evl", text: text)
    let results = s.run(file)
    for r in results {
        if let d = r.diagnostic { return "ERROR " + d.render(in: file) }
    }
    return results.last?.text ?? ""
}

/// The diagnostic of the first failing statement of `text`.
func diagnostic(_ text: String) -> Diagnostic? {
    var s = Session()
    return s.run(SourceFile(name: "t.evl", text: text)).compactMap(\.diagnostic).first
}

let prelude = """
year 2020
unit 万元
project archive "档案智能库房建设" source 本级 category 项目支出 budget 200 grade 中
project titles "职称评审工作经费" source 本级 budget 50 grade 优
project talent "省级人才培训" source 省级 budget 300 grade 中 tags 人才, 培训
pay archive 12.5 on 2020-12-20
pay titles 50 in Q3
pay talent 100 on 2020-03-31
pay talent 50 in 2020-11
pay talent 30 on 2021-01-15
group 本级 = projects where source = 本级

"""
