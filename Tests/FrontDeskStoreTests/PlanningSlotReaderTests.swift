import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore

/// The planner's one-pass read of free slots gives exactly what one `freeSlots`
/// query per service gives (the read `sequence plan` used before).
@Suite("Planning slot reader")
struct PlanningSlotReaderTests {
    @Test("the same free slots, in the same order, as one freeSlots query per service: full, cancelled and earlier-today slots left out")
    func sameAsFreeSlots() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Reader")
        // Fill both places of a phlebotomy slot and one of another, and take a follow-up slot.
        let bloods = try f.slot("bloods", "2026-11-25", "09:00")
        try f.book(ann, bloods)
        try f.book(try f.patient("Second"), bloods)
        try f.book(try f.patient("Third"), try f.slot("bloods", "2026-11-26", "09:10"))
        let taken = try f.slot("onc_fu", "2026-11-27", "09:20")
        try f.book(ann, taken)
        // A cancelled session: none of its slots is free.
        let cancelled = try f.slot("onc_fu", "2026-12-02", "09:00")
        _ = try f.booking.cancelSession(id: cancelled.sessionID, reason: "clinic cancelled", by: clerk)

        let from = LocalDate(iso: "2026-11-24")!, through = LocalDate(iso: "2027-01-15")!
        let notBefore = ClockTime.parse("09:41")!
        for limit in [200_000, 7] {
            let (fast, reference) = try f.booking.booking.read { tx -> ([Slot]?, [Slot]) in
                let reader = tx as? any PlanningSlotReader
                let fast = try reader?.freeSlotsForPlanning(serviceCodes: ["bloods", "onc_fu"], from: from, notBefore: notBefore,
                                                            through: through, limit: limit)
                var reference: [Slot] = []
                for code in ["bloods", "onc_fu"] {
                    reference += try tx.freeSlots(SlotQuery(serviceCode: code, from: from, notBefore: notBefore, limit: limit, through: through))
                }
                return (fast, reference)
            }
            let got = try #require(fast, "the store reads slots for planning")
            #expect(got == reference)
            #expect(got.count == (limit == 7 ? 14 : reference.count))
            if limit > 7 {
                #expect(reference.count > 300)
                #expect(!got.contains { $0.id == bloods.id })
                #expect(got.contains { $0.id == taken.id } == false)
                #expect(!got.contains { $0.sessionID == cancelled.sessionID })
                #expect(!got.contains { $0.date == from && $0.start < notBefore })
                #expect(got.contains { $0.date == from })
            }
        }
    }
}

@Suite("Planning slot reader: the first free slot at each time")
struct FirstFreeSlotAtEachTimeTests {
    @Test("one slot per service, date and times — the lowest id — or per clinician too where asked; full slots and earlier today left out first")
    func firstAtEachTime() throws {
        let f = try BookingFixture()
        // Dr Bell holds a clinic at the same times as Dr Adams: two free slots at each time.
        _ = try f.booking.addTemplate(SessionTemplateFields(service: "onc_fu", site: "main", clinician: "dr_bell", days: "mon-fri",
                                                            start: "09:00", end: "12:00", slotMinutes: "20", capacity: "1",
                                                            validFrom: "2026-11-23"), by: clerk)
        // Phlebotomy on Fridays also in 20-minute slots: slots of two lengths start together at 09:00, 09:20 ….
        _ = try f.booking.addTemplate(SessionTemplateFields(service: "bloods", site: "hub", clinician: "dr_bell", days: "fri",
                                                            start: "09:00", end: "11:00", slotMinutes: "20", capacity: "1",
                                                            validFrom: "2026-11-23"), by: clerk)
        _ = try f.booking.generateSessions(from: LocalDate(iso: "2026-11-23")!, to: LocalDate(iso: "2027-01-29")!, by: clerk)
        // Dr Adams's 10:00 on the 26th is taken: Dr Bell's is the first free one then.
        let adams = try f.slot("onc_fu", "2026-11-26", "10:00", clinician: "dr_adams")
        try f.book(try f.patient("Reader"), adams)

        let from = LocalDate(iso: "2026-11-24")!, through = LocalDate(iso: "2027-01-15")!
        let notBefore = ClockTime.parse("09:41")!
        for byClinician in [Set<String>(), ["onc_fu"]] {
            let (got, all) = try f.booking.booking.read { tx -> ([Slot]?, [Slot]) in
                let reader = tx as? any PlanningSlotReader
                let got = try reader?.firstFreeSlotsAtEachTime(serviceCodes: ["bloods", "onc_fu"], byClinician: byClinician, from: from,
                                                               notBefore: notBefore, through: through)
                var all: [Slot] = []
                for code in ["bloods", "onc_fu"] {
                    all += try tx.freeSlots(SlotQuery(serviceCode: code, from: from, notBefore: notBefore, limit: 200_000, through: through))
                }
                return (got, all)
            }
            let first = try #require(got)
            // The reference: group the full read by times (and clinician), lowest id of each.
            var lowest: [String: Slot] = [:]
            for slot in all {
                let key = "\(slot.serviceCode) \(slot.date.iso) \(slot.start.display) \(slot.end.display)"
                    + (byClinician.contains(slot.serviceCode) ? " \(slot.clinicianCode)" : "")
                if let known = lowest[key], known.id < slot.id { continue }
                lowest[key] = slot
            }
            #expect(Set(first) == Set(lowest.values))
            #expect(first.count == lowest.count)
            let duplicates = all.count - first.count
            #expect(byClinician.isEmpty ? duplicates > 300 : duplicates == 0)
            let onThe26th = first.filter { $0.serviceCode == "onc_fu" && $0.date == LocalDate(iso: "2026-11-26")! && $0.start == ClockTime.parse("10:00")! }
            #expect(onThe26th.map(\.clinicianCode) == ["dr_bell"])
            #expect(!first.contains { $0.date == from && $0.start < notBefore })
            let friday = first.filter { $0.serviceCode == "bloods" && $0.date == LocalDate(iso: "2026-11-27")! && $0.start == ClockTime.parse("09:00")! }
            #expect(Set(friday.map(\.end.display)) == ["09:10", "09:20"])
        }
    }
}
