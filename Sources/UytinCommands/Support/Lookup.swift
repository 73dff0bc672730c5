import Foundation
import Registry
import Storage
import VietnameseCalendar

/// What a clerk types to name a person, a village, a commune or a district on the command line, turned into the
/// registry's ids and codes. Every option and argument that names one of these goes through here.
///
/// A number is an id (`12`, `#12`) or a code (`24801`), exactly as before; anything else is a name, compared without
/// accents and case ("dao tru" finds "Xã Đạo Trù"), on the map of the day the command is about. A person is also found
/// by citizen ID number (9 or 12 digits). A name that fits several is refused (65) with the candidates and their ids;
/// a name that fits none is refused (65) with where to look.
enum Lookup {
    /// The longest text taken for a name (longer is no name in the registry).
    static let longestName = 300

    /// A person: their id (`12`, `#12`), citizen ID number or name.
    static func person(_ text: String, option: String = "--person", in database: UytinDatabase) throws -> Int64 {
        let trimmed = try checked(text, option: option)
        if let copied = copiedId(trimmed) { return try number(copied, text: text, option: option) }
        if let digits = digits(trimmed) {
            if digits.count == 9 || digits.count == 12 {
                if let id = try database.personId(idNumber: digits) { return id }
                if digits.first == "0" || digits.count == 12 { throw RegistryError.noPersonWithIdNumber(digits) }
            }
            return try number(digits, text: text, option: option)
        }
        // "Diệp Đức Hùng, Bồ Lý": the name, and the person's village or commune among namesakes.
        let parts = try nameAndPlace(trimmed, text: text, option: option)
        let key = VietnameseText.searchKey(parts[0])
        // With a place, every namesake is read (by the name's index) before the place picks among them: a common name
        // has more than the few candidates an ambiguous name lists.
        var found = try database.persons(nameKey: key, limit: parts.count == 2 ? 10_000 : UytinDatabase.lookupLimit)
        if parts.count == 2 {
            let villages = Set(PlaceName.keys(parts[1], .village))
            let communes = Set(PlaceName.keys(parts[1], .commune))
            found = found.filter { villages.contains(VietnameseText.searchKey($0.village)) || communes.contains(VietnameseText.searchKey($0.commune)) }
        }
        switch found.count {
        case 1:
            return found[0].id
        case 0:
            let near = parts.count == 2 ? [] : try database.persons(nameKeyStartingWith: key, limit: 4)
            throw RegistryError.noPersonNamed(trimmed, near: near.map(Self.describe))
        default:
            throw RegistryError.ambiguousPerson(trimmed, candidates: found.map(Self.describe))
        }
    }

    /// Persons, as `plan add --persons` takes them: ids and ranges (`1-16,20`), names or citizen ID numbers,
    /// separated by commas.
    static func persons(_ text: String, option: String, in database: UytinDatabase) throws -> [Int64] {
        if let ids = try? Parse.ids(text, option: option) { return ids }
        var ids: [Int64] = []
        var seen = Set<Int64>()
        for part in text.split(separator: ",") {
            let part = part.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { continue }
            let found = try Parse.idRange(Substring(part), option: option).map(Array.init)
                ?? [try person(part, option: option, in: database)]
            for id in found where seen.insert(id).inserted { ids.append(id) }
        }
        guard !ids.isEmpty else { return try Parse.ids(text, option: option) }
        return ids
    }

    /// Villages, as `village merge --from` takes them: ids and ranges (`12,13`, `12-14`) or names, separated by
    /// commas (or by semicolons, when a name carries its commune: "Đồng Mỏ, Đạo Trù; Đồng Giếng, Đạo Trù").
    static func villages(_ text: String, option: String, in database: UytinDatabase, on day: Day) throws -> [Int64] {
        if let ids = try? Parse.ids(text, option: option) { return ids }
        var ids: [Int64] = []
        var seen = Set<Int64>()
        let parts = text.contains(";") ? text.split(separator: ";") : text.split(separator: ",")
        for part in parts {
            let part = part.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { continue }
            let found = try Parse.idRange(Substring(part), option: option).map(Array.init)
                ?? [try village(part, option: option, in: database, on: day)]
            for id in found where seen.insert(id).inserted { ids.append(id) }
        }
        guard !ids.isEmpty else { return try Parse.ids(text, option: option) }
        return ids
    }

