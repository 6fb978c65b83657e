import Foundation
@testable import EvalShell

extension HistoryStore {
    /// The store of the history file at `url`: the tests name files by URL, the shell by path.
    init(url: URL?, limit: Int) {
        self.init(path: url?.path, limit: limit)
    }
}
