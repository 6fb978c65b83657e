import EvalDSL
import Testing

/// The database's refusals in Chinese: this side's words are translated, the server's own text
/// (its error message, in the server's language) is quoted as it comes.
@Suite(.enabled(if: PG.dir != nil, "EVALSHELL_TEST_PG is not set: no PostgreSQL server to test against (tools/test.sh starts one)"))
struct PostgresChineseTests {
    @Test func refusalsAreSaidInChinese() {
        #expect(PG.ready, "the fixtures could not be made in the test server")
        var s = Session()
        s.language = .zh
        let out = Language.$current.withValue(.zh) { PG.run("""
            year 2020
            load payments from "\(PG.uri)" table treasury.nothing
            load payments from "\(PG.uri)" table treasury.floats
            load payments from "\(PG.uri)" query "select * from t where x = {name}"
            load payments from "\(PG.uri)" query "select 1 where x = {fy"
            load payments from "\(PG.uri)"
            load payments from "\(PG.uri)" table treasury.floats sheet "x"
            """, in: &s) }
        #expect(PG.message(out[1].output) == "错误[E512]: treasury.nothing: 数据库拒绝了查询：relation \"treasury.nothing\" does not exist")
        #expect(PG.message(out[2].output) == "错误[E512]: treasury.floats: 列 支付金额 存放的是浮点数，无法精确表示金额：请改为 numeric（ALTER TABLE … TYPE numeric(18,2)）")
        #expect(PG.message(out[3].output) == "错误[E512]: query: 查询中只能引用 {fy}（预算年度），不能引用 {name}：其他值一律不放进 SQL")
        #expect(PG.message(out[4].output) == "错误[E512]: query: 查询中的 `{` 没有闭合（花括号本身请写 `{{`）")
        #expect(PG.message(out[5].output) == "错误[E512]: \(PG.uri)：请在数据库之后写明读取什么：`table 表名` 或 `query \"SQL\"`")
        #expect(PG.message(out[6].output).hasSuffix("工作表和编码只适用于文件：数据库的文本总是 Unicode"), "\(out[6].output)")
    }
}
