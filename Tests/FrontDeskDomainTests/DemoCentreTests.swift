import Foundation
import Testing
@testable import FrontDeskDomain

/// The demo centre (`DemoCentre.standard`) and its bookings
/// (`DemoCentreBookings`), without a database: the set-up, sessions generated
/// from its templates, and the bookings made for a diary.
@Suite("Demo centre")
struct DemoCentreTests {
    static let from = ymd(2026, 8, 24)
    static let centre = DemoCentre.standard(validFrom: from)

    /// Ids 1 … n, as the demo patients of an empty database.
    static func patients(_ n: Int) -> [Int64] { (1...Int64(n)).map { $0 } }

    /// Sessions of the whole centre for a range, with template ids 1 … n.
    static func sessions(from: LocalDate, to: LocalDate) throws -> [PlannedSession] {
        let templates = centre.templates.enumerated().map { i, t -> SessionTemplate in var t = t; t.id = Int64(i + 1); return t }
        return try SessionGeneration.plan(templates: templates, from: from, to: to).get().sessions
    }

    @Test("a main site and two hubs, 30+ services including the issue's examples, 60+ clinicians and resources of every kind")
    func setUp() {
        let c = Self.centre
        #expect(c.sites.map(\.code) == ["centre", "hub-liverpool", "hub-rhyl"])
        #expect(c.services.count >= 30, "\(c.services.count) services")
        #expect(c.clinicians.count >= 60, "\(c.clinicians.count) clinicians")
        let codes = Set(c.services.map(\.code))
        for example in Service.examples { #expect(codes.contains(example.code), "\(example.code) missing") }
        for tumour in DemoCentre.tumourSites {
            #expect(codes.contains(tumour.code + "_new") && codes.contains(tumour.code + "_fu"), "\(tumour.code)")
        }
        #expect(c.services.contains { $0.mode == .telephone } && c.services.contains { $0.mode == .video })
        let roles = Dictionary(grouping: c.clinicians, by: \.role).mapValues(\.count)
        #expect(roles[.consultant, default: 0] >= 15, "\(roles)")
        #expect(roles[.registrar, default: 0] >= 4)
        #expect(roles[.specialistNurse, default: 0] >= 8)
        #expect(roles[.phlebotomist, default: 0] >= 3)
        #expect(roles[.radiographer, default: 0] >= 3)
        #expect(c.clinicians.filter { $0.code.hasPrefix("chair-") || $0.code.contains("-chair-") }.count >= 20)
        #expect(c.clinicians.filter { $0.code.hasPrefix("linac-") }.count >= 6)
        #expect(c.clinicians.contains { $0.code.hasPrefix("ct-sim") })
        // Codes are unique and valid; every name passes the set-up's own checks.
        #expect(Set(c.clinicians.map(\.code)).count == c.clinicians.count)
        #expect(Set(c.services.map(\.code)).count == c.services.count)
        for site in c.sites { #expect((try? site.validated().get()) == site) }
        for service in c.services { #expect((try? service.validated().get()) == service, "\(service.code)") }
        for clinician in c.clinicians { #expect((try? clinician.validated().get()) == clinician, "\(clinician.code)") }
    }

    @Test("every template is valid, names a site, service and clinician of the centre, and no clinician is in two places at once")
    func templates() {
        let c = Self.centre
        let sites = Set(c.sites.map(\.code)), services = Set(c.services.map(\.code)), clinicians = Set(c.clinicians.map(\.code))
        #expect(c.templates.count >= 100)
        for t in c.templates {
            #expect((try? t.validated().get()) != nil, "\(t.serviceCode) \(t.clinicianCode)")
            #expect(sites.contains(t.siteCode) && services.contains(t.serviceCode) && clinicians.contains(t.clinicianCode), "\(t)")
        }
        // Every service and clinician holds at least one clinic.
        #expect(Set(c.templates.map(\.serviceCode)) == services)
        #expect(Set(c.templates.map(\.clinicianCode)) == clinicians)
        for (code, list) in Dictionary(grouping: c.templates, by: \.clinicianCode) {
            for (i, a) in list.enumerated() {
                for b in list[(i + 1)...] where !a.weekdays.isDisjoint(with: b.weekdays) {
                    #expect(!(a.start < b.end && b.start < a.end), "\(code) has two clinics at once: \(a.serviceCode) and \(b.serviceCode)")
                }
            }
        }
    }

    @Test("two years of sessions: none on a bank holiday or at a weekend, every weekday otherwise")
    func sessionsSkipBankHolidays() throws {
        let to = Self.from.addingMonths(24).adding(days: -1)
        #expect(to == ymd(2028, 8, 23))
        let sessions = try Self.sessions(from: Self.from, to: to)
        let dates = Set(sessions.map(\.date))
        for holiday in [ymd(2026, 12, 25), ymd(2026, 12, 28), ymd(2027, 1, 1), ymd(2027, 3, 26), ymd(2027, 3, 29),
                        ymd(2027, 5, 3), ymd(2027, 5, 31), ymd(2027, 8, 30), ymd(2027, 12, 27), ymd(2027, 12, 28),
                        ymd(2028, 4, 14), ymd(2028, 4, 17)] {
            #expect(!dates.contains(holiday), "a session on the bank holiday \(holiday.display)")
        }
        #expect(!dates.contains { $0.weekday.isWeekend })
        // Ordinary weekdays all have clinics (Christmas Eve is not a bank holiday).
        #expect(dates.contains(ymd(2026, 12, 24)) && dates.contains(ymd(2027, 3, 25)) && dates.contains(ymd(2027, 3, 30)))
        #expect(sessions.count > 30_000, "\(sessions.count) sessions")
    }

    /// Fills a range of the diary and returns every session's bookings.
    static func fill(today: LocalDate, from: LocalDate, to: LocalDate, patients: Int, seed: UInt64 = 1)
        throws -> [(PlannedSession, DemoSessionFill)] {
        let now = Date(timeIntervalSince1970: Double(today.dayNumber) * 86_400 + 8 * 3600)
        var bookings = DemoCentreBookings(centre: centre, patientIDs: Self.patients(patients), today: today, now: now,
                                          user: "demo", seed: seed)
        return try sessions(from: from, to: to).map { ($0, bookings.fill($0)) }
    }

    @Test("no slot holds more patients than its capacity, no patient is in two overlapping appointments, a cancelled session keeps no place")
    func rulesHold() throws {
        let filled = try Self.fill(today: today, from: today.adding(days: -21), to: today.adding(days: 20), patients: 5_000)
        var busy: [String: [(ClockTime, ClockTime, String)]] = [:]
        var appointments = 0
        for (session, fill) in filled {
            #expect(fill.slots.count == session.slots.count)
            for (slot, bookings) in zip(session.slots, fill.slots) {
                let holding = bookings.filter { $0.appointment.status.holdsPlace }
                #expect(holding.count <= slot.capacity, "\(session.serviceCode) \(session.date) \(slot.start)")
                if fill.cancellation != nil { #expect(holding.isEmpty) }
                for b in bookings {
                    let a = b.appointment
                    appointments += 1
                    #expect(a.date == session.date && a.start == slot.start && a.end == slot.end && a.serviceCode == session.serviceCode)
                    if session.date < today { #expect(a.status != .booked && a.status != .arrived, "\(a.status) on \(a.date)") }
                    else { #expect(a.status == .booked || a.status.isCancelled, "\(a.status) on \(a.date)") }
                    #expect(a.status.isSeen == (a.outcome != nil))
                    #expect(a.status.isCancelled == (a.cancelledBy != nil && a.cancelReason != nil))
                    #expect(b.event.action == (a.status == .booked ? .booked : .imported) && b.event.toStatus == a.status)
                    #expect(a.bookedAt <= Date(timeIntervalSince1970: Double(today.dayNumber) * 86_400 + 8 * 3600))
                    if a.transport == .hospital { #expect(a.mobility != nil) } else { #expect(a.mobility == nil) }
                    guard a.status.holdsPlace else { continue }
                    let key = "\(a.patientID) \(a.date.iso)"
                    for (start, end, what) in busy[key] ?? [] {
                        #expect(!(a.start < end && start < a.end), "patient \(a.patientID) has \(what) and \(a.serviceCode) at once on \(a.date)")
                    }
                    busy[key, default: []].append((a.start, a.end, a.serviceCode))
                }
            }
        }
        #expect(appointments > 40_000, "\(appointments)")
    }

    @Test("bookings fill most of the next two to three weeks and thin out further ahead; the past is history with attendances, DNAs and cancellations")
    func mostlyNearTerm() throws {
        let filled = try Self.fill(today: today, from: today.adding(days: -28), to: today.adding(days: 200), patients: 5_000)
        func share(_ days: Range<Int>, services: ((String) -> Bool)? = nil) -> Double {
            var places = 0, taken = 0
            for (session, fill) in filled where fill.cancellation == nil && days.contains(session.date.dayNumber - today.dayNumber)
                && (services?(session.serviceCode) ?? true) {
                places += session.capacity
                taken += fill.slots.joined().filter { $0.appointment.status.holdsPlace }.count
            }
            return Double(taken) / Double(max(1, places))
        }
        let next2Weeks = share(0..<14), week3 = share(14..<21)
        #expect(next2Weeks >= 0.85 && next2Weeks <= 0.95, "next two weeks \(next2Weeks)")
        #expect(week3 >= 0.80, "third week \(week3)")
        #expect(share(42..<84) < 0.5 * next2Weeks, "6–12 weeks ahead \(share(42..<84))")
        #expect(share(120..<200) < share(42..<84), "4–7 months ahead \(share(120..<200))")
        // Treatment is booked weeks ahead, follow-up surveillance months ahead.
        #expect(share(120..<200, services: { $0 == "rt_treatment" }) < share(120..<200, services: { $0.hasSuffix("_fu") }))
        #expect(share(-28..<0) >= 0.85, "past \(share(-28..<0))")
        var statuses: [AppointmentStatus: Int] = [:]
        for (session, fill) in filled where session.date < today {
            for b in fill.slots.joined() { statuses[b.appointment.status, default: 0] += 1 }
        }
        let past = statuses.values.reduce(0, +)
        #expect(Double(statuses[.attended, default: 0]) / Double(past) > 0.75, "\(statuses)")
        for status in [AppointmentStatus.didNotAttend, .cancelledByPatient, .cancelledByHospital, .attendedLate, .lateNotSeen] {
            #expect(statuses[status, default: 0] > 0, "no \(status) in the past: \(statuses)")
        }
        #expect(statuses[.booked] == nil && statuses[.arrived] == nil)
        #expect(filled.contains { $0.1.cancellation != nil }, "no session was cancelled")
    }

    @Test("the same seed, today and patients give the same bookings; another seed gives others")
    func deterministic() throws {
        let a = try Self.fill(today: today, from: today.adding(days: -3), to: today.adding(days: 10), patients: 800)
        let b = try Self.fill(today: today, from: today.adding(days: -3), to: today.adding(days: 10), patients: 800)
        let c = try Self.fill(today: today, from: today.adding(days: -3), to: today.adding(days: 10), patients: 800, seed: 2)
        #expect(a.map(\.1) == b.map(\.1))
        #expect(a.map(\.1) != c.map(\.1))
    }

    @Test("fewer patients than a full centre fill the diary proportionally less, and none fill nothing")
    func fewerPatients() throws {
        func count(_ patients: Int) throws -> Int {
            guard patients > 0 else {
                let now = Date(timeIntervalSince1970: Double(today.dayNumber) * 86_400)
                var bookings = DemoCentreBookings(centre: Self.centre, patientIDs: [], today: today, now: now, user: "demo", seed: 1)
                return try Self.sessions(from: today, to: today.adding(days: 6)).map { bookings.fill($0).slots.joined().count }.reduce(0, +)
            }
            return try Self.fill(today: today, from: today, to: today.adding(days: 6), patients: patients)
                .map { $0.1.slots.joined().count }.reduce(0, +)
        }
        let full = try count(5_000), tenth = try count(500)
        #expect(tenth < full / 5 && tenth > full / 20, "500 patients: \(tenth), 5,000: \(full)")
        #expect(try count(0) == 0)
    }

    @Test("the diary runs two years from the months of history before today", arguments: [
        (ymd(2026, 11, 24), 3, ymd(2026, 8, 24), ymd(2028, 8, 23)),
        (ymd(2026, 11, 24), 14, ymd(2025, 9, 24), ymd(2027, 9, 23)),
        (ymd(2027, 5, 31), 3, ymd(2027, 2, 28), ymd(2029, 2, 27)),
    ])
    func range(today: LocalDate, history: Int, from: LocalDate, to: LocalDate) {
        let range = DemoCentreSeeder.range(today: today, .init(historyMonths: history))
        #expect(range.from == from && range.to == to)
        #expect(SessionGeneration.checkRange(from: range.from, to: range.to).isEmpty)
    }
}
