import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// `EnquiryService.stats` (issue 7): counts of a range of days by category,
/// caller type and outcome (decided from each history), and how the
/// callbacks went — late ones in working minutes. Opening hours 08:30–17:00.
@Suite("enquiries: statistics")
struct EnquiryStatsTests {
    struct Desk {
        let f: BookingFixture
        let enquiries: EnquiryService
        init() throws {
            f = try BookingFixture()
            let access = AccessControl(staff: StaffStore(f.database, clock: f.clock))
            enquiries = EnquiryService(enquiries: EnquiryStore(f.database, clock: f.clock), access: access, clock: f.clock)
            _ = try f.staff.add(login: "nurse1", displayName: "Nurse One", role: .clerk, teams: ["specialist_nurses"], by: clerk)
        }
        @discardableResult
        func log(_ caller: Enquiry.CallerType, _ category: Enquiry.Category, _ route: EnquiryRoute,
                 priority: Enquiry.Priority = .routine) throws -> Enquiry {
            try enquiries.log(EnquiryRequest(callerType: caller, callerName: "A Caller", callerPhone: "0151 555 0100",
                                             organisation: caller.isProfessional ? "Riverside Surgery" : nil, category: category,
                                             priority: priority, summary: "a question", route: route), by: clerk)
        }
    }

    static func local(_ day: String, _ time: String) -> Date {
        CentreTime.startOfDay(LocalDate(iso: day)!).addingTimeInterval(TimeInterval(ClockTime.parse(time)!.minutes * 60))
    }

    @Test("a day's enquiries: each outcome once, a callback 90 working minutes late, one on time, one overdue; other days left out")
    func day() throws {
        let d = try Desk()
        d.f.clock.set("2026-11-23", "16:00")
        try d.log(.patient, .directions, .resolved(outcome: "gave directions to the hub"))   // Monday: not counted
        d.f.clock.set("2026-11-24", "09:41")
        try d.log(.other, .directions, .resolved(outcome: "gave directions to the hub"))
        let late = try d.log(.gpPractice, .appointmentQuery, .callback(by: nil))                 // due Wed 09:41
        let referred = try d.log(.patient, .resultsOrClinical, .refer(team: "specialist_nurses"))
        let escalated = try d.log(.relativeOrCarer, .complaint, .escalate)
        try d.log(.patient, .transport, .callback(by: nil), priority: .urgent)                    // due 11:41, never made
        let onTime = try d.log(.gpPractice, .appointmentQuery, .callback(by: Self.local("2026-11-24", "15:00")))
        d.f.clock.set("2026-11-24", "14:00")
        _ = try d.enquiries.calledBack(enquiry: onTime.id, "rang the practice back", by: clerk)
        d.f.clock.set("2026-11-25", "11:11")
        _ = try d.enquiries.calledBack(enquiry: late.id, "rang the practice back", by: clerk)
        d.f.clock.set("2026-11-26", "10:00")
        try d.log(.patient, .directions, .resolved(outcome: "gave directions to the hub"))       // Thursday: not counted
        _ = try d.enquiries.close(enquiry: late.id, outcome: "date given to the practice", by: clerk)
        _ = try d.enquiries.close(enquiry: referred.id, outcome: "key worker rang with the result", by: ActingUser(login: "nurse1"))
        _ = try d.enquiries.close(enquiry: escalated.id, outcome: "manager spoke to the daughter", by: clerk)

        let day = LocalDate(iso: "2026-11-24")!
        let stats = try d.enquiries.stats(from: day, to: day, by: clerk)
        #expect(stats.total == 6)
        #expect(stats.byOutcome == [.resolvedAtFirstContact: 1, .callback: 1, .referred: 1, .escalated: 1, .stillOpen: 2])
        #expect(stats.byCategory == [.directions: 1, .appointmentQuery: 2, .resultsOrClinical: 1, .complaint: 1, .transport: 1])
        #expect(stats.byCallerType == [.other: 1, .gpPractice: 2, .patient: 2, .relativeOrCarer: 1])
        #expect(stats.callbacksMade == 2)
        #expect(stats.callbacksLate == 1)
        // Wed 09:41 to Wed 11:11 (read from the time kept on the `callback due` line).
        #expect(stats.lateWorkingMinutes == 90)
        #expect(stats.longestLateWorkingMinutes == 90)
        #expect(stats.callbacksOverdue == 1)

        let week = try d.enquiries.stats(from: LocalDate(iso: "2026-11-23")!, to: LocalDate(iso: "2026-11-29")!, by: clerk)
        #expect(week.total == 8)
        #expect(week.byOutcome[.resolvedAtFirstContact] == 3)
    }

    @Test("a re-promised callback is late against the last time promised; nothing received: all zero")
    func repromised() throws {
        let d = try Desk()
        let call = try d.log(.gpPractice, .appointmentQuery, .callback(by: nil))                 // due Wed 25 09:41
        d.f.clock.set("2026-11-25", "16:00")
        _ = try d.enquiries.promiseCallback(enquiry: call.id, by: Self.local("2026-11-26", "09:00"), user: clerk)
        d.f.clock.set("2026-11-26", "09:45")
        _ = try d.enquiries.calledBack(enquiry: call.id, "rang the practice back", by: clerk)
        let stats = try d.enquiries.stats(from: LocalDate(iso: "2026-11-24")!, to: LocalDate(iso: "2026-11-24")!, by: clerk)
        #expect(stats.callbacksLate == 1)
        #expect(stats.lateWorkingMinutes == 45)
        let none = try d.enquiries.stats(from: LocalDate(iso: "2026-12-01")!, to: LocalDate(iso: "2026-12-31")!, by: clerk)
        #expect(none.total == 0)
        #expect(none.byOutcome.isEmpty)
    }

    @Test("the range must run forwards; a clerk may not read the statistics (a managers' report)")
    func refusals() throws {
        let d = try Desk()
        let refused = try #require(throws: ValidationError.self) {
            try d.enquiries.stats(from: LocalDate(iso: "2026-11-24")!, to: LocalDate(iso: "2026-11-23")!, by: clerk)
        }
        #expect(refused.errors.map(\.field) == ["to"])
        let forbidden = try #require(throws: AccessError.self) {
            try d.enquiries.stats(from: LocalDate(iso: "2026-11-24")!, to: LocalDate(iso: "2026-11-24")!, by: ActingUser(login: "nurse1"))
        }
        #expect(forbidden.isPermission)
    }
}
