import Synchronization

/// Figures derived from one version of a model and reused until it changes: the members of groups
/// whose conditions depend only on the projects' own attributes. A model gets a fresh cache whenever
/// its projects, payments or groups change, so nothing here is ever stale; a copy of a model shares
/// the cache of the version it was copied from, which is right because it is the same version.
final class ModelCache: Sendable {
    private let members = Mutex<[String: [Int]]>([:])
    /// Baseline sums of groups over their members (without a scenario), by group key and figure.
    private let sums = Mutex<[String: Int128]>([:])

    /// Baseline payments of each project within the one day window they were asked for (the fiscal
    /// year), by project index; `unknown` where not yet summed. A what-if never changes the model, its
    /// payments are added on top by the caller, so these stay right under every scenario.
    private let projectPaid = Mutex<(from: Int32, through: Int32, fen: [Int128])>((0, -1, []))
    private static let unknown = Int128.min

    /// Project `p`'s baseline payments from `from` through `through` (day numbers): `compute` runs
    /// the first time for that project and window, later calls read the stored sum.
    func projectPaid(_ p: Int, of count: Int, from: Int32, through: Int32, _ compute: () -> Int128) -> Int128 {
        projectPaid.withLock { cached in
            if cached.from != from || cached.through != through || cached.fen.count != count {
                cached = (from, through, Array(repeating: ModelCache.unknown, count: count))
            }
            if cached.fen[p] == ModelCache.unknown { cached.fen[p] = compute() }
            return cached.fen[p]
        }
    }

    func sum(_ key: String) -> Int128? {
        sums.withLock { $0[key] }
    }

    func setSum(_ key: String, _ value: Int128) {
        sums.withLock { $0[key] = value }
    }

    func groupMembers(_ name: String) -> [Int]? {
        members.withLock { $0[name] }
    }

    func setGroupMembers(_ name: String, _ value: [Int]) {
        members.withLock { $0[name] = value }
    }
}