    /// A village: its id, or its name ("Thôn Đồng Giếng", "dong gieng"; "Đồng Giếng, Đạo Trù" with its commune) on
    /// the map of `day`.
    static func village(_ text: String, option: String = "--village", in database: UytinDatabase,
                        on day: Day = Day.todayInVietnam()) throws -> Int64 {
        let trimmed = try checked(text, option: option)
        if let id = copiedId(trimmed) ?? digits(trimmed) { return try number(id, text: text, option: option) }
        let parts = try nameAndPlace(trimmed, text: text, option: option)
        let communeKeys = parts.count == 2 ? PlaceName.keys(parts[1], .commune) : nil
        let found = try database.villages(nameKeys: PlaceName.keys(parts[0], .village), communeKeys: communeKeys, on: day)
        switch found.count {
        case 1:
            return found[0].id
        case 0:
            throw RegistryError.noPlaceNamed(trimmed, kind: Message(vi: "thôn", en: "village"), on: day,
                                             hint: "uytin village list")
        default:
            throw RegistryError.ambiguousPlace(trimmed, kind: Message(vi: "thôn", en: "villages"), candidates: found.map { village in
                let place = [village.commune, village.district].filter { !$0.isEmpty }.joined(separator: ", ")
                let ended = village.mergedOn.map { Message(vi: ", đã sáp nhập \($0.vietnamese)", en: ", merged \($0.iso)") }
                return Message(vi: "#\(village.id) \(village.name) (\(place)\(ended?.vi ?? ""))",
                               en: "#\(village.id) \(village.name) (\(place)\(ended?.en ?? ""))")
            }, hint: Message(vi: "số hiệu thôn, hoặc \"tên thôn, tên xã\"", en: "the village's id, or \"village, commune\""))
        }
    }

    /// A commune: its code (`24801`), or its name ("Xã Đạo Trù", "dao tru"; "Đạo Trù, Tam Đảo" with its district) on
    /// the map of `day`.
    static func commune(_ text: String, option: String = "--commune", in database: UytinDatabase,
                        on day: Day = Day.todayInVietnam()) throws -> String {
        try area(text, level: .commune, option: option, in: database, on: day)
    }

    /// A district: its code (`248`), or its name ("Huyện Tam Đảo", "tam dao") on the map of `day`.
    static func district(_ text: String, option: String = "--district", in database: UytinDatabase,
                         on day: Day = Day.todayInVietnam()) throws -> String {
        try area(text, level: .district, option: option, in: database, on: day)
    }

    /// A commune's parent (`area add --parent`): a district by code or name, or the province's code once there are no
    /// districts.
    static func parent(_ text: String, option: String = "--parent", in database: UytinDatabase,
                       on day: Day = Day.todayInVietnam()) throws -> String {
        guard let name = areaName(text) else { return try known(code: text, levels: [.province, .district], option: option, in: database) }
        return try oneArea(try areaCandidates(name, level: .district, option: option, in: database, on: day), name: name,
                           kind: AreaLevel.district.label, on: day, listHint: "uytin area list --level huyện")
    }

    /// A district or a commune (`--area`, `--issuer-area`): its code, or a name looked up at both levels ("Tam Đảo"
    /// may be the district or the township: refused as ambiguous unless the level is said, "Huyện Tam Đảo").
    static func districtOrCommune(_ text: String, option: String, in database: UytinDatabase,
                                  on day: Day = Day.todayInVietnam()) throws -> String {
        guard let name = areaName(text) else { return try known(code: text, levels: [.district, .commune], option: option, in: database) }
        let found = try areaCandidates(name, level: .commune, option: option, in: database, on: day)
            + areaCandidates(name, level: .district, option: option, in: database, on: day)
        return try oneArea(found, name: name, kind: Message(vi: "xã hay huyện", en: "commune or district"), on: day,
                           listHint: "uytin area list")
    }

    /// A unit of the map by code or name.
    private static func area(_ text: String, level: AreaLevel, option: String, in database: UytinDatabase, on day: Day) throws -> String {
        guard let name = areaName(text) else { return try known(code: text, levels: [level], option: option, in: database) }
        return try oneArea(try areaCandidates(name, level: level, option: option, in: database, on: day), name: name, kind: level.label, on: day,
                           listHint: "uytin area list --level \(level.label.vi)")
    }

