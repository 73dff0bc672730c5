import Foundation
import Testing

/// Issue 11, "words and tables": help in the clerk's language, labels instead of codes, the audit log in Vietnam time,
/// dates and wording in sentences, and tables that fit 100 columns (or COLUMNS) unless `--wide`.
///
/// The demo database is built once for the suite and only read.
@Suite("Words and tables: Vietnamese help, labels not codes, tables that fit")
struct WordsAndTablesTests {
    static let built: Result<Uytin, any Error> = Result {
        let uytin = try Uytin()
        let demo = try uytin("demo", "--json")
        guard demo.code == 0 else { throw DemoFailed(message: "uytin demo exited \(demo.code): \(demo.err)") }
        return uytin
    }

    struct DemoFailed: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func demo() throws -> Uytin { try built.get() }

    /// The room a line takes on a terminal: characters less the combining marks of decomposed text.
    static func width(_ line: String) -> Int {
        line.precomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }.count
    }

    /// The widest line of a table in the output: lines with a column gap ("  " after the indentation).
    static func tableWidth(_ output: String) -> Int {
        output.split(separator: "\n").map(String.init)
            .filter { $0.drop { $0 == " " }.contains("  ") || $0.allSatisfy { $0 == "-" || $0 == " " } }
            .map(width).max() ?? 0
    }

    static let tableCommands: [[String]] = [
        ["list"], ["list", "--year", "2021"], ["list", "--year", "2026"], ["list", "diff", "--from", "2020", "--to", "2021"],
        ["person", "list"], ["person", "search", "thi"], ["rule", "list"], ["audit", "log"], ["entitlement", "list"],
        ["entitlement", "list", "--year", "2022"], ["decision", "list"], ["decision", "show", "449/QĐ-UBND"], ["proposal", "list"],
        ["term", "list"], ["area", "list"], ["village", "list"], ["regime", "list"], ["agency", "list"], ["reorg", "list"],
        ["festival", "list"], ["contingency", "list"], ["budget", "--year", "2022"], ["run", "--dry-run", "--date", "2026-12-31"],
        ["calendar", "month", "2022-02"], ["history", "--person", "1"],
    ]

    // MARK: help

    @Test("--help is Vietnamese by default and English with --lang en or UYTIN_LANG=en")
    func help() throws {
        let uytin = try Uytin()
        let root = try uytin("--help")
        #expect(root.code == 0)
        #expect(root.out.contains("TỔNG QUAN") && root.out.contains("Danh sách người có uy tín"))
        #expect(root.out.contains("Tạo cơ sở dữ liệu với dữ liệu dùng chung"))
        let add = try uytin("person", "add", "--help")
        #expect(add.out.contains("Họ và tên, ví dụ") && add.out.contains("Dân tộc:") && !add.out.contains("Full name"), "\(add.out)")
        #expect(add.out.contains("--wide") && add.out.contains("In bảng đủ mọi cột"))
        let english = try uytin("--lang", "en", "decision", "record", "--help")
        #expect(english.out.contains("The decision's number") && english.out.contains("OVERVIEW:") && !english.out.contains("Số quyết định"))
        let environment = try uytin("decision", "record", "--help", environment: ["UYTIN_LANG": "en"])
        #expect(environment.out == english.out)
    }

    @Test("Every command's help has Vietnamese words for every option (none left English only)")
    func everyCommandHelp() throws {
        let uytin = try Uytin()
        let root = try uytin("--help", environment: ["UYTIN_LANG": "en"]).out
        // The subcommands as the root lists them ("  name   abstract").
        var paths: [[String]] = []
        let names = root.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first,
                  word.allSatisfy({ $0.isLetter || $0 == "-" }) else { return nil }
            return String(word)
        }
        for name in names where name != "help" {
            paths.append([name])
            let help = try uytin(name, "--help", environment: ["UYTIN_LANG": "en"]).out
            guard let start = help.range(of: "SUBCOMMANDS:") else { continue }
            for line in help[start.upperBound...].split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                if let word = line.split(separator: " ").first, word != "help" { paths.append([name, String(word)]) }
            }
        }
        #expect(paths.count > 50)
        for path in paths {
            let vietnamese = try uytin.run(path + ["--help"]).out
            let english = try uytin.run(path + ["--help"], environment: ["UYTIN_LANG": "en"]).out
            #expect(vietnamese.contains("TỔNG QUAN:"), "\(path)")
            // Each option's help differs between the languages (the option names themselves aside).
            let helps = { (text: String) -> [String] in
                var blocks: [String] = []
                for line in text.split(separator: "\n") {
                    if line.hasPrefix("  -") { blocks.append(String(line)) } else if line.hasPrefix("      "), !blocks.isEmpty {
                        blocks[blocks.count - 1] += " " + line
                    }
                }
                return blocks.filter { !$0.hasPrefix("  -h") }.map { block in
                    block.split(separator: " ").filter { !$0.hasPrefix("-") && !$0.hasPrefix("<") }.joined(separator: " ")
                }
            }
            for (vi, en) in zip(helps(vietnamese), helps(english)) {
                #expect(vi != en, "\(path): \(vi)")
            }
        }
    }

    @Test("Usage mistakes are told in Vietnamese, English with --lang en")
    func usage() throws {
        let uytin = try Uytin()
        let missing = try uytin("person", "add")
        #expect(missing.code == 64 && missing.err.contains("Thiếu tùy chọn bắt buộc '--name"), "\(missing.err)")
        let flag = try uytin("list", "--wide=3")
        #expect(flag.code == 64 && flag.err.contains("không nhận giá trị") && !flag.err.contains("does not take"), "\(flag.err)")
        let lang = try uytin("list", "--lang", "fr")
        #expect(lang.code == 64 && lang.err.contains("--lang phải là vi hoặc en") && !lang.err.contains("must be"), "\(lang.err)")
        let english = try uytin("list", "--lang", "en", "--wide=3")
        #expect(english.code == 64 && english.err.contains("does not take any value"), "\(english.err)")
    }

    // MARK: labels

    @Test("Entitlements, rules, the run and the budget show labels; JSON keeps the codes")
    func labels() throws {
        let uytin = try Self.demo()
        let entitlements = try uytin("entitlement", "list", "--wide")
        #expect(entitlements.code == 0)
        for label in ["Tết Nguyên đán 2022", "Báo tháng 3/2022", "Quà Tết", "Hội nghị biểu dương người có uy tín tiêu biểu 2020",
                      "Tham quan, học tập 25–28/7/2022", "Khó khăn đột xuất ngày", "Ốm đau ngày"] {
            #expect(entitlements.out.contains(label), "\(label)")
        }
        for code in ["lunar_new_year_gift", "festival-", "plan-", "event-", "newspaper", "2022-03", "home_visit"] {
            #expect(!entitlements.out.contains(code), "\(code)")
        }
        let json = try uytin("entitlement", "list", "--year", "2022", "--kind", "lunar_new_year_gift", "--json")
        #expect(json.out.contains("\"kind\":\"lunar_new_year_gift\"") && json.out.contains("\"period\":\"2022\""))
        let rules = try uytin("rule", "list", "--wide")
        #expect(rules.out.contains("Quà Tết") && rules.out.contains("Đến tận nhà") && rules.out.contains("đã xác nhận"))
        for code in ["lunar_new_year_gift", "home_delivery", "province", "ceremony"] { #expect(!rules.out.contains(code), "\(code)") }
        let rulesJSON = try uytin("rule", "list", "--json")
        #expect(rulesJSON.out.contains("lunar_new_year_gift"))
        let run = try uytin("run", "--dry-run", "--date", "2026-12-31")
        #expect(run.out.contains("Báo 69") && !run.out.contains("newspaper"), "\(run.out)")
        let english = try uytin("--lang", "en", "entitlement", "list", "--year", "2022", "--wide")
        #expect(english.out.contains("Lunar New Year 2022") && english.out.contains("Newspapers 3/2022"))
    }

    @Test("audit log: Vietnam time and action names; --json keeps the codes and UTC stamps")
    func auditLog() throws {
        let uytin = try Self.demo()
        // The demo's last rows are its console accounts, made after its last run.
        let rows = try uytin.jsonArray("audit", "log", "--limit", "12")
        let first = try #require(rows.first { $0["action"] as? String == "run" })
        let stamp = try #require(first["at"] as? String)
        #expect(stamp.hasSuffix("Z"))
        #expect(rows.first?["action"] as? String == "account.add")
        let log = try uytin("audit", "log", "--limit", "12")
        #expect(log.out.contains("Chạy hằng ngày") && log.out.contains("giờ VN"), "\(log.out)")
        #expect(!log.out.contains(stamp))
        // The stamp, 7 hours later, as dd/mm/yyyy HH:mm:ss.
        let formatter = ISO8601DateFormatter()
        let moment = try #require(formatter.date(from: stamp))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 7 * 3600))
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: moment)
        let local = String(format: "%02d/%02d/%04d %02d:%02d:%02d", parts.day!, parts.month!, parts.year!, parts.hour!, parts.minute!,
                           parts.second!)
        #expect(log.out.contains(local), "\(local)")
        let english = try uytin("--lang", "en", "audit", "log", "--limit", "12")
        #expect(english.out.contains("Daily run") && english.out.contains(local))
        let all = try uytin("audit", "log", "--limit", "100000", "--wide")
        #expect(all.out.contains("Ghi quyết định") && all.out.contains("Đăng ký người") && all.out.contains("Khởi tạo cơ sở dữ liệu"))
        #expect(!all.out.contains("decision.record") && !all.out.contains("person.add"))
    }

    // MARK: wording

    @Test("No doubled words, a city shown as a city, Vietnamese reasons and dates in sentences")
    func wording() throws {
        let demo = try Self.demo()
        let proposals = try demo("proposal", "list", "--wide")
        #expect(proposals.out.contains("thôn Đồng Giếng") && proposals.out.contains("lý do sức khỏe"))
        #expect(!proposals.out.contains("thôn Thôn") && !proposals.out.contains("lý do Lý do"))
        let uytin = try Uytin()
        #expect(try uytin("init").code == 0)
        let city = try uytin("area", "add", "--level", "district", "--code", "299", "--name", "Thành phố Mới")
        #expect(city.code == 0 && city.out.contains("thành phố"), "\(city.out)")
        let areas = try uytin("area", "list", "--level", "district")
        #expect(areas.out.contains("thành phố  Thành phố Mới") && areas.out.contains("thành phố  Thành phố Vĩnh Yên"),
                "\(areas.out)")
        let folder = try demo("export", "list", "--year", "2021", "--format", "csv", "--out", "/no/such/folder/x.csv")
        #expect(folder.code == 73 && folder.err.contains("thư mục không tồn tại") && !folder.err.contains("no such"), "\(folder.err)")
        let earlier = try uytin("regime", "set", "--from", "2020-01-01", "--decides", "province", "--approves-list", "province",
                                "--basis", "Quyết định mẫu")
        #expect(earlier.code == 65 && earlier.err.contains("01/07/2025") && earlier.err.contains("01/01/2020")
                && !earlier.err.contains("2025-07-01"), "\(earlier.err)")
    }

    // MARK: tables

    @Test("Every table fits 100 columns on the demo database, COLUMNS when set, and --wide prints wider")
    func tablesFit() throws {
        let uytin = try Self.demo()
        for command in Self.tableCommands {
            let normal = try uytin.run(command)
            #expect(normal.code == 0, "\(command): \(normal.err)")
            #expect(Self.tableWidth(normal.out) <= 100, "\(command): \(Self.tableWidth(normal.out)) columns")
            let narrow = try uytin.run(command, environment: ["COLUMNS": "80"])
            #expect(Self.tableWidth(narrow.out) <= 80, "\(command) COLUMNS=80: \(Self.tableWidth(narrow.out)) columns")
            let wide = try uytin.run(command + ["--wide"])
            #expect(Self.tableWidth(wide.out) >= Self.tableWidth(normal.out), "\(command) --wide")
            // Bad COLUMNS never breaks a command.
            let garbage = try uytin.run(command, environment: ["COLUMNS": "abc"])
            #expect(garbage.code == 0 && garbage.out == normal.out, "\(command) COLUMNS=abc")
        }
        for command in [["rule", "list"], ["audit", "log"], ["list"]] {
            #expect(Self.tableWidth(try uytin.run(command + ["--wide"]).out) > 100, "\(command) --wide")
        }
        // --wide before the command, like --json.
        let before = try uytin("--wide", "rule", "list")
        let after = try uytin("rule", "list", "--wide")
        #expect(before.code == 0 && before.out == after.out)
        // JSON is the same with or without --wide and COLUMNS.
        let json = try uytin("audit", "log", "--json")
        let jsonWide = try uytin.run(["audit", "log", "--json", "--wide"], environment: ["COLUMNS": "40"])
        #expect(json.out == jsonWide.out)
    }

    @Test("A streamed list wraps long names within its columns and keeps every row")
    func streamedList() throws {
        let uytin = try Self.demo()
        let wide = try uytin("list", "--year", "2021", "--json")
        let count = (try JSONSerialization.jsonObject(with: Data(wide.out.utf8)) as? [Any])?.count ?? 0
        #expect(count == 69)
        let narrow = try uytin.run(["list", "--year", "2021"], environment: ["COLUMNS": "60"])
        #expect(Self.tableWidth(narrow.out) <= 60)
        let ids = narrow.out.split(separator: "\n").compactMap { line in line.split(separator: " ").first.flatMap { Int($0) } }
        #expect(ids.count == 69)
    }
}
