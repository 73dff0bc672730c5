import VietnameseCalendar

// The frame the list lives in, which changes by date (DOMAIN.md §10): terms, who decides, the issuing body, and the
// reorganisations of the map.

/// A term of the list (giai đoạn), e.g. 2019–2023: lists, proposals and decisions belong to the term of their date.
public struct Term: Sendable, Codable, Equatable {
    public var firstYear: Int
    public var lastYear: Int
    public var basis: String

    /// The longest term the law knows: 5 years.
    public static let maximumYears = 5

    public init(firstYear: Int, lastYear: Int, basis: String) {
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.basis = basis
    }

    public var years: ClosedRange<Int> { firstYear...lastYear }
    public var firstDay: Day { Day(year: firstYear, month: 1, day: 1)! }
    public var lastDay: Day { Day(year: lastYear, month: 12, day: 31)! }
    /// The first day after the term: its stays end there.
    public var endDay: Day { Day(year: lastYear + 1, month: 1, day: 1)! }
    public var label: String { "\(firstYear)–\(lastYear)" }
    public func contains(_ day: Day) -> Bool { years.contains(day.year) }
}

/// Every term of a database, oldest first; they follow each other without a gap.
public struct Terms: Sendable, Equatable {
    public let all: [Term]

    public init(_ terms: [Term]) { all = terms.sorted { $0.firstYear < $1.firstYear } }

    public func term(of day: Day) -> Term? { all.first { $0.contains(day) } }
    public func term(ofYear year: Int) -> Term? { all.first { $0.years.contains(year) } }
    /// From the first term's first day to the last term's last day.
    public var span: ClosedRange<Day>? {
        guard let first = all.first, let last = all.last else { return nil }
        return first.firstDay...last.lastDay
    }
    public var label: String { all.map(\.label).joined(separator: ", ") }
}

/// Who decides, from a date: the level whose People's Committee chairman recognises, removes and replaces persons,
/// and the level that approves the year's list (approved in parts when that level is below the province).
public struct Regime: Sendable, Codable, Equatable {
    public var validFrom: Day
    public var decides: AreaLevel
    public var approvesList: AreaLevel
    public var basis: String
    /// Read in a public source (true), or to be confirmed by the province (false).
    public var confirmed: Bool

    public init(validFrom: Day, decides: AreaLevel, approvesList: AreaLevel, basis: String, confirmed: Bool) {
        self.validFrom = validFrom
        self.decides = decides
        self.approvesList = approvesList
        self.basis = basis
        self.confirmed = confirmed
    }

    /// The regime in force on `day` (the first one for days before every regime).
    public static func inForce(on day: Day, among regimes: [Regime]) -> Regime? {
        let sorted = regimes.sorted { $0.validFrom < $1.validFrom }
        return sorted.last { $0.validFrom <= day } ?? sorted.first
    }
}

/// The body a document prints on its heading from a date: its name and the body above it.
public struct Agency: Sendable, Codable, Equatable {
    public var validFrom: Day?
    public var name: String
    public var parent: String

    public init(validFrom: Day?, name: String, parent: String) {
        self.validFrom = validFrom
        self.name = name
        self.parent = parent
    }
}

/// A reorganisation of the map as recorded: an official old→new table applied on one day.
public struct Reorganization: Sendable, Codable, Equatable {
    public var id: Int64
    public var effectiveOn: Day
    public var basis: String
    public var fileName: String?
    public var unitsClosed: Int
    public var unitsOpened: Int
    public var villagesMoved: Int
    public var personsRebound: Int
    public var recordedBy: String
    public var recordedAt: String

    public init(id: Int64, effectiveOn: Day, basis: String, fileName: String?, unitsClosed: Int, unitsOpened: Int,
                villagesMoved: Int, personsRebound: Int, recordedBy: String, recordedAt: String) {
        self.id = id
        self.effectiveOn = effectiveOn
        self.basis = basis
        self.fileName = fileName
        self.unitsClosed = unitsClosed
        self.unitsOpened = unitsOpened
        self.villagesMoved = villagesMoved
        self.personsRebound = personsRebound
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