    /// A code typed as it is: a unit of one of these levels must have had it (on some date; what it meant on the
    /// command's date is the command's to check). Text that is no code at all goes on as before names were taken.
    private static func known(code text: String, levels: Set<AreaLevel>, option: String, in database: UytinDatabase) throws -> String {
        let code = text.trimmingCharacters(in: .whitespaces)
        guard digits(code) != nil else { return code }
        let had = try database.areaLevels(code: code)
        guard had.isDisjoint(with: levels) else { return code }
        let kind = levels.count == 1 ? levels.first?.label ?? Message(vi: "địa bàn", en: "area")
            : Message(vi: levels.map(\.label.vi).sorted().joined(separator: " hay "), en: levels.map(\.label.en).sorted().joined(separator: " or "))
        throw RegistryError("unknown_area_code", vi: "\(option): không có \(kind.vi) nào mã \(code). Xem `uytin area list`.",
                            en: "\(option): no \(kind.en) has the code \(code). See `uytin area list`.")
    }

    /// The text as a name to look up; nil for a code, or for something no name can be, which goes on as the code it
    /// was before names were taken.
    private static func areaName(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || digits(trimmed) != nil || trimmed.utf8.count > longestName || VietnameseText.hasControlCharacters(trimmed) {
            return nil
        }
        return trimmed
    }

    /// The units of one level a name may mean ("Đạo Trù", "Xã Đạo Trù", "Đạo Trù, Tam Đảo").
    private static func areaCandidates(_ name: String, level: AreaLevel, option: String, in database: UytinDatabase,
                                       on day: Day) throws -> [Area] {
        let kind: PlaceName.Kind = level == .commune ? .commune : .district
        let parts = try nameAndPlace(name, text: name, option: option)
        let parentKeys = parts.count == 2 ? PlaceName.keys(parts[1], .district) : nil
        return try database.areas(level: level, nameKeys: PlaceName.keys(parts[0], kind), parentKeys: parentKeys, on: day)
    }

    /// The one code the candidates share (a unit may have rows of several dates under one code); a unit named exactly
    /// as typed wins over one found without or with another kind word.
    private static func oneArea(_ found: [Area], name: String, kind: Message, on day: Day, listHint: String) throws -> String {
        let typed = VietnameseText.searchKey(name.split(separator: ",", maxSplits: 1).first.map(String.init) ?? name)
        let exact = found.filter { VietnameseText.searchKey($0.name) == typed }
        let chosen = exact.isEmpty ? found : exact
        var units: [String] = []
        for area in chosen where !units.contains(area.level.rawValue + area.code) { units.append(area.level.rawValue + area.code) }
        switch units.count {
        case 1:
            return chosen[0].code
        case 0:
            throw RegistryError.noPlaceNamed(name, kind: kind, on: day, hint: listHint)
        default:
            throw RegistryError.ambiguousPlace(name, kind: kind, candidates: chosen.map { area in
                let parent = area.parentName.map { ", \($0)" } ?? ""
                let ended = area.validTo.map { Message(vi: ", đến \($0.adding(days: -1).vietnamese)", en: ", until \($0.adding(days: -1).iso)") }
                return Message(vi: "\(area.code) \(area.name)\(parent)\(ended?.vi ?? "")", en: "\(area.code) \(area.name)\(parent)\(ended?.en ?? "")")
            }, hint: Message(vi: "mã, hoặc tên đầy đủ (\"Xã …\", \"Huyện …\"; \"tên xã, tên huyện\")",
                             en: "the code, or the full name (\"Xã …\", \"Huyện …\"; \"commune, district\")"))
        }
    }

