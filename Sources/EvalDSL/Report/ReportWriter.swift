/// A report format. The walker (`NotebookReport`) hands a writer a notebook's content in order, as
/// structured blocks — prose, statements, results, typed tables, checks, charts — and the writer
/// returns the document's bytes. A new format (.docx, PDF) is a new writer; the walker stays.
public protocol ReportWriter {
    /// What `finish` may throw: `Never` for text formats; a zipped format's archive error.
    associatedtype Failure: Error = Never
    /// Starts the document, whose title is `title`.
    mutating func begin(title: String)
    /// Adds one block, in the notebook's order.
    mutating func write(_ block: ReportBlock)
    /// Adds a section heading (report mode), numbered as written: `一、…` at level 1, `（一）…` at 2.
    mutating func heading(_ text: String, level: Int)
    /// Starts a new page where the format has pages (report mode: before the findings and the appendix).
    mutating func pageBreak()
    /// The finished document.
    mutating func finish() throws(Failure) -> [UInt8]
}

/// One piece of a report, in the notebook's order.
public enum ReportBlock: Sendable, Equatable {
    /// A paragraph of prose: its lines as written, `code` in backquotes.
    case paragraph([String])
    /// A list: its items as written, with their marks (`- item`, `* item`, `A1. item`).
    case list([String])
    /// A statement's source; consecutive statements that print nothing share one.
    case code(String)
    /// The statement's error, rendered as a notebook records it.
    case error(String)
    /// The statement's result as text: a value, a printed line, a what-if.
    case result(String)
    case check(CheckOutcome)
    case table(Table)
    /// An evaluated self-evaluation form (`evaluate P`), laid out as the official 项目支出绩效自评表;
    /// its checks follow as `.check` blocks.
    case form(FormReport)
    /// A chart of the table just before it. That table may hold the chart's data as text bars
    /// (`Table.Cell.bar`), for formats that cannot draw.
    case chart(ReportChart)
}

/// What a chart draws.
public enum ReportChart: Sendable, Equatable {
    /// Cumulative execution per period against the schedule.
    case progress(ProgressReport)
    /// A baseline and its scenarios, row by row.
    case compare(CompareReport)
}

extension ReportBlock {
    /// A list item's text without a `- ` or `* ` bullet (other marks, such as `A1.`, are kept).
    public static func itemText(_ item: String) -> String {
        item.hasPrefix("- ") || item.hasPrefix("* ") ? String(item.dropFirst(2)) : item
    }
}

extension ReportWriter {
    /// A writer without headings of its own shows one as a paragraph.
    public mutating func heading(_ text: String, level: Int) { write(.paragraph([text])) }
    /// A writer without pages ignores page breaks.
    public mutating func pageBreak() {}
}
