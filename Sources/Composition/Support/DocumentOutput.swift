import Documents

/// Where a composed document goes: the front end picks the format and the destination (a file of the command
/// line, later a download of the web console), the composition says what the document contains.
public protocol DocumentOutput: AnyObject {
    /// Starts the document: the texts around the table, its columns and how it prints.
    func begin(header: DocumentHeader, columns: [DocumentColumn], style: DocumentStyle) throws
    /// The next row: its document cells, and the object that stands for it in JSON.
    func emit(_ row: DocumentRow, _ object: any Encodable) throws
    /// Ends the document with its summaries.
    func finish(summaries: [DocumentSummary]) throws
}

/// A document uytin composes from the database in the reader's language: titles, columns, groups, totals, texts.
public protocol ComposedDocument {
    /// The name the audit log gives it: "list", "changes", "entitlements", "budget", "report".
    var auditName: String { get }
    /// The year it speaks of.
    var year: Int { get }
    /// Reads the database and streams the document into `output`.
    func compose(into output: any DocumentOutput) throws
}
