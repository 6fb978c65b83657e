import EvalDSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Projects as a budget system exports them. Excel style: a BOM, CRLF, amounts with separators.
func writeProjectsCSV(_ ps: [GenProject], to path: String, encoding: TextEncoding, excelStyle: Bool) throws {
    let o = try Output(path, encoding: encoding, bom: excelStyle && encoding == .utf8)
    let nl = excelStyle ? "\r\n" : "\n"
    o.line("项目编码,项目名称,资金来源,支出类别,年初预算数（元）,调整后预算数（元）,自评等级,标签" + nl)
    for p in ps {
        let money = { (f: Int64) -> String in excelStyle ? "\"" + yuan(f, thousands: true) + "\"" : yuan(f) }
        let tags = p.tags.joined(separator: "、")
        o.line("\(p.id),\(p.name),\(p.source),\(p.category),\(money(p.initialFen)),\(money(p.adjustedFen)),\(p.grade),\(tags)" + nl)
    }
    o.close()
}

/// Payments as a treasury system exports them, by date. Excel style adds the project's name and a
/// note, dates as Excel writes them in a Chinese locale (2020/3/5), CRLF.
func writePaymentsCSV(_ ps: [GenProject], _ pay: (project: [Int32], fen: [Int64], day: [Int32], note: [UInt8]),
                      to path: String, encoding: TextEncoding, excelStyle: Bool) throws {
    let o = try Output(path, encoding: encoding)
    if excelStyle {
        o.line("项目编码,项目名称,支付金额（元）,支付日期,摘要\r\n")
        for k in pay.fen.indices {
            let p = ps[Int(pay.project[k])]
            let c = CivilDate(dayNumber: pay.day[k]).components
            o.line("\(p.id),\(p.name),\(yuan(pay.fen[k])),\(c.year)/\(c.month)/\(c.day),\(Generator.notes[Int(pay.note[k])])\r\n")
        }
    } else {
        o.line("项目编码,支付金额,支付日期\n")
        for k in pay.fen.indices {
            o.line(ps[Int(pay.project[k])].id + "," + yuan(pay.fen[k]) + "," + CivilDate(dayNumber: pay.day[k]).description + "\n")
        }
    }
    o.close()
}

/// Projects in a workbook as finance offices lay them out: a title, the unit, then the header;
/// budgets in 万元 as numbers.
func writeProjectsXLSX(_ ps: [GenProject], year: Int, to path: String) throws {
    var rows: [[XLSXWriter.Cell]] = [
        [.text("\(year)年度部门项目支出预算表")],
        [.text("单位：万元")],
        ["项目编码", "项目名称", "资金来源", "支出类别", "年初预算数", "调整后预算数", "自评等级", "标签"].map { .text($0) },
    ]
    for p in ps {
        rows.append([.text(p.id), .text(p.name), .text(p.source), .text(p.category), .number(wan(p.initialFen)),
                     .number(wan(p.adjustedFen)), .text(p.grade), p.tags.isEmpty ? .empty : .text(p.tags.joined(separator: "、"))])
    }
    let bytes = try XLSXWriter.workbook(sheets: [XLSXWriter.Sheet(name: "项目支出", rows: rows)])
    let o = try Output(path, encoding: .utf8)
    o.raw(bytes)
    o.close()
}

/// Wall-clock and CPU time of loading the projects, then the payments; medians of `runs`. CPU time
/// is what to compare when the machine is shared: others' work does not add to it.
func timeLoad(dir: String, runs: Int, year: Int) throws {
    var base = BudgetModel()
    base.year = year
    var wall: [[Double]] = [[], []], cpu: [[Double]] = [[], []]
    var loaded = [0, 0]
    var lastModel: BudgetModel?
    for _ in 0..<runs {
        var model = base
        for (i, kind) in [LoadKind.projects, .payments].enumerated() {
            let file = dir + (kind == .projects ? "/projects.csv" : "/payments.csv")
            let clock = ContinuousClock()
            let c0 = cpuSeconds()
            let t0 = clock.now
            let out = try loadTable(path: file, into: model, options: LoadOptions(kind: kind))
            wall[i].append(seconds(clock.now - t0))
            cpu[i].append(cpuSeconds() - c0)
            model = out.model
            loaded[i] = out.rowsLoaded
            lastModel = out.model
        }
    }
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    var st = stat()
    if stat(dir + "/projects.xlsx", &st) == 0 {
        var times: [Double] = []
        var rows = 0
        for _ in 0..<runs {
            let c0 = cpuSeconds()
            rows = try loadTable(path: dir + "/projects.xlsx", into: base, options: LoadOptions(kind: .projects)).rowsLoaded
            times.append(cpuSeconds() - c0)
        }
        print("projects.xlsx: \(rows) rows: \(ms(median(times))) CPU (median of \(runs))")
    }
    let size = stat(dir + "/payments.csv", &st) == 0 ? Int(st.st_size) : 0
    print("projects: \(loaded[0]) rows: \(ms(median(wall[0]))) wall, \(ms(median(cpu[0]))) CPU (medians of \(runs))")
    let w = median(wall[1]), c = median(cpu[1])
    print("payments: \(loaded[1]) rows, \(size / 1_000_000) MB: \(ms(w)) wall, \(ms(c)) CPU (medians of \(runs)); "
        + "\(Int(Double(loaded[1]) / c / 1000)) thousand rows/s, \(Int(Double(size) / c / 1_000_000)) MB/s of CPU time")
    // The last step of a payments load hands the columns to PaymentTable, which sorts them by project
    // and day: timed here on its own, to tell the reading of the file from the building of the table.
    if let model = lastModel, model.payments.count > 0 {
        var projects: [Int32] = [], fen: [Int64] = [], days: [Int32] = []
        for p in 0..<model.projects.count {
            for pay in model.payments.payments(of: p) {
                projects.append(Int32(p)); fen.append(pay.fen); days.append(pay.day)
            }
        }
        var times: [Double] = []
        for _ in 0..<runs {
            var table = PaymentTable()
            let c0 = cpuSeconds()
            table.append(projects: projects, fen: fen, days: days)
            times.append(cpuSeconds() - c0)
        }
        print("  of which PaymentTable.append(projects:fen:days:) of the same columns: \(ms(median(times))) CPU")
    }
}

func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func ms(_ s: Double) -> String {
    let v = (s * 10_000).rounded() / 10
    return "\(v) ms"
}
