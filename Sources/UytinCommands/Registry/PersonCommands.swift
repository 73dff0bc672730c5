import ArgumentParser
import Foundation
import Registry
import Storage
import VietnameseCalendar

extension PersonEntry {
    /// The entry as lists print it: citizen ID and phone only appear in `person show`.
    var withoutContactDetails: PersonEntry {
        var entry = self
        entry.idNumber = nil
        entry.phone = nil
        return entry
    }
}

/// How lists of persons print for people.
extension Console {
    var personHeaders: [String] {
        ["ID", say("Họ và tên", "Name"), say("Giới", "Sex"), say("Năm sinh", "Born"), say("Dân tộc", "Ethnic group"),
         say("Thôn", "Village"), say("Xã", "Commune"), say("Huyện", "District"), say("Thành phần", "Roles")]
    }

    func personCells(_ person: PersonEntry) -> [String] {
        [String(person.id), person.name, say(person.gender.label), String(person.birthYear), person.ethnicGroup,
         person.village, person.commune, person.district, person.roles.map { say($0.label) }.joined(separator: ", ")]
    }

    func personTable(_ persons: [PersonEntry]) {
        table(personHeaders, persons.map(personCells), dropping: [7, 4], unbroken: [1: 24])
    }

    /// A printer for a list too long to hold, aligned by its shape: the widths come from the list's longest names,
    /// not from its rows. Too wide for the terminal, the district and then the ethnic group are left out, and
    /// names wrap.
    func personTablePrinter(_ shape: UytinDatabase.ListShape) -> TablePrinter {
        let genderWidth = Gender.allCases.map { Console.width(say($0.label)) }.max() ?? 0
        let widths = [String(shape.largestId).count, shape.name, genderWidth, 4, shape.ethnicGroup, shape.village, shape.commune,
                      shape.district, 24]
        let minimums = [widths[0], min(shape.name, 24), genderWidth, 4, 8, 10, 10, 10, 10]
        return TablePrinter(headers: personHeaders, layout: TableLayout(headers: personHeaders, widths: widths, minimums: minimums,
                                                                       dropping: [7, 4], limit: tableLimit))
    }
}

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: HelpText.pick("Người: thêm, xem, liệt kê, tìm, sửa, rút hồ sơ trùng.", "Persons: add, show, list, search, update, withdraw a duplicate."),
        subcommands: [Add.self, Show.self, List.self, Search.self, Update.self, Withdraw.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Đăng ký một người; in ra số hiệu. Muốn có tên trong danh sách cần có đề nghị và quyết định.", "Register a person; prints the id. Being on the list needs a proposal and a decision."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Họ và tên, ví dụ \"Diệp Đức Hùng\".", en: "Full name, e.g. \"Diệp Đức Hùng\".")) var name: String
        @Option(help: .vi("Giới tính: nam hoặc nữ.", en: "nam or nu.")) var gender: String
        @Option(help: .vi("Năm sinh (1957) hoặc ngày sinh (02/03/1957, 1957-03-02).", en: "Birth year (1957) or date (1957-03-02, 02/03/1957).")) var birth: String
        @Option(help: .vi("Dân tộc: mã (18), tên (Sán Dìu) hoặc tên địa phương (Cao Lan).", en: "Ethnic group: code (18), name (Sán Dìu) or local name (Cao Lan).")) var ethnic: String
        @Option(help: .vi("Thôn: số hiệu hoặc tên (\"Thôn Đồng Giếng\", \"dong gieng\"; \"Đồng Giếng, Đạo Trù\" kèm tên xã).", en: "The village: id or name (\"Thôn Đồng Giếng\", \"dong gieng\"; \"Đồng Giếng, Đạo Trù\" with its commune).")) var village: String
        @Option(name: .customLong("id-number"), help: .vi("Số định danh: CCCD 12 số hoặc CMND 9 số.", en: "Citizen ID: 12-digit CCCD or 9-digit CMND.")) var idNumber: String?
        @Option(help: .vi("Vai trò, cách nhau bằng dấu phẩy (trưởng thôn, trưởng dòng họ... hoặc village_head,clan_head).", en: "Roles, comma-separated (village_head,clan_head or Vietnamese words).")) var roles: String?
        @Option(help: .vi("Số điện thoại.", en: "Phone number.")) var phone: String?

        func run() throws {
            try Console.run(options) { console in
                let gender = try Gender.parse(gender, option: "--gender")
                let today = Day.todayInVietnam()
                let trimmedBirth = birth.trimmingCharacters(in: .whitespaces)
                guard (trimmedBirth.count == 4 && Int(trimmedBirth) != nil) || Day.looksLikeDate(trimmedBirth) else {
                    throw RegistryError("malformed_birth", .malformed,
                                        vi: "--birth cần năm sinh (1957) hoặc ngày sinh (02/03/1957), nhận được \"\(Inputs.shown(birth))\".",
                                        en: "--birth needs a year (1957) or a date (02/03/1957), got \"\(Inputs.shown(birth))\".")
                }
                let born = try Inputs.birth(trimmedBirth, today: today)
                let name = try Inputs.name(console.titleCased(name), field: Message(vi: "Họ và tên", en: "Name"))
                let database = try console.database()
                let person = NewPerson(
                    name: name, gender: gender, birthYear: born.year, birthDate: born.date,
                    ethnicCode: try database.ethnicCode(for: ethnic), villageId: try Lookup.village(village, in: database, on: today),
                    idNumber: try idNumber.map { try CitizenID.validate($0, gender: gender, birthYear: born.year) },
                    roles: try roles.map { try Role.parseList($0) } ?? [], phone: try phone.map(Inputs.phone))
                let result = try database.addPerson(person)
                if !result.possibleDuplicates.isEmpty {
                    console.warn(console.say(
                        "Lưu ý: đã có người cùng tên, năm sinh và thôn (\(result.possibleDuplicates.map { "#\($0)" }.joined(separator: ", "))). Hãy kiểm tra có trùng hồ sơ không.",
                        "Note: someone with the same name, birth year and village already exists (\(result.possibleDuplicates.map { "#\($0)" }.joined(separator: ", "))). Check for a duplicate."))
                }
                try console.created(result.id, "Đã thêm người #\(result.id): \(name).", "Added person #\(result.id): \(name).")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Một người, kèm số định danh và số điện thoại.", "One person, with ID number and phone."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Người: số hiệu, số CCCD hoặc họ tên.", en: "The person: id, citizen ID or name.")) var person: String

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let id = try Lookup.person(person, option: HelpText.pick("NGƯỜI", "PERSON"), in: database)
                let person = try database.person(id)
                if options.json { return try console.json(person) }
                var died = person.deathDate?.vietnamese ?? ""
                if let deathDate = person.deathDate {
                    // Removed by a decision on or after the death, or still on the list until one removes them (a person
                    // off the list before the death awaits nothing).
                    let stays = try database.history(personId: id).events.filter { [.entered, .left, .rebound].contains($0.event) }
                    if let last = stays.last, last.event == .left {
                        if last.date >= deathDate {
                            let reason = console.reasonLabel(last.reason ?? RemovalReason.death)
                            died += console.say(" — lý do: \(reason); ra khỏi danh sách từ \(last.date.vietnamese)\(last.decisionNumber.map { " theo QĐ \($0)" } ?? "")",
                                                " — reason: \(reason); off the list from \(last.date.iso)\(last.decisionNumber.map { " by decision \($0)" } ?? "")")
                        }
                    } else if !stays.isEmpty {
                        died += console.say(" — còn trong danh sách, chờ quyết định đưa ra khỏi danh sách",
                                            " — still on the list, awaiting the decision removing them")
                    }
                }
                let withdrawal = try database.withdrawal(of: id)
                var rows: [(String, String)] = [
                    (console.say("Họ và tên", "Name"), person.name),
                    (console.say("Giới tính", "Sex"), console.say(person.gender.label)),
                    (console.say("Sinh", "Born"), person.birthDate?.vietnamese ?? String(person.birthYear)),
                    (console.say("Dân tộc", "Ethnic group"), "\(person.ethnicGroup) (\(person.ethnicCode))"),
                    (console.say("Thôn", "Village"), "\(person.village) (#\(person.villageId))"),
                    (console.say("Xã, huyện", "Commune, district"), [person.commune, person.district].filter { !$0.isEmpty }.joined(separator: ", ")),
                    (console.say("Thành phần", "Roles"), person.roles.map { console.say($0.label) }.joined(separator: ", ")),
                    (console.say("Số CCCD/CMND", "Citizen ID"), person.idNumber ?? ""),
                    (console.say("Điện thoại", "Phone"), person.phone ?? ""),
                    (console.say("Từ trần", "Died"), died),
                ]
                if let withdrawal {
                    rows.append((console.say("Tình trạng", "Status"),
                                 console.say("Đã rút (hồ sơ trùng) ngày \(withdrawal.on.vietnamese): \(withdrawal.reason)",
                                             "Withdrawn (duplicate) on \(withdrawal.on.vietnamese): \(withdrawal.reason)")))
                }
                console.line("#\(person.id)")
                let width = rows.map(\.0.count).max() ?? 0
                for (label, value) in rows { console.line(label + String(repeating: " ", count: width - label.count) + "  " + value) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Những người đã đăng ký, có thể chỉ của một thôn.", "Persons registered, optionally of one village."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Chỉ người của thôn này (số hiệu hoặc tên).", en: "Only this village's persons (id or name).")) var village: String?

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let persons = try database.persons(villageId: try village.map { try Lookup.village($0, in: database) })
                if options.json { return try console.json(persons.map(\.withoutContactDetails)) }
                console.personTable(persons)
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Tìm người theo tên, không phân biệt hoa thường và dấu.", "Find persons by name, ignoring case and accents."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Một phần của tên, ví dụ \"duc\" tìm được \"Đức\".", en: "Part of a name, e.g. \"duc\" finds \"Đức\".")) var text: String

        func run() throws {
            try Console.run(options) { console in
                guard text.utf8.count <= 200, !VietnameseText.hasControlCharacters(text) else {
                    throw RegistryError("search_text", vi: "Hãy tìm bằng một phần của tên (tối đa 50 ký tự, không có ký tự điều khiển).",
                                        en: "Search with part of a name (at most 50 characters, no control characters).")
                }
                let persons = try console.database().searchPersons(text)
                if options.json { return try console.json(persons.map(\.withoutContactDetails)) }
                if persons.isEmpty {
                    console.line(console.say("Không tìm thấy ai có tên chứa \"\(Inputs.shown(text))\".", "No one's name contains \"\(Inputs.shown(text))\"."))
                } else {
                    console.personTable(persons)
                }
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick(
            "Sửa hồ sơ một người: điện thoại, thành phần; sửa sai họ tên, ngày sinh, giới tính, dân tộc, số CCCD, thôn đăng ký (cần --reason, có ghi nhật ký). Danh sách chỉ thay đổi bằng quyết định.",
            "Change phone or roles; correct name, birth, sex, ethnic group, citizen ID or registered village (needs --reason, audited). The list changes only by decision."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Người: số hiệu, số CCCD hoặc họ tên.", en: "The person: id, citizen ID or name.")) var person: String
        @Option(help: .vi("Số điện thoại mới (để trống để xóa).", en: "New phone number (empty to clear).")) var phone: String?
        @Option(help: .vi("Thành phần mới, thay cho cái cũ.", en: "New roles, replacing the old.")) var roles: String?
        @Option(name: .customLong("id-number"), help: .vi("Số CCCD/CMND (để trống để xóa); sửa số đã có cần --reason.",
                                                          en: "Citizen ID (empty to clear); correcting a recorded one needs --reason.")) var idNumber: String?
        @Option(help: .vi("Sửa họ và tên (cần --reason).", en: "Corrected full name (needs --reason).")) var name: String?
        @Option(help: .vi("Sửa năm sinh (1957) hoặc ngày sinh (02/03/1957) (cần --reason).",
                          en: "Corrected birth year (1957) or date (02/03/1957) (needs --reason).")) var birth: String?
        @Option(help: .vi("Sửa giới tính: nam hoặc nu (cần --reason).", en: "Corrected sex: nam or nu (needs --reason).")) var gender: String?
        @Option(help: .vi("Sửa dân tộc: mã hoặc tên (cần --reason).", en: "Corrected ethnic group: code or name (needs --reason).")) var ethnic: String?
        @Option(name: .customLong("village-name"), help: .vi(
            "Sửa thôn đăng ký nhầm: tên hoặc mã thôn (cần --reason). Không phải chuyển thôn, không đổi danh sách.",
            en: "Correct the village registered by mistake: name or id (needs --reason). Not a move; the list is unchanged.")) var villageName: String?
        @Option(help: .vi("Lý do sửa (bắt buộc khi sửa họ tên, ngày sinh, giới tính, dân tộc, số CCCD, thôn).",
                          en: "Why (required to correct name, birth, sex, ethnic group, citizen ID or village).")) var reason: String?

        func run() throws {
            try Console.run(options) { console in
                let corrects = name != nil || birth != nil || gender != nil || ethnic != nil || villageName != nil
                guard phone != nil || roles != nil || idNumber != nil || corrects else {
                    throw RegistryError("nothing_to_update", .malformed,
                                        vi: "Hãy cho biết cần sửa gì: --phone, --roles, --id-number, --name, --birth, --gender, --ethnic hoặc --village-name.",
                                        en: "Say what to change: --phone, --roles, --id-number, --name, --birth, --gender, --ethnic or --village-name.")
                }
                if corrects && reason == nil {
                    throw RegistryError("reason_needed", .malformed,
                                        vi: "Sửa họ tên, ngày sinh, giới tính, dân tộc hoặc thôn cần lý do: thêm --reason \"...\" (được ghi vào nhật ký).",
                                        en: "Correcting name, birth, sex, ethnic group or village needs a reason: add --reason \"...\" (it is audited).")
                }
                let database = try console.database()
                let newPhone: String?? = try phone.map { $0.isEmpty ? nil : try Inputs.phone($0) }
                let newRoles = try roles.map { try Role.parseList($0) }
                let newId: String?? = idNumber.map { $0.isEmpty ? nil : $0.filter { $0 != " " && $0 != "." } }
                let id = try Lookup.person(self.person, option: HelpText.pick("NGƯỜI", "PERSON"), in: database)
                var corrections: [PersonEntry.Correction] = []
                let person: PersonEntry
                if let reason {
                    var fix = UytinDatabase.PersonFix(name: name.map(console.titleCased), ethnic: ethnic, idNumber: newId)
                    if let gender {
                        guard let parsed = Gender(parsing: gender) else {
                            throw RegistryError("malformed_gender", .malformed, vi: "--gender phải là nam hoặc nu (nhận được \"\(Inputs.shown(gender))\").",
                                                en: "--gender must be nam or nu (got \"\(Inputs.shown(gender))\").")
                        }
                        fix.gender = parsed
                    }
                    if let birth {
                        let trimmed = birth.trimmingCharacters(in: .whitespaces)
                        guard (trimmed.count == 4 && Int(trimmed) != nil) || Day.looksLikeDate(trimmed) else {
                            throw RegistryError("malformed_birth", .malformed,
                                                vi: "--birth cần năm sinh (1957) hoặc ngày sinh (02/03/1957), nhận được \"\(Inputs.shown(birth))\".",
                                                en: "--birth needs a year (1957) or a date (02/03/1957), got \"\(Inputs.shown(birth))\".")
                        }
                        fix.birth = try Inputs.birth(trimmed, today: Day.todayInVietnam())
                    }
                    if let villageName { fix.villageId = try Lookup.village(villageName, option: "--village-name", in: database) }
                    // One transaction: the corrections with their reason, and the phone and roles given with them.
                    let corrected = try database.correctPerson(id, fix, reason: reason, phone: newPhone, roles: newRoles)
                    (person, corrections) = (corrected.person, corrected.corrections)
                } else {
                    person = try database.updatePerson(id, phone: newPhone, roles: newRoles, idNumber: newId)
                }
                if options.json {
                    var entry = person
                    entry.corrections = corrections.isEmpty ? nil : corrections
                    return try console.json(entry)
                }
                console.line(console.say("Đã cập nhật người #\(id): \(person.name).", "Updated person #\(id): \(person.name)."))
                for correction in corrections { console.line("  " + console.say(correction.note)) }
                if reason != nil && corrections.isEmpty && newPhone == nil && newRoles == nil {
                    console.line(console.say("Không có gì thay đổi: hồ sơ đã đúng như vậy.", "Nothing changed: the record already says so."))
                }
            }
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: HelpText.pick("Mọi việc đã xảy ra với một người.", "Everything that happened to a person."))
    @OptionGroup var options: GlobalOptions
    @Option(help: .vi("Người: số hiệu, số CCCD hoặc họ tên.", en: "The person: id, citizen ID or name.")) var person: String

    struct Output: Encodable {
        var person: PersonEntry
        var events: [Event]
        struct Event: Encodable {
            var date: Day
            var event: String
            var text: String
            var decision: String?
            var proposalId: Int64?
        }
    }

    func run() throws {
        try Console.run(options) { console in
            let database = try console.database()
            let history = try database.history(personId: try Lookup.person(person, in: database))
            if options.json {
                return try console.json(Output(person: history.person, events: history.events.map {
                    .init(date: $0.date, event: $0.event.rawValue, text: console.say($0.text), decision: $0.decisionNumber,
                          proposalId: $0.proposalId)
                }))
            }
            let place = [history.person.village, history.person.commune, history.person.district].filter { !$0.isEmpty }
            console.line("#\(history.person.id) \(history.person.name) — \(place.joined(separator: ", "))")
            console.table([console.say("Ngày", "Date"), console.say("Sự việc", "Event")],
                          history.events.map { [$0.date.vietnamese, console.say($0.text)] })
        }
    }
}
