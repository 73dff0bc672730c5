import Registry
import VietnameseCalendar

/// What people read instead of a period key (`PeriodKey`): "Tết Nguyên đán 2022", "Báo tháng 3/2022", the festival's
/// or the plan's name, the life event with its date. JSON keeps the keys.
public enum PeriodLabel {
    /// The label of an entitlement's period. `festivals` and `plans` name the festivals and plans by id.
    public static func label(kind: BenefitKind, period: String, occasion: Day, festivals: [Int64: String],
                             plans: [Int64: String]) -> Message {
        let parts = period.split(separator: "-").map(String.init)
        switch kind.schedule {
        case .lunarNewYear:
            return Message(vi: "Tết Nguyên đán \(period)", en: "Lunar New Year \(period)")
        case .monthly:
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { break }
            return Message(vi: "Báo tháng \(month)/\(year)", en: "Newspapers \(month)/\(year)")
        case .festival:
            guard parts.count == 3, parts[0] == "festival", let id = Int64(parts[1]), let year = Int(parts[2]) else { break }
            guard let name = festivals[id] else {
                return Message(vi: "Lễ hội #\(id) năm \(year)", en: "Festival #\(id), \(year)")
            }
            let folded = VietnameseText.searchKey(name)
            let named = folded.hasPrefix("le ") || folded.hasPrefix("hoi ") || folded.hasPrefix("tet ") ? name : "Lễ hội \(name)"
            return Message(vi: "\(named) \(year)", en: "\(name) \(year)")
        case .plan:
            guard parts.count == 2, parts[0] == "plan", let id = Int64(parts[1]) else { break }
            let name = plans[id] ?? "#\(id)"
            return Message(vi: "\(name) (\(occasion.vietnamese))", en: "\(name) (\(occasion.iso))")
        case .event:
            let what: Message = switch kind {
            case .sickVisit: Message(vi: "Ốm đau", en: "Sickness")
            case .hardshipSupport: Message(vi: "Khó khăn đột xuất", en: "Hardship")
            case .condolence: Message(vi: "Từ trần", en: "Death")
            default: Message(vi: "Thân nhân từ trần", en: "A relative's death")
            }
            return Message(vi: "\(what.vi) ngày \(occasion.vietnamese)", en: "\(what.en) on \(occasion.iso)")
        }
        return Message(vi: period, en: period)
    }
}

extension BenefitKind {
    /// The clerk's short name of the benefit, for tables and sentences ("quà Tết", "báo").
    public var shortLabel: Message {
        switch self {
        case .lunarNewYearGift: Message(vi: "Quà Tết", en: "Tết gift")
        case .festivalGift: Message(vi: "Quà lễ hội", en: "Festival gift")
        case .newspaper: Message(vi: "Báo", en: "Newspapers")
        case .training: Message(vi: "Tập huấn", en: "Training")
        case .studyTour: Message(vi: "Tham quan học tập", en: "Study tour")
        case .sickVisit: Message(vi: "Thăm ốm", en: "Sick visit")
        case .hardshipSupport: Message(vi: "Hỗ trợ khó khăn", en: "Hardship support")
        case .condolence: Message(vi: "Phúng viếng", en: "Condolence")
        case .relativeCondolence: Message(vi: "Phúng viếng thân nhân", en: "Relative's condolence")
        case .commendation: Message(vi: "Khen thưởng", en: "Commendation")
        }
    }
}

extension FundingLevel {
    /// The budget's level alone ("tỉnh"), for tables.
    public var shortLabel: Message {
        switch self {
        case .central: Message(vi: "trung ương", en: "central")
        case .province: Message(vi: "tỉnh", en: "province")
        case .district: Message(vi: "huyện", en: "district")
        }
    }
}
