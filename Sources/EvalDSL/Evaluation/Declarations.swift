import OrderedCollections

/// The names a session has declared, each with its kind and where. Projects loaded from a table
/// are not stored one by one: a load records which of the model's projects it added (a range of
/// their indices) and the model's ids as they are then (shared with the model, not copied), so a
/// load of 50,000 projects neither hashes each id once more nor builds a second table as large as
/// the model's. A name declared otherwise comes first, as it did when loads merged their ids in.
struct Declarations: Sendable {
    private var named: [String: Declaration] = [:]
    /// The model's project ids at the last projects load; the projects only grow, so an id keeps
    /// its index in every later load's ids.
    private var loadedIDs: OrderedSet<String> = []
    /// The indices of `loadedIDs` each load added, in order, and the file it declared them in.
    private var loads: [(range: Range<Int>, file: String)] = []

    /// The declaration of `name`: its own, or that of the load that added the project so named.
    subscript(name: String) -> Declaration? {
        get {
            if let d = named[name] { return d }
            guard !loads.isEmpty, let i = loadedIDs.firstIndex(of: name) else { return nil }
            // The loads' ranges are in increasing order and do not overlap.
            var lo = 0, hi = loads.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if loads[mid].range.upperBound <= i { lo = mid + 1 } else { hi = mid }
            }
            guard lo < loads.count, loads[lo].range.contains(i) else { return nil }
            return Declaration(kind: .project, line: nil, file: loads[lo].file)
        }
        set { named[name] = newValue }
    }

    /// Every declared name, in no particular order.
    var names: [String] { names(where: { _ in true }) }

    /// The declared names whose declaration's kind passes `filter`, in no particular order.
    func names(where filter: (Declaration.Kind) -> Bool) -> [String] {
        var out = named.filter { filter($0.value.kind) }.map(\.key)
        if filter(.project) {
            for load in loads {
                for i in load.range where named[loadedIDs[i]] == nil { out.append(loadedIDs[i]) }
            }
        }
        return out
    }

    /// A projects load's new projects, the model's projects from index `first` on, declared in `file`.
    mutating func declareLoaded(_ projects: OrderedDictionary<String, Project>, from first: Int, file: String) {
        guard first < projects.count else { return }
        loadedIDs = projects.keys
        loads.append((range: first..<projects.count, file: file))
    }
}
