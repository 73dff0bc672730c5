import Foundation
import GRDB
import Registry

/// The append-only, hash-chained audit log: who changed what, when, under which decision.
extension UytinDatabase {
    static let genesisHash = String(repeating: "0", count: 64)

    /// The text a row's hash covers: every column but the hash, in order, with the previous row's hash.
    static func auditContent(id: Int64, at: String, actor: String, action: String, entity: String, entityId: Int64?,
                             decisionId: Int64?, detail: String, prevHash: String) -> String {
        [String(id), at, actor, action, entity, entityId.map(String.init) ?? "", decisionId.map(String.init) ?? "",
         detail, prevHash].joined(separator: "\u{1F}")
    }

    /// Appends one row, chained to the last. Called inside the transaction that makes the change.
    func audit(_ db: Database, _ action: String, entity: String, id entityId: Int64?, decision decisionId: Int64? = nil,
               _ detail: [String: String] = [:]) throws {
        var chain = try AuditChain(db, actor: actor)
        try chain.append(db, action, entity: entity, id: entityId, decision: decisionId, detail)
    }

    /// The end of the chain, held by a transaction that appends many rows (an import appends one per person), so
    /// that it is read once instead of once per row. Only valid inside the one transaction that made it.
    struct AuditChain {
        let actor: String
        private(set) var lastId: Int64
        private(set) var lastHash: String

        init(_ db: Database, actor: String) throws {
            let last = try UytinDatabase.lastAuditRow(db)
            self.actor = actor
            lastId = last?.id ?? 0
            lastHash = last?.hash ?? UytinDatabase.genesisHash
        }

