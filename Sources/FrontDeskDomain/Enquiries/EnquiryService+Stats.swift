import Foundation

/// Counts of the enquiries received in a range of days (`frontdesk enquiry
/// stats`): by category, by caller type, by outcome, and how the callbacks
/// promised to those callers went. Counts only: no patient is named.
public struct EnquiryStats: Sendable, Hashable {
    /// Where an enquiry ended up, decided from its history (the furthest it went):
    ///
    /// - `stillOpen`: not closed now (open, awaiting a callback, referred or escalated);
    /// - `escalated`: closed, and escalated to the Assistant Service Manager at some point;
    /// - `referred`: closed, referred to a team at some point (never escalated);
    /// - `callback`: closed, a callback was promised at some point (never referred nor escalated);
    /// - `resolvedAtFirstContact`: closed with none of those: answered when it was logged.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case resolvedAtFirstContact = "resolved_at_first_contact"
        case callback
        case referred
        case escalated
        case stillOpen = "still_open"

        public var label: String {
            switch self {
            case .resolvedAtFirstContact: return "resolved at first contact"
            case .callback: return "closed after a callback"
            case .referred: return "closed after referral to a team"
            case .escalated: return "closed after escalation"
            case .stillOpen: return "still open"
            }
        }
    }

    /// The first and last day counted (received on those days, inclusive).
    public var from: LocalDate
    public var to: LocalDate
    public var total = 0
    public var byCategory: [Enquiry.Category: Int] = [:]
    public var byCallerType: [Enquiry.CallerType: Int] = [:]
    public var byOutcome: [Outcome: Int] = [:]
    /// Callbacks recorded as made (`called back` lines), to these enquiries' callers.
    public var callbacksMade = 0
    /// Of those, made after the time they were due by.
    public var callbacksLate = 0
    /// Working minutes (opening hours of working days) the late ones were late by, in all and the most.
    public var lateWorkingMinutes = 0
    public var longestLateWorkingMinutes = 0
    /// Callbacks still awaited whose due time has passed (now).
    public var callbacksOverdue = 0

    public init(from: LocalDate, to: LocalDate) { self.from = from; self.to = to }

    /// Where one enquiry ended up (see `Outcome`).
    public static func outcome(of history: EnquiryHistory) -> Outcome {
        guard history.enquiry.status == .closed else { return .stillOpen }
        let kinds = Set(history.events.map(\.kind))
        if kinds.contains(.escalated) { return .escalated }
        if kinds.contains(.referred) { return .referred }
        if kinds.contains(.callbackDue) { return .callback }
        return .resolvedAtFirstContact
    }

    /// Counts the histories (each with its routing lines, oldest first). A
    /// callback's due time is the one of the last `callback due` line before
    /// the `called back` line (its `dueAt`); how late it was is counted in working minutes.
    public static func count(_ histories: [EnquiryHistory], from: LocalDate, to: LocalDate, hours: WorkingHours,
                             now: Date) -> EnquiryStats {
        var stats = EnquiryStats(from: from, to: to)
        for history in histories {
            let e = history.enquiry
            stats.total += 1
            stats.byCategory[e.category, default: 0] += 1
            stats.byCallerType[e.callerType, default: 0] += 1
            stats.byOutcome[outcome(of: history), default: 0] += 1
            var due: Date?
            for event in history.events {
                switch event.kind {
                case .callbackDue:
                    due = event.dueAt
                case .calledBack:
                    stats.callbacksMade += 1
                    if let promised = due, event.at > promised {
                        stats.callbacksLate += 1
                        let late = hours.workingMinutes(from: moment(promised), to: moment(event.at))
                        stats.lateWorkingMinutes += late
                        stats.longestLateWorkingMinutes = max(stats.longestLateWorkingMinutes, late)
                    }
                    due = nil
                default:
                    break
                }
            }
            if e.status == .awaitingCallback, let promised = e.callbackDue, promised < now { stats.callbacksOverdue += 1 }
        }
        return stats
    }

    static func moment(_ date: Date) -> WorkingHours.Moment {
        let (day, time) = CentreTime.localNow(date)
        return WorkingHours.Moment(date: day, time: time)
    }
}

extension EnquiryService {
    /// Counts of the enquiries received from `from` to `to` (local days,
    /// inclusive): see `EnquiryStats`. Needs the audit-reports permission
    /// (managers): a report on the desk's work, not an opening of any record,
    /// so not audited.
    public func stats(from: LocalDate, to: LocalDate, by user: ActingUser) throws -> EnquiryStats {
        try access.require(.readAuditReports, user)
        guard from <= to else { throw ValidationError(field: "to", reason: "must be on or after the first day (\(from.display))") }
        let hours = try workingHours()
        let now = clock.now
        let histories = try enquiries.write { tx in
            try tx.histories(receivedFrom: CentreTime.startOfDay(from), to: CentreTime.startOfDay(to.adding(days: 1)))
        }
        return EnquiryStats.count(histories, from: from, to: to, hours: hours, now: now)
    }
}
