import Foundation
import GRDB
import Registry
import VietnameseCalendar

/// `decision record --dry-run`: what a decision would do, computed by the same checks and planner as recording it,
/// described and never applied.
extension UytinDatabase {
    /// What recording a decision would change.
    public struct DecisionPreview: Sendable, Codable {
        public var number: String
        public var issuer: String
        public var issuerLevel: AreaLevel
        public var issuerAreaCode: String
        public var issuerArea: String
        public var decidedOn: Day
        public var effectiveOn: Day
        public var approve: [Int64]
        public var reject: [Int64]
        /// Persons who would enter the list (recognised, or replacing someone).
        public var entering: [Change]
        /// Persons who would leave it.
        public var leaving: [Change]
        /// Persons who would be re-bound to the village theirs merged into.
        public var rebound: [Change]
        public var listYear: Int?
        /// The list (or the issuer's part of it) the decision would freeze, in its printed order.
        public var list: [ListEntry]?
        public var listCount: Int?
        public var warnings: [Warning]

        public struct Change: Sendable, Codable, Equatable {
            public var proposalId: Int64
            public var personId: Int64
            public var name: String
            /// The village entered or left; for a re-binding, the new village.
            public var villageId: Int64
            public var village: String
            /// For a re-binding, the village the person leaves.
            public var fromVillage: String?
            public var date: Day
            /// Why the person leaves (a removal reason code, or "replaced").
            public var reason: String?
            /// Whose place the person takes, or who takes theirs.
            public var counterpart: String?
        }

        public struct ListEntry: Sendable, Codable, Equatable {
            public var position: Int
            public var personId: Int64
            public var name: String
            public var village: String
            public var commune: String
            public var district: String
        }

        public struct Warning: Sendable, Codable, Equatable {
            /// `death_recorded` or `village_merged`.
            public var code: String
            public var personId: Int64
            public var name: String
            public var village: String
            public var date: Day
            public var message: Message
        }
    }

    /// Checks and plans a decision as `recordDecision` would, and describes the plan; writes nothing (a read
    /// transaction: no audit row, the file untouched). Refuses what recording would refuse.
    public func previewDecision(_ input: DecisionInput) throws -> DecisionPreview {
        let names = try Self.decisionNames(input)
        return try read { db in
            let prepared = try Self.prepareDecision(db, input, names: names)
            let byId = Dictionary(uniqueKeysWithValues: prepared.proposals.map { ($0.id, $0) })
            func name(_ id: Int64) -> String { prepared.persons[id]?.name ?? "#\(id)" }
            func village(_ id: Int64) throws -> String {
                if let known = prepared.villages[id] { return known.name }
                return try Self.requireVillage(db, id).name
            }
            var entering: [DecisionPreview.Change] = []
            var leaving: [DecisionPreview.Change] = []
            var rebound: [DecisionPreview.Change] = []
            var closedStays: [Int64] = []   // memberships closed on or before the list's day
            var opened: [[Int64]] = []      // [person, village] opened on or before it
            var reboundFrom: [Int64: Int64] = [:]  // person → the village left
            for step in prepared.steps {
                switch step {
                case let .close(membershipId, personId, day, reason, proposalId):
                    if day <= input.effectiveOn { closedStays.append(membershipId) }
                    let stayVillage = prepared.persons[personId]?.openStay?.villageId ?? 0
                    if reason == "rebound" {
                        reboundFrom[personId] = stayVillage
                        continue
                    }
                    let proposal = byId[proposalId]
                    let counterpart = proposal?.replacementId.map { "\(name($0)) (#\($0))" }
                    leaving.append(.init(proposalId: proposalId, personId: personId, name: name(personId), villageId: stayVillage,
                                         village: try village(stayVillage), fromVillage: nil, date: day,
                                         reason: reason == "replaced" ? (proposal?.reason ?? "replaced") : reason,
                                         counterpart: counterpart))
                case let .open(personId, villageId, day, proposalId):
                    if day <= input.effectiveOn { opened.append([personId, villageId]) }
                    let proposal = byId[proposalId]
                    if proposal?.kind == .rebind {
                        rebound.append(.init(proposalId: proposalId, personId: personId, name: name(personId), villageId: villageId,
                                             village: try village(villageId),
                                             fromVillage: try reboundFrom[personId].map(village), date: day, reason: nil,
                                             counterpart: nil))
                    } else {
                        let predecessor = proposal.flatMap { $0.kind == .replace ? $0.personId : nil }
                        entering.append(.init(proposalId: proposalId, personId: personId, name: name(personId), villageId: villageId,
                                              village: try village(villageId), fromVillage: nil, date: day, reason: nil,
                                              counterpart: predecessor.map { "\(name($0)) (#\($0))" }))
                    }
                case .recordDeath, .bindHome:
                    continue
                }
            }
            let after = try Self.listAfter(db, area: prepared.issuerArea, on: input.effectiveOn, closed: closedStays, opened: opened)
            var preview = DecisionPreview(
                number: names.number, issuer: names.issuer, issuerLevel: prepared.issuerArea.level,
                issuerAreaCode: prepared.issuerArea.code, issuerArea: prepared.issuerArea.name, decidedOn: input.decidedOn,
                effectiveOn: input.effectiveOn, approve: prepared.approve, reject: prepared.reject, entering: entering,
                leaving: leaving, rebound: rebound, listYear: input.listYear, list: nil, listCount: nil, warnings: after.warnings)
            if input.listYear != nil {
                preview.list = after.entries
                preview.listCount = after.entries.count
            }
            return preview
        }
    }

