import EvalDSL
import Foundation
import Testing

/// `render` in report mode: the document a finance bureau reads (numbered Chinese sections, no code,
/// checks in tables, the findings, assumptions and inputs), in Markdown, HTML and PDF.
@Suite struct ReportModeTests {
    static let sample = "Tests/notebooks/report/docx-sample.evl"

    @Test func markdownReportReadsAsAReport() throws {
        let r = try Binary.run(["render", Self.sample, "--to", "md", "--report"])
        #expect(r.status == 0, "\(r.stderr)")
        let script = try Data(contentsOf: Binary.packageRoot.appendingPathComponent(Self.sample))
        let expected = """
        # 2020年度培训项目绩效自评报告

        本例检查报告的标题、章节、表格（含合并单元格）和图表。

        ## 一、项目概况

        | 核对项 | 报告数 | 计算数 | 结果 |
        | --- | ---: | ---: | --- |
        | 执行率 | 87.92% | 87.92% | ✓ 一致 |
        | 支出合计 | 100.00 万元 | 105.50 万元 | ✗ 不一致（见第1项） |

        ## 二、执行进度

        | 期间 | 累计支出(万元) | 累计执行率 | 序时进度 | 差异（百分点） | 执行进度 |
        | --- | ---: | ---: | ---: | ---: | --- |
        | Q1 | 40.00 | 33.33% | 25.00% | +8.33 | ██████▋ |
        | Q2 | 40.00 | 33.33% | 50.00% | -16.67 | ██████▋ |
        | Q3 | 85.00 | 70.83% | 75.00% | -4.17 | ██████████████▏ |
        | Q4 | 105.50 | 87.92% | 100.00% | -12.08 | █████████████████▋ |

        图1  累计执行率与序时进度（自左至右依次为Q1、Q2、Q3、Q4；蓝色柱：累计执行率；橙色柱：落后序时进度超过25个百分点的期间；红色虚线：序时进度；横向网格线每格25%）

        没有项目落后序时进度超过25个百分点。

        ## 三、绩效自评表

        ### 项目支出绩效自评表

        项目名称 省级人才培训项目绩效自评表 (培训)  
        实施单位 干部教育科  项目负责人 李明

        | 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: |
        | 年度资金总额 | 120.00 | 120.00 | 105.50 | 10.00 | 87.92% | 8.79 |

        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 自评得分 | 偏差原因分析及改进措施 |
        | --- | --- | --- | --- | --- | ---: | ---: | ---: | --- |
        | 产出 | 数量 | 主体班培训期数 | ≥4期 | 4期 | 25.00 | 25.00 | 25 |   |
        |   |   | 培训学员人次 | ≥600人次 | 600人次 | 25.00 | 25.00 | 25 |   |
        | 效益 | 社会效益 | 人才队伍专业能力 | 有效提升 | 达成 | 30.00 | 30.00 | 30 |   |
        | 满意度 | 服务对象满意度 | 参训学员满意度 | ≥90% | 95% | 10.00 | 10.00 | 10 |   |

        **总分 98.79（填报 98.79）  自评等级 优（填报 优）**

        自评结论  各项指标均已完成

        | 核对项 | 报告数 | 计算数 | 结果 |
        | --- | ---: | ---: | --- |
        | 培训 年度资金总额 执行率 | 87.92% | 87.92% | ✓ 一致 |
        | 培训 年度资金总额 得分 | 8.79 | 8.79 | ✓ 一致 |
        | 培训 得分 主体班培训期数 | 25.00 | 25.00 | ✓ 一致 |
        | 培训 得分 培训学员人次 | 25.00 | 25.00 | ✓ 一致 |
        | 培训 得分 人才队伍专业能力 | 30.00 | 24.00–30.00 | ✓ 一致 |
        | 培训 得分 参训学员满意度 | 10.00 | 10.00 | ✓ 一致 |
        | 培训 产出 分值合计 | 50.00 | 50.00 | ✓ 一致 |
        | 培训 效益 分值合计 | 30.00 | 30.00 | ✓ 一致 |
        | 培训 满意度 分值合计 | 10.00 | 10.00 | ✓ 一致 |
        | 培训 全部分值合计 | 100.00 | 100.00 | ✓ 一致 |
        | 培训 总分 | 98.79 | 98.79 | ✓ 一致 |
        | 培训 自评等级 | 优 | 优 | ✓ 一致 |
        | 培训 自评等级（按填报总分98.79） | 优 | 优 | ✓ 一致 |

        ## 四、核对结果

        共核对 15 项，14 项一致，1 项不一致。

        | 序号 | 核对项 | 计算数 | 报告数 | 差异 | 说明 |
        | ---: | --- | ---: | ---: | ---: | --- |
        | 1 | 支出合计 | 105.50 万元 | 100.00 万元 | +5.50 万元 | 支出合计应为105.50万元 |

        ## 五、假设与设定

        假设：

        - A1. 培训费均在当年支付。

        - 预算年度：2020
        - 金额单位：万元

        ## 附录：输入文件

        本报告由以下文件计算生成；文件内容变化时，校验值随之变化。

        | 文件 | SHA-256 |
        | --- | --- |
        | docx-sample.evl（分析脚本） | \(SHA256.hex([UInt8](script))) |

        """
        #expect(r.stdout == expected)
    }