        mutating func append(_ db: Database, _ action: String, entity: String, id entityId: Int64?, decision decisionId: Int64? = nil,
                             _ detail: [String: String] = [:]) throws {
            let id = lastId + 1
            let at = UytinDatabase.timestamp()
            let detailText = try UytinDatabase.detailJSON(detail)
            let hash = SHA256.hex(UytinDatabase.auditContent(id: id, at: at, actor: actor, action: action, entity: entity,
                                                             entityId: entityId, decisionId: decisionId, detail: detailText,
                                                             prevHash: lastHash))
            try db.cachedStatement(sql: """
                INSERT INTO audit_log (id, at, actor, action, entity, entity_id, decision_id, detail, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id, at, actor, action, entity, entityId, decisionId, detailText, lastHash, hash])
            lastId = id
            lastHash = hash
        }
    }

    /// The detail as `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes it, byte for byte, without its
    /// cost (it was a tenth of an import): keys in code-point order; in strings only `"`, `\` and the control characters
    /// U+0000–U+001F are escaped (`\b \t \n \f \r`, else `\u00xx`), everything else is written as it is. Keys that are not
    /// all ASCII (none are) go through JSONEncoder itself.
    static func detailJSON(_ detail: [String: String]) throws -> String {
        guard detail.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(detail), as: UTF8.self)
        }
        let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(128)
        func string(_ text: String) {
            out.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0..<0x20:
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]])
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
        for (index, key) in detail.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(key)
            out.append(UInt8(ascii: ":"))
            string(detail[key]!)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The most recent rows, newest first.
    public func auditLog(limit: Int) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.auditEntry)
        }
    }

    static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(id: row["id"], at: row["at"], actor: row["actor"], action: row["action"], entity: row["entity"],
                   entityId: row["entity_id"], decisionId: row["decision_id"], detail: row["detail"],
                   prevHash: row["prev_hash"], hash: row["hash"])
    }

    /// The result of walking the audit chain.
    public struct AuditVerification: Sendable, Codable, Equatable {
        public var rows: Int
        /// The first row that does not hold: edited, inserted, or following a deleted row.
        public var firstBadRow: Int64?
        public var problem: Message?
        /// The hash of the last row, when the chain holds: kept somewhere else (a log, a printed report), it is an
        /// anchor that a later `audit verify --anchor` compares, which catches a log rewritten or cut short whole.
        public var lastHash: String?
        public var ok: Bool { firstBadRow == nil }
    }

    /// A row and its hash (or the first 16 or more characters of it) recorded outside the database.
    public struct AuditAnchor: Sendable, Equatable {
        public var id: Int64
        public var hashPrefix: String

        /// "1938:1fa1c5e8394c6ee5" (row:hash, at least 16 hexadecimal digits); nil when malformed.
        public init?(parsing text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let id = Int64(parts[0]), id >= 1, (16...64).contains(parts[1].count),
                  parts[1].allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
            self.id = id
            hashPrefix = parts[1].lowercased()
        }

        /// The anchor of a row: its id and the first 16 characters of its hash.
        init(id: Int64, hash: String) {
            self.id = id
            hashPrefix = String(hash.prefix(16))
        }

        public var text: String { "\(id):\(hashPrefix)" }
    }

    /// Recomputes every row's hash in order; names the first row whose content, position or link is wrong. With an
    /// anchor, the row it names must still be there with the hash it had.
    public func verifyAudit(anchor: AuditAnchor? = nil) throws -> AuditVerification {
        try read { db in try Self.verifyAudit(db, anchor: anchor) }
    }

    /// The newest row of the log: its id and hash; nil for an empty log.
    static func lastAuditRow(_ db: Database) throws -> (id: Int64, hash: String)? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")).map { ($0["id"], $0["hash"]) }
    }

    /// The newest row of the log and its hash, as an anchor to keep elsewhere.
    static func auditAnchor(_ db: Database) throws -> AuditAnchor? {
        try lastAuditRow(db).map { AuditAnchor(id: $0.id, hash: $0.hash) }
    }

    static func verifyAudit(_ db: Database, anchor: AuditAnchor? = nil) throws -> AuditVerification {
        var expectedId: Int64 = 1
        var prevHash = genesisHash
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY id")
        while let row = try rows.next() {
            let entry = auditEntry(row)
            count += 1
            if let anchor, entry.id == anchor.id, !entry.hash.hasPrefix(anchor.hashPrefix) {
                return AuditVerification(rows: count, firstBadRow: entry.id,
                                         problem: Message(vi: "dòng #\(entry.id) không còn là dòng đã được ghi lại bên ngoài (mã băm khác): nhật ký đã bị viết lại từ dòng này hoặc trước đó",
                                                          en: "row \(entry.id) is no longer the row recorded outside (another hash): the log was rewritten from this row or before"))
            }
            if entry.id != expectedId {
                return AuditVerification(rows: count, firstBadRow: entry.id,
                                         problem: Message(vi: "thiếu dòng #\(expectedId) trước dòng #\(entry.id)",
                                                          en: "row \(expectedId) is missing before row \(entry.id)"))
            }
            if entry.prevHash != prevHash {
                return AuditVerification(rows: count, firstBadRow: entry.id, problem: Message(vi: "mắt xích với dòng trước bị đứt",
                                                                                              en: "the link to the previous row is broken"))
            }
            let content = auditContent(id: entry.id, at: entry.at, actor: entry.actor, action: entry.action,
                                       entity: entry.entity, entityId: entry.entityId, decisionId: entry.decisionId,
                                       detail: entry.detail, prevHash: entry.prevHash)
            if SHA256.hex(content) != entry.hash {
                return AuditVerification(rows: count, firstBadRow: entry.id, problem: Message(vi: "nội dung không khớp với mã băm của dòng",
                                                                                              en: "the content does not match its hash"))
            }
            prevHash = entry.hash
            expectedId += 1
        }
        if let anchor, anchor.id > expectedId - 1 {
            return AuditVerification(rows: count, firstBadRow: expectedId,
                                     problem: Message(vi: "nhật ký dừng ở dòng #\(expectedId - 1) nhưng dòng #\(anchor.id) đã được ghi lại bên ngoài: các dòng từ #\(expectedId) đã bị xóa",
                                                      en: "the log ends at row \(expectedId - 1) but row \(anchor.id) was recorded outside: rows from \(expectedId) on were deleted"))
        }
        // `init` writes the first rows: a registry with its setting and no audit row at all has lost its whole log.
        if count == 0, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM setting)") == true {
            return AuditVerification(rows: 0, firstBadRow: 1,
                                     problem: Message(vi: "nhật ký trống dù cơ sở dữ liệu đã được khởi tạo: thiếu từ dòng #1",
                                                      en: "the log is empty although the database is initialised: rows from 1 on are missing"))
        }
        let head = try Row.fetchOne(db, sql: "SELECT last_id, last_hash FROM audit_head")
        let headId: Int64 = head?["last_id"] ?? 0
        let headHash: String = head?["last_hash"] ?? genesisHash
        if headId != expectedId - 1 || headHash != prevHash {
            return AuditVerification(rows: count, firstBadRow: max(headId, expectedId - 1),
                                     problem: headId == expectedId - 1
                                         ? Message(vi: "mã băm cuối chuỗi không khớp với dòng #\(headId)", en: "the chain's last hash does not match row \(headId)")
                                         : Message(vi: "chuỗi phải kết thúc ở dòng #\(headId) nhưng kết thúc ở dòng #\(expectedId - 1)",
                                                   en: "the chain should end at row \(headId) but ends at row \(expectedId - 1)"))
        }
        return AuditVerification(rows: count, firstBadRow: nil, problem: nil, lastHash: count > 0 ? prevHash : nil)
    }
}
