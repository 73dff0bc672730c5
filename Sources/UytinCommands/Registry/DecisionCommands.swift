import ArgumentParser
import Composition
import Foundation
import Registry
import Scheduler
import Storage
import VietnameseCalendar

struct ProposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propose", abstract: HelpText.pick("Lập đề nghị cho quyết định sắp tới.", "Draft a proposal for the next decision."),
        subcommands: [Recognize.self, Remove.self, Replace.self, Rebind.self])

    static func record(_ options: GlobalOptions, _ draft: @escaping (UytinDatabase) throws -> UytinDatabase.ProposalDraft,
                       note: String?, died: String? = nil) throws {
        try Console.run(options) { console in
            let database = try console.database()
            let result = try database.propose(try draft(database), note: note, died: try Parse.optionalDay(died))
            try report(result, console: console)
        }
    }

    /// What a proposal did: its number, and for a death the day it rests on and what it cancelled.
    static func report(_ result: UytinDatabase.ProposalResult, console: Console) throws {
        if console.options.json { return try console.json(result) }
        let number = ProposalNumber.text(result.id)
        console.line(console.say("Đã lập đề nghị \(number); chờ quyết định (`uytin decision record --approve \(number) ...`).",
                                 "Proposal \(number) drafted; it awaits a decision (`uytin decision record --approve \(number) ...`)."))
        if let died = result.diedOn {
            console.line(result.deathRecorded
                ? console.say("Đã ghi nhận người có uy tín mất ngày \(died.vietnamese): chế độ dừng từ ngày đó; lần chạy tới lập khoản thăm viếng. Đến khi có quyết định, danh sách ghi \"đã mất ngày \(died.vietnamese), chờ quyết định\".",
                              "Death on \(died.vietnamese) recorded: benefits stop from that day; the next run makes the condolence. Until the decision, the list marks the person \"died on \(died.vietnamese), awaiting the decision\".")
                : console.say("Ngày mất \(died.vietnamese) lấy từ sự việc đã ghi nhận.", "Date of death \(died.vietnamese), from the recorded event."))
        }
        console.cancelledReport(result.cancelled)
    }

    struct Recognize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick("Đề nghị công nhận một người; với --carry-over, mọi người trong danh sách cuối cùng của giai đoạn trước.", "Propose to recognise a person (công nhận); with --carry-over, everyone on the previous term's last list."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Người: số hiệu, số CCCD hoặc họ tên.", en: "The person: id, citizen ID or name.")) var person: String?
        @Option(help: .vi("Thôn người đó đại diện (số hiệu hoặc tên; mặc định: nơi cư trú).", en: "The village they represent (id or name; default: where they live).")) var village: String?
        @Flag(name: .customLong("carry-over"),
              help: .vi("Lập đề nghị công nhận cho mọi người trong danh sách đã duyệt cuối cùng của giai đoạn trước, theo thôn hiện nay.", en: "Draft a recognition for everyone on the previous term's last approved list, in today's villages."))
        var carryOver = false
        @Option(help: .vi("Ghi chú.", en: "A note.")) var note: String?

        func run() throws {
            if carryOver {
                return try Console.run(options) { console in
                    if person != nil || village != nil {
                        throw RegistryError("carry_over_alone", .malformed, vi: "--carry-over không đi cùng --person hay --village.",
                                            en: "--carry-over takes no --person or --village.")
                    }
                    let result = try console.database().carryOver(note: note)
                    if options.json { return try console.json(result) }
                    console.line(console.say(
                        "Đã lập \(result.drafted.count) đề nghị công nhận cho giai đoạn \(result.term) từ danh sách năm \(result.fromYear); xem lại, rút đề nghị không phù hợp (`uytin proposal withdraw ID`) trước khi có quyết định.",
                        "Drafted \(result.drafted.count) recognitions for the term \(result.term) from the list of \(result.fromYear); review them and withdraw any that do not fit (`uytin proposal withdraw ID`) before the decision."))
                    console.table([console.say("Đề nghị", "Proposal"), console.say("Người", "Person"), console.say("Thôn", "Village")],
                                  result.drafted.map { [ProposalNumber.text($0.proposalId ?? 0), "\($0.name) (#\($0.personId))", "\($0.village) (#\($0.villageId))"] })
                    if !result.skipped.isEmpty {
                        console.line(console.say("Không chuyển tiếp \(result.skipped.count) người:", "Not carried over: \(result.skipped.count):"))
                        for item in result.skipped {
                            console.line("  \(item.name) (#\(item.personId)): \(console.say(item.reason))")
                        }
                    }
                }
            }
            guard let person else {
                return try Console.run(options) { _ in
                    throw RegistryError("missing_person", .malformed, vi: "Cần --person ID (hoặc --carry-over).",
                                        en: "Give --person ID (or --carry-over).")
                }
            }
            try ProposeCommand.record(options, { database in
                .recognize(person: try Lookup.person(person, in: database), village: try village.map { try Lookup.village($0, in: database) })
            }, note: note)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Đề nghị đưa một người ra khỏi danh sách.", "Propose to remove a person from the list (đưa ra khỏi danh sách)."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Người: số hiệu, số CCCD hoặc họ tên.", en: "The person: id, citizen ID or name.")) var person: String
        @Option(help: .vi("Lý do: từ trần (mất), sức khỏe, sáp nhập thôn, chuyển đi, vi phạm pháp luật, xin thôi, không còn đủ tiêu chuẩn (hoặc mã: death, health, merger...).", en: "The reason: death, health, merger, moved, violation, resigned or criteria (or the Vietnamese words).")) var reason: String
        @Option(help: .vi("Ngày có hiệu lực; mặc định ngày của quyết định.", en: "When it takes effect; default the decision's date.")) var effective: String?
        @Option(help: .vi("Ngày mất (lý do từ trần), nếu chưa ghi nhận bằng `event record --kind death`: chế độ dừng từ ngày đó.",
                          en: "The date of death (reason death), unless recorded with `event record --kind death`: benefits stop from that day."))
        var died: String?
        @Option(help: .vi("Ghi chú.", en: "A note.")) var note: String?
        func run() throws {
            try ProposeCommand.record(options, { database in
                .remove(person: try Lookup.person(person, in: database), reason: reason, effectiveOn: try Parse.optionalDay(effective))
            }, note: note, died: died)
        }
    }

    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Đề nghị người mới thay thế một người trong danh sách, cùng thôn.", "Propose that a new person replaces one on the list, in the same village (thay thế)."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Người rời danh sách: số hiệu, số CCCD hoặc họ tên.", en: "The person leaving: id, citizen ID or name.")) var person: String
        @Option(help: .vi("Người vào thay: số hiệu, số CCCD hoặc họ tên.", en: "The person entering: id, citizen ID or name.")) var by: String
        @Option(help: .vi("Lý do người cũ thôi (từ trần, sức khỏe...).", en: "Why the first leaves (death, health...).")) var reason: String?
        @Option(help: .vi("Ngày mất của người được thay (lý do từ trần), nếu chưa ghi nhận: chế độ của người đó dừng từ ngày này.",
                          en: "The date of death of the person replaced (reason death), unless recorded: their benefits stop from that day."))
        var died: String?
        @Option(help: .vi("Ghi chú.", en: "A note.")) var note: String?
        func run() throws {
            try ProposeCommand.record(options, { database in
                .replace(person: try Lookup.person(person, in: database), by: try Lookup.person(by, option: "--by", in: database), reason: reason)
            }, note: note, died: died)
        }
    }

    struct Rebind: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Đề nghị chuyển một người sang thôn mới mà thôn cũ đã sáp nhập vào.", "Propose to bind a person to the village theirs merged into."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Người: số hiệu, số CCCD hoặc họ tên.", en: "The person: id, citizen ID or name.")) var person: String
        @Option(help: .vi("Thôn mới (số hiệu hoặc tên).", en: "The new village (id or name).")) var village: String
        @Option(help: .vi("Ghi chú.", en: "A note.")) var note: String?
        func run() throws {
            try ProposeCommand.record(options, { database in
                .rebind(person: try Lookup.person(person, in: database), village: try Lookup.village(village, in: database))
            }, note: note)
        }
    }
}

