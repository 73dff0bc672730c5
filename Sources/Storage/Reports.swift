import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// The figures of the reports a provincial office sends upward (`uytin report`) and of the national roll-up
/// (`uytin rollup`): the list's composition, the year's changes and the benefits, counted in SQL over sets (GROUP BY)
/// on one snapshot; the list itself is never loaded.
extension UytinDatabase {
    /// One count of the list's composition: in `year`, `persons` persons of category `key` (named `name`, and
    /// `group`, the district while districts existed, for the composition by area).
    public struct ReportCount: Sendable, Codable, Equatable {
        public var year: Int
        public var key: String
        public var name: String
        public var group: String
        public var persons: Int

        public init(year: Int, key: String, name: String, group: String = "", persons: Int) {
            self.year = year
            self.key = key
            self.name = name
            self.group = group
            self.persons = persons
        }
    }

    /// One line of the year's changes: `count` approved proposals of `kind` (recognize, remove, replace, rebind;
    /// `reorganized` for persons re-bound by a reorganisation of the map), for `reason` (a removal reason's code).
    public struct ReportChange: Sendable, Codable, Equatable {
        public var year: Int
        public var kind: String
        public var reason: String
        public var reasonVi: String
        public var reasonEn: String
        public var count: Int

        public init(year: Int, kind: String, reason: String, reasonVi: String, reasonEn: String, count: Int) {
            self.year = year
            self.kind = kind
            self.reason = reason
            self.reasonVi = reasonVi
            self.reasonEn = reasonEn
            self.count = count
        }
    }

    /// One line of the benefits of a year, under one key of one dimension (a benefit kind, a delivery method — with
    /// `contingency` set for the entitlements a contingency (Covid-19) changed —, or a funding source): the
    /// entitlements not cancelled (persons, occasions, amount: the estimate) and those delivered.
    public struct ReportBenefit: Sendable, Codable, Equatable {
        public var year: Int
        public var key: String
        public var contingency: String?
        public var persons: Int
        public var occasions: Int
        public var estimate: Int
        public var deliveredPersons: Int
        public var deliveredOccasions: Int
        public var delivered: Int

        public init(year: Int, key: String, contingency: String? = nil, persons: Int, occasions: Int, estimate: Int,
                    deliveredPersons: Int, deliveredOccasions: Int, delivered: Int) {
            self.year = year
            self.key = key
            self.contingency = contingency
            self.persons = persons
            self.occasions = occasions
            self.estimate = estimate
            self.deliveredPersons = deliveredPersons
            self.deliveredOccasions = deliveredOccasions
            self.delivered = delivered
        }
    }

    /// Where a report's figures come from: the file, its province and terms, what it holds, and its audit head
    /// (the last row of its audit log and that row's hash), printed as the roll-up's provenance.
    public struct ReportSource: Sendable, Codable, Equatable {
        public var file: String
        public var provinceCode: String
        public var provinceName: String
        public var terms: String
        public var persons: Int
        public var listEntries: Int
        public var entitlements: Int
        public var auditRows: Int
        public var auditHeadId: Int64
        public var auditHeadHash: String
    }

    /// The approved list of a year: how many persons, approved on which day (the latest part).
    public struct ReportList: Sendable, Codable, Equatable {
        public var year: Int
        public var persons: Int
        public var asOf: Day
    }

    /// Everything a report of the years `from`…`to` counts, read on one snapshot.
    public struct ReportFigures: Sendable, Codable, Equatable {
        public var from: Int
        public var to: Int
        public var source: ReportSource
        public var lists: [ReportList]
        public var ethnicGroups: [ReportCount]
        public var genders: [ReportCount]
        /// Keys "0"…"5": under 40, 40–49, 50–59, 60–69, 70–79, 80 and over (age reached in the year).
        public var ageBands: [ReportCount]
        /// A person with several roles counts under each; "none" for a person with none.
        public var roles: [ReportCount]
        /// By commune (`group`: its district while districts existed), named as on the list's day.
        public var communes: [ReportCount]
        public var changes: [ReportChange]
        public var byKind: [ReportBenefit]
        public var byMethod: [ReportBenefit]
        public var byFunding: [ReportBenefit]
        /// The year's benefits altogether (key "all"): its persons are the distinct persons of the year.
        public var byYear: [ReportBenefit]
    }

