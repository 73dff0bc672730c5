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
        _ = try database.setting()
        return database
    }

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

    /// Prints an aligned table; columns are as wide as their widest cell.
    func table(_ headers: [String], _ rows: [[String]]) {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        print(render(headers))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        rows.forEach { print(render($0)) }
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
        case .refused: 65
        case .missingInput: 66
        case .cannotCreateOutput: 73
        case .busy: 75
        case .internalFault: 1
        }
    }
}
