import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// Bringing in the proposals communes send as a sheet: every row checked with the rules of `propose`, every error
/// reported with its row, all rows or none.
extension UytinDatabase {
    /// One data row of a commune's sheet of proposals, as text, with the row number the sheet shows.
    public struct ProposalImportRow: Sendable {
        public var line: Int
        /// Công nhận, Đưa ra khỏi danh sách, Thay thế, Gắn lại thôn (or recognize, remove, replace, rebind).
        public var kind: String
        /// The person, by citizen ID, or by name with birth year and place.
        public var idNumber: String
        public var name: String
        public var birth: String
        public var village: String
        public var commune: String
        public var district: String
        public var reason: String
        /// For a replacement, the person entering: a citizen ID, `#id`, or a name (of the same commune).
        public var replacement: String
        public var replacementBirth: String
        /// For a re-binding, the village the person's merged into; for a recognition, the village they represent.
        public var newVillage: String
        public var effective: String
        /// For a removal or replacement for death, the date of death ("Ngày mất").
        public var died: String
        public var note: String

        public init(line: Int, kind: String, idNumber: String = "", name: String = "", birth: String = "", village: String = "",
                    commune: String = "", district: String = "", reason: String = "", replacement: String = "",
                    replacementBirth: String = "", newVillage: String = "", effective: String = "", died: String = "",
                    note: String = "") {
            self.line = line
            self.kind = kind
            self.idNumber = idNumber
            self.name = name
            self.birth = birth
            self.village = village
            self.commune = commune
            self.district = district
            self.reason = reason
            self.replacement = replacement
            self.replacementBirth = replacementBirth
            self.newVillage = newVillage
            self.effective = effective
            self.died = died
            self.note = note
        }
    }

    /// What an import of proposals did, or (dry) would do.
    public struct ProposalImportReport: Sendable, Codable {
        public var rows: Int
        public var drafted: [Drafted]
        /// Rows whose proposal is already pending (the same file imported again): reported, not drafted twice.
        public var existing: [ImportReport.Note]
        public var dryRun: Bool

        public struct Drafted: Sendable, Codable {
            public var line: Int
            /// Nil in a dry run: nothing was written.
            public var proposalId: Int64?
            public var kind: ProposalKind
            public var personId: Int64
            public var person: String
            public var replacementId: Int64?
            public var replacement: String?
            public var villageId: Int64?
            public var village: String?
            public var reason: String?
        }
    }

