import VietnameseCalendar

/// A province, district or commune as it was in force from `validFrom` (nil: before the records) to `validTo`
/// (excluded; nil: still in force). A code names one unit of its level on any day, not forever.
public struct Area: Sendable, Codable, Equatable {
    /// The row's id (0 for an area not yet stored).
    public var id: Int64
    public var code: String
    public var level: AreaLevel
    public var name: String
    public var parentCode: String?
    public var parentName: String?
    public var validFrom: Day?
    public var validTo: Day?

    public init(id: Int64 = 0, code: String, level: AreaLevel, name: String, parentCode: String?, parentName: String? = nil,
                validFrom: Day? = nil, validTo: Day? = nil) {
        self.id = id
        self.code = code
        self.level = level
        self.name = name
        self.parentCode = parentCode
        self.parentName = parentName
        self.validFrom = validFrom
        self.validTo = validTo
    }

}

/// A village (thôn) with its place and how many reputable persons it may have.
public struct Village: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    /// The commune's row (a commune of another date may have had the same code).
    public var communeId: Int64
    public var communeCode: String
    public var commune: String
    /// The district's name, empty when the commune hangs from the province (since 01/07/2025).
    public var district: String
    public var quota: Int
    /// Persons on the list for this village today.
    public var listed: Int
    /// The day the village ended (merged into another, or moved by a reorganisation).
    public var mergedOn: Day?
    public var mergedInto: Int64?
    public var mergeDecision: String?

    public init(id: Int64, name: String, communeId: Int64, communeCode: String, commune: String, district: String, quota: Int,
                listed: Int, mergedOn: Day?, mergedInto: Int64?, mergeDecision: String?) {
        self.id = id
        self.name = name
        self.communeId = communeId
        self.communeCode = communeCode
        self.commune = commune
        self.district = district
        self.quota = quota
        self.listed = listed
        self.mergedOn = mergedOn
        self.mergedInto = mergedInto
        self.mergeDecision = mergeDecision
    }
}

/// A person as a clerk enters them, already checked and normalised (see `PersonInput`).
public struct NewPerson: Sendable, Equatable {
    public var name: String
    public var gender: Gender
    public var birthYear: Int
    public var birthDate: Day?
    public var ethnicCode: String
    public var villageId: Int64
    public var idNumber: String?
    public var roles: [Role]
    public var phone: String?

    public init(name: String, gender: Gender, birthYear: Int, birthDate: Day?, ethnicCode: String, villageId: Int64,
                idNumber: String?, roles: [Role], phone: String?) {
        self.name = name
        self.gender = gender
        self.birthYear = birthYear
        self.birthDate = birthDate
        self.ethnicCode = ethnicCode
        self.villageId = villageId
        self.idNumber = idNumber
        self.roles = roles
        self.phone = phone
    }
}

