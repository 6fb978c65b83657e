// Chinese templates of notes: what a statement adds under its result (table totals, lags, loads).
extension Catalogue {
    static let zhNotes: [(String, String)] = [
    ]
}
