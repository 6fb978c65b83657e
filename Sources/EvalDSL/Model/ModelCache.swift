import Synchronization

/// Figures derived from one version of a model and reused until it changes: the members of groups
/// whose conditions depend only on the projects' own attributes. A model gets a fresh cache whenever
/// its projects, payments or groups change, so nothing here is ever stale; a copy of a model shares
/// the cache of the version it was copied from, which is right because it is the same version.
final class ModelCache: Sendable {
    private let members = Mutex<[String: [Int]]>([:])
    /// Baseline sums of groups over their members (without a scenario), by group key and figure.
    private let sums = Mutex<[String: Int128]>([:])

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
