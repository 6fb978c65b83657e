// Chinese templates of the command line and the shell: summaries, `:help`, `evalshell test`.
extension Catalogue {
    static let zhShell: [(String, String)] = [
    ]
}