    /// The list of `area` on `day` as it would stand after closing the stays `closed` and opening `opened`
    /// ([person, village] pairs), in the printed order, with the warnings a clerk should read before signing.
    static func listAfter(_ db: Database, area: Area, on day: Day, closed: [Int64], opened: [[Int64]]) throws
        -> (entries: [DecisionPreview.ListEntry], warnings: [DecisionPreview.Warning]) {
        let encoder = JSONEncoder()
        let rows = try Row.fetchCursor(db, sql: """
            WITH closed(id) AS (SELECT value FROM json_each(:closed)),
                 stays(person_id, village_id) AS (
                     SELECT m.person_id, m.village_id FROM membership m
                     WHERE m.from_date <= :day AND (m.to_date IS NULL OR m.to_date > :day) AND m.id NOT IN closed
                     UNION ALL
                     SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:opened))
            SELECT p.id, p.full_name, \(villageName("v", on: ":day")) AS village, \(areaName("c", on: ":day")) AS commune,
                   coalesce(\(areaName("d", on: ":day")), '') AS district,
                   coalesce(p.death_date, (SELECT e.event_date FROM life_event e WHERE e.person_id = p.id AND e.kind = 'death'))
                       AS died_on,
                   CASE WHEN v.merged_on <= :day THEN v.merged_on END AS merged_on
            FROM stays m
            JOIN person p ON p.id = m.person_id
            JOIN village v ON v.id = m.village_id
            JOIN area c ON c.id = v.commune_id
            LEFT JOIN area d ON d.id = c.parent_id AND d.level = 'district'
            WHERE :area IN (c.id, c.parent_id, d.parent_id)
            ORDER BY \(listOrderKeys)
            """, arguments: ["closed": String(decoding: try encoder.encode(closed), as: UTF8.self),
                             "opened": String(decoding: try encoder.encode(opened), as: UTF8.self),
                             "day": day.iso, "area": area.id])
        var entries: [DecisionPreview.ListEntry] = []
        var warnings: [DecisionPreview.Warning] = []
        while let row = try rows.next() {
            let entry = DecisionPreview.ListEntry(position: entries.count + 1, personId: row["id"], name: row["full_name"],
                                                  village: row["village"], commune: row["commune"], district: row["district"])
            entries.append(entry)
            if let died: Day = try row.decode(forColumn: "died_on") {
                warnings.append(.init(code: "death_recorded", personId: entry.personId, name: entry.name, village: entry.village, date: died,
                    message: Message(
                        vi: "\(entry.name) (#\(entry.personId), \(entry.village)) đã mất ngày \(died.vietnamese) nhưng vẫn còn trong danh sách; hãy đề nghị đưa ra khỏi danh sách (`uytin propose remove --person \(entry.personId) --reason death`).",
                        en: "\(entry.name) (#\(entry.personId), \(entry.village)) died on \(died.iso) but is still on the list; propose the removal (`uytin propose remove --person \(entry.personId) --reason death`).")))
            }
            if let merged: Day = try row.decode(forColumn: "merged_on") {
                warnings.append(.init(code: "village_merged", personId: entry.personId, name: entry.name, village: entry.village, date: merged,
                    message: Message(
                        vi: "\(entry.name) (#\(entry.personId)) còn gắn với \(entry.village), thôn đã sáp nhập ngày \(merged.vietnamese); hãy đề nghị gắn lại thôn mới (`uytin propose rebind`) hoặc đưa ra khỏi danh sách.",
                        en: "\(entry.name) (#\(entry.personId)) is still bound to \(entry.village), merged on \(merged.iso); propose re-binding to the new village (`uytin propose rebind`) or the removal.")))
            }
        }
        return (entries, warnings)
    }
}
