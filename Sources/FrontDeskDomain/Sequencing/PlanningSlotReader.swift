/// A booking store that reads the free slots a course plan needs in one pass —
/// a radiotherapy course reads tens of thousands of free treatment slots.
public protocol PlanningSlotReader {
    /// The same slots, in the same order, as `freeSlots` with one `SlotQuery` per
    /// service (from, notBefore, through, limit), only cheaper per row.
    func freeSlotsForPlanning(serviceCodes: [String], from: LocalDate, notBefore: ClockTime?, through: LocalDate,
                              limit: Int) throws -> [Slot]

    /// Of those slots, only the first (lowest id) at each date, start and end
    /// time of a service — and of a clinician, for the services in
    /// `byClinician`. A plan never uses two slots at the same time (they would
    /// overlap; slots with no length are all kept), and where the clinician does not matter the planner takes the
    /// lowest id of slots with equal times, so a plan made from these is the
    /// plan made from all of them (eleven linacs, one slot row each time).
    func firstFreeSlotsAtEachTime(serviceCodes: [String], byClinician: Set<String>, from: LocalDate, notBefore: ClockTime?,
                                  through: LocalDate) throws -> [Slot]
}
