import Foundation
import Storage
import VietnameseCalendar

/// One entitlement in JSON, as `entitlement list --json` and `export entitlements --format json` print it.
public struct EntitlementJSON: Encodable, Sendable {
    public var id: Int64
    public var personId: Int64
    public var person: String
    public var village: String
    public var commune: String
    public var kind: String
    public var period: String
    public var occasionDate: Day
    public var dueDate: Day
    public var amount: Int
    public var level: String?
    public var funding: String
    public var method: String
    public var contingencyId: Int64?
    public var postponed: Bool
    public var status: String
    public var runId: Int64
    public var deliveredOn: Day?
    public var receipt: String?
    public var cancelReason: String?

    public init(_ e: UytinDatabase.Entitlement) {
        id = e.id; personId = e.personId; person = e.person; village = e.village; commune = e.commune
        kind = e.kind.rawValue; period = e.period; occasionDate = e.occasionDate; dueDate = e.dueDate; amount = e.amount
        level = e.level?.rawValue; funding = e.funding.rawValue; method = e.method.rawValue; contingencyId = e.contingencyId
        postponed = e.postponed; status = e.status.rawValue; runId = e.runId; deliveredOn = e.deliveredOn; receipt = e.receipt
        cancelReason = e.cancelReason
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(personId, forKey: .personId)
        try container.encode(person, forKey: .person)
        try container.encode(village, forKey: .village)
        try container.encode(commune, forKey: .commune)
        try container.encode(kind, forKey: .kind)
        try container.encode(period, forKey: .period)
        try container.encode(occasionDate, forKey: .occasionDate)
        try container.encode(dueDate, forKey: .dueDate)
        try container.encode(amount, forKey: .amount)
        try container.encodeIfPresent(level, forKey: .level)
        try container.encode(funding, forKey: .funding)
        try container.encode(method, forKey: .method)
        try container.encode(contingencyId, forKey: .contingencyId)  // null when none applied, as the contract says
        try container.encode(postponed, forKey: .postponed)
        try container.encode(status, forKey: .status)
        try container.encode(runId, forKey: .runId)
        try container.encodeIfPresent(deliveredOn, forKey: .deliveredOn)
        try container.encodeIfPresent(receipt, forKey: .receipt)
        try container.encodeIfPresent(cancelReason, forKey: .cancelReason)
    }

    enum CodingKeys: String, CodingKey {
        case id, personId, person, village, commune, kind, period, occasionDate, dueDate, amount, level, funding, method
        case contingencyId, postponed, status, runId, deliveredOn, receipt, cancelReason
    }
}
