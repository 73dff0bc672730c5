import VietnameseCalendar

/// A declared contingency period (DOMAIN.md §5) as the scheduler needs it: when it runs and why.
public struct Contingency: Sendable, Equatable {
    public var id: Int64
    public var from: Day
    /// The last day of the period; nil while it is open.
    public var to: Day?
    public var reason: String

    public init(id: Int64, from: Day, to: Day?, reason: String) {
        self.id = id
        self.from = from
        self.to = to
        self.reason = reason
    }

    /// True when the period runs on `day`: a benefit due that day may take its policy.
    public func covers(_ day: Day) -> Bool {
        from <= day && (to.map { day <= $0 } ?? true)
    }
}

/// How one benefit is delivered: as its rule says, or as a contingency period changes it by the kind's policy.
public struct ContingencyOutcome: Sendable, Equatable {
    /// The period that changed the benefit; nil when none did.
    public var contingencyId: Int64?
    public var method: DeliveryMethod
    public var due: Day
    /// Waiting for an open period to end (then released, or cancelled at the year's end).
    public var postponed: Bool
    public var status: EntitlementStatus
    public var cancelReason: String?

    public init(contingencyId: Int64?, method: DeliveryMethod, due: Day, postponed: Bool, status: EntitlementStatus,
                cancelReason: String?) {
        self.contingencyId = contingencyId
        self.method = method
        self.due = due
        self.postponed = postponed
        self.status = status
        self.cancelReason = cancelReason
    }

    /// A benefit no period touches: the normal method, on its due date.
    public static func normal(method: DeliveryMethod, due: Day) -> ContingencyOutcome {
        ContingencyOutcome(contingencyId: nil, method: method, due: due, postponed: false, status: .planned, cancelReason: nil)
    }

    /// What `period` does to a benefit of an occasion in `year`, normally delivered by `normal` on `due`, under its
    /// kind's `policy`. Nil when the policy leaves it as it is (`unchanged`): then the period leaves no mark on it.
    /// Postponing waits for the period's end: to the day after it when the period has one, and cancelled when that
    /// day is in a later year than the occasion's.
    public static func during(_ period: Contingency, policy: ContingencyPolicy, normal: DeliveryMethod, due: Day,
                              year: Int) -> ContingencyOutcome? {
        func outcome(_ method: DeliveryMethod, due: Day = due, postponed: Bool = false, cancelReason: String? = nil) -> ContingencyOutcome {
            ContingencyOutcome(contingencyId: period.id, method: method, due: due, postponed: postponed,
                               status: cancelReason == nil ? .planned : .cancelled, cancelReason: cancelReason)
        }
        switch policy {
        case .unchanged: return nil
        case .homeDelivery: return outcome(.homeVisit)
        case .transfer: return outcome(.transfer)
        case .online: return outcome(.online)
        case .cancel: return outcome(normal, cancelReason: cancelledReason(period))
        case .postpone:
            guard let end = period.to else { return outcome(normal, postponed: true) }
            let next = end.adding(days: 1)
            switch release(period: period.id, endedOn: end, year: year) {
            case .due: return outcome(normal, due: next)
            case let .cancelled(reason): return outcome(normal, due: next, cancelReason: reason)
            }
        }
    }

    /// What a benefit postponed by a period becomes when the period ends.
    public enum Release: Sendable, Equatable {
        /// Due on this day.
        case due(Day)
        /// Cancelled, with this reason.
        case cancelled(reason: String)
    }

    /// A benefit of an occasion in `year` postponed by the period `id` that ended on `end`: due the next day, or
    /// cancelled when that day is in a later year (a benefit belongs to its occasion's year).
    public static func release(period id: Int64, endedOn end: Day, year: Int) -> Release {
        let next = end.adding(days: 1)
        return next.year > year ? .cancelled(reason: stillPostponedReason(period: id)) : .due(next)
    }

    /// Why a benefit was cancelled by a period whose policy cancels.
    public static func cancelledReason(_ period: Contingency) -> String {
        "Hủy do giai đoạn ứng phó #\(period.id): \(period.reason)"
    }

    /// Why a postponed benefit was cancelled: the period `id` still blocked it at the end of its year. `year` is
    /// named when a run cancels it at that year's end.
    public static func stillPostponedReason(period id: Int64, year: Int? = nil) -> String {
        "Hoãn do dịch đến hết năm \(year.map { "\($0) " } ?? "")vẫn chưa thực hiện được (giai đoạn ứng phó #\(id))"
    }
}
