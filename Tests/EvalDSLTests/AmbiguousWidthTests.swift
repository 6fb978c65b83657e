import Testing
@testable import EvalDSL

/// ✓ ✗ — “ ” and the bar blocks are East Asian ambiguous: one column or two, as the session says.
@Suite struct AmbiguousWidthTests {
    static let script = """
        year 2020
        unit 万元
        project a "“三支一扶”补贴" source 省级 budget 100
        project b "档案" source 本级 budget 50
        pay a 45 on 2020-06-30
        pay b 50 on 2020-03-31
        table projects columns id, name, budget, rate
        progress projects
        """

    static func output(_ width: AmbiguousWidth) -> String {
        var s = Session()
        s.ambiguousWidth = width
        return s.run(SourceFile(name: "t.evl", text: script)).map(\.text).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    @Test func widths() {
        let sample = "✓ “a” — ▏█"
        #expect(AmbiguousWidth.$current.withValue(.narrow) { DisplayWidth.of(sample) } == 10)
        #expect(AmbiguousWidth.$current.withValue(.wide) { DisplayWidth.of(sample) } == 16)
        // Chinese characters are wide and ASCII narrow either way.
        #expect(AmbiguousWidth.$current.withValue(.wide) { DisplayWidth.of("执行率 ok") } == 9)
    }

    @Test func narrowTable() {
        #expect(AmbiguousWidthTests.output(.narrow) == """
            编号  项目名称        预算(万元)   执行率
            ----  --------------  ----------  -------
            a     “三支一扶”补贴      100.00   45.00%
            b     档案                 50.00  100.00%
            ----  --------------  ----------  -------
            合计                      150.00   63.33%
            期间  累计支出(万元)  累计执行率  序时进度       差异  执行进度
            ----  --------------  ----------  --------  ---------  -------------
            Q1             50.00      33.33%    25.00%   +8.33 pp  ██████▋
            Q2             95.00      63.33%    50.00%  +13.33 pp  ████████████▋
            Q3             95.00      63.33%    75.00%  -11.67 pp  ████████████▋
            Q4             95.00      63.33%   100.00%  -36.67 pp  ████████████▋
            projects more than 10.00 pp behind the schedule (! marks the periods):
            编号      Q1      Q2       Q3       Q4
            ----  ------  ------  -------  -------
            a     0.00%!  45.00%  45.00%!  45.00%!
            """)
    }

    /// On a terminal that draws them two columns wide, the columns after them move right by as much.
    @Test func wideTable() {
        #expect(AmbiguousWidthTests.output(.wide) == """
            编号  项目名称          预算(万元)   执行率
            ----  ----------------  ----------  -------
            a     “三支一扶”补贴      100.00   45.00%
            b     档案                   50.00  100.00%
            ----  ----------------  ----------  -------
            合计                        150.00   63.33%
            期间  累计支出(万元)  累计执行率  序时进度       差异  执行进度
            ----  --------------  ----------  --------  ---------  --------------------------
            Q1             50.00      33.33%    25.00%   +8.33 pp  ██████▋
            Q2             95.00      63.33%    50.00%  +13.33 pp  ████████████▋
            Q3             95.00      63.33%    75.00%  -11.67 pp  ████████████▋
            Q4             95.00      63.33%   100.00%  -36.67 pp  ████████████▋
            projects more than 10.00 pp behind the schedule (! marks the periods):
            编号      Q1      Q2       Q3       Q4
            ----  ------  ------  -------  -------
            a     0.00%!  45.00%  45.00%!  45.00%!
            """)
    }

    @Test func theEnvironmentChoosesTheDefault() {
        #expect(AmbiguousWidth.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .wide)
        #expect(AmbiguousWidth.fromEnvironment(["LANG": "zh_CN.UTF-8", "EVALSHELL_AMBIGUOUS": "narrow"]) == .narrow)
        #expect(AmbiguousWidth.fromEnvironment(["LANG": "en_US.UTF-8", "EVALSHELL_AMBIGUOUS": "wide"]) == .wide)
        #expect(AmbiguousWidth.fromEnvironment(["LANG": "C.UTF-8"]) == .narrow)
    }
}