    /// Drafts a proposal for each row, checked as `propose` checks it, in one transaction: every row's errors are
    /// collected and the file is refused whole (`ImportErrors`), or every row is drafted. With `dryRun`, nothing is
    /// written. Rows are read one at a time from `rows`.
    public func importProposals(_ rows: some Sequence<ProposalImportRow>, fileName: String, fileSha256: String,
                                dryRun: Bool) throws -> ProposalImportReport {
        try write(commit: !dryRun) { db in
            let setting = try Self.requireSetting(db)
            let today = Day.todayInVietnam()
            let reasons = try Self.removalReasons(db)
            var errors: [(line: Int, message: Message)] = []
            var report = ProposalImportReport(rows: 0, drafted: [], existing: [], dryRun: dryRun)
            var seen: [Int64: Int] = [:]   // person → the row that names them first
            let findById = try db.cachedStatement(sql: "SELECT id, full_name FROM person WHERE id_number = ?")
            let findByName = try db.cachedStatement(sql: """
                SELECT p.id, p.full_name, p.birth_year, v.name AS village, v.commune_id, c.name AS commune,
                       coalesce(d.name, '') AS district,
                       (SELECT lv.name FROM membership m JOIN village lv ON lv.id = m.village_id
                        WHERE m.person_id = p.id ORDER BY m.from_date DESC LIMIT 1) AS listed_village
                FROM person p JOIN village v ON v.id = p.village_id JOIN area c ON c.id = v.commune_id
                LEFT JOIN area d ON d.id = c.parent_id AND d.level = 'district'
                WHERE p.name_key = ? AND p.withdrawn_on IS NULL ORDER BY p.id
                """)
            let pendingOf = try db.cachedStatement(sql: """
                SELECT id, kind, replacement_id, village_id FROM proposal WHERE status = 'pending' AND person_id = ?
                """)

            for row in rows {
                report.rows += 1
                var rowErrors: [Message] = []
                func attempt<T>(_ body: () throws -> T) -> T? {
                    do { return try body() } catch let error as any ClerkFacingError {
                        rowErrors.append(error.message)
                        return nil
                    } catch {
                        rowErrors.append(Message(vi: "\(error)", en: "\(error)"))
                        return nil
                    }
                }
                let kind = ProposalKind(parsing: row.kind)
                if row.kind.isEmpty {
                    rowErrors.append(Message(vi: "thiếu loại đề nghị (Công nhận, Đưa ra khỏi danh sách, Thay thế hoặc Gắn lại thôn)",
                                             en: "the proposal kind is missing (recognize, remove, replace or rebind)"))
                } else if kind == nil {
                    rowErrors.append(Message(
                        vi: "loại đề nghị \"\(Inputs.shown(row.kind))\" không rõ (Công nhận, Đưa ra khỏi danh sách, Thay thế hoặc Gắn lại thôn)",
                        en: "proposal kind \"\(Inputs.shown(row.kind))\" is unknown (recognize, remove, replace or rebind, in English or Vietnamese)"))
                }
                let person = attempt {
                    try Self.findPerson(db, byId: findById, byName: findByName, idNumber: row.idNumber, name: row.name, birth: row.birth,
                                        village: row.village, commune: row.commune, district: row.district, today: today)
                }
                let note = attempt { try Inputs.note(row.note.isEmpty ? nil : row.note) }
                var reason: String?
                if !row.reason.isEmpty {
                    reason = RemovalReason.code(parsing: row.reason, among: reasons)
                    if reason == nil { rowErrors.append(RegistryError.unknownReason(row.reason, known: RemovalReason.choiceList(reasons)).message) }
                }
                let effective = row.effective.isEmpty ? nil : attempt { try Inputs.day(row.effective) }
                let died = row.died.isEmpty ? nil : attempt { try Inputs.day(row.died) }
                var draft: ProposalDraft?
                var replacementId: Int64?
                if let kind, let person {
                    switch kind {
                    case .recognize:
                        let village = row.newVillage.isEmpty ? nil : attempt {
                            try Self.findVillage(db, row.newVillage, communeId: person.communeId, among: nil)
                        }
                        if row.newVillage.isEmpty || village != nil { draft = .recognize(person: person.id, village: village) }
                    case .remove:
                        if let reason {
                            draft = .remove(person: person.id, reason: reason, effectiveOn: effective)
                        } else if row.reason.isEmpty {
                            rowErrors.append(Message(vi: "đưa ra khỏi danh sách cần cột Lý do", en: "a removal needs the Reason column"))
                        }
                    case .replace:
                        if row.replacement.isEmpty {
                            rowErrors.append(Message(vi: "thay thế cần cột Người thay thế (họ tên hoặc số CCCD)",
                                                     en: "a replacement needs the Replaced-by column (a name or citizen ID)"))
                        } else if let successor = attempt({
                            try Self.findReplacement(db, byId: findById, byName: findByName, row.replacement, birth: row.replacementBirth,
                                                     communeId: person.communeId, today: today)
                        }) {
                            replacementId = successor
                            if row.reason.isEmpty || reason != nil { draft = .replace(person: person.id, by: successor, reason: reason) }
                        }
                    case .rebind:
                        let stay = attempt { try Self.requireStay(db, try Self.requirePerson(db, person.id)) }
                        if let stay, let village = attempt({
                            try Self.findVillage(db, row.newVillage, communeId: nil, among: try Self.successors(db, of: stay.villageId))
                        }) {
                            draft = .rebind(person: person.id, village: village)
                        }
                    }
                }
                // One person, one proposal per file: the second row naming them is the clerk's to merge.
                let named = [person?.id, replacementId].compactMap { $0 }
                for id in named {
                    if let earlier = seen[id] {
                        rowErrors.append(Message(vi: "người này đã có ở dòng \(earlier); mỗi người chỉ một đề nghị",
                                                 en: "this person is already on row \(earlier); one proposal per person"))
                    }
                }
                if rowErrors.isEmpty { for id in named { seen[id] = row.line } }
                guard rowErrors.isEmpty, let draft, let kind, let person else {
                    errors.append(contentsOf: rowErrors.map { (row.line, $0) })
                    continue
                }
                // The same proposal already pending (this file imported before): reported, not drafted again.
                if let pending = try Row.fetchOne(pendingOf, arguments: [person.id]),
                   pending["kind"] == kind.rawValue, (pending["replacement_id"] as Int64?) == replacementId,
                   draft.village.map({ $0 == pending["village_id"] as Int64? }) ?? true {
                    let id: Int64 = pending["id"]
                    report.existing.append(.init(line: row.line, personId: person.id,
                                                 message: Message(vi: "đã có đề nghị ĐN-\(id) đang chờ quyết định", en: "proposal ĐN-\(id) is already pending")))
                    continue
                }
                do {
                    let id = try addProposal(db, draft, note: note ?? nil, died: died, setting: setting).id
                    let proposal = try Self.requireProposal(db, id)
                    report.drafted.append(.init(line: row.line, proposalId: dryRun ? nil : id, kind: kind, personId: person.id,
                                                person: proposal.person, replacementId: proposal.replacementId,
                                                replacement: proposal.replacement, villageId: proposal.villageId,
                                                village: proposal.village, reason: proposal.reason))
                } catch let error as any ClerkFacingError {
                    errors.append((row.line, error.message))
                }
            }
            if !errors.isEmpty { throw ImportErrors(errors: errors) }
            guard report.rows > 0 else {
                throw RegistryError("empty_import", vi: "Tệp \(fileName) không có dòng đề nghị nào dưới dòng tiêu đề.",
                                    en: "\(fileName) has no proposal rows under the header row.")
            }
            try audit(db, "import.proposals", entity: "file", id: nil,
                      ["file": fileName, "sha256": fileSha256, "rows": String(report.rows), "drafted": String(report.drafted.count),
                       "existing": String(report.existing.count)])
            return report
        }
    }

