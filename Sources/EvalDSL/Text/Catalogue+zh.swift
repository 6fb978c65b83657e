// Chinese templates of the results' framing: check lines, what-ifs, seek and progress.
// `{0}`, `{1}`, … are the interpolated values of the English key, in its order.
extension Catalogue {
    static let zhResults: [(String, String)] = [
        // Check lines (Check.swift).
        (" (computed {})", "（计算数 {0}）"),
        ("computed {}", "计算数 {0}"),
        (", claimed {}", "，报告数 {0}"),
        (", difference {}", "，相差 {0}"),
        ("holds (computed {}), but it is marked as a finding", "核对一致（计算数 {0}），但被标为已知问题"),
        ("  [known finding]", "  [已知问题]"),
        ("finding: {}", "问题：{0}"),
        ("{} pp", "{0} 个百分点"),
        ("{} days", "{0} 天"),
        ("a tolerance of {}", "容差为{0}"),
        // A progress result's prose in a notebook rendered as Markdown or HTML (NotebookReport.swift).
        ("No project lags the schedule by more than {}.", "没有项目落后序时进度超过 {0}。"),
        ("Projects more than {} behind the schedule (! marks the periods):", "落后序时进度超过 {0}的项目（! 标出落后的期间）："),
    ]
}
