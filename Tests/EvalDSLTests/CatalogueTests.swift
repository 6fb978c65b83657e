import Foundation
import Testing
@testable import EvalDSL

/// Every message has both forms: each `L("…")` key in Sources/ has a Chinese entry, each Chinese
/// entry is a key still used, and each template uses exactly the values its key interpolates.
@Suite struct CatalogueTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The keys of every `L("…")` in the Swift files under Sources/, with where each is.
    static func keysInSources() throws -> [String: String] {
        var keys: [String: String] = [:]
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        for f in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)
            for (k, line) in messageKeys(in: text) { keys[k] = keys[k] ?? "\(f):\(line)" }
        }
        return keys
    }

    /// The key of each `L("…")` in `text` (a call whose name is not the end of a longer identifier):
    /// the literal with each `\(…)` replaced by `{}` and escapes resolved, as `Message.key` builds it.
    static func messageKeys(in text: String) -> [(String, Int)] {
        let c = Array(text.unicodeScalars)
        var out: [(String, Int)] = []
        var i = 0, line = 1
        func isIdent(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic || ("0"..."9").contains(s) }
        while i < c.count {
            if c[i] == "\n" {
                line += 1
                // A comment line is not code: skip it whole.
                var k = i + 1
                while k < c.count, c[k] == " " || c[k] == "\t" { k += 1 }
                if k + 1 < c.count, c[k] == "/", c[k + 1] == "/" {
                    i = k
                    while i + 1 < c.count, c[i + 1] != "\n" { i += 1 }
                    i += 1
                    continue
                }
            }
            guard c[i] == "L", i + 2 < c.count, c[i + 1] == "(", c[i + 2] == "\"", i == 0 || !isIdent(c[i - 1]) else { i += 1; continue }
            var j = i + 3
            var key = ""
            while j < c.count, c[j] != "\"" {
                if c[j] == "\\", j + 1 < c.count {
                    switch c[j + 1] {
                    case "(":
                        // Skip the interpolated expression: balanced brackets, strings inside skipped whole.
                        var depth = 1
                        j += 2
                        while j < c.count, depth > 0 {
                            if c[j] == "\"" {
                                j += 1
                                while j < c.count, c[j] != "\"" { j += c[j] == "\\" ? 2 : 1 }
                            } else if c[j] == "(" { depth += 1 } else if c[j] == ")" { depth -= 1 }
                            j += 1
                        }
                        key += "{}"
                        continue
                    case "n": key += "\n"
                    case "t": key += "\t"
                    default: key.unicodeScalars.append(c[j + 1])
                    }
                    j += 2
                } else {
                    key.unicodeScalars.append(c[j])
                    j += 1
                }
            }
            out.append((key, line))
            i = j + 1
        }
        return out
    }

    @Test func everyMessageHasAChineseForm() throws {
        let keys = try CatalogueTests.keysInSources()
        #expect(keys.count > 20)
        let missing = keys.filter { Catalogue.zh[$0.key] == nil }.map { "\($0.value): \($0.key)" }.sorted()
        #expect(missing.isEmpty, "no Chinese for:\n\(missing.joined(separator: "\n"))")
    }

    /// The summaries `:help` shows are data: each has a Chinese form by its English text.
    static var helpTexts: Set<String> { Set(Statements.all.map(\.summary) + Builtins.all.map(\.summary)) }

    @Test func everySummaryHasAChineseForm() {
        let missing = CatalogueTests.helpTexts.filter { Catalogue.zh[$0] == nil }.sorted()
        #expect(missing.isEmpty, "no Chinese for:\n\(missing.joined(separator: "\n"))")
    }

    @Test func everyChineseEntryIsUsed() throws {
        var keys = try CatalogueTests.keysInSources()
        for t in CatalogueTests.helpTexts { keys[t] = "summary" }
        let unused = Catalogue.zhEntries.map(\.0).filter { keys[$0] == nil }
        #expect(unused.isEmpty, "no longer used: \(unused)")
    }

    @Test func noKeyIsGivenTwice() {
        var seen = Set<String>()
        let twice = Catalogue.zhEntries.map(\.0).filter { !seen.insert($0).inserted }
        #expect(twice.isEmpty, "\(twice)")
    }

    /// A template names each of its key's values once, by number, and no other.
    @Test func templatesUseEachValue() {
        for (key, template) in Catalogue.zhEntries {
            let n = key.components(separatedBy: "{}").count - 1
            let values = (0..<n).map { "\u{1}\($0)\u{1}" }
            let filled = Catalogue.fill(template, values)
            for v in values { #expect(filled.components(separatedBy: v).count == 2, "\(key) → \(template)") }
            #expect(filled.range(of: #"\{[0-9]+\}"#, options: .regularExpression) == nil, "\(key) → \(template)")
        }
    }

    @Test func messagesFollowTheLanguage() {
        let a = "12.50万元", b = "12.00万元"
        #expect(Language.$current.withValue(.en) { L("computed \(a)") + L(", claimed \(b)") } == "computed 12.50万元, claimed 12.00万元")
        #expect(Language.$current.withValue(.zh) { L("computed \(a)") + L(", claimed \(b)") } == "计算数 12.50万元，报告数 12.00万元")
        let m: Message = "computed \(a), x"
        #expect(m.key == "computed {}, x")
    }

    @Test func theScannerReadsKeysAsMessagesBuildThem() {
        let src = #"x = URL("no"); y = L("a \(f("q)")) b\n\"c\""); L("plain")"#
        #expect(CatalogueTests.messageKeys(in: src).map(\.0) == ["a {} b\n\"c\"", "plain"])
    }

    /// A notebook's header records the language its output starts in; none means English.
    @Test func notebooksRecordTheirLanguage() {
        #expect(Notebook(name: "a.evl", text: "#> lang zh\n#> input b.evl sha256:00\n1 + 1\n#> 2\n").recordedLanguage == .zh)
        #expect(Notebook(name: "a.evl", text: "1 + 1\n#> 2\n").recordedLanguage == .en)
        // Replayed in it, whatever the language of the task that replays it.
        let run = Language.$current.withValue(.en) { NotebookRunner.run(Notebook(name: "a.evl", text: "#> lang zh\ncheck 1 = 2\n#> ✗ 1 = 2 — 计算数 1，报告数 2，相差 -1\n")) }
        #expect(run.passed)
        let english = Language.$current.withValue(.zh) { NotebookRunner.run(Notebook(name: "a.evl", text: "check 1 = 2\n#> ✗ 1 = 2 — computed 1, claimed 2, difference -1\n")) }
        #expect(english.passed)
    }

    @Test func theLocaleChoosesTheLanguage() {
        #expect(Language.fromLocale(["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.fromLocale(["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]) == .en)
        #expect(Language.fromLocale(["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"]) == .zh)
        #expect(Language.fromLocale([:]) == .en)
    }
}
