import Foundation

/// Planning a patient's course on the diary as it is now: the protocol's
/// latest version, the free slots of its services over the horizon, the
/// patient's other appointments and the working calendar go to the `Planner`.
public struct SequenceService: Sendable {
    public let protocols: ProtocolService
    public let booking: BookingService
    public let diary: any DiaryRepository

    public init(protocols: ProtocolService, booking: BookingService, diary: any DiaryRepository) {
        self.protocols = protocols; self.booking = booking; self.diary = diary
    }

    /// What `plan` answers: the protocol planned, for whom, and the outcome.
    public struct Planned: Sendable {
        public var treatment: TreatmentProtocol
        public var patient: PatientSummary
        public var outcome: PlanOutcome
    }

    /// Plans `protocolCode` for a patient (hospital or NHS number) from `start`.
    /// A preview: nothing is booked, and the record is not opened.
    public func plan(patient reference: String, protocolCode: String, start: LocalDate? = nil,
                     horizonDays: Int = PlanRequest.defaultHorizonDays, pinned: [StepKey: Int64] = [:],
                     by user: ActingUser) throws -> Planned {
        try booking.access.require(.bookAppointments, user)
        guard (7...730).contains(horizonDays) else {
            throw BookingError(field: "horizon", "must be from 1 week to 2 years (e.g. 26w)")
        }
        let treatment = try protocols.show(code: protocolCode, by: user).protocolValue
        let (today, now) = booking.now
        let from = max(start ?? today, today)
        let services = Dictionary(try diary.services().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        // The last day a step could fall: the horizon for cycle 1, then each later
        // cycle's length and lateness, and a fortnight for the steps around an anchor.
        let late = (treatment.window?.late.value ?? 0) + (treatment.cycleLength?.value ?? 0)
        let through = from.adding(days: horizonDays + (treatment.cycles - 1) * late + 14 + Self.repeatSpan(treatment))
        let calendar = WorkingCalendar(closures: try booking.closureDays())
        return try booking.booking.read { tx in
            guard let person = try tx.patient(reference: reference), let patientID = person.id else {
                throw BookingError.notFound("patient", "no patient has hospital or NHS number \(reference)")
            }
            if let died = person.dateOfDeath {
                throw BookingError(field: "patient", "\(person.mrn) died on \(died.display): a course cannot be planned")
            }
            let busy = try tx.futureBookings(patientID: patientID, from: today).map {
                PlanRequest.Busy(date: $0.date, start: $0.start, end: $0.end,
                                 inPerson: services[$0.serviceCode]?.mode.isRemote != true)
            }
            let codes = Set(treatment.steps.compactMap { $0.kind == .appointment ? $0.service : nil }).sorted()
            let notBefore = from == today ? now : nil
            let reader = tx as? any PlanningSlotReader
            // The services of the steps held by one clinician: their slots are told apart by clinician too.
            let byClinician = Set(treatment.steps.filter { treatment.sameClinician.contains($0.id) }.compactMap(\.service))
            func request(horizon: Int, through: LocalDate, firstAtEachTime: Bool) throws -> PlanRequest {
                var slots: [Slot] = []
                if let reader, firstAtEachTime {
                    slots = try reader.firstFreeSlotsAtEachTime(serviceCodes: codes, byClinician: byClinician, from: from,
                                                                notBefore: notBefore, through: through)
                } else if let reader {
                    slots = try reader.freeSlotsForPlanning(serviceCodes: codes, from: from, notBefore: notBefore, through: through,
                                                            limit: 200_000)
                } else {
                    for code in codes {
                        slots += try tx.freeSlots(SlotQuery(serviceCode: code, from: from, notBefore: notBefore, limit: 200_000,
                                                            through: through))
                    }
                }
                return PlanRequest(treatment: treatment, start: from, horizonDays: horizon, slots: slots, services: services,
                                   busy: busy, preferences: .none, pinned: pinned, calendar: calendar)
            }
            func planned(_ outcome: PlanOutcome) -> Planned {
                Planned(treatment: treatment, patient: person.summaryForLists, outcome: outcome)
            }
            // Two cheaper reads give the same plan when they find a complete one:
            // - only the first free slot at each time (of each clinician, where one is kept):
            //   a plan never takes two slots at one time, and takes the lowest id of equal
            //   ones (`PlanningSlotReader`); a pinned slot may be another, so not with pins;
            // - most courses start within weeks, and the objective puts cycle 1's anchor as
            //   near the start as it can go first, so a complete plan whose anchor is in
            //   the first `Self.firstWindow` days beats every plan that starts later, and
            //   such plans need only the slots up to the anchors' reach.
            // Otherwise (no plan, or the search stopped at its budget) everything is read
            // and planned as before, so a failure gives the same reasons.
            let cheap = pinned.isEmpty && reader != nil
            if pinned.isEmpty, horizonDays > Self.firstWindow,
               let after = Planner.reachAfterAnchor(treatment, start: from, calendar: calendar) {
                let near = from.adding(days: Self.firstWindow + (treatment.cycles - 1) * late + after)
                if near < through,
                   case .feasible(var plan) = Planner.plan(try request(horizon: Self.firstWindow, through: near, firstAtEachTime: cheap)),
                   plan.complete {
                    if !plan.cycles.isEmpty { plan.cycles[0].windowThrough = from.adding(days: horizonDays) }
                    return planned(.feasible(plan))
                }
            }
            if cheap, case .feasible(let plan) = Planner.plan(try request(horizon: horizonDays, through: through, firstAtEachTime: true)),
               plan.complete {
                return planned(.feasible(plan))
            }
            return planned(Planner.plan(try request(horizon: horizonDays, through: through, firstAtEachTime: false)))
        }
    }

    /// Days from the start in which cycle 1's anchor is looked for first (see `plan`).
    static let firstWindow = 28

    /// Days a repeated step runs beyond its first instance (weekends included).
    static func repeatSpan(_ p: TreatmentProtocol) -> Int {
        p.steps.compactMap(\.repeat).map { r in
            let days = r.every.unit == .workingDays ? (r.every.value * 7 + 4) / 5 : r.every.value
            return (r.count - 1) * days + 7
        }.max() ?? 0
    }
}