    /// The age bands a report counts, by key: the lower bound of each (nil for the first).
    public static let ageBandBounds = [40, 50, 60, 70, 80]

    /// The figures of the years `from`…`to` (one read transaction). The audit chain is walked first in the same
    /// snapshot when `verifyingAudit` (a roll-up): a broken chain is refused, naming `name`.
    public func reportFigures(from: Int, to: Int, name: String, verifyingAudit: Bool = false) throws -> ReportFigures {
        try read { db in
            let setting = try Self.requireSetting(db)
            if verifyingAudit {
                let verification = try Self.verifyAudit(db)
                if !verification.ok {
                    let problem = verification.problem ?? Message(vi: "", en: "")
                    throw RegistryError("audit_broken",
                        vi: "Nhật ký kiểm toán của \(name) không toàn vẹn từ dòng #\(verification.firstBadRow ?? 0): \(problem.vi). Không tổng hợp tệp này; hãy yêu cầu tỉnh gửi lại bản sao lưu còn nguyên vẹn.",
                        en: "The audit log of \(name) does not hold from row \(verification.firstBadRow ?? 0): \(problem.en). This file is not rolled up; ask the province for an intact backup.")
                }
            }
            let range: StatementArguments = ["from": from, "to": to]
            let lists = try Row.fetchAll(db, sql: """
                SELECT year, sum(person_count), max(as_of) FROM yearly_list WHERE year BETWEEN :from AND :to GROUP BY year ORDER BY year
                """, arguments: range).map { ReportList(year: $0[0], persons: $0[1], asOf: try $0.decode(atIndex: 2)) }
            let entries = """
                FROM yearly_list_entry e JOIN yearly_list yl ON yl.id = e.list_id JOIN person p ON p.id = e.person_id
                """
            func counts(_ sql: String) throws -> [ReportCount] {
                try Row.fetchAll(db, sql: sql, arguments: range).map {
                    ReportCount(year: $0["year"], key: $0["key"], name: $0["name"], group: $0["grp"] ?? "", persons: $0["persons"])
                }
            }
            let ethnicGroups = try counts("""
                SELECT e.year AS year, p.ethnic_code AS key, g.name AS name, count(*) AS persons
                \(entries) JOIN ethnic_group g ON g.code = p.ethnic_code
                WHERE e.year BETWEEN :from AND :to GROUP BY e.year, p.ethnic_code ORDER BY e.year, count(*) DESC, g.name
                """)
            let genders = try counts("""
                SELECT e.year AS year, p.gender AS key, p.gender AS name, count(*) AS persons
                \(entries) WHERE e.year BETWEEN :from AND :to GROUP BY e.year, p.gender ORDER BY e.year, p.gender
                """)
            let band = "CASE " + Self.ageBandBounds.enumerated().map { "WHEN e.year - p.birth_year < \($0.element) THEN '\($0.offset)'" }
                .joined(separator: " ") + " ELSE '\(Self.ageBandBounds.count)' END"
            let ageBands = try counts("""
                SELECT e.year AS year, \(band) AS key, \(band) AS name, count(*) AS persons
                \(entries) WHERE e.year BETWEEN :from AND :to GROUP BY e.year, 2 ORDER BY e.year, 2
                """)
            let roles = try counts("""
                SELECT e.year AS year, coalesce(r.role, 'none') AS key, coalesce(r.role, 'none') AS name, count(*) AS persons
                \(entries) LEFT JOIN person_role r ON r.person_id = p.id
                WHERE e.year BETWEEN :from AND :to GROUP BY e.year, 2 ORDER BY e.year, count(*) DESC, 2
                """)
            let communes = try counts("""
                SELECT e.year AS year, c.code AS key, \(Self.areaName("c", on: "yl.as_of")) AS name,
                       coalesce(\(Self.areaName("d", on: "yl.as_of")), '') AS grp, count(*) AS persons
                \(entries) JOIN village v ON v.id = e.village_id JOIN area c ON c.id = v.commune_id
                LEFT JOIN area d ON d.id = c.parent_id AND d.level = 'district'
                WHERE e.year BETWEEN :from AND :to GROUP BY e.year, c.id, d.id ORDER BY e.year, d.code, c.code
                """)
            // Each change in the year of the decision that made it; persons re-bound by a reorganisation of the map in
            // the year it took effect.
            let changes = try Row.fetchAll(db, sql: """
                SELECT CAST(substr(d.decided_on, 1, 4) AS INTEGER) AS year, pr.kind, coalesce(pr.reason, '') AS reason,
                       coalesce(rr.name_vi, ''), coalesce(rr.name_en, ''), count(*)
                FROM proposal pr JOIN decision d ON d.id = pr.decision_id LEFT JOIN removal_reason rr ON rr.code = pr.reason
                WHERE pr.status = 'approved' AND CAST(substr(d.decided_on, 1, 4) AS INTEGER) BETWEEN :from AND :to
                GROUP BY 1, 2, 3
                UNION ALL
                SELECT CAST(substr(r.effective_on, 1, 4) AS INTEGER), 'reorganized', '', '', '', count(*)
                FROM membership m JOIN reorganization r ON r.id = m.start_reorg_id
                WHERE CAST(substr(r.effective_on, 1, 4) AS INTEGER) BETWEEN :from AND :to
                GROUP BY 1
                ORDER BY 1, 2, 3
                """, arguments: range).map {
                ReportChange(year: $0[0], kind: $0[1], reason: $0[2], reasonVi: $0[3], reasonEn: $0[4], count: $0[5])
            }
            let benefits = try Self.benefitLines(db, from: from, to: to)
            let head = try Self.lastAuditRow(db)
            let source = ReportSource(
                file: (path as NSString).lastPathComponent, provinceCode: setting.provinceCode, provinceName: setting.provinceName,
                terms: setting.terms.label,
                persons: try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0,
                listEntries: try Int.fetchOne(db, sql: "SELECT count(*) FROM yearly_list_entry WHERE year BETWEEN :from AND :to",
                                              arguments: range) ?? 0,
                entitlements: try Int.fetchOne(db, sql: "SELECT count(*) FROM entitlement WHERE year BETWEEN :from AND :to",
                                               arguments: range) ?? 0,
                auditRows: try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0,
                auditHeadId: head?.id ?? 0, auditHeadHash: head?.hash ?? Self.genesisHash)
            return ReportFigures(
                from: from, to: to, source: source, lists: lists, ethnicGroups: ethnicGroups, genders: genders, ageBands: ageBands,
                roles: roles, communes: communes, changes: changes, byKind: benefits[0], byMethod: benefits[1],
                byFunding: benefits[2], byYear: benefits[3])
        }
    }