    @Test func lagTableMarksWithATriangleAndTruthReadsAsWords() throws {
        let r = try Binary.run(["render", "Tests/notebooks/report/lag-and-ids.evl", "--to", "md", "--report"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("""
        落后序时进度超过25个百分点的项目：

        | 编号 | Q1 | Q2 | Q3 | Q4 |
        | --- | ---: | ---: | ---: | ---: |
        | XM00001 | 30.00% | 30.00% | 60.00% | ▲ 60.00% |
        | XM00002 | 0.00% | ▲ 10.00% | ▲ 10.00% | 90.00% |

        注：▲ 表示该期间累计执行率落后序时进度超过25个百分点。

        前三季度达到序时进度 否

        rate(项目) > 50%：是

        """))
        #expect(!r.stdout.contains("!") && !r.stdout.contains("false") && !r.stdout.contains("true"))
    }

    @Test func differencesOfRatesReadInPercentagePoints() throws {
        let r = try Binary.run(["render", "scripts/2020-organization-dept.evl", "--to", "md", "--report"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("| 3 | 本级执行率 | 36.41% | 37.29% | -0.88个百分点 | "))
        #expect(!r.stdout.contains(" pp"))
    }

    @Test func aScriptThatRunsAnotherShowsItsTablesNotItsPrintout() throws {
        let r = try Binary.run(["render", "Tests/notebooks/report/runs-another.evl", "--to", "md", "--report"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("# 2020年度执行进度（汇总）\n\n| 期间 | 累计支出(万元) |"))
        #expect(r.stdout.contains("| XM00002 | 0.00% | ▲ 10.00% | ▲ 10.00% | 90.00% |\n"))
        #expect(r.stdout.contains("| lag-and-ids.evl | "))
        #expect(!r.stdout.contains("projects more than") && !r.stdout.contains("----"))
    }

    @Test func codeShowsTheStatementsInReportMode() throws {
        let r = try Binary.run(["render", Self.sample, "--to", "md", "--report", "--code"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("```\nyear 2020\nunit 万元\nprint \"一、项目概况\"\n```\n\n## 一、项目概况\n"))
    }

    @Test func htmlReportIsPrintableAndHasNoCode() throws {
        let r = try Binary.run(["render", "scripts/2020-organization-dept.evl", "--to", "html", "--report"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("<title>2020年度新区组织部预算执行情况自评报告</title>"))
        #expect(r.stdout.contains("<h2>一、部门决算情况</h2>"))
        #expect(r.stdout.contains("<p>共核对 24 项，17 项一致，7 项不一致。</p>"))
        #expect(r.stdout.contains("@page{size:A4;"))
        #expect(r.stdout.contains("<div class=\"pagebreak\"></div>\n<h2>六、核对结果</h2>"))
        for code in ["<pre", "check \"", "variance(", "budget(项目支出)"] { #expect(!r.stdout.contains(code), "\(code)") }
        #expect(!r.stdout.contains("/work/"))
    }

    @Test func pdfIsPrintedByChromium() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evalshell-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.pdf")
        let r = try Binary.run(["render", Self.sample, "--to", "pdf", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let pdf = try Data(contentsOf: out)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(pdf.count > 10_000)
    }

    @Test func pdfWithoutChromiumSaysSo() throws {
        let r = try Binary.run(["render", Self.sample, "--to", "pdf", "-o", "/dev/null"], environment: ["PATH": "/nonexistent", "EVALSHELL_CHROMIUM": ""])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("evalshell: PDF needs Chromium (apt-get install chromium), which is not installed"))
    }
}
