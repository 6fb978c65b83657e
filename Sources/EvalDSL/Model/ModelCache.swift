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
    /// year), and its full-year budget, by project index; `unknown` where not yet computed. A what-if
    /// never changes the model, its payments and budget changes are added on top by the caller, so
    /// these stay right under every scenario.
    private struct ProjectSums {
        var from: Int32 = 0, through: Int32 = -1
        var paid: [Int128] = []
        var budget: [Int128] = []

        mutating func reset(_ count: Int, _ from: Int32, _ through: Int32) {
            guard self.from != from || self.through != through || paid.count != count else { return }
            self = ProjectSums(from: from, through: through, paid: Array(repeating: ModelCache.unknown, count: count),
                               budget: Array(repeating: ModelCache.unknown, count: count))
        }
    }
    private let projectSums = Mutex(ProjectSums())
    private static let unknown = Int128.min
    /// A budget that cannot be computed (not stated, say): the caller's general path says why.
    private static let noBudget = Int128.min + 1

    /// Project `p`'s baseline payments from `from` through `through` (day numbers): `compute` runs
    /// the first time for that project and window, later calls read the stored sum.
    func projectPaid(_ p: Int, of count: Int, from: Int32, through: Int32, _ compute: () -> Int128) -> Int128 {
        projectSums.withLock { s in
            s.reset(count, from, through)
            if s.paid[p] == ModelCache.unknown { s.paid[p] = compute() }
            return s.paid[p]
        }
    }

    /// Project `p`'s baseline payments (as `projectPaid`) and full-year budget (nil when `budget`
    /// gave nil), under one lock: `rate(p)` for each project of a `for` list needs both.
    func projectBaseline(_ p: Int, of count: Int, from: Int32, through: Int32,
                         paid: () -> Int128, budget: () -> Int128?) -> (paid: Int128, budget: Int128?) {
        projectSums.withLock { s in
            s.reset(count, from, through)
            if s.paid[p] == ModelCache.unknown { s.paid[p] = paid() }
            if s.budget[p] == ModelCache.unknown { s.budget[p] = budget() ?? ModelCache.noBudget }
            let b = s.budget[p]
            return (s.paid[p], b == ModelCache.noBudget ? nil : b)
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