    /// Proposals named by their numbers (`ĐN-7`, `DN-7`, `đn7`, `7`, ranges `ĐN-3-7`), for `--approve` and `--reject`.
    /// A bare number that is no pending proposal's but a person's is refused: the clerk typed a person's number.
    static func proposals(_ text: String, option: String, in database: UytinDatabase) throws -> [Int64] {
        let typed = try proposalNumbers(text, option: option)
        let unmarked = typed.filter { !$0.marked }.flatMap { Array($0.first...$0.last) }
        if !unmarked.isEmpty, let mistake = try database.personsNotPendingProposals(unmarked, limit: 5).first {
            throw RegistryError.personNotProposal(mistake.personId, name: mistake.name, pending: mistake.pendingProposal, option: option)
        }
        var ids: [Int64] = []
        var seen = Set<Int64>()
        for part in typed {
            for id in part.first...part.last where seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    /// One proposal's number (`proposal withdraw ĐN-7`).
    static func proposal(_ text: String, option: String) throws -> Int64 {
        let typed = try proposalNumbers(text, option: option)
        guard typed.count == 1, typed[0].first == typed[0].last else { throw RegistryError.malformedProposalNumber(text, option: option) }
        return typed[0].first
    }

    private static func proposalNumbers(_ text: String, option: String) throws -> [ProposalNumber.Typed] {
        guard text.utf8.count <= 100_000 else { throw RegistryError.malformedProposalNumber(text, option: option) }
        var typed: [ProposalNumber.Typed] = []
        var count: Int64 = 0
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let part = part.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { continue }
            // "7 8" is two numbers, "ĐN 7" one.
            var pieces: [String] = []
            for piece in part.split(separator: " ") {
                if let last = pieces.last, VietnameseText.searchKey(last) == "dn" {
                    pieces[pieces.count - 1] += " " + piece
                } else {
                    pieces.append(String(piece))
                }
            }
            for piece in pieces {
                guard let number = ProposalNumber.parse(Substring(piece)) else { throw RegistryError.malformedProposalNumber(text, option: option) }
                if number.first != number.last {
                    // A range runs forwards and holds at most Parse.largestRange numbers, as id lists do.
                    _ = try Parse.idRange(Substring("\(number.first)-\(number.last)"), option: option)
                }
                count += number.last - number.first + 1
                typed.append(number)
            }
        }
        guard !typed.isEmpty, count <= Parse.largestRange * 10 else { throw RegistryError.malformedProposalNumber(text, option: option) }
        return typed
    }

    /// "Nguyễn Văn An (#12, 1970, Thôn Tân Tiến, Xã Đạo Trù)".
    static func describe(_ person: PersonEntry) -> Message {
        let place = [person.village, person.commune].filter { !$0.isEmpty }.joined(separator: ", ")
        let died = person.deathDate.map { Message(vi: ", mất \($0.vietnamese)", en: ", died \($0.iso)") }
        return Message(vi: "#\(person.id) \(person.name) (\(person.birthYear), \(place)\(died?.vi ?? ""))",
                       en: "#\(person.id) \(person.name) (\(person.birthYear), \(place)\(died?.en ?? ""))")
    }

    /// The text, trimmed, when it can name something: not empty, not endless, no control characters.
    /// "Name" or "Name, place" (the place among namesakes): one or two non-empty parts; "," alone or ", Đạo Trù" is
    /// no name.
    private static func nameAndPlace(_ trimmed: String, text: String, option: String) throws -> [String] {
        let parts = trimmed.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let name = parts.first, !trimmed.hasPrefix(",") else { throw RegistryError.malformedReference(text, option: option) }
        return parts.count == 2 ? [name, parts[1]] : [name]
    }

    private static func checked(_ text: String, option: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw RegistryError.malformedReference(text, option: option) }
        guard trimmed.utf8.count <= longestName, !VietnameseText.hasControlCharacters(trimmed),
              !trimmed.unicodeScalars.contains("\u{FFFD}") else {
            throw RegistryError.noSuchName(trimmed, option: option)
        }
        return trimmed
    }

    /// The digits of an id or code typed as `12`; nil when the text is not a number.
    private static func digits(_ text: String) -> String? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return text
    }

    /// The id of a text marked as one, as tables and messages print it: `#12`, `#12 Nguyễn Văn An`,
    /// `Nguyễn Văn An (#12)`.
    static func copiedId(_ text: String) -> String? {
        if text.hasPrefix("#") {
            let digits = text.dropFirst().prefix { $0.isASCII && $0.isNumber }
            let rest = text.dropFirst(1 + digits.count)
            if !digits.isEmpty, rest.isEmpty || rest.first == " " { return String(digits) }
        }
        if text.hasSuffix(")"), let open = text.range(of: "(#", options: .backwards) {
            let digits = text[open.upperBound..<text.index(before: text.endIndex)]
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return String(digits) }
        }
        return nil
    }

    private static func number(_ digits: String, text: String, option: String) throws -> Int64 {
        guard let id = Int64(digits) else { throw RegistryError.malformedReference(text, option: option) }
        return id
    }
}

extension RegistryError {
    static func malformedReference(_ text: String, option: String) -> RegistryError {
        .init("malformed_id", .malformed, vi: "\(option) cần một số hiệu hoặc một tên (nhận được \"\(Inputs.shown(text))\").",
              en: "\(option) needs an id or a name (got \"\(Inputs.shown(text))\").")
    }