/// A person with their place, as lists and `person show` print them.
public struct PersonEntry: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var gender: Gender
    public var birthYear: Int
    public var birthDate: Day?
    public var ethnicCode: String
    public var ethnicGroup: String
    public var villageId: Int64
    public var village: String
    public var communeCode: String
    public var commune: String
    public var districtCode: String
    public var district: String
    public var roles: [Role]
    public var idNumber: String?
    public var phone: String?
    public var deathDate: Day?
    /// On a list of an earlier day: the corrections of the person's record made after that day (the list prints the
    /// corrected record, and notes each correction with its date). Nil when there is none.
    public var corrections: [Correction]?

    /// A correction of a person's record (person update ... --reason).
    public struct Correction: Sendable, Codable, Equatable {
        public enum Field: String, Sendable, Codable, CaseIterable {
            case name, birth, gender, ethnic, idNumber = "id_number", village

            public var label: Message {
                switch self {
                case .name: Message(vi: "họ tên", en: "name")
                case .birth: Message(vi: "ngày sinh", en: "birth")
                case .gender: Message(vi: "giới tính", en: "sex")
                case .ethnic: Message(vi: "dân tộc", en: "ethnic group")
                case .idNumber: Message(vi: "số CCCD/CMND", en: "citizen ID")
                case .village: Message(vi: "thôn đăng ký", en: "registered village")
                }
            }
        }
        public var field: Field
        public var oldValue: String
        public var newValue: String
        public var on: Day

        public init(field: Field, oldValue: String, newValue: String, on: Day) {
            self.field = field
            self.oldValue = oldValue
            self.newValue = newValue
            self.on = on
        }

        /// "Sửa họ tên ngày 01/12/2026: Ninh Văn Tien → Ninh Văn Tiến".
        public var note: Message {
            Message(vi: "Sửa \(field.label.vi) ngày \(on.vietnamese): \(oldValue) → \(newValue)",
                    en: "\(field.label.en.prefix(1).uppercased() + field.label.en.dropFirst()) corrected on \(on.iso): \(oldValue) → \(newValue)")
        }
    }

    public init(id: Int64, name: String, gender: Gender, birthYear: Int, birthDate: Day?, ethnicCode: String,
                ethnicGroup: String, villageId: Int64, village: String, communeCode: String, commune: String,
                districtCode: String, district: String, roles: [Role], idNumber: String?, phone: String?, deathDate: Day?,
                corrections: [Correction]? = nil) {
        self.id = id
        self.name = name
        self.gender = gender
        self.birthYear = birthYear
        self.birthDate = birthDate
        self.ethnicCode = ethnicCode
        self.ethnicGroup = ethnicGroup
        self.villageId = villageId
        self.village = village
        self.communeCode = communeCode
        self.commune = commune
        self.districtCode = districtCode
        self.district = district
        self.roles = roles
        self.idNumber = idNumber
        self.phone = phone
        self.deathDate = deathDate
        self.corrections = corrections
    }
}

/// A proposal with the names a clerk needs to read it.
public struct Proposal: Sendable, Codable, Equatable {
    public var id: Int64
    public var kind: ProposalKind
    public var personId: Int64
    public var person: String
    public var replacementId: Int64?
    public var replacement: String?
    public var villageId: Int64?
    public var village: String?
    public var reason: String?
    public var effectiveOn: Day?
    public var note: String?
    public var status: ProposalStatus
    public var decisionId: Int64?
    public var decisionNumber: String?
    public var createdBy: String
    public var createdAt: String

