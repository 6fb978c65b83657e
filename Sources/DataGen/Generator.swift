import EvalDSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: a small, fast, well-mixed generator whose sequence depends only on its seed, so the
/// same command writes the same bytes on every machine. Integers only: no floating point, no libm.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (the modulo bias is below 2⁻³⁰ for the sizes used here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// true with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// An item of `items` chosen with the integer weights given.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var r = below(items.reduce(0) { $0 + $1.1 })
        for (item, w) in items {
            if r < w { return item }
            r -= w
        }
        return items[items.count - 1].0
    }
}

/// One generated project.
struct GenProject {
    var id: String
    var name: String
    var source: String
    var category: String
    var initialFen: Int64
    var adjustedFen: Int64
    var grade: String
    var tags: [String]
    /// What will be paid in all, fen.
    var paidFen: Int64
}

/// Province-scale budget data: projects with Chinese names from word lists, four funding sources,
/// budgets in 元 with fen, and payments over the fiscal year with some in the next January and
/// February. Project identities (ids, names, sources) depend on the seed only, the numbers on the
/// seed and the year, so two years of the same seed are the same projects with different figures.
struct Generator {
    let projectCount: Int
    let paymentCount: Int
    let year: Int
    let seed: UInt64

    static let places = ["城关", "七里河", "西固", "安宁", "红古", "永登", "皋兰", "榆中", "新区", "东岗", "雁滩", "秦川",
                         "中川", "西岔", "树屏", "上川", "黄河", "金城", "定远", "夏官营"]
    static let subjects = ["档案智能库房", "职称评审", "人才培训", "乡村振兴", "农村公路", "农村饮水安全", "义务教育", "学前教育",
                           "基层医疗卫生", "公共文化", "全民健身设施", "人居环境整治", "污水处理", "垃圾分类", "应急管理",
                           "网格化管理", "数字政务", "社区服务", "老旧小区改造", "就业创业", "科技创新", "中小企业发展",
                           "河道治理", "森林防火", "农业技术推广", "动物防疫", "食品安全监管", "社会救助", "残疾人康复",
                           "退役军人服务", "离任村干部", "高标准农田", "文物保护", "妇幼保健", "法律援助", "消防救援"]
    static let kinds = ["建设项目", "工作经费", "专项资金", "补助资金", "运行维护", "能力提升", "设备购置", "改造工程",
                        "培训经费", "奖补资金"]
    static let tagWords = ["民生", "基建", "人才", "信息化", "教育", "生态"]
    static let notes = ["工程进度款", "设备采购", "培训费", "补助发放", "劳务费", "维修维护费", "委托业务费", "差旅费", "印刷费", "物业管理费"]

