import Synchronization

/// Figures derived from one version of a model and reused until it changes: the members of groups
/// whose conditions depend only on the projects' own attributes. A model gets a fresh cache whenever
/// its projects, payments or groups change, so nothing here is ever stale; a copy of a model shares
/// the cache of the version it was copied from, which is right because it is the same version.
final class ModelCache: Sendable {
    private let members = Mutex<[String: [Int]]>([:])
    /// Baseline sums of groups over their members (without a scenario), by group key and figure.
    private let sums = Mutex<[String: Int128]>([:])

    /// Baseline payments of each project within the one window of days they were asked for (the
    /// fiscal year), by project index; `unknown` where not yet computed. A what-if never changes the
    /// model, its payments are added on top by the caller, so these stay right under every scenario.
    private struct ProjectSums {
        var from: Int32 = 0, through: Int32 = -1
        var paid: [Int128] = []

        mutating func reset(_ count: Int, _ from: Int32, _ through: Int32) {
            guard self.from != from || self.through != through || paid.count != count else { return }
            self = ProjectSums(from: from, through: through, paid: Array(repeating: ModelCache.unknown, count: count))
        }
    }
    private let projectSums = Mutex(ProjectSums())
    private let baselines = Mutex<ProjectBaselines?>(nil)
    private static let unknown = Int128.min

    /// Project `p`'s baseline payments from `from` through `through` (day numbers): `compute` runs
    /// the first time for that project and window, later calls read the stored sum.
    func projectPaid(_ p: Int, of count: Int, from: Int32, through: Int32, _ compute: () -> Int128) -> Int128 {
        if let all = baselines.withLock({ $0 }), all.from == from, all.through == through, all.count == count {
            return all.paid(p)
        }
        return projectSums.withLock { s in
            s.reset(count, from, through)
            if s.paid[p] == ModelCache.unknown { s.paid[p] = compute() }
            return s.paid[p]
        }
    }

    /// Every project's baseline payments from `from` through `through` and full-year budget, all
    /// computed the first time (`paid` writes the sums of all `count` projects, `budget` their
    /// budgets, `ProjectBaselines.noBudget` where the general path must say why there is none), then
    /// shared: `rate(p)` for each project of a `for` list reads them without a lock per project.
    func projectBaselines(count: Int, from: Int32, through: Int32, paid: (UnsafeMutableBufferPointer<Int128>) -> Void,
                          budget: (UnsafeMutableBufferPointer<Int128>) -> Void) -> ProjectBaselines {
        baselines.withLock { all in
            if let all, all.from == from, all.through == through, all.count == count { return all }
            let made = ProjectBaselines(from: from, through: through, count: count, paid: paid, budget: budget)
            all = made
            return made
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

/// Every project's payments within one window of days and full-year budget, without a scenario.
/// Read by address: a loop over 50,000 projects reads two numbers a project, and an array read
/// through a class would retain the array each time.
final class ProjectBaselines: @unchecked Sendable {
    let from: Int32, through: Int32
    let count: Int
    /// Payments in the window, by project; immutable once made.
    private let paidFen: UnsafePointer<Int128>
    /// Budgets by project; `noBudget` where one cannot be computed (not stated, say).
    private let budgets: UnsafePointer<Int128>
    static let noBudget = Int128.min

    init(from: Int32, through: Int32, count: Int, paid: (UnsafeMutableBufferPointer<Int128>) -> Void,
         budget: (UnsafeMutableBufferPointer<Int128>) -> Void) {
        (self.from, self.through, self.count) = (from, through, count)
        let p = UnsafeMutableBufferPointer<Int128>.allocate(capacity: max(1, count))
        p.initialize(repeating: 0)
        paid(UnsafeMutableBufferPointer(rebasing: p[0..<count]))
        let b = UnsafeMutableBufferPointer<Int128>.allocate(capacity: max(1, count))
        b.initialize(repeating: ProjectBaselines.noBudget)
        budget(UnsafeMutableBufferPointer(rebasing: b[0..<count]))
        (paidFen, budgets) = (UnsafePointer(p.baseAddress!), UnsafePointer(b.baseAddress!))
    }

    deinit {
        paidFen.deallocate()
        budgets.deallocate()
    }

    /// Project p's full-year budget in fen; nil where the general path must say why there is none.
    @inline(__always)
    func budget(_ p: Int) -> Int128? {
        precondition(p >= 0 && p < count, "a project the baselines were not made for")
        let b = budgets[p]
        return b == ProjectBaselines.noBudget ? nil : b
    }

    /// Project p's payments in the window, in fen.
    @inline(__always)
    func paid(_ p: Int) -> Int128 {
        precondition(p >= 0 && p < count, "a project the baselines were not made for")
        return paidFen[p]
    }
}