    public init(id: Int64, kind: ProposalKind, personId: Int64, person: String, replacementId: Int64?, replacement: String?,
                villageId: Int64?, village: String?, reason: String?, effectiveOn: Day?, note: String?,
                status: ProposalStatus, decisionId: Int64?, decisionNumber: String?, createdBy: String, createdAt: String) {
        self.id = id
        self.kind = kind
        self.personId = personId
        self.person = person
        self.replacementId = replacementId
        self.replacement = replacement
        self.villageId = villageId
        self.village = village
        self.reason = reason
        self.effectiveOn = effectiveOn
        self.note = note
        self.status = status
        self.decisionId = decisionId
        self.decisionNumber = decisionNumber
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// What a clerk records from a signed decision.
public struct DecisionInput: Sendable {
    public var number: String
    public var issuer: String
    /// The issuer's level; nil: the level the regime of the decision's date gives.
    public var issuerLevel: AreaLevel?
    /// The issuer's area (a province, district or commune code in force on the decision's date); nil: the province,
    /// or the one unit of the issuer's level that holds every person the decision touches.
    public var issuerAreaCode: String?
    public var decidedOn: Day
    public var effectiveOn: Day
    public var approve: [Int64]
    public var reject: [Int64]
    public var listYear: Int?
    public var file: (name: String, content: [UInt8])?
    /// Approve every proposal awaiting a decision (in one commune, when its code is given) instead of `approve`;
    /// those in `reject` are rejected.
    public var approvePending: PendingSelection?

    /// The proposals `--approve-pending` takes: all that are pending, or those of one commune.
    public struct PendingSelection: Sendable, Equatable {
        public var communeCode: String?
        public init(communeCode: String?) { self.communeCode = communeCode }
    }

    public init(number: String, issuer: String, issuerLevel: AreaLevel? = nil, issuerAreaCode: String? = nil,
                decidedOn: Day, effectiveOn: Day, approve: [Int64], reject: [Int64],
                listYear: Int?, file: (name: String, content: [UInt8])?) {
        self.number = number
        self.issuer = issuer
        self.issuerLevel = issuerLevel
        self.issuerAreaCode = issuerAreaCode
        self.decidedOn = decidedOn
        self.effectiveOn = effectiveOn
        self.approve = approve
        self.reject = reject
        self.listYear = listYear
        self.file = file
    }
}

/// A recorded decision and what it did.
public struct Decision: Sendable, Codable, Equatable {
    public var id: Int64
    public var number: String
    public var issuer: String
    public var issuerLevel: AreaLevel
    public var issuerAreaCode: String
    public var issuerArea: String
    /// The year of its date: a number is unique per issuer and year.
    public var year: Int
    public var decidedOn: Day
    public var effectiveOn: Day
    public var listYear: Int?
    /// The persons of the list (or of its part) it approved.
    public var listCount: Int?
    public var fileName: String?
    public var fileSha256: String?
    public var recordedBy: String
    public var recordedAt: String
    public var approved: [Proposal]
    public var rejected: [Proposal]

    public init(id: Int64, number: String, issuer: String, issuerLevel: AreaLevel, issuerAreaCode: String, issuerArea: String,
                year: Int, decidedOn: Day, effectiveOn: Day, listYear: Int?, listCount: Int?,
                fileName: String?, fileSha256: String?, recordedBy: String, recordedAt: String,
                approved: [Proposal], rejected: [Proposal]) {
        self.id = id
        self.number = number
        self.issuer = issuer
        self.issuerLevel = issuerLevel
        self.issuerAreaCode = issuerAreaCode
        self.issuerArea = issuerArea
        self.year = year
        self.decidedOn = decidedOn
        self.effectiveOn = effectiveOn
        self.listYear = listYear
        self.listCount = listCount
        self.fileName = fileName
        self.fileSha256 = fileSha256
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.approved = approved
        self.rejected = rejected
    }
}

/// What changed between two yearly lists.
public struct ListDiff: Sendable, Codable, Equatable {
    public var fromYear: Int
    public var toYear: Int
    public var entered: [PersonEntry]
    public var left: [PersonEntry]
    /// On both lists, for another village (re-bound after a merger).
    public var moved: [PersonEntry]

    public init(fromYear: Int, toYear: Int, entered: [PersonEntry], left: [PersonEntry], moved: [PersonEntry]) {
        self.fromYear = fromYear
        self.toYear = toYear
        self.entered = entered
        self.left = left
        self.moved = moved
    }
}

/// One thing that happened to a person, for `uytin history`.
public struct HistoryEvent: Sendable, Codable, Equatable {
    public enum Event: String, Sendable, Codable {
        case registered, proposed, withdrawn, rejected, entered, left, listed, died
        /// Re-bound by law to the unit that took the person's village in (a reorganisation of the map).
        case rebound
        /// A correction of the person's record (the old and new value, and the reason).
        case corrected
        /// Withdrawn as a duplicate entry (never on a list).
        case withdrawnDuplicate = "withdrawn_duplicate"
    }
    public var date: Day
    public var event: Event
    public var proposalKind: ProposalKind?
    public var proposalId: Int64?
    public var village: String?
    public var reason: String?
    public var decisionNumber: String?
    public var listYear: Int?
    /// The legal basis of a reorganisation that re-bound the person.
    public var basis: String?
    /// For a correction: what changed.
    public var correction: PersonEntry.Correction?

    public init(date: Day, event: Event, proposalKind: ProposalKind? = nil, proposalId: Int64? = nil, village: String? = nil,
                reason: String? = nil, decisionNumber: String? = nil, listYear: Int? = nil, basis: String? = nil,
                correction: PersonEntry.Correction? = nil) {
        self.correction = correction
        self.date = date
        self.event = event
        self.proposalKind = proposalKind
        self.proposalId = proposalId
        self.village = village
        self.reason = reason
        self.decisionNumber = decisionNumber
        self.listYear = listYear
        self.basis = basis
    }

    /// One sentence for the clerk.
    public var text: Message {
        let by = decisionNumber.map { Message(vi: " theo QĐ \($0)", en: " by decision \($0)") } ?? Message(vi: "", en: "")
        let kind = proposalKind?.label ?? Message(vi: "", en: "")
        let place = village ?? ""
        let number = ProposalNumber.text(proposalId ?? 0)
        switch event {
        case .registered:
            return Message(vi: "Nhập hồ sơ (\(place))", en: "Registered (\(place))")
        case .proposed:
            return Message(vi: "Đề nghị \(number): \(kind.vi)", en: "Proposal \(number): \(kind.en)")
        case .withdrawn:
            return Message(vi: "Rút đề nghị \(number)", en: "Proposal \(number) withdrawn")
        case .rejected:
            return Message(vi: "Đề nghị \(number) bị từ chối\(by.vi)", en: "Proposal \(number) rejected\(by.en)")
        case .entered:
            return Message(vi: "Có tên trong danh sách, \(place)\(by.vi)", en: "Entered the list, \(place)\(by.en)")
        case .left:
            let why: Message = switch reason {
            case "replaced": Message(vi: "được thay thế", en: "replaced")
            case "rebound": Message(vi: "gắn lại thôn sau sáp nhập", en: "re-bound after a merger")
            case "term_end": Message(vi: "hết giai đoạn", en: "end of the term")
            default: RemovalReason.shipped.first { $0.code == reason }?.label ?? Message(vi: reason ?? "", en: reason ?? "")
            }
            return Message(vi: "Ra khỏi danh sách \(place) (\(why.vi.lowercased()))\(by.vi)",
                           en: "Left the list, \(place) (\(why.en))\(by.en)")
        case .listed:
            return Message(vi: "Trong danh sách năm \(listYear ?? 0) được phê duyệt\(by.vi)",
                           en: "On the approved list of \(listYear ?? 0)\(by.en)")
        case .died:
            return Message(vi: "Từ trần", en: "Died")
        case .rebound:
            return Message(vi: "Gắn lại theo sắp xếp đơn vị hành chính: \(place) (\(basis ?? ""))",
                           en: "Re-bound by the reorganisation of the map: \(place) (\(basis ?? ""))")
        case .corrected:
            let note = correction?.note ?? Message(vi: "Sửa hồ sơ", en: "Record corrected")
            return Message(vi: "\(note.vi) (lý do: \(reason ?? ""))", en: "\(note.en) (reason: \(reason ?? ""))")
        case .withdrawnDuplicate:
            return Message(vi: "Rút hồ sơ trùng (lý do: \(reason ?? ""))", en: "Withdrawn as a duplicate (reason: \(reason ?? ""))")
        }
    }
}

/// One row of the audit log.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var entity: String
    public var entityId: Int64?
    public var decisionId: Int64?
    public var detail: String
    public var prevHash: String
    public var hash: String

    public init(id: Int64, at: String, actor: String, action: String, entity: String, entityId: Int64?, decisionId: Int64?,
                detail: String, prevHash: String, hash: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityId = entityId
        self.decisionId = decisionId
        self.detail = detail
        self.prevHash = prevHash
        self.hash = hash
    }
}