    /// The benefits of the years `from`…`to` by kind, by delivery method (with the contingency's reason), by funding
    /// source and altogether, from one pass over the years' entitlements in table order: four GROUP BYs with
    /// count(DISTINCT person_id) sort the rows four times (0.4 s for a province of 45,000 entitlements, most of a
    /// roll-up's time), where one scan summed here takes a tenth of that.
    static func benefitLines(_ db: Database, from: Int, to: Int) throws -> [[ReportBenefit]] {
        struct Key: Hashable, Comparable {
            var year: Int
            var key: String
            var contingency: String?
            static func < (a: Key, b: Key) -> Bool { (a.year, a.key, a.contingency ?? "") < (b.year, b.key, b.contingency ?? "") }
        }
        struct Sum {
            var persons = Set<Int64>()
            var deliveredPersons = Set<Int64>()
            var occasions = 0
            var estimate = 0
            var deliveredOccasions = 0
            var delivered = 0

            mutating func add(person: Int64, amount: Int, delivered isDelivered: Bool) {
                persons.insert(person)
                occasions += 1
                estimate += amount
                if isDelivered {
                    deliveredPersons.insert(person)
                    deliveredOccasions += 1
                    delivered += amount
                }
            }
        }
        let reasons = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, reason FROM contingency").map {
            ($0[0] as Int64, $0[1] as String)
        })
        var sums: [[Key: Sum]] = Array(repeating: [:], count: 4)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT year, person_id, kind, method, funding, contingency_id, status = 'delivered', amount
            FROM entitlement WHERE year BETWEEN ? AND ? AND status <> 'cancelled'
            """, arguments: [from, to])
        while let row = try rows.next() {
            let year: Int = row[0]
            let person: Int64 = row[1]
            let delivered: Bool = row[6]
            let amount: Int = row[7]
            let contingency = (row[5] as Int64?).flatMap { reasons[$0] }
            let keys = [Key(year: year, key: row[2]), Key(year: year, key: row[3], contingency: contingency),
                        Key(year: year, key: row[4]), Key(year: year, key: "all")]
            for (dimension, key) in keys.enumerated() {
                sums[dimension][key, default: Sum()].add(person: person, amount: amount, delivered: delivered)
            }
        }
        return sums.map { dimension in
            dimension.keys.sorted().map { key in
                let sum = dimension[key]!
                return ReportBenefit(year: key.year, key: key.key, contingency: key.contingency, persons: sum.persons.count,
                                     occasions: sum.occasions, estimate: sum.estimate, deliveredPersons: sum.deliveredPersons.count,
                                     deliveredOccasions: sum.deliveredOccasions, delivered: sum.delivered)
            }
        }
    }

    /// Opens a province's database to read only, for a roll-up: no migration, no write, no journal created (a file
    /// with no pending write-ahead log is opened immutable). A file an earlier or a later release made (another set
    /// of migrations) is refused, naming it: the province upgrades it with its own uytin first.
    public static func openReadOnly(path: String) throws(RegistryError) -> UytinDatabase {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { throw .databaseMissing(path) }
        guard manager.isReadableFile(atPath: path) else { throw .databaseUnreadable(path, "permission denied") }
        let walSize = (try? manager.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(defaultBusyTimeout)
        config.label = "uytin-readonly"
        config.prepareDatabase { db in Self.addFunctions(db) }
        let location = walSize == 0 ? "file:" + Self.uriEscaped(path) + "?immutable=1" : path
        let queue: DatabaseQueue
        let migrations: [String]
        let initialized: Bool
        do {
            queue = try DatabaseQueue(path: location, configuration: config)
            (migrations, initialized) = try queue.read { db in
                guard try db.tableExists("grdb_migrations") else { return ([], false) }
                return (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                        try db.tableExists("setting") && (try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM setting)") ?? false))
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notUytinDatabase(path)
        } catch {
            throw .databaseUnreadable(path, "\(error)")
        }
        if migrations.isEmpty { throw .notUytinDatabase(path) }
        let known: [String]
        do { known = try Schema.migrations().map(\.name) } catch { throw .internalFault("\(error)") }
        if migrations != known.sorted() {
            let older = Set(migrations).isSubset(of: Set(known))
            throw RegistryError("schema_other_release",
                vi: older
                    ? "Tệp \(path) do phiên bản uytin trước tạo (thiếu các bước nâng cấp \(known.filter { !migrations.contains($0) }.joined(separator: ", "))); tổng hợp chỉ đọc nên không nâng cấp tệp. Hãy để tỉnh mở tệp bằng phiên bản này (ví dụ `uytin check`) rồi gửi lại."
                    : "Tệp \(path) do phiên bản uytin mới hơn tạo (có các bước nâng cấp \(migrations.filter { !known.contains($0) }.joined(separator: ", "))); hãy dùng phiên bản mới hơn để tổng hợp.",
                en: older
                    ? "The file \(path) was made by an earlier uytin release (it lacks the upgrades \(known.filter { !migrations.contains($0) }.joined(separator: ", "))); a roll-up only reads, so it does not upgrade it. Have the province open it once with this release (e.g. `uytin check`) and send it again."
                    : "The file \(path) was made by a newer uytin release (upgrades \(migrations.filter { !known.contains($0) }.joined(separator: ", "))); roll up with the newer release.")
        }
        guard initialized else {
            throw RegistryError("source_not_initialized",
                                vi: "Tệp \(path) chưa được khởi tạo (chưa có tỉnh và giai đoạn): không có gì để tổng hợp.",
                                en: "The file \(path) is not initialised (no province and term): there is nothing to roll up.")
        }
        return UytinDatabase(writer: queue, path: path, actor: "rollup")
    }

    /// A path as the path of a `file:` URI: the characters a URI gives a meaning to, escaped.
    static func uriEscaped(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
    }

    /// Closes the file now (a roll-up opens many).
    public func closeFile() {
        try? (writer as? DatabaseQueue)?.close()
    }
}
