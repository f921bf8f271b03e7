/// A booking store that reads the free slots a course plan needs in one pass:
/// the same slots, in the same order, as `freeSlots` with one `SlotQuery` per
/// service (from, notBefore, through, limit), only cheaper per row — a
/// radiotherapy course reads tens of thousands of free treatment slots.
public protocol PlanningSlotReader {
    func freeSlotsForPlanning(serviceCodes: [String], from: LocalDate, notBefore: ClockTime?, through: LocalDate,
                              limit: Int) throws -> [Slot]
}
