import ArgumentParser
import Documents
import Foundation
import Registry
import Storage
import VietnameseCalendar

/// What a command has to talk to: the options, the database, and the clerk's language.
struct Console {
    let options: GlobalOptions

    var language: Language { options.language }

    /// Picks the sentence in the clerk's language.
    func say(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
    func say(_ message: Message) -> String { message.text(language) }

    /// Opens the existing, initialised database (exit 66 when it is missing).
    func database() throws -> UytinDatabase {
        let database = try UytinDatabase.open(path: options.databasePath, actor: options.actorName,
                                              busyTimeout: options.busyTimeout)
        announceUpgrade(database)
        _ = try database.setting()
        return database
    }

    // MARK: upgrade in place
    /// One line on stderr when opening the file upgraded an earlier release's database: where the copy written
    /// before the upgrade is (UytinDatabase.backupBeforeMigrating). Any command may upgrade, reads included.
    func announceUpgrade(_ database: UytinDatabase) {
        guard let backup = database.upgradeBackup else { return }
        warn(say("Đã nâng cấp cơ sở dữ liệu; bản sao trước khi nâng cấp: \(backup)",
                 "Upgraded the database; the copy from before the upgrade: \(backup)"))
    }
    // MARK: -

    /// Prints a line for people (not in --json mode).
    func line(_ text: String) {
        print(text)
    }

    /// A note for people on stderr: warnings that do not stop the command.
    func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints one JSON document.
    func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Prints an aligned table that fits the terminal (`tableLimit`): columns as wide as their widest cell, then, when
    /// the table is too wide, long text wrapped onto more lines and, last, the columns of `dropping` left out in that
    /// order. `--wide` prints every column unwrapped.
    /// `unbroken` names columns that keep their natural width up to a bound (a person's name: `[1: 24]`).
    func table(_ headers: [String], _ rows: [[String]], dropping: [Int] = [], unbroken: [Int: Int] = [:]) {
        var widths = headers.map(Self.width)
        var words = headers.map { header in header.split(separator: " ").map { min(12, Self.width(String($0))) }.max() ?? 3 }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], Self.width(cell))
                for word in cell.split(separator: " ") { words[index] = max(words[index], min(12, Self.width(String(word)))) }
            }
        }
        for (column, bound) in unbroken where column < widths.count { words[column] = min(widths[column], bound) }
        let layout = TableLayout(headers: headers, widths: widths, minimums: words, dropping: dropping, limit: tableLimit)
        var printer = TablePrinter(headers: headers, layout: layout)
        for row in rows { printer.row(row) }
        printer.finish()
    }

    /// How many columns a table may take: none with `--wide`, else COLUMNS when it is a sensible number, else 100.
    var tableLimit: Int? {
        if options.wide { return nil }
        if let text = GlobalOptions.environment["COLUMNS"]?.trimmingCharacters(in: .whitespaces), let columns = Int(text),
           columns > 0 {
            return max(columns, 30)
        }
        return 100
    }

    /// The room a cell takes: its Unicode scalars, less the combining marks (U+0300–U+036F) of decomposed text.
    static func width(_ text: String) -> Int {
        var count = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            // A scalar starts at every byte that is not a continuation byte; U+0300–U+036F are CC 80…CD AF.
            if byte & 0xC0 != 0x80 {
                count += 1
            } else if previous == 0xCC || (previous == 0xCD && byte <= 0xAF) {
                count -= 1
            }
            previous = byte
        }
        return count
    }

    /// Prints what was created: its id, as a line or as {"id": N}.
    func created(_ id: Int64, _ vi: String, _ en: String) throws {
        if options.json {
            try json(["id": id])
        } else {
            line(say(vi, en))
        }
    }

    /// Runs a command body, turning clerk-facing errors into a message on stderr and the documented exit code.
    static func run(_ options: GlobalOptions, _ body: (Console) throws -> Void) throws {
        let console = Console(options: options)
        do {
            try body(console)
        } catch let error as ExitCode {
            throw error
        } catch let error as any ClerkFacingError {
            console.warn(console.say(error.message))
            throw ExitCode(error.kind.exitCode)
        } catch let error as DocumentError {
            console.warn(console.language == .vi ? error.vietnamese : error.english)
            switch error.category {
            case .unreadableInput: throw ExitCode(66)
            case .invalidInput: throw ExitCode(65)
            case .unwritableOutput: throw ExitCode(73)
            case .invalidTable:
                if case .totalTooLarge = error { throw ExitCode(65) }
                throw ExitCode(1)
            }
        } catch let error as LunarCalendarError {
            console.warn(console.language == .vi ? error.vietnamese : error.english)
            throw ExitCode(65)
        } catch {
            console.warn(console.say("Lỗi nội bộ: \(error). Chưa có gì được ghi; hãy báo cho người quản trị.",
                                     "Internal fault: \(error). Nothing was written; please report it."))
            throw ExitCode(1)
        }
    }
}