    /// A person a row names, with their home commune (where a replacement and a village are looked for).
    struct FoundPerson {
        var id: Int64
        var communeId: Int64
    }

    /// The person of a row: by citizen ID (the name, when given, must agree), or by name narrowed by birth year,
    /// village, commune and district until one is left.
    static func findPerson(_ db: Database, byId: Statement, byName: Statement, idNumber: String, name: String, birth: String,
                           village: String, commune: String, district: String, today: Day) throws -> FoundPerson {
        if !idNumber.isEmpty {
            guard let row = try Row.fetchOne(byId, arguments: [idNumber]) else {
                throw RegistryError("import_person_unknown", vi: "không có người nào mang số CCCD/CMND \(Inputs.shown(idNumber))",
                                    en: "nobody has the citizen ID \(Inputs.shown(idNumber))")
            }
            let id: Int64 = row["id"]
            let registered: String = row["full_name"]
            if !name.isEmpty, VietnameseText.searchKey(name) != VietnameseText.searchKey(registered) {
                throw RegistryError("import_person_mismatch",
                                    vi: "số CCCD/CMND \(idNumber) là của \(registered) (#\(id)), không phải \(Inputs.shown(name))",
                                    en: "citizen ID \(idNumber) belongs to \(registered) (#\(id)), not \(Inputs.shown(name))")
            }
            let communeId = try Int64.fetchOne(db, sql: "SELECT v.commune_id FROM person p JOIN village v ON v.id = p.village_id WHERE p.id = ?",
                                               arguments: [id]) ?? 0
            return FoundPerson(id: id, communeId: communeId)
        }
        guard !name.isEmpty else {
            throw RegistryError("import_person_missing", vi: "thiếu người được đề nghị: hãy ghi Họ và tên (kèm năm sinh, thôn) hoặc số CCCD",
                                en: "no person: give the Name (with birth year and village) or the citizen ID")
        }
        let year = birth.isEmpty ? nil : try Inputs.birth(birth, today: today).year
        var candidates = try Row.fetchAll(byName, arguments: [VietnameseText.searchKey(name)])
        if let year { candidates = candidates.filter { $0["birth_year"] == year } }
        if !village.isEmpty {
            let key = placeKey(village)
            candidates = candidates.filter { placeKey($0["village"]) == key || ($0["listed_village"] as String?).map(placeKey) == key }
        }
        if !commune.isEmpty { candidates = candidates.filter { placeKey($0["commune"]) == placeKey(commune) } }
        if !district.isEmpty { candidates = candidates.filter { placeKey($0["district"]) == placeKey(district) } }
        let described = [year.map { "sinh năm \($0)" }, village.isEmpty ? nil : village, commune.isEmpty ? nil : commune]
            .compactMap { $0 }.joined(separator: ", ")
        let describedEn = [year.map { "born \($0)" }, village.isEmpty ? nil : village, commune.isEmpty ? nil : commune]
            .compactMap { $0 }.joined(separator: ", ")
        switch candidates.count {
        case 1:
            return FoundPerson(id: candidates[0]["id"], communeId: candidates[0]["commune_id"])
        case 0:
            throw RegistryError("import_person_unknown",
                                vi: "không tìm thấy \(Inputs.shown(name))\(described.isEmpty ? "" : " (\(described))") trong sổ; hãy thêm người này trước (`uytin person add` hoặc `uytin import persons`) hoặc ghi số CCCD",
                                en: "no \(Inputs.shown(name))\(describedEn.isEmpty ? "" : " (\(describedEn))") is registered; add the person first (`uytin person add` or `uytin import persons`) or give the citizen ID")
        default:
            let list = candidates.prefix(5).map { "#\($0["id"] as Int64) \($0["full_name"] as String) (\($0["birth_year"] as Int), \($0["village"] as String), \($0["commune"] as String))" }
                .joined(separator: "; ")
            throw RegistryError("import_person_ambiguous",
                                vi: "có \(candidates.count) người tên \(Inputs.shown(name)): \(list); hãy ghi thêm năm sinh, thôn, xã hoặc số CCCD",
                                en: "\(candidates.count) persons are named \(Inputs.shown(name)): \(list); add the birth year, village, commune or citizen ID")
        }
    }