extension Console {
    /// The undelivered entitlements a death (or a departure) cancelled, one line each.
    func cancelledReport(_ cancelled: [UytinDatabase.CancelledEntitlement]) {
        guard !cancelled.isEmpty else { return }
        line(say("Đã hủy \(cancelled.count) khoản chế độ chưa trao từ ngày đó:", "Cancelled \(cancelled.count) undelivered entitlements from that day:"))
        for entitlement in cancelled {
            line("  #\(entitlement.id) \(say(entitlement.kind.label)) \(entitlement.occasionDate.vietnamese): \(Money.format(entitlement.amount)) đ")
        }
    }

    func proposalTable(_ proposals: [Proposal]) {
        table([say("Số ĐN", "Number"), say("Loại", "Kind"), say("Người", "Person"), say("Chi tiết", "Detail"), say("Trạng thái", "Status"), "QĐ"],
              proposals.map { proposal in
                  var detail: [String] = []
                  if let name = proposal.replacement { detail.append(say("bởi ", "by ") + "\(name) (#\(proposal.replacementId!))") }
                  if let village = proposal.village { detail.append(placed(Message(vi: "thôn", en: "village"), village)) }
                  if let reason = proposal.reason { detail.append(say("lý do ", "reason ") + inSentence(reasonLabel(reason))) }
                  if let day = proposal.effectiveOn { detail.append(say("hiệu lực ", "effective ") + day.vietnamese) }
                  return [ProposalNumber.text(proposal.id), say(proposal.kind.label), "\(proposal.person) (#\(proposal.personId))",
                          detail.joined(separator: "; "), say(proposal.status.label), proposal.decisionNumber ?? ""]
              }, unbroken: [2: 30])
    }

