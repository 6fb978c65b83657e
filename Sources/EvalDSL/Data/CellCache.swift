/// What the bytes of a CSV cell meant when a row of this load had them before: a column that takes
/// a handful of values (资金来源, 支出类别, 自评等级, 标签) then costs a comparison of two words per
/// value remembered, not a String and string comparisons. Only values worth remembering are put in
/// (a known source, the tags a cell splits into), and at most `limit` of them, so a column of free
/// text does not grow it without end.
struct CellCache<Value> {
    /// A key of at most 16 bytes as its length and two words (`ByteKeyTable.words`).
    private struct Short {
        var count: Int
        var w0: UInt64
        var w1: UInt64
    }

    /// The first few short keys, compared one by one: cheaper than a hash for a handful of words.
    private var short: [Short] = []
    private var shortValues: [Value] = []
    private static var shortLimit: Int { 16 }
    /// The other keys, hashed.
    private var keys: ByteKeyTable?
    private var values: [Value] = []
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The value cell `col` of `row` meant before, if its bytes were remembered; nil for a blank
    /// (zero-byte) cell, a workbook's cell, or bytes not seen.
    @inline(__always)
    func value(_ row: RowView, _ col: Int) -> Value? {
        guard col >= 0, row.kinds == nil, !(shortValues.isEmpty && values.isEmpty) else { return nil }
        return value(of: row.bytes(col))
    }

    /// The value the bytes `b` were remembered with.
    @inline(__always)
    func value(of b: UnsafeBufferPointer<UInt8>) -> Value? {
        guard !b.isEmpty else { return nil }
        let w = ByteKeyTable.words(b)
        if b.count <= 16 {
            let n = b.count
            let hit = short.withUnsafeBufferPointer { s -> Int? in
                for i in s.indices where s[i].w0 == w.0 && s[i].w1 == w.1 && s[i].count == n { return i }
                return nil
            }
            if let hit { return shortValues[hit] }
        }
        guard let keys, let i = keys.find(b, hash: ByteKeyTable.hash(b, w), words: w) else { return nil }
        return values[Int(i)]
    }

    /// The same cache with each value passed through `transform`.
    func mapValues(_ transform: (Value) -> Value) -> CellCache {
        var c = self
        c.shortValues = shortValues.map(transform)
        c.values = values.map(transform)
        return c
    }

    /// Remembers that the bytes of CSV cell `col` mean `value`.
    mutating func remember(_ row: RowView, _ col: Int, _ value: Value) {
        guard col >= 0, row.kinds == nil, short.count + values.count < limit else { return }
        let b = row.bytes(col)
        guard !b.isEmpty, self.value(of: b) == nil else { return }
        let w = ByteKeyTable.words(b)
        if b.count <= 16 && short.count < CellCache.shortLimit {
            short.append(Short(count: b.count, w0: w.0, w1: w.1))
            shortValues.append(value)
            return
        }
        if keys == nil { keys = ByteKeyTable() }
        keys!.insert(b, hash: ByteKeyTable.hash(b, w), words: w, value: Int32(values.count))
        values.append(value)
    }
}

/// A copy is read by another thread (`ProjectLineParser`).
extension CellCache: Sendable where Value: Sendable {}
