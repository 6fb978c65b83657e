import EvalDSL

/// The small CSV files the loader's tests read (Tests/EvalDSLTests/Fixtures). Written byte for byte
/// here so that line ends, BOMs and GB18030 bytes are exactly what the tests expect, whatever git or
/// an editor would do to them. The workbooks, the zip bomb and the large files are made by the
/// tests themselves at run time.
func writeFixtures(to dir: String) throws {
    func file(_ name: String, _ text: String, encoding: TextEncoding = .utf8, bom: Bool = false) throws {
        let o = try Output(dir + "/" + name, encoding: encoding, bom: bom)
        o.line(text)
        o.close()
    }

    // Quoted fields with commas, doubled quotes and a line break; a BOM; CRLF; units in the header;
    // a project with only 调整后预算; a source written the long way (中央转移支付).
    try file("projects-quoted.csv", [
        "项目编码,项目名称,资金来源,支出类别,年初预算数（万元）,调整后预算数（万元）,自评等级,标签",
        "XM001,\"档案智能库房建设,一期\",本级,项目支出,200,240,中,\"基建,信息化\"",
        "XM002,\"职称评审\"\"绿色通道\"\"工作经费\",省级,项目支出,\"1,234.5678\",,优,人才",
        "XM003,\"离任村干部\n生活补助\",中央转移支付,项目支出,0.000001,,良,",
        "XM004,机关人员经费,本级,基本支出,,\"1,320.00\",,",
    ].joined(separator: "\r\n") + "\r\n", bom: true)

    // Every kind of bad cell, between good rows.
    try file("payments-bad.csv", """
    项目编码,支付金额,支付日期
    XM001,"12,345.67",2020-03-15
    XM001,12.345,2020-03-16
    XM999,100.00,2020-03-17
    XM002,abc,2020-03-18
    XM002,100.00,1899-12-31
    XM003,1e5,2020/3/19
    XM003,"1,23",2020/3/20
    XM004,50,03/21/2020
    XM004,50.5,2020年3月22日
    XM004,,2020-02-30
    XM001,(1.50),20200323

    """)

    try file("projects-duplicate.csv", """
    项目编码,项目名称,预算数
    XM010,甲,100
    XM011,乙,200
    XM010,丙,300

    """)

    try file("payments-missing-column.csv", """
    项目编码,金额,付款时间
    XM001,100,2020-01-01

    """)

    // GB18030 without a BOM: detected because it is not valid UTF-8.
    try file("projects-gb18030.csv", [
        "项目编码,项目名称,资金来源,年初预算数（万元）,自评等级",
        "GB001,乡村振兴产业扶持资金,省级,\"1,200.5\",良",
        "GB002,农村饮水安全巩固提升,市级转移支付,80,优",
        "GB003,\"基层医疗卫生,设备购置\",本级,12.345678,中",
    ].joined(separator: "\r\n") + "\r\n", encoding: .gb18030)

    // Units in the cells, Chinese dates, a time of day, a payment known only by its month.
    try file("payments-gb18030.csv", [
        "项目编码,支付金额,支付日期,摘要",
        "GB001,12.5万元,2020年1月5日,工程进度款",
        "GB002,\"3,000.00元\",2020年12月31日 10:30,设备采购",
        "GB003,0.5万元,2020年12月,培训费",
    ].joined(separator: "\r\n") + "\r\n", encoding: .gb18030)

    try file("adjustments.csv", """
    项目编码,调整类型,调整金额（万元）,调整日期,调整原因
    XM001,追加,50,2020-09-30,追加档案设备
    XM001,调减,10,2020-11-15,
    XM002,调增,5.5,2020/6/1,省级追加

    """)

    // A title, the unit on its own line, the header on row 3, a blank row and a total row.
    try file("projects-titled.csv", """
    2020年度部门项目预算表,,,
    单位：万元,,,
    项目编码,项目名称,资金来源,预算数
    T01,信息系统运维,本级,95.5
    ,,,
    T02,人员经费,本级,1320
    合计,,,1415.5

    """)
}
