// Chinese templates of loading from PostgreSQL: connecting, the client library, the query and the
// columns it gives (Data/Postgres*.swift, Session+Postgres.swift). Passwords are masked before any
// of these is built, so a template never needs to hide one.
extension Catalogue {
    static let zhDatabase: [(String, String)] = [
        // Connecting (PostgresConnection.swift, PostgresLibrary.swift).
        ("cannot connect to the database: out of memory", "无法连接数据库：内存不足"),
        ("cannot connect to the database: {}", "无法连接数据库：{0}"),
        ("cannot connect to the database: no answer within {} s", "无法连接数据库：{0} 秒内没有应答"),
        (" (the server asks for a password: set PGPASSWORD, or add it to ~/.pgpass, or use a PGSERVICE entry)",
         "（服务器要求密码：请设置 PGPASSWORD，或写入 ~/.pgpass，或使用 PGSERVICE 条目）"),
        ("the PostgreSQL client library ({}) is not installed: install libpq5 (apt-get install libpq5) ({})",
         "未安装 PostgreSQL 客户端库（{0}）：请安装 libpq5（apt-get install libpq5）（{1}）"),
        ("not found", "未找到"),
        ("{} lacks {}", "{0} 缺少 {1}"),
        // The query (PostgresConnection.swift, PostgresSource.swift).
        ("the server sent no result", "服务器没有返回结果"),
        ("the query ran longer than {} s, the statement timeout: aggregate in a view or ask for less",
         "查询运行超过了语句超时 {0} 秒：请在视图中汇总，或少取一些数据"),
        ("the database refused the query: {}", "数据库拒绝了查询：{0}"),
        ("`{}` is not a table's name (write schema.table or table)", "`{0}` 不是表名（请写 schema.table 或 table）"),
        ("a `{` in the query is never closed (write `{{` for a brace)", "查询中的 `{` 没有闭合（花括号本身请写 `{{`）"),
        ("a query may name only {fy}, the fiscal year, not {{}}: other values are never put into SQL",
         "查询中只能引用 {fy}（预算年度），不能引用 {{0}}：其他值一律不放进 SQL"),
        // The columns of a payments table summed by the server (PostgresSource.swift).
        ("column {} holds floating-point numbers, which cannot hold amounts exactly: make it numeric (ALTER TABLE … TYPE numeric(18,2))",
         "列 {0} 存放的是浮点数，无法精确表示金额：请改为 numeric（ALTER TABLE … TYPE numeric(18,2)）"),
        ("column {} is not a number ({}): make it numeric, or load it through a query that converts it",
         "列 {0} 不是数值（{1}）：请改为 numeric，或通过转换该列的查询载入"),
        ("column {} is not a date ({}): make it a date, or load it through a query that converts it",
         "列 {0} 不是日期（{1}）：请改为 date，或通过转换该列的查询载入"),
        ("the server summed the payments per project and day", "服务器已按项目和日期汇总支出"),
        (", dated {}-01-01 to {}-12-31 (the fiscal year and the next)", "，日期为 {0}-01-01 至 {1}-12-31（预算年度及下一年）"),
        // The load statement (Session+Postgres.swift).
        ("{}: name what to read after the database: `table NAME` or `query \"SQL\"`",
         "{0}：请在数据库之后写明读取什么：`table 表名` 或 `query \"SQL\"`"),
        ("a sheet or an encoding applies only to a file: a database's text is always Unicode",
         "工作表和编码只适用于文件：数据库的文本总是 Unicode"),
    ]
}
