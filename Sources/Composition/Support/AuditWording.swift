import Foundation
import Registry
import Scheduler
import VietnameseCalendar

/// The audit log in words for people, the same on the command line (`audit log`) and in the console (Nhật ký): the
/// actions' and entities' names, a row's detail as "key: value; …", stored UTC moments in Vietnam time.
public enum AuditWording {
    /// The name of an audit log's action; an action this release does not know keeps its code.
    public static func action(_ code: String, _ language: Language) -> String {
        guard let words = actions[code] else { return code }
        return language == .vi ? words.0 : words.1
    }

    /// What an audit row touched, in words: "người #12".
    public static func entity(_ entity: String, _ id: Int64?, _ language: Language) -> String {
        let name = entities[entity].map { language == .vi ? $0.0 : $0.1 } ?? entity
        return name + (id.map { " #\($0)" } ?? "")
    }

    /// An audit row's detail (a JSON object of strings) as "key: value; …", with ISO days as dd/mm/yyyy and, unless
    /// `wide`, long hashes shortened; text that is not such an object is shown as it is.
    public static func detail(_ detail: String, _ language: Language, wide: Bool = false) -> String {
        guard let data = detail.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return detail }
        return object.keys.sorted().map { key in
            var value = object[key].map { "\($0)" } ?? ""
            if language == .vi, value.count == 10, let day = Day(parsing: value) { value = day.vietnamese }
            if !wide, value.count > 16, value.allSatisfy(\.isHexDigit) { value = String(value.prefix(10)) + "…" }
            if let label = codeLabels[value] { value = label.text(language) }
            guard language == .vi else { return "\(key): \(value)" }
            // A correction's keys name the field and the side: "name.old" → "tên (cũ)".
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2, let field = detailKeys[parts[0]] ?? correctedFields[parts[0]],
               let side = detailKeys[parts[1]] {
                return "\(field) (\(side)): \(value)"
            }
            guard let word = detailKeys[key] else { return "\(key): \(value)" }
            return "\(word): \(value)"
        }.joined(separator: "; ")
    }

    /// The actions' names (Vietnamese, English) by code.
    public static let actions: [String: (String, String)] = [
        "init": ("Khởi tạo cơ sở dữ liệu", "Database created"),
        "schema.upgrade": ("Nâng cấp cơ sở dữ liệu", "Database upgraded"),
        "demo": ("Dựng dữ liệu mẫu", "Demo built"),
        "backup": ("Sao lưu", "Backup"),
        "export": ("Xuất văn bản", "Document exported"),
        "import": ("Nhập từ tệp", "Imported from a file"),
        "import.dry_run": ("Nhập thử từ tệp", "Import checked (dry run)"),
        "term.add": ("Thêm giai đoạn", "Term added"),
        "area.add": ("Thêm địa bàn", "Area added"),
        "reorg.apply": ("Sắp xếp đơn vị hành chính", "Reorganisation applied"),
        "regime.set": ("Đặt phân cấp", "Regime set"),
        "agency.set": ("Đặt cơ quan ban hành", "Issuing body set"),
        "village.add": ("Thêm thôn", "Village added"),
        "village.merge": ("Sáp nhập thôn", "Villages merged"),
        "person.add": ("Đăng ký người", "Person added"),
        "person.update": ("Sửa thông tin người", "Person updated"),
        "person.death": ("Ghi nhận từ trần", "Death recorded"),
        "person.rebind": ("Gắn lại thôn", "Person re-bound"),
        "proposal.add": ("Lập đề nghị", "Proposal drafted"),
        "proposal.withdraw": ("Rút đề nghị", "Proposal withdrawn"),
        "decision.record": ("Ghi quyết định", "Decision recorded"),
        "list.approve": ("Phê duyệt danh sách năm", "Yearly list approved"),
        "list.enter": ("Vào danh sách", "Entered the list"),
        "list.leave": ("Ra khỏi danh sách", "Left the list"),
        "list.rebind": ("Gắn lại thôn trong danh sách", "Re-bound on the list"),
        "rule.set": ("Đặt quy định chế độ", "Rule version added"),
        "festival.add": ("Thêm lễ hội", "Festival added"),
        "festival.change": ("Sửa lễ hội", "Festival changed"),
        "plan.add": ("Lập kế hoạch", "Plan added"),
        "event.record": ("Ghi sự việc", "Life event recorded"),
        "contingency.declare": ("Công bố thời gian đặc biệt", "Contingency declared"),
        "contingency.end": ("Kết thúc thời gian đặc biệt", "Contingency ended"),
        "run": ("Chạy hằng ngày", "Daily run"),
        "entitlement.raise": ("Nâng mức khoản hưởng", "Entitlement raised"),
        "entitlement.release": ("Mở lại khoản bị hoãn", "Postponed entitlements released"),
        "entitlement.approve": ("Duyệt khoản hưởng", "Entitlements approved"),
        "entitlement.deliver": ("Ghi đã trao", "Entitlements delivered"),
        "entitlement.cancel": ("Hủy khoản hưởng", "Entitlements cancelled"),
        "entitlement.undeliver": ("Bỏ ghi đã trao", "Delivery undone"),
        "entitlement.reevaluate": ("Xét lại theo thời gian đặc biệt", "Re-evaluated for a contingency"),
        "entitlement.reprice": ("Tính lại mức theo quy định mới", "Re-priced by a new rule version"),
        "contingency.extend": ("Gia hạn thời gian đặc biệt", "Contingency extended"),
        "person.correct": ("Sửa sai hồ sơ người", "Person's record corrected"),
        "person.withdraw": ("Rút hồ sơ trùng", "Duplicate withdrawn"),
        "village.rename": ("Đổi tên thôn", "Village renamed"),
        "area.rename": ("Đổi tên địa bàn", "Area renamed"),
        "rule.correct": ("Sửa phiên bản quy định chưa dùng", "Unused rule version corrected"),
        "plan.reschedule": ("Đổi ngày kế hoạch", "Plan rescheduled"),
        "plan.cancel": ("Hủy kế hoạch", "Plan cancelled"),
        "import.proposals": ("Nhập đề nghị từ tệp", "Proposals imported"),
        "setting.set": ("Đặt cài đặt", "Setting set"),
        "account.add": ("Thêm tài khoản", "Account added"),
        "account.disable": ("Khóa tài khoản", "Account disabled"),
        "account.password": ("Đổi mật khẩu", "Password changed"),
    ]

    /// The entities' names (Vietnamese, English) by table.
    static let entities: [String: (String, String)] = [
        "person": ("người", "person"), "proposal": ("đề nghị", "proposal"), "decision": ("quyết định", "decision"),
        "village": ("thôn", "village"), "area": ("địa bàn", "area"), "term": ("giai đoạn", "term"),
        "regime": ("phân cấp", "regime"), "agency": ("cơ quan", "agency"), "entitlement": ("khoản hưởng", "entitlement"),
        "run": ("lần chạy", "run"), "plan": ("kế hoạch", "plan"), "festival": ("lễ hội", "festival"),
        "life_event": ("sự việc", "life event"), "contingency": ("thời gian đặc biệt", "contingency"),
        "benefit_rule": ("quy định", "rule"), "yearly_list": ("danh sách năm", "yearly list"),
        "reorganization": ("sắp xếp", "reorganisation"), "database": ("cơ sở dữ liệu", "database"),
        "document": ("văn bản", "document"), "file": ("tệp", "file"), "setting": ("cài đặt", "setting"),
        "province_setting": ("cài đặt của tỉnh", "province setting"),
        "account": ("tài khoản", "account"),
    ]

    /// The fields `person update --reason` corrects, as its audit rows name them.
    static let correctedFields: [String: String] = [
        "birth": "ngày sinh", "gender": "giới tính", "id_number": "số CCCD", "village": "thôn",
    ]

    /// The audit detail's usual keys in Vietnamese.
    static let detailKeys: [String: String] = [
        "from": "từ", "to": "đến", "cancelled": "hủy", "created": "lập", "updated": "cập nhật", "list": "danh sách",
        "rules": "quy định", "village": "thôn", "kind": "loại", "person": "người", "date": "ngày", "name": "tên",
        "proposal": "đề nghị", "basis": "căn cứ", "birthYear": "năm sinh", "ethnic": "dân tộc", "roles": "thành phần",
        "commune": "xã", "quota": "định mức", "reason": "lý do", "effective": "hiệu lực", "persons": "những người",
        "approve": "phê duyệt", "reject": "từ chối", "issuer": "cơ quan", "issuerArea": "địa bàn ban hành",
        "issuerLevel": "cấp ban hành", "listYear": "danh sách năm", "number": "số", "area": "địa bàn", "level": "cấp",
        "year": "năm", "parent": "thuộc", "code": "mã", "decision": "quyết định", "ids": "các khoản", "on": "ngày",
        "receipt": "biên nhận", "replacement": "người thay", "run": "lần chạy", "file": "tệp", "amount": "số tiền",
        "event": "sự việc", "term": "giai đoạn", "years": "các năm", "membership": "tên trong danh sách",
        "carryOver": "chuyển tiếp", "asOf": "tính đến", "endedOn": "kết thúc", "province": "tỉnh",
        "old": "cũ", "new": "mới", "proposals": "đề nghị", "field": "mục", "deliveredOn": "ngày đã trao",
        "due": "hạn trao", "entitlements": "các khoản", "drafted": "đã lập", "existing": "đã có", "rows": "số dòng",
        "plan": "kế hoạch", "rule": "quy định", "status": "trạng thái", "funding": "nguồn kinh phí", "perYear": "lần/năm",
        "oldFrom": "từ ngày (cũ)", "newFrom": "từ ngày (mới)", "died": "ngày mất", "advanceDays": "lập trước (ngày)",
        "period": "đợt", "festival": "lễ hội", "released": "mở lại", "except": "trừ", "day": "ngày",
        "overwrite": "ghi đè", "approvePending": "phê duyệt mọi đề nghị đang chờ", "sha256": "mã băm",
        "citizenIds": "số CCCD", "document": "văn bản", "format": "định dạng", "path": "tệp ghi",
        "login": "tên đăng nhập", "role": "vai trò",
    ]

    /// The codes an audit detail holds, with their labels (JSON keeps the codes).
    static let codeLabels: [String: Message] = {
        var labels: [String: Message] = [:]
        for kind in BenefitKind.allCases { labels[kind.rawValue] = kind.shortLabel }
        for kind in EventKind.allCases { labels[kind.rawValue] = kind.label }
        for method in DeliveryMethod.allCases { labels[method.rawValue] = method.label }
        for policy in ContingencyPolicy.allCases where policy != .transfer && policy != .online { labels[policy.rawValue] = policy.label }
        for level in Level.allCases { labels[level.rawValue] = level.label }
        for reason in RemovalReason.shipped { labels[reason.code] = reason.label }
        for role in AccountRole.allCases { labels[role.rawValue] = role.name }
        return labels
    }()
}
