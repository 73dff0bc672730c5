import Foundation
import Testing

@Suite("Several processes at once")
struct ConcurrencyTests {
    @Test("four clerks adding villages at the same moment lose nothing and the audit chain holds")
    func concurrentWriters() throws {
        let uytin = try Uytin()
        try uytin("init")
        try uytin("area", "add", "--level", "commune", "--code", "24801", "--name", "Xã Đạo Trù", "--parent", "248")
        let processes = (0..<4).map { clerk -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let binary = Uytin.binary.path
            // A clerk whose command meets a busy database (exit 75) tries again, as the message tells them to.
            let script = (0..<10).map {
                "until '\(binary)' village add --commune 24801 --name 'Thôn \(clerk)-\($0)' >/dev/null; do [ $? -eq 75 ] || exit 1; done"
            }.joined(separator: "\n")
            process.arguments = ["-c", script]
            var environment = ProcessInfo.processInfo.environment
            environment["UYTIN_DB"] = uytin.database
            environment["UYTIN_ACTOR"] = "clerk\(clerk)"
            process.environment = environment
            return process
        }
        try processes.forEach { try $0.run() }
        processes.forEach { $0.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try uytin.jsonArray("village", "list").count == 40)
        #expect(try uytin("audit", "verify").code == 0)
        #expect(try uytin("check").code == 0)
    }

    @Test("a backup taken while another process writes is a consistent database")
    func backupWhileWriting() throws {
        let uytin = try Uytin()
        try uytin("init")
        try uytin("area", "add", "--level", "commune", "--code", "24801", "--name", "Xã Đạo Trù", "--parent", "248")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", (0..<15).map { "'\(Uytin.binary.path)' village add --commune 24801 --name 'Thôn \($0)' >/dev/null" }
            .joined(separator: "\n")]
        var environment = ProcessInfo.processInfo.environment
        environment["UYTIN_DB"] = uytin.database
        writer.environment = environment
        try writer.run()
        let copy = uytin.directory.appendingPathComponent("copy.sqlite").path
        #expect(try uytin("backup", "--to", copy).code == 0)
        writer.waitUntilExit()
        #expect(try uytin("check", "--db", copy).code == 0)
    }
}
