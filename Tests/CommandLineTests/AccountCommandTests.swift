import Foundation
import Testing

@Suite("Console accounts on the command line, and who may approve")
struct AccountCommandTests {
    static let password = "mat-khau-dai-du\n"

    @Test("user add|list|disable|password: roles typed in Vietnamese, bcrypt hashes, logins unique whatever the case")
    func accounts() throws {
        let uytin = try BatchAndPreviewTests.fromDemo()
        let added = try uytin.run(["user", "add", "--login", "Lan.Anh", "--role", "lãnh đạo", "--password-stdin"], input: Self.password)
        #expect(added.code == 0, "\(added.err)")
        #expect(added.out.contains("Đã tạo tài khoản Lan.Anh (lãnh đạo)"))
        let commune = try uytin.run(["user", "add", "--login", "xa-dao-tru", "--role", "can bo xa", "--area", "24801", "--password-stdin"], input: Self.password)
        #expect(commune.code == 0, "\(commune.err)")
        #expect(commune.out.contains("cán bộ xã, xã Xã Đạo Trù") || commune.out.contains("Đạo Trù"), "\(commune.out)")

        // The hash, never the password; bcrypt's "$2" prefix.
        let hashes = try uytin.query("SELECT password_hash FROM account ORDER BY id")
        #expect(hashes.split(separator: "\n").allSatisfy { $0.hasPrefix("$2") && !$0.contains("mat-khau") })
        // The audit log names the account, not the password.
        #expect(try uytin.query("SELECT count(*) FROM audit_log WHERE action = 'account.add' AND detail NOT LIKE '%mat-khau%'") == "2\n")

        let list = try uytin("user", "list")
        #expect(list.out.contains("Lan.Anh") && list.out.contains("lãnh đạo") && list.out.contains("đang dùng"))
        let json = try uytin.jsonArray("user", "list", "--json")
        #expect(json.count == 2 && json.allSatisfy { $0["passwordHash"] == nil })

        let before = try uytin.dump()
        for (arguments, input, code, words) in [
            (["user", "add", "--login", "LAN.ANH", "--role", "cán bộ", "--password-stdin"], Self.password, Int32(65), "Đã có tài khoản"),
            (["user", "add", "--login", "cron", "--role", "kế toán", "--password-stdin"], Self.password, 65, "dành cho chương trình"),
            (["user", "add", "--login", "CRON", "--role", "kế toán", "--password-stdin"], Self.password, 65, "dành cho chương trình"),
            (["user", "add", "--login", "mot", "--role", "thủ quỹ", "--password-stdin"], Self.password, 64, "Các vai trò: quản trị, lãnh đạo"),
            (["user", "add", "--login", "hai", "--role", "cán bộ xã", "--password-stdin"], Self.password, 64, "cần --area"),
            (["user", "add", "--login", "ba", "--role", "kế toán", "--area", "24801", "--password-stdin"], Self.password, 64, "chỉ tài khoản cán bộ xã"),
            (["user", "add", "--login", "bon", "--role", "cán bộ xã", "--area", "99999", "--password-stdin"], Self.password, 65, "99999"),
            (["user", "add", "--login", "nam", "--role", "kế toán", "--password-stdin"], "ngan\n", 65, "ít nhất 10 ký tự"),
            (["user", "add", "--login", "có dấu", "--role", "kế toán", "--password-stdin"], Self.password, 64, "không hợp lệ"),
            (["user", "add", "--login", "sau", "--role", "kế toán"], "", 64, "--password-stdin"),
            (["user", "disable", "--login", "nobody"], "", 65, "Không có tài khoản"),
        ] as [([String], String, Int32, String)] {
            let result = try uytin.run(arguments, input: input)
            #expect(result.code == code, "\(arguments): \(result.err)")
            #expect(result.err.contains(words), "\(arguments): \(result.err)")
        }
        #expect(try uytin.dump() == before, "nothing written by a refused command")

        let disabled = try uytin("user", "disable", "--login", "lan.anh")
        #expect(disabled.code == 0 && disabled.out.contains("đã bị khóa"))
        #expect(try uytin("user", "disable", "--login", "lan.anh").code == 0, "safe to run twice")
        #expect(try uytin.run(["user", "password", "--login", "lan.anh", "--password-stdin"], input: Self.password).code == 65)
        let changed = try uytin.run(["user", "password", "--login", "xa-dao-tru", "--password-stdin"], input: "mat-khau-moi-12\n")
        #expect(changed.code == 0 && changed.out.contains("Đã đổi mật khẩu"), "\(changed.err)")
        #expect(try uytin("user", "list").out.contains("đã khóa"))
    }

    @Test("programs never approve, and actor names compare without regard to case or accents")
    func approvers() throws {
        let uytin = try BatchAndPreviewTests.fromDemo()
        let select = ["--kind", "newspaper", "--year", "2022", "--commune", "24801"]
        let before = try uytin.dump()
        for actor in ["cron", "CRON", "Cron"] {
            let result = try uytin.run(["entitlement", "approve"] + select + ["--actor", actor])
            #expect(result.code == 65, "\(actor)")
            #expect(result.err.contains("chương trình không được duyệt"), "\(result.err)")
        }
        for actor in ["DEMO", "Demo", " demo "] {
            let result = try uytin.run(["entitlement", "approve"] + select + ["--actor", actor])
            #expect(result.code == 65, "\(actor): the entitlements' creator, in another case")
            #expect(result.err.contains("không thể tự duyệt"), "\(result.err)")
        }
        #expect(try uytin.dump() == before)
        #expect(try uytin.run(["entitlement", "approve"] + select + ["--actor", "ke-toan"]).code == 0)

        // A program does not record decisions either.
        let proposal = try uytin.createdId("propose", "remove", "--person", "3", "--reason", "resigned", "--effective", "2022-12-01")
        let decision = try uytin.run(["decision", "record", "--number", "99/QĐ-UBND", "--issuer", "UBND tỉnh Vĩnh Phúc",
                                      "--date", "2022-12-01", "--approve", "\(proposal)", "--actor", "Cron"])
        #expect(decision.code == 65, "\(decision.err)")
        #expect(decision.err.contains("chương trình"))
    }
}