    static func noSuchName(_ text: String, option: String) -> RegistryError {
        .init("unknown_name", vi: "\(option): không có gì mang tên \"\(Inputs.shown(text))\".",
              en: "\(option): nothing is named \"\(Inputs.shown(text))\".")
    }

    static func noPersonWithIdNumber(_ number: String) -> RegistryError {
        .init("unknown_person", vi: "Không có người nào có số CCCD/CMND \(number). Tìm theo tên bằng `uytin person search TÊN`.",
              en: "No person has citizen ID \(number). Search by name with `uytin person search NAME`.")
    }

    static func noPersonNamed(_ name: String, near: [Message]) -> RegistryError {
        let shown = Inputs.shown(name)
        let nearVi = near.isEmpty ? "" : " Tên gần giống: " + near.map(\.vi).joined(separator: "; ") + "."
        let nearEn = near.isEmpty ? "" : " Similar names: " + near.map(\.en).joined(separator: "; ") + "."
        return .init("unknown_person", vi: "Không có người tên \"\(shown)\".\(nearVi) Tìm bằng `uytin person search \"\(shown)\"` rồi dùng số hiệu.",
                     en: "No person is named \"\(shown)\".\(nearEn) Search with `uytin person search \"\(shown)\"` and use the id.")
    }

    static func ambiguousPerson(_ name: String, candidates: [Message]) -> RegistryError {
        let shown = Inputs.shown(name)
        let more = candidates.count >= UytinDatabase.lookupLimit ? Message(vi: "; …", en: "; …") : Message(vi: "", en: "")
        return .init("ambiguous_name", vi: "Có \(candidates.count) người tên \"\(shown)\": \(candidates.map(\.vi).joined(separator: "; "))\(more.vi). Hãy dùng số hiệu (#), số CCCD, hoặc \"họ tên, thôn\".",
                     en: "\(candidates.count) persons are named \"\(shown)\": \(candidates.map(\.en).joined(separator: "; "))\(more.en). Use the id (#), the citizen ID, or \"name, village\".")
    }

    static func noPlaceNamed(_ name: String, kind: Message, on day: Day, hint: String) -> RegistryError {
        .init("unknown_place", vi: "Không có \(kind.vi) nào tên \"\(Inputs.shown(name))\" ngày \(day.vietnamese). Xem danh sách bằng `\(hint)`.",
              en: "No \(kind.en) is named \"\(Inputs.shown(name))\" on \(day.iso). See `\(hint)`.")
    }

    static func ambiguousPlace(_ name: String, kind: Message, candidates: [Message], hint: Message) -> RegistryError {
        .init("ambiguous_name", vi: "Có \(candidates.count) \(kind.vi) tên \"\(Inputs.shown(name))\": \(candidates.map(\.vi).joined(separator: "; ")). Hãy dùng \(hint.vi).",
              en: "\(candidates.count) \(kind.en) are named \"\(Inputs.shown(name))\": \(candidates.map(\.en).joined(separator: "; ")). Use \(hint.en).")
    }

    static func personNotProposal(_ id: Int64, name: String, pending: Int64?, option: String) -> RegistryError {
        let hintVi = pending.map { "; \(name) có đề nghị \(ProposalNumber.text($0)) đang chờ: \(option) \(ProposalNumber.text($0))" }
            ?? "; \(name) không có đề nghị nào đang chờ (xem `uytin proposal list --status pending`)"
        let hintEn = pending.map { "; \(name)'s pending proposal is \(ProposalNumber.text($0)): \(option) \(ProposalNumber.text($0))" }
            ?? "; \(name) has no pending proposal (see `uytin proposal list --status pending`)"
        return .init("person_not_proposal", vi: "#\(id) là số người, không phải số đề nghị\(hintVi).",
                     en: "#\(id) is a person's number, not a proposal's\(hintEn).")
    }

    static func malformedProposalNumber(_ text: String, option: String) -> RegistryError {
        .init("malformed_ids", .malformed,
              vi: "\(option) cần số đề nghị như ĐN-7, ĐN-3,ĐN-5 hoặc ĐN-3-7 (nhận được \"\(Inputs.shown(text))\").",
              en: "\(option) needs proposal numbers such as ĐN-7, ĐN-3,ĐN-5 or ĐN-3-7 (got \"\(Inputs.shown(text))\").")
    }
}