    static func id(_ k: Int) -> String {
        let digits = String(k + 1)
        return "XM" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    func projects() -> [GenProject] {
        var who = SplitMix64(state: seed)
        var figures = SplitMix64(state: seed ^ (UInt64(year) &* 0x2545_F491_4F6C_DD1D))
        var usedNames: [String: Int] = [:]
        var out: [GenProject] = []
        out.reserveCapacity(projectCount)
        for k in 0..<projectCount {
            let place = Generator.places[who.below(Generator.places.count)]
            let subject = Generator.subjects[who.below(Generator.subjects.count)]
            let kind = Generator.kinds[who.below(Generator.kinds.count)]
            var name = place + subject + kind
            let n = (usedNames[name] ?? 0) + 1
            usedNames[name] = n
            if n > 1 { name += "（\(chineseOrdinal(n))期）" }
            let source = who.weighted([("本级", 45), ("省级", 20), ("市级", 20), ("中央", 15)])
            let category = who.chance(12) ? "基本支出" : "项目支出"
            var tags: [String] = []
            if who.chance(30) { tags.append(Generator.tagWords[who.below(Generator.tagWords.count)]) }
            if who.chance(10) { tags.append(Generator.tagWords[who.below(Generator.tagWords.count)]) }
            if tags.count == 2 && tags[0] == tags[1] { tags.removeLast() }

            // Budgets from 2万 to about 2,000万 元: a scale, a factor, and the usual roundness.
            let scales: [Int64] = [2, 5, 10, 20, 50, 100, 200, 500, 800]
            let scale = scales[figures.below(scales.count)] * 1_000_000          // 万元 in fen
            var initial = scale * Int64(100 + figures.below(150)) / 100
            switch figures.below(10) {
            case 0..<6: initial = initial / 1_000_000 * 1_000_000                 // whole 万元
            case 6..<9: initial = initial / 100 * 100                             // whole 元
            default: initial += Int64(figures.below(100))                         // with fen
            }
            initial = max(initial, 1_000_000)
            var adjusted = initial
            if figures.chance(25) {
                adjusted = initial * Int64(80 + figures.below(51)) / 100 / 10_000 * 10_000
            }
            let ratio = Int64(figures.chance(3) ? 0 : 35 + figures.below(71))     // per cent of the budget paid
            let grade = figures.weighted([("优", 40), ("良", 35), ("中", 20), ("差", 5)])
            out.append(GenProject(id: Generator.id(k), name: name, source: source, category: category,
                                  initialFen: initial, adjustedFen: adjusted, grade: grade, tags: tags,
                                  paidFen: adjusted * ratio / 100))
        }
        return out
    }

    /// Payments as columns, ordered by date as a treasury export is.
    func payments(_ projects: [GenProject]) -> (project: [Int32], fen: [Int64], day: [Int32], note: [UInt8]) {
        var r = SplitMix64(state: seed ^ (UInt64(year) &* 0x9E37_79B9) ^ 0x5151)
        let payers = projects.indices.filter { projects[$0].paidFen > 0 }
        guard !payers.isEmpty else { return ([], [], [], []) }
        // Who is paid, and a weight per payment; then each project's total split by the weights.
        var who = [Int32](repeating: 0, count: paymentCount)
        var weight = [UInt8](repeating: 0, count: paymentCount)
        var count = [Int32](repeating: 0, count: projects.count)
        var weights = [Int64](repeating: 0, count: projects.count)
        for k in 0..<paymentCount {
            let p = payers[r.below(payers.count)]
            who[k] = Int32(p)
            weight[k] = UInt8(1 + r.below(100))
            count[p] += 1
            weights[p] += Int64(weight[k])
        }
        var left = projects.map(\.paidFen)
        var fen = [Int64](repeating: 0, count: paymentCount)
        var day = [Int32](repeating: 0, count: paymentCount)
        var note = [UInt8](repeating: 0, count: paymentCount)
        let months = [3, 5, 7, 7, 8, 8, 8, 8, 9, 9, 10, 18].enumerated().map { ($0.offset + 1, $0.element) }
        for k in 0..<paymentCount {
            let p = Int(who[k])
            count[p] -= 1
            if count[p] == 0 {
                fen[k] = left[p]
            } else {
                let share = max(1, projects[p].paidFen / max(weights[p], 1) * Int64(weight[k]))
                fen[k] = min(share, max(left[p] - Int64(count[p]), 0))
            }
            left[p] -= fen[k]
            // Some payments fall in the next January or February (subsidies paid after the year).
            var y = year, m: Int
            if r.chance(7) { y += 1; m = 1 + r.below(2) } else { m = r.weighted(months) }
            let d = 1 + r.below(CivilDate.daysIn(year: y, month: m))
            day[k] = CivilDate(year: y, month: m, day: d)!.dayNumber
            note[k] = UInt8(r.below(Generator.notes.count))
        }
        // Counting sort by day, stable: the export's order.
        let first = CivilDate(year: year, month: 1, day: 1)!.dayNumber
        let span = Int(CivilDate(year: year + 1, month: 2, day: 29 - (CivilDate.isLeap(year + 1) ? 0 : 1))!.dayNumber - first) + 1
        var starts = [Int](repeating: 0, count: span + 1)
        for d in day { starts[Int(d - first) + 1] += 1 }
        for i in 1...span { starts[i] += starts[i - 1] }
        var order = [Int](repeating: 0, count: paymentCount)
        for k in 0..<paymentCount {
            let b = Int(day[k] - first)
            order[starts[b]] = k
            starts[b] += 1
        }
        return (order.map { who[$0] }, order.map { fen[$0] }, order.map { day[$0] }, order.map { note[$0] })
    }
}

func chineseOrdinal(_ n: Int) -> String {
    let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    return n <= 10 ? digits[n] : String(n)
}

/// `123456` fen → `1234.56`.
func yuan(_ fen: Int64, thousands: Bool = false) -> String {
    let negative = fen < 0
    let m = fen.magnitude
    var whole = String(m / 100)
    if thousands {
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        whole = grouped
    }
    let cents = m % 100
    return (negative ? "-" : "") + whole + "." + (cents < 10 ? "0" : "") + String(cents)
}

/// `fen` in 万元, exactly (up to 6 decimals, trailing zeros dropped).
func wan(_ fen: Int64) -> String {
    let m = fen.magnitude
    var frac = String(m % 1_000_000)
    frac = String(repeating: "0", count: 6 - frac.count) + frac
    while frac.last == "0" { frac.removeLast() }
    return (fen < 0 ? "-" : "") + String(m / 1_000_000) + (frac.isEmpty ? "" : "." + frac)
}

/// A buffered file writer: whole lines in, bytes out in large writes, optionally GB18030.
final class Output {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let codec: TextCodec?
    let path: String
    private(set) var bytes = 0

    init(_ path: String, encoding: TextEncoding, bom: Bool = false) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw GenError("cannot write \(path): \(String(cString: strerror(errno)))") }
        codec = encoding == .gb18030 ? try TextCodec(.gb18030, direction: .encode) : nil
        buffer.reserveCapacity(1 << 20)
        if bom { write(encoding == .utf8 ? [0xEF, 0xBB, 0xBF] : [0x84, 0x31, 0x95, 0x33]) }
    }

    func line(_ s: String) {
        buffer += s.utf8
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Bytes as they are, in no encoding (for fixtures).
    func raw(_ b: [UInt8]) {
        flush()
        write(b)
    }

    private func write(_ b: [UInt8]) {
        b.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { break }
                off += n
            }
        }
        bytes += b.count
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        if let codec {
            // Whole lines only are in the buffer, so no character is split.
            write(codec.encode(String(decoding: buffer, as: UTF8.self)))
        } else {
            write(buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        Glibc.close(fd)
    }
}

struct GenError: Error, CustomStringConvertible {
    var description: String
    init(_ s: String) { description = s }
}
