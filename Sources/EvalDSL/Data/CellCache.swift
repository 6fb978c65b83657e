/// What the bytes of a CSV cell meant when a row of this load had them before: a column that takes
/// a handful of values (资金来源, 支出类别, 自评等级, 标签) then costs a hash of its bytes and one probe
/// per row, not a String and string comparisons. Only values worth remembering are put in (a known
/// source, the tags a cell splits into), and at most `limit` of them, so a column of free text does
/// not grow it without end.
struct CellCache<Value> {
    private var keys = ByteKeyTable()
    private var values: [Value] = []
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// The value cell `col` of `row` meant before, if its bytes were remembered; nil for a blank
    /// (zero-byte) cell, a workbook's cell, or bytes not seen.
    @inline(__always)
    func value(_ row: RowView, _ col: Int) -> Value? {
        guard col >= 0, row.kinds == nil, !values.isEmpty else { return nil }
        return value(of: row.bytes(col))
    }

    /// The value the bytes `b` were remembered with.
    @inline(__always)
    func value(of b: UnsafeBufferPointer<UInt8>) -> Value? {
        guard !b.isEmpty else { return nil }
        let w = ByteKeyTable.words(b)
        let h = ByteKeyTable.hash(b, w)
        guard let i = keys.find(b, hash: h, words: w) else { return nil }
        return values[Int(i)]
    }

    /// Remembers that the bytes of CSV cell `col` mean `value`.
    mutating func remember(_ row: RowView, _ col: Int, _ value: Value) {
        guard col >= 0, row.kinds == nil, values.count < limit else { return }
        let b = row.bytes(col)
        guard !b.isEmpty, self.value(of: b) == nil else { return }
        let w = ByteKeyTable.words(b)
        keys.insert(b, hash: ByteKeyTable.hash(b, w), words: w, value: Int32(values.count))
        values.append(value)
    }
}
