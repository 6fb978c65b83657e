/// A message built by string interpolation: its literal segments, with `{}` for each interpolated
/// value, are its key in the catalogue; English is the key itself with the values put back.
///
/// `L("computed \(a), claimed \(b)")` has the key `computed {}, claimed {}`; the Chinese template
/// refers to the values by number (`计算值 {0}，报告值 {1}`) so the word order can differ.
public struct Message: ExpressibleByStringInterpolation, Sendable {
    /// Literal segments, one more than `values`.
    var segments: [String]
    var values: [String]

    public init(stringLiteral value: String) {
        segments = [value]
        values = []
    }

    public init(stringInterpolation: StringInterpolation) {
        segments = stringInterpolation.segments + [stringInterpolation.pending]
        values = stringInterpolation.values
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var segments: [String] = []
        var values: [String] = []
        var pending = ""

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { pending += literal }

        public mutating func appendInterpolation<T>(_ value: T) {
            segments.append(pending)
            pending = ""
            values.append(String(describing: value))
        }
    }

    /// The catalogue key: the literal segments joined by `{}`.
    public var key: String { segments.joined(separator: "{}") }

    /// The English text: the key with the values in place.
    public var english: String {
        var out = segments[0]
        for (k, v) in values.enumerated() { out += v + segments[k + 1] }
        return out
    }

    /// The text in `language`; a message without a Chinese entry stays English (a test finds it).
    public func text(in language: Language) -> String {
        switch language {
        case .en: return english
        case .zh:
            guard let template = Catalogue.zh[key] else { return english }
            return Catalogue.fill(template, values)
        }
    }
}

/// A message in the current language (`Language.current`).
public func L(_ message: Message) -> String {
    message.text(in: Language.current)
}
