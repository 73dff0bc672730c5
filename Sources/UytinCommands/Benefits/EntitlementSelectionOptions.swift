import ArgumentParser
import Registry
import Scheduler
import Storage
import VietnameseCalendar

/// Which entitlements `entitlement approve` and `entitlement deliver` take: ids, a run, or a kind and year, each
/// optionally in one commune.
struct EntitlementSelectionOptions: ParsableArguments {
    @Option(help: .vi("Số hiệu các khoản, ví dụ 3,5,7.", en: "Entitlement ids, e.g. 3,5,7.")) var ids: String?
    @Option(name: .customLong("run"), help: .vi("Mọi khoản của lần chạy này.", en: "Every entitlement of this run."))
    var runId: Int64?
    @Option(help: .vi("Loại chế độ (cùng --year), ví dụ lunar_new_year_gift hoặc \"quà Tết\".",
                      en: "The benefit kind (with --year), e.g. lunar_new_year_gift."))
    var kind: String?
    @Option(help: .vi("Năm (cùng --kind).", en: "The year (with --kind).")) var year: Int?
    @Option(help: .vi("Chỉ các khoản của người trong danh sách xã này (mã hoặc tên xã); dùng cùng --run hoặc --kind.",
                      en: "Only those of persons listed in this commune (code or name); with --run or --kind."))
    var commune: String?

    /// The selection typed, checked: exactly one of --ids, --run, --kind with --year.
    func selection(in database: UytinDatabase) throws -> UytinDatabase.EntitlementSelection {
        let given = [ids != nil, runId != nil, kind != nil || year != nil].filter { $0 }.count
        guard given == 1 else {
            throw RegistryError("entitlement_selection", .malformed,
                                vi: given == 0 ? "Hãy chọn các khoản: --ids ID,ID, hoặc --run N, hoặc --kind LOẠI --year NĂM [--commune XÃ]."
                                               : "Chỉ chọn một cách: --ids, hoặc --run, hoặc --kind với --year (không dùng cùng lúc).",
                                en: given == 0 ? "Choose the entitlements: --ids ID,ID, or --run N, or --kind KIND --year YEAR [--commune C]."
                                               : "Choose one way only: --ids, or --run, or --kind with --year (not together).")
        }
        // A commune named for a year is looked up on that year's map (a commune merged since keeps its old name there).
        let mapDay = year.flatMap { Day(year: $0, month: 12, day: 31) }.map { min($0, Day.todayInVietnam()) } ?? Day.todayInVietnam()
        let commune = try commune.map { try Lookup.commune($0, in: database, on: mapDay) }
        if let ids {
            guard commune == nil else {
                throw RegistryError("entitlement_selection", .malformed, vi: "--commune không dùng cùng --ids (các khoản đã được chỉ rõ).",
                                    en: "--commune does not go with --ids (the entitlements are named already).")
            }
            return .ids(try Parse.ids(ids, option: "--ids"))
        }
        if let runId { return .run(runId, communeCode: commune) }
        guard let kind, let year else {
            throw RegistryError("entitlement_selection", .malformed, vi: "--kind và --year phải đi cùng nhau, ví dụ --kind lunar_new_year_gift --year 2022.",
                                en: "--kind and --year go together, e.g. --kind lunar_new_year_gift --year 2022.")
        }
        return .kind(try BenefitParse.choice(kind, BenefitKind.self, option: "--kind"), year: year, communeCode: commune)
    }

    /// "của lần chạy #3 ở xã 24801" and the like, for the sentence that says what was done.
    func described(_ selection: UytinDatabase.EntitlementSelection, _ console: Console) -> String {
        switch selection {
        case .ids: return ""
        case let .run(run, commune):
            return console.say(" của lần chạy #\(run)", " of run #\(run)") + place(commune, console)
        case let .kind(kind, year, commune):
            return console.say(" \(kind.label.vi.lowercased()) năm \(year)", " \(kind.label.en.lowercased()) of \(year)") + place(commune, console)
        }
    }

    private func place(_ commune: String?, _ console: Console) -> String {
        commune.map { console.say(" ở xã \($0)", " in commune \($0)") } ?? ""
    }
}
