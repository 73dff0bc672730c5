import Foundation
import Testing

/// Runs the built `uytin` binary as a clerk or cron would: arguments in; exit code, stdout and stderr out.
struct Uytin {
    let directory: URL

    /// A fresh working folder with its own database path.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("uytin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var database: String { directory.appendingPathComponent("uytin.sqlite").path }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("uytin")
    }

    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    @discardableResult
    func callAsFunction(_ arguments: String..., environment: [String: String] = [:]) throws -> Result {
        try run(arguments, environment: environment)
    }

    func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Result {
        let process = Process()
        // Tests may run from another build folder: find the binary next to the test runner, or in .build/debug.
        var binary = Self.binary
        if !FileManager.default.fileExists(atPath: binary.path) {
            binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/uytin")
        }
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["UYTIN_DB"] = database
        env["UYTIN_ACTOR"] = "clerk"
        env["UYTIN_LANG"] = nil
        env["COLUMNS"] = nil   // tables fit 100 columns, whatever terminal the tests run in
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(code: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    /// A logical dump of the database (schema and every row), to prove a refused command changed nothing.
    func dump() throws -> String { try query(".dump") }

    /// Runs SQL with the sqlite3 shell, as someone tampering by hand would.
    func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database, sql]
        try process.run()
        process.waitUntilExit()
    }

    /// The id printed by a create command in --json mode.
    func createdId(_ arguments: String...) throws -> Int64 {
        let result = try run(arguments + ["--json"])
        guard result.code == 0,
              let object = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any],
              let id = object["id"] as? Int else {
            Issue.record("\(arguments.joined(separator: " ")) failed: \(result.code) \(result.err)")
            return -1
        }
        return Int64(id)
    }

    func jsonArray(_ arguments: String...) throws -> [[String: Any]] {
        let result = try run(arguments + ["--json"])
        #expect(result.code == 0, "\(arguments.joined(separator: " ")): \(result.err)")
        return (try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]]) ?? []
    }
}

extension Uytin {
    /// The text the sqlite3 shell prints for a query on the database.
    func query(_ sql: String) throws -> String { try Self.sqlite3(database, sql) }

    /// The text the sqlite3 shell prints for a statement on the database at `path`.
    static func sqlite3(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
