// Chinese templates of notes: what a statement adds under its result (table totals, lags, seek).
extension Catalogue {
    static let zhNotes: [(String, String)] = [
        // Table totals that disagree with the rows (TableTotals.swift); `{1}` is a column name as typed.
        ("states {} for {}; the rows shown add up to {} (difference {})", "{1} 所填为 {0}；表中各行合计为 {2}（相差 {3}）"),
        ("states {} for rate (from its stated figures); the rows give {} (difference {})", "rate 所填为 {0}（按所填合计数计算）；按表中各行计算为 {1}（相差 {2}）"),
        (" pp", " 个百分点"),
        // Progress against the schedule (Progress.swift).
        ("no project lags the schedule by more than {}", "没有项目落后序时进度超过 {0}"),
        ("projects more than {} behind the schedule (! marks the periods):", "落后序时进度超过 {0}的项目（! 标出落后的期间）："),
        // Goal seeking (WhatIf.swift).
        ("{} already holds: {} need not pay anything {}", "{0} 已经成立：{1} {2}无需再支付"),
        (" (it is overpaid by {})", "（已超付 {0}）"),
        ("{} cannot be reached within the budget: nothing is left of {} to pay {}", "在预算内无法达到 {0}：{1}已无余额可在{2}支付"),
        ("{} cannot be reached within the budget: even paying all {} left of {} {} is not enough", "在预算内无法达到 {0}：即使{3}把{2}的余额 {1} 全部支付也不够"),
        ("{} must pay at least {} {} for {}", "要使 {3} 成立，{0} 须在{2}至少支付 {1}"),
        ("any month of {}", "{0} 年的任何月份"),
        ("{} already holds: {} need not pay anything in {}", "{0} 已经成立：{1} 在{2}都无需再支付"),
        ("{} cannot be reached: nothing is left of {}'s budget to pay in {}", "无法达到 {0}：{1} 的预算已无余额可在{2}支付"),
        ("the rest of its budget ({})", "其剩余预算（{0}）"),
        ("{} cannot be reached with {} paying {} in any month of {}", "{1} 在 {3} 年任何月份支付 {2}，都无法达到 {0}"),
        ("{} must pay {} in {} at the latest for {}", "要使 {3} 成立，{0} 最迟须在 {2} 支付 {1}"),
        (" (it holds for payments in {})", "（在以下月份支付均可成立：{0}）"),
        ("on {}", " {0} "),
        ("in {}", " {0} "),
        ("at {}", " {0} "),
        ("`{}`'s budget", "`{0}` 预算"),
        ("the budget of `{}`", "`{0}` 预算"),
        ("; {}: {} → {}", "；{0}：{1} → {2}"),
    ]
}