    func reasonLabel(_ code: String) -> String { Wording(language).reasonLabel(code) }
}

struct ProposalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposal", abstract: HelpText.pick("Các đề nghị và trạng thái.", "Proposals and their status."), subcommands: [List.self, Withdraw.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Danh sách đề nghị.", "List proposals."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Trạng thái: chờ quyết định, đã duyệt, không duyệt hoặc đã rút.", en: "pending, approved, rejected or withdrawn.")) var status: String?

        func run() throws {
            try Console.run(options) { console in
                let filter = try status.map { try ProposalStatus.parse($0, option: "--status") }
                let proposals = try console.database().proposals(status: filter)
                if options.json { return try console.json(proposals) }
                console.proposalTable(proposals)
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Rút một đề nghị đang chờ quyết định.", "Withdraw a pending proposal."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Số đề nghị (ĐN-7 hoặc 7).", en: "The proposal's number (ĐN-7 or 7).")) var number: String

        func run() throws {
            try Console.run(options) { console in
                let id = try Lookup.proposal(number, option: HelpText.pick("SỐ-ĐN", "NUMBER"))
                try console.database().withdrawProposal(id)
                if options.json { return try console.json(["id": id]) }
                console.line(console.say("Đã rút đề nghị \(ProposalNumber.text(id)).", "Proposal \(ProposalNumber.text(id)) withdrawn."))
            }
        }
    }
}