extension FailureKind {
    /// The exit codes of CLI.md.
    var exitCode: Int32 {
        switch self {
        case .malformed: 64
        case .refused, .notFound: 65
        case .missingInput: 66
        case .cannotCreateOutput: 73
        case .busy: 75
        case .internalFault: 1
        }
    }
}

/// Which columns a table prints and how wide: the natural widths when they fit the limit; otherwise the widest
/// columns narrowed (their text wrapped), first to a comfortable width, then the droppable columns left out, then
/// down to each column's longest word. Computed from widths alone, so a streamed table needs no rows to lay out.
struct TableLayout {
    /// The columns printed, in order, and their widths.
    let columns: [Int]
    let widths: [Int]
    /// Whether cells wrap (not with `--wide`).
    let wraps: Bool

    init(headers: [String], widths natural: [Int], minimums: [Int], dropping: [Int] = [], limit: Int?) {
        let natural = zip(headers, natural).map { max(Console.width($0), $1) }
        guard let limit else {
            columns = Array(natural.indices); widths = natural; wraps = false
            return
        }
        var widths = natural
        var kept = Array(natural.indices)
        func total() -> Int { kept.reduce(0) { $0 + widths[$1] } + 2 * max(kept.count - 1, 0) }
        func narrow(to floor: (Int) -> Int) {
            while total() > limit {
                guard let widest = kept.filter({ widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] }) else { return }
                widths[widest] -= 1
            }
        }
        let hard = natural.indices.map { min(natural[$0], max(minimums.indices.contains($0) ? minimums[$0] : 3, 3)) }
        let comfortable = { (column: Int) in max(hard[column], min(natural[column], max(14, min(natural[column] / 3, 30)))) }
        narrow(to: comfortable)
        // A column left out gives its room back to the others, narrowed again from their natural widths.
        for column in dropping where total() > limit && kept.count > 1 {
            kept.removeAll { $0 == column }
            widths = natural
            narrow(to: comfortable)
        }
        narrow { hard[$0] }
        narrow { _ in 3 }
        columns = kept
        self.widths = kept.map { widths[$0] }
        wraps = true
    }

    /// The text cut into lines no wider than `width`, at spaces where it can, inside a word where it must.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        guard Console.width(text) > width, width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            var wordWidth = Console.width(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
            while wordWidth > width {
                var head = ""
                var headWidth = 0
                var rest = Substring(word)
                while let character = rest.first, headWidth + Console.width(String(character)) <= width {
                    head.append(character)
                    headWidth += Console.width(String(character))
                    rest = rest.dropFirst()
                }
                if head.isEmpty, let character = rest.first { head.append(character); rest = rest.dropFirst() }
                lines.append(head)
                word = String(rest)
                wordWidth = Console.width(word)
            }
            line = word
            lineWidth = wordWidth
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}

/// Prints a table row by row, with column widths known beforehand (at least each header's): a list of 30,000
/// persons streams from the database to the terminal without being held. Written in blocks of 64 KiB.
struct TablePrinter {
    private let layout: TableLayout
    private var out = BufferedOutput()

    init(headers: [String], layout: TableLayout) {
        self.layout = layout
        row(headers)
        for (index, width) in layout.widths.enumerated() {
            if index > 0 { out.append(spaces: 2) }
            out.append(repeating: UInt8(ascii: "-"), count: width)
        }
        out.append(newline: ())
    }

    mutating func row(_ cells: [String]) {
        let count = layout.columns.count
        let lines = layout.columns.enumerated().map { position, column -> [String] in
            let cell = column < cells.count ? cells[column] : ""
            return layout.wraps ? TableLayout.wrap(cell, layout.widths[position]) : [cell]
        }
        for index in 0..<(lines.map(\.count).max() ?? 1) {
            // The last column with text ends the line: no trailing spaces.
            let last = lines.lastIndex { index < $0.count && !$0[index].isEmpty } ?? 0
            for position in 0...last where position < count {
                if position > 0 { out.append(spaces: 2) }
                let text = index < lines[position].count ? lines[position][index] : ""
                out.append(text)
                if position < last { out.append(spaces: layout.widths[position] - Console.width(text)) }
            }
            out.append(newline: ())
        }
    }

    mutating func finish() { out.flush() }
}

/// Standard output in blocks of 64 KiB instead of a write per line.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func append(spaces count: Int) { append(repeating: UInt8(ascii: " "), count: count) }

    mutating func append(repeating byte: UInt8, count: Int) {
        if count > 0 { buffer.append(contentsOf: repeatElement(byte, count: count)) }
    }

    mutating func append(newline: Void) { buffer.append(UInt8(ascii: "\n")) }

    mutating func flush() {
        fflush(nil)   // what print() wrote before comes first
        buffer.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return   // a closed pipe (`| head`): the rest is not wanted
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
