// Chinese templates of reading archives and workbooks: the zip reader's and writer's reasons
// (Archive/*.swift), a workbook's parts and XML (XLSXReader.swift, XMLScanner.swift) and the limits
// of a CSV file (CSVReader.swift). Most follow "不是可读取的 .xlsx 工作簿：" and so read as a reason.
extension Catalogue {
    static let zhArchive: [(String, String)] = [
        // The zip reader (ZipFormat.swift).
        ("it is not a zip archive", "不是 zip 压缩包"),
        ("its zip directory is damaged", "其 zip 目录已损坏"),
        ("it is a ZIP64 archive, which is not supported", "是 ZIP64 压缩包，不支持该格式"),
        ("it has more than {} entries", "条目超过 {0} 个"),
        ("it has an entry named `{}`, outside the archive", "含有名为 `{0}` 的条目，指向压缩包之外"),
        ("{} is encrypted", "{0} 已加密"),
        ("{} is compressed with method {}, which is not supported", "{0} 使用压缩方法 {1}，不支持该方法"),
        ("{} ends early: the file is damaged or truncated", "{0} 提前结束：文件已损坏或不完整"),
        ("{} cannot be inflated: the file is damaged", "{0} 无法解压：文件已损坏"),
        ("{} fails its CRC-32 check: the file is damaged", "{0} 未通过 CRC-32 校验：文件已损坏"),
        ("{} is not the size its header states: the file is damaged", "{0} 的大小与其头部所记不符：文件已损坏"),
        ("{} inflates to more than {} bytes", "{0} 解压后超过 {1} 字节"),
        // The zip writer (Zip.swift).
        ("the archive would be too large for a zip file: {}", "压缩包超出 zip 文件的容量：{0}"),
        ("{} could not be compressed (zlib status {})", "{0} 无法压缩（zlib 状态 {1}）"),
        ("{} parts", "{0} 个部件"),
        ("a part's name is {} bytes", "部件名长 {0} 字节"),
        ("{} is over 4 GiB", "{0} 超过 4 GiB"),
        ("over 4 GiB", "超过 4 GiB"),
        // A workbook's parts (XLSXReader.swift).
        ("it is not a zip archive, or a damaged one", "不是 zip 压缩包，或压缩包已损坏"),
        ("the workbook has more than {} parts", "工作簿的部件超过 {0} 个"),
        ("{} inflates to more than {}, the limit for a workbook (a zip bomb?)", "{0} 解压后超过 {1}，即工作簿的上限（是否为 zip 炸弹？）"),
        ("{} would inflate to {}, over the limit of {} for a workbook (a zip bomb?)", "{0} 解压后将达 {1}，超过工作簿的上限 {2}（是否为 zip 炸弹？）"),
        ("it has no {}: is it an .xlsx file?", "其中没有 {0}：这是 .xlsx 文件吗？"),
        ("it has no sheets", "其中没有工作表"),
        ("the sheet `{}` has no part in the workbook's relationships", "工作簿的关系表中没有工作表 `{0}` 的部件"),
        ("the sheet `{}` has no part {}", "工作表 `{0}` 缺少部件 {1}"),
        ("a cell outside a row", "有单元格不在任何行内"),
        ("{}: row {} has a cell beyond column {}", "{0}：第 {1} 行有超出 {2} 列的单元格"),
        ("{}: row number {} is beyond Excel's last row, {}", "{0}：行号 {1} 超出 Excel 的最后一行 {2}"),
        ("cell {}{} refers to shared string {}, which does not exist", "单元格 {0}{1} 引用的共享字符串 {2} 不存在"),
        // A part's XML (XMLScanner.swift).
        ("an element or text longer than {}", "有元素或文本长于 {0}"),
        ("the XML ends in the middle of an element (a truncated file?)", "XML 在元素中间结束（文件不完整？）"),
        ("a document type declaration (<!DOCTYPE) is not allowed in a workbook", "工作簿中不允许文档类型声明（<!DOCTYPE）"),
        ("a tag without a name", "有标签没有名称"),
        ("an attribute without a value", "有属性没有值"),
        ("an attribute value without quotes", "有属性值没有引号"),
        ("an attribute value that is never closed", "有属性值没有闭合"),
        // A CSV file's limits and encoding (CSVReader.swift).
        ("more than {} rows", "超过 {0} 行"),
        ("row {} is longer than {} (a quote that is never closed, or not a CSV file)", "第 {0} 行长于 {1}（是否有引号没有闭合，或不是 CSV 文件？）"),
        ("the file starts with a UTF-8 byte order mark: read as UTF-8, not GB18030", "文件以 UTF-8 字节顺序标记开头：按 UTF-8 而非 GB18030 读取"),
        ("the file is UTF-16 text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\"", "文件是 UTF-16 文本（Excel 的“Unicode 文本”）：请另存为“CSV UTF-8”"),
        ("not a text file (it contains NUL bytes): give a CSV or .xlsx file", "不是文本文件（含有 NUL 字节）：请提供 CSV 或 .xlsx 文件"),
        ("{} bytes", "{0} 字节"),
    ]
}
