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