    /// The person entering in a replacement: a citizen ID, `#id`, or a name (with a birth year, in the cell as
    /// "Lò Văn Bình (1975)" or in its own column), looked for in the commune of the person leaving first.
    static func findReplacement(_ db: Database, byId: Statement, byName: Statement, _ text: String, birth: String, communeId: Int64,
                                today: Day) throws -> Int64 {
        if text.hasPrefix("#"), let id = Int64(text.dropFirst()) { return try requirePerson(db, id).id }
        if text.count >= 9, text.allSatisfy(\.isNumber) {
            return try findPerson(db, byId: byId, byName: byName, idNumber: text, name: "", birth: "", village: "", commune: "",
                                  district: "", today: today).id
        }
        var name = text
        var year = birth
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            year = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingCharacters(in: .whitespaces)
            name = text[..<open].trimmingCharacters(in: .whitespaces)
        }
        let commune = try String.fetchOne(db, sql: "SELECT name FROM area WHERE id = ?", arguments: [communeId]) ?? ""
        do {
            return try findPerson(db, byId: byId, byName: byName, idNumber: "", name: name, birth: year, village: "", commune: commune,
                                  district: "", today: today).id
        } catch let error as RegistryError where error.code == "import_person_unknown" {
            // Someone from another commune may replace; then the name alone (with the year) must say who.
            return try findPerson(db, byId: byId, byName: byName, idNumber: "", name: name, birth: year, village: "", commune: "",
                                  district: "", today: today).id
        }
    }

    /// A village a row names: by name in a commune (a recognition's village), or among the villages a person's
    /// merged into (a re-binding; empty: the last of them, the one in force).
    static func findVillage(_ db: Database, _ text: String, communeId: Int64?, among candidates: [Int64]?) throws -> Int64 {
        if let candidates {
            let villages = try candidates.map { try requireVillage(db, $0) }
            guard !villages.isEmpty else {
                throw RegistryError("import_not_merged", vi: "thôn của người này chưa sáp nhập vào thôn nào; không gắn lại được",
                                    en: "this person's village has not merged into another; there is nothing to re-bind to")
            }
            if text.isEmpty { return villages.last { $0.mergedOn == nil }?.id ?? villages.last!.id }
            if text.hasPrefix("#"), let id = Int64(text.dropFirst()), candidates.contains(id) { return id }
            if let match = villages.last(where: { placeKey($0.name) == placeKey(text) }) { return match.id }
            throw RegistryError("import_village_unknown",
                                vi: "thôn mới \"\(Inputs.shown(text))\" không phải thôn đã nhận thôn của người này (\(villages.map(\.name).joined(separator: ", ")))",
                                en: "new village \"\(Inputs.shown(text))\" is not one this person's village merged into (\(villages.map(\.name).joined(separator: ", ")))")
        }
        if text.hasPrefix("#"), let id = Int64(text.dropFirst()) { return try requireVillage(db, id).id }
        let ids = try Row.fetchAll(db, sql: "SELECT id, name FROM village WHERE commune_id = ? AND merged_on IS NULL", arguments: [communeId])
            .filter { placeKey($0["name"]) == placeKey(text) }.map { $0["id"] as Int64 }
        guard let id = ids.first else {
            throw RegistryError("import_village_unknown", vi: "xã của người này không có thôn \"\(Inputs.shown(text))\"",
                                en: "this person's commune has no village \"\(Inputs.shown(text))\"")
        }
        return id
    }


    /// The name of the commune with this code in `year` (in force at the year's end, or the latest of that code), for
    /// the title of one commune's sheet; an unknown code or a code of another level is refused.
    public func communeName(code: String, year: Int) throws -> String {
        try read { db in
            let day = min(Day(year: year, month: 12, day: 31)!, Day.todayInVietnam())
            if let commune = try Self.area(db, code: code, level: .commune, on: day) { return commune.name }
            guard let any = try Self.anyArea(db, code: code), any.level == .commune else { throw RegistryError.unknownArea(code) }
            return any.name
        }
    }
}

extension UytinDatabase.ProposalDraft {
    /// The village a draft names, if any.
    var village: Int64? {
        switch self {
        case let .recognize(_, village): village
        case let .rebind(_, village): village
        case .remove, .replace: nil
        }
    }
}
