import Testing
@testable import EvalDSL

/// The evaluated form in the reports, byte for byte: the official 项目支出绩效自评表 layout, 一级 and
/// 二级 merged with `rowspan` in HTML and shown once per group in Markdown, the checks after it.
@Suite struct FormReportWriterTests {
    static let notebook = Notebook(name: "f.evl", text: """
    # 表
    year 2020
    unit 万元
    project p "培训项目" budget 100
    pay p 90 on 2020-11-30
    form p "培训项目" unit "某单位" total 100
    execution p weight 10 score 9
    goal p expected "办班2期" achieved "办班2期"
    metric p 产出 数量 "培训期数" target "≥2期" actual "2期" weight 40 score 40
    metric p 产出 数量 "培训人次" target "≥100人次" actual "90人次" weight 20 score 18 reason "部分学员|请假"
    metric p 产出 质量 "合格率" target "≥95%" actual "96%" weight 20 score 20
    metric p 满意度 服务对象满意度 "满意度" target "≥90%" actual "92%" weight 10 score 10
    evaluate p

    """)

    @Test func html() {
        let html = String(decoding: NotebookReport.render(Self.notebook, format: .html), as: UTF8.self)
        #expect(html.contains("""
        <div class="form">
        <h2>项目支出绩效自评表</h2>
        <table class="form">
        <tr><th class="side">项目名称</th><td colspan="3">培训项目 (p)</td></tr>
        <tr><th class="side">主管部门</th><td></td><th>实施单位</th><td>某单位</td></tr>
        </table>
        <table class="form budget">
        <tr><th rowspan="2" class="side">项目资金<br>（万元）</th><th></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th><th>执行率</th><th>得分</th></tr>
        <tr><td>年度资金总额</td><td class="num">100.00</td><td class="num">100.00</td><td class="num">90.00</td><td class="num">10.00</td><td class="num">90.00%</td><td class="num">9.00</td></tr>
        </table>
        <table class="form">
        <tr><th rowspan="2" class="side">年度总体目标</th><th>预期目标</th><th>实际完成情况</th></tr>
        <tr><td class="text">办班2期</td><td class="text">办班2期</td></tr>
        </table>
        <table class="form">
        <tr><th rowspan="5" class="side">绩效指标</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>自评得分</th><th>偏差原因分析及改进措施</th></tr>
        <tr><td rowspan="3">产出</td><td rowspan="2">数量</td><td>培训期数</td><td>≥2期</td><td>2期</td><td class="num">40.00</td><td class="num">40.00</td><td class="num">40</td><td class="text"></td></tr>
        <tr><td>培训人次</td><td>≥100人次</td><td>90人次</td><td class="num">20.00</td><td class="num">18.00</td><td class="num">18</td><td class="text">部分学员|请假</td></tr>
        <tr><td>质量</td><td>合格率</td><td>≥95%</td><td>96%</td><td class="num">20.00</td><td class="num">20.00</td><td class="num">20</td><td class="text"></td></tr>
        <tr><td>满意度</td><td>服务对象满意度</td><td>满意度</td><td>≥90%</td><td>92%</td><td class="num">10.00</td><td class="num">10.00</td><td class="num">10</td><td class="text"></td></tr>
        </table>
        <table class="form">
        <tr class="total"><th class="side">总分</th><td class="num">97.00</td><td></td><th>自评等级</th><td>优</td><td></td></tr>
        </table>
        </div>
        <div class="result pass">✓ p: 年度资金总额 得分 = 9</div>

        """))
    }

    @Test func markdown() {
        let md = String(decoding: NotebookReport.render(Self.notebook, format: .markdown), as: UTF8.self)
        #expect(md.contains(#"""
        ### 项目支出绩效自评表

        项目名称 培训项目 (p)  
        实施单位 某单位

        | 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: |
        | 年度资金总额 | 100.00 | 100.00 | 90.00 | 10.00 | 90.00% | 9.00 |

        | 年度总体目标 | 预期目标 | 实际完成情况 |
        | --- | --- | --- |
        |   | 办班2期 | 办班2期 |

        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 自评得分 | 偏差原因分析及改进措施 |
        | --- | --- | --- | --- | --- | ---: | ---: | ---: | --- |
        | 产出 | 数量 | 培训期数 | ≥2期 | 2期 | 40.00 | 40.00 | 40 |   |
        |   |   | 培训人次 | ≥100人次 | 90人次 | 20.00 | 18.00 | 18 | 部分学员\|请假 |
        |   | 质量 | 合格率 | ≥95% | 96% | 20.00 | 20.00 | 20 |   |
        | 满意度 | 服务对象满意度 | 满意度 | ≥90% | 92% | 10.00 | 10.00 | 10 |   |

        **总分 97.00  自评等级 优**

        > ✓ p: 年度资金总额 得分 = 9


        """#))
    }

    /// The walker hands a writer the form as one block, then one check per stated cell.
    @Test func blocks() {
        var forms: [FormReport] = [], checks = 0
        for b in NotebookReport.walk(Self.notebook).blocks {
            if case .form(let f) = b { forms.append(f) }
            if case .check = b { checks += 1 }
        }
        #expect(forms.map(\.name) == ["p"])
        #expect(checks == 6)
    }
}