struct DecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision", abstract: HelpText.pick("Ghi và xem quyết định.", "Record and read decisions."), subcommands: [Record.self, List.self, Show.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick("Ghi một quyết định đã ký: thực hiện việc duyệt và không duyệt trong một lần; với --list-year, chốt danh sách năm đó.", "Record a signed decision: apply its approvals and rejections in one transaction; with --list-year, freeze that year's list."))
        @OptionGroup var options: GlobalOptions
        @Option(help: .vi("Số quyết định, ví dụ 449/QĐ-UBND.", en: "The decision's number, e.g. 449/QĐ-UBND.")) var number: String
        @Option(help: .vi("Ngày ký.", en: "The date it was signed.")) var date: String
        @Option(help: .vi("Cơ quan ban hành, ví dụ \"UBND tỉnh Vĩnh Phúc\".", en: "Who issued it, e.g. \"UBND tỉnh Vĩnh Phúc\".")) var issuer: String
        @Option(name: .customLong("issuer-level"),
                help: .vi("Cấp ban hành: tỉnh, huyện hoặc xã; mặc định: cấp theo chế độ phân cấp vào ngày ký.", en: "province, district or commune (tỉnh, huyện, xã); default: the level the regime of its date gives."))
        var issuerLevel: String?
        @Option(name: .customLong("issuer-area"),
                help: .vi("Mã địa bàn của cơ quan ban hành (huyện hoặc xã có hiệu lực vào ngày ký); mặc định: tỉnh, hoặc đơn vị duy nhất chứa mọi người liên quan.", en: "The issuer's area code (a district or commune in force on its date); default: the province, or the one unit holding everyone it touches."))
        var issuerArea: String?
        @Option(help: .vi("Số các đề nghị được phê duyệt, ví dụ ĐN-3,ĐN-5 hoặc ĐN-3-7.", en: "The proposals it approves, e.g. ĐN-3,ĐN-5 or ĐN-3-7."))
        var approve: String?
        @Option(help: .vi("Số các đề nghị bị từ chối.", en: "The proposals it rejects.")) var reject: String?
        @Option(name: .customLong("list-year"), help: .vi("Năm có danh sách được duyệt (và chốt).", en: "The year whose list it approves (and freezes).")) var listYear: String?
        @Option(help: .vi("Ngày có hiệu lực (mặc định: ngày ký).", en: "When it takes effect (default: its date).")) var effective: String?
        @Option(help: .vi("Bản quét của quyết định, lưu kèm.", en: "The scanned decision, kept with it.")) var file: String?
        @Flag(name: .customLong("approve-pending"),
              help: .vi("Phê duyệt mọi đề nghị đang chờ quyết định (trong xã --commune nếu có); --reject loại bớt.",
                        en: "Approve every proposal awaiting a decision (in the --commune given); --reject leaves some out."))
        var approvePending = false
        @Option(help: .vi("Với --approve-pending: chỉ các đề nghị của xã này (mã hoặc tên xã).",
                          en: "With --approve-pending: only the proposals of this commune (code or name)."))
        var commune: String?
        @Flag(name: .customLong("dry-run"),
              help: .vi("Xem trước: ai vào, ai ra, ai gắn lại thôn, danh sách sẽ khóa và các cảnh báo; không ghi gì.",
                        en: "Preview: who enters, leaves and is re-bound, the list it would freeze, warnings; write nothing."))
        var dryRun = false

        func run() throws {
            try Console.run(options) { console in
                if commune != nil, !approvePending {
                    throw RegistryError("commune_without_pending", .malformed,
                                        vi: "--commune chỉ dùng được cùng với --approve-pending (để chọn các đề nghị của một xã).",
                                        en: "--commune goes with --approve-pending only (to choose the proposals of one commune).")
                }
                let decidedOn = try Parse.day(date)
                let content: [UInt8]? = try file.map { path in
                    guard let data = FileManager.default.contents(atPath: path) else { throw RegistryError.fileMissing(path) }
                    return [UInt8](data)
                }
                let database = try console.database()
                var input = DecisionInput(
                    number: number, issuer: issuer, issuerLevel: try issuerLevel.map { try Parse.level($0, option: "--issuer-level") },
                    issuerAreaCode: try issuerArea.map { try Lookup.districtOrCommune($0, option: "--issuer-area", in: database, on: decidedOn) },
                    decidedOn: decidedOn, effectiveOn: try Parse.optionalDay(effective) ?? decidedOn,
                    approve: try approve.map { try Lookup.proposals($0, option: "--approve", in: database) } ?? [],
                    reject: try reject.map { try Lookup.proposals($0, option: "--reject", in: database) } ?? [],
                    listYear: try listYear.map { try Parse.year($0, option: "--list-year") },
                    file: file.map { (URL(fileURLWithPath: $0).lastPathComponent, content!) })
                if approvePending {
                    input.approvePending = .init(communeCode: try commune.map { try Lookup.commune($0, in: database, on: decidedOn) })
                }
                if dryRun {
                    let preview = try database.previewDecision(input)
                    if options.json { return try console.json(preview) }
                    return console.describe(preview)
                }
                let decision = try database.recordDecision(input)
                if options.json { return try console.json(decision) }
                console.summarize(decision)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Mọi quyết định đã ghi.", "Every recorded decision."))
        @OptionGroup var options: GlobalOptions

        func run() throws {
            try Console.run(options) { console in
                let decisions = try console.database().decisions()
                if options.json { return try console.json(decisions) }
                console.table(["ID", console.say("Số", "Number"), console.say("Ngày", "Date"), console.say("Cơ quan", "Issuer"),
                               console.say("Cấp", "Level"), console.say("Phê duyệt", "Approved"), console.say("Từ chối", "Rejected"),
                               console.say("Danh sách năm", "List year")],
                              decisions.map { decision in
                                  [String(decision.id), decision.number, decision.decidedOn.vietnamese, decision.issuer,
                                   console.say(decision.issuerLevel.label), String(decision.approved.count),
                                   String(decision.rejected.count),
                                   decision.listYear.map { "\($0) (\(decision.listCount.map(String.init) ?? ""))" } ?? ""]
                              })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Nội dung thực hiện của một quyết định.", "What a decision did."))
        @OptionGroup var options: GlobalOptions
        @Argument(help: .vi("Số quyết định.", en: "The decision's number.")) var number: String
        @Option(help: .vi("Chỉ quyết định của năm này (số quyết định bắt đầu lại mỗi tháng Một).", en: "Only the decision of this year (numbers restart every January).")) var year: String?
        @Option(name: .customLong("issuer-area"), help: .vi("Chỉ quyết định của địa bàn ban hành này (mã).", en: "Only the decision of this issuing area (code).")) var issuerArea: String?

        func run() throws {
            try Console.run(options) { console in
                let database = try console.database()
                let decisions = try database.decisions(number: number, year: try year.map { try Parse.year($0, option: "--year") },
                                                       issuerAreaCode: try issuerArea.map {
                                                           try Lookup.districtOrCommune($0, option: "--issuer-area", in: database)
                                                       })
                if options.json { return try console.json(decisions.count == 1 ? AnyEncodable(decisions[0]) : AnyEncodable(decisions)) }
                for decision in decisions {
                    console.summarize(decision)
                    if !decision.approved.isEmpty {
                        console.line(console.say("Đề nghị được phê duyệt:", "Approved proposals:"))
                        console.proposalTable(decision.approved)
                    }
                    if !decision.rejected.isEmpty {
                        console.line(console.say("Đề nghị bị từ chối:", "Rejected proposals:"))
                        console.proposalTable(decision.rejected)
                    }
                }
            }
        }
    }
}

/// Lets one command print either one object or an array.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}

extension Console {
    func summarize(_ decision: Decision) {
        var counts: [ProposalKind: Int] = [:]
        for proposal in decision.approved { counts[proposal.kind, default: 0] += 1 }
        let done = ProposalKind.allCases.compactMap { kind in counts[kind].map { "\(say(kind.label).lowercased()) \($0)" } }
        line(say("QĐ số \(decision.number) ngày \(decision.decidedOn.vietnamese) của \(decision.issuer) (#\(decision.id))",
                 "Decision \(decision.number) of \(decision.decidedOn.iso) by \(decision.issuer) (#\(decision.id))"))
        // The level as the area's name says it: a city's decision is "cấp thành phố", not "cấp huyện".
        let level = unitKind(decision.issuerLevel, name: decision.issuerArea)
        line(say("  cấp \(level), địa bàn \(decision.issuerArea) (\(decision.issuerAreaCode))",
                 "  \(level) level, area \(decision.issuerArea) (\(decision.issuerAreaCode))"))
        if decision.effectiveOn != decision.decidedOn {
            line(say("  hiệu lực từ \(decision.effectiveOn.vietnamese)", "  effective \(decision.effectiveOn.iso)"))
        }
        line(say("  phê duyệt \(decision.approved.count) đề nghị", "  approved \(decision.approved.count) proposal(s)")
             + (done.isEmpty ? "" : " (" + done.joined(separator: ", ") + ")")
             + say(", từ chối \(decision.rejected.count)", ", rejected \(decision.rejected.count)"))
        if let year = decision.listYear {
            let part = decision.issuerLevel == .province ? "" : say(" (phần của \(decision.issuerArea))", " (the part of \(decision.issuerArea))")
            line(say("  phê duyệt danh sách năm \(year)\(part): \(decision.listCount ?? 0) người (đã khóa)",
                     "  approved the list of \(year)\(part): \(decision.listCount ?? 0) persons (frozen)"))
        }
        if let file = decision.fileName {
            line(say("  tệp đính kèm: \(file) (SHA-256 \(decision.fileSha256 ?? ""))", "  file: \(file) (SHA-256 \(decision.fileSha256 ?? ""))"))
        }
    }
}
