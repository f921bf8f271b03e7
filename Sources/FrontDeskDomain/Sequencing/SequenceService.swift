import Foundation

/// Planning a patient's course on the diary as it is now: the protocol's
/// latest version, the free slots of its services over the horizon, the
/// patient's other appointments, their booking preferences and the working
/// calendar go to the `Planner`. Booking a plan, showing a course and
/// re-planning it are in `SequenceService+Course`.
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
        /// The preferences the plan honours (from the record).
        public var preferences: BookingPreferences = .none
        /// The rules checked on the plan, by step (for showing the gaps).
        public var checks: [StepKey: [RuleCheck]] = [:]
        /// With overrides: the rules they break, by step.
        public var overridden: [StepKey: [String]] = [:]
    }

    /// Plans `protocolCode` for a patient (hospital or NHS number) from `start`.
    /// A preview: nothing is booked, and the record is not opened.
    ///
    /// `overrides` previews what `book` would do with an officer's overrides
    /// (see there); the permission is checked when booking.
    public func plan(patient reference: String, protocolCode: String, start: LocalDate? = nil,
                     horizonDays: Int = PlanRequest.defaultHorizonDays, pinned: [StepKey: Int64] = [:],
                     overrides: [StepKey: Int64] = [:], by user: ActingUser) throws -> Planned {
        try booking.access.require(.bookAppointments, user)
        let treatment = try protocols.show(code: protocolCode, by: user).protocolValue
        let calendar = WorkingCalendar(closures: try booking.closureDays())
        return try booking.booking.read { tx in
            let person = try Self.plannable(tx, reference)
            let (request, outcome, overriddenKeys) = try planWithOverrides(tx, treatment: treatment, patient: person, start: start,
                                                                           horizonDays: horizonDays, pinned: pinned,
                                                                           overrides: overrides, calendar: calendar)
            var result = Planned(treatment: treatment, patient: person.summaryForLists, outcome: outcome,
                                 preferences: request.preferences)
            if let plan = outcome.plan {
                let (checks, broken) = Self.checks(plan, treatment: treatment, calendar: calendar)
                result.checks = checks
                if !overriddenKeys.isEmpty { result.overridden = broken }
            }
            return result
        }
    }

    /// The patient a course is planned for: on the list, alive.
    static func plannable(_ tx: any BookingReader, _ reference: String) throws -> Patient {
        guard let person = try tx.patient(reference: reference), person.id != nil else {
            throw BookingError.notFound("patient", "no patient has hospital or NHS number \(reference)")
        }
        if let died = person.dateOfDeath {
            throw BookingError(field: "patient", "\(person.mrn) died on \(died.display): a course cannot be planned")
        }
        return person
    }

    /// How much of the diary a request reads (see `planOnDiary`).
    enum SlotRead {
        /// Every free slot of the protocol's services over the reach.
        case all
        /// Only the first free slot at each time of a service (of each clinician for
        /// a same-clinician step): `PlanningSlotReader.firstFreeSlotsAtEachTime`.
        case firstAtEachTime
    }

    /// The first day a course may start, the last day a step could fall, and a
    /// later cycle's reach (cycle length and lateness).
    func span(_ treatment: TreatmentProtocol, start: LocalDate?, horizonDays: Int) -> (from: LocalDate, through: LocalDate, late: Int) {
        let today = booking.now.date
        let from = max(start ?? today, today)
        // The last day a step could fall: the horizon for cycle 1, then each later
        // cycle's length and lateness, and a fortnight for the steps around an anchor.
        let late = (treatment.window?.late.value ?? 0) + (treatment.cycleLength?.value ?? 0)
        let through = from.adding(days: horizonDays + (treatment.cycles - 1) * late + 14 + Self.repeatSpan(treatment))
        return (from, through, late)
    }

    /// Plans on the diary in `tx`, reading no more of it than the plan needs.
    /// Two cheaper reads give the same plan when they find a complete one:
    /// - only the first free slot at each time (of each clinician, where one is
    ///   kept): a plan never takes two slots at one time, and takes the lowest id
    ///   of equal ones (`PlanningSlotReader`);
    /// - most courses start within weeks, and the objective puts cycle 1's anchor
    ///   as near the start as it can go first, so a complete plan whose anchor is
    ///   in the first `firstWindow` days beats every plan that starts later, and
    ///   such plans need only the slots up to the anchors' reach.
    /// Otherwise (no plan, or the search stopped at its budget) everything is read
    /// and planned, so a failure gives the same reasons. With pins, slots the
    /// patient holds, a clinician kept or slots left out (a re-plan), the whole
    /// diary is read.
    func planOnDiary(_ tx: any BookingReader, treatment: TreatmentProtocol, patient: Patient, start: LocalDate?,
                     horizonDays: Int, pinned: [StepKey: Int64], calendar: WorkingCalendar, extraSlots: [Slot] = [],
                     ignoring: Set<Int64> = [], clinicians: [String: String] = [:],
                     excluding: ((Slot) -> Bool)? = nil) throws -> (PlanRequest, PlanOutcome) {
        func request(_ read: SlotRead, reach: (horizon: Int, through: LocalDate)? = nil) throws -> PlanRequest {
            try makeRequest(tx, treatment: treatment, patient: patient, start: start, horizonDays: horizonDays, pinned: pinned,
                            calendar: calendar, extraSlots: extraSlots, ignoring: ignoring, clinicians: clinicians,
                            excluding: excluding, read: read, reach: reach)
        }
        let plain = pinned.isEmpty && extraSlots.isEmpty && clinicians.isEmpty && excluding == nil
        let cheap = plain && tx is any PlanningSlotReader
        let (from, through, late) = span(treatment, start: start, horizonDays: horizonDays)
        if plain, horizonDays > Self.firstWindow, let after = Planner.reachAfterAnchor(treatment, start: from, calendar: calendar) {
            let near = from.adding(days: Self.firstWindow + (treatment.cycles - 1) * late + after)
            if near < through {
                let r = try request(cheap ? .firstAtEachTime : .all, reach: (Self.firstWindow, near))
                if case .feasible(var plan) = Planner.plan(r), plan.complete {
                    if !plan.cycles.isEmpty { plan.cycles[0].windowThrough = from.adding(days: horizonDays) }
                    return (r, .feasible(plan))
                }
            }
        }
        if cheap {
            let r = try request(.firstAtEachTime)
            if case .feasible(let plan) = Planner.plan(r), plan.complete { return (r, .feasible(plan)) }
        }
        let r = try request(.all)
        return (r, Planner.plan(r))
    }

    /// Days from the start in which cycle 1's anchor is looked for first (see `planOnDiary`).
    static let firstWindow = 28

    /// The planner's request on the diary as it is in `tx`.
    ///
    /// - `extraSlots`: slots the patient already holds and may keep (a re-plan's
    ///   own appointments, attended steps), offered with a place free;
    /// - `ignoring`: the patient's appointments not to count as busy (the course's own, in a re-plan);
    /// - `clinicians`: a service's slots only with that clinician (continuity with cycles already held);
    /// - `excluding`: slots not to offer (what the patient gave up, or the hospital took away);
    /// - `read`, `reach`: how much of the diary to read (a shorter horizon and last day).
    func makeRequest(_ tx: any BookingReader, treatment: TreatmentProtocol, patient: Patient, start: LocalDate?,
                     horizonDays: Int, pinned: [StepKey: Int64], calendar: WorkingCalendar, extraSlots: [Slot] = [],
                     ignoring: Set<Int64> = [], clinicians: [String: String] = [:], excluding: ((Slot) -> Bool)? = nil,
                     read: SlotRead = .all, reach: (horizon: Int, through: LocalDate)? = nil) throws -> PlanRequest {
        guard (7...730).contains(horizonDays) else {
            throw BookingError(field: "horizon", "must be from 1 week to 2 years (e.g. 26w)")
        }
        guard let patientID = patient.id else { throw BookingError.notFound("patient", "the patient has no record") }
        let (today, now) = booking.now
        let span = self.span(treatment, start: start, horizonDays: horizonDays)
        let from = span.from
        let through = reach?.through ?? span.through
        // Services by code, read in this transaction (the diary repository has its own).
        var services: [String: Service] = [:]
        func service(_ code: String) throws -> Service? {
            if let known = services[code] { return known }
            let found = try tx.service(code: code)
            services[code] = found
            return found
        }
        for code in treatment.steps.compactMap(\.service) { _ = try service(code) }
        let codes = Set(treatment.steps.compactMap { $0.kind == .appointment ? $0.service : nil }).sorted()
        let notBefore = from == today ? now : nil
        var slots: [Slot] = []
        if let reader = tx as? any PlanningSlotReader {
            switch read {
            case .firstAtEachTime:
                // The services of the steps held by one clinician: their slots are told apart by clinician too.
                let byClinician = Set(treatment.steps.filter { treatment.sameClinician.contains($0.id) }.compactMap(\.service))
                slots = try reader.firstFreeSlotsAtEachTime(serviceCodes: codes, byClinician: byClinician, from: from,
                                                            notBefore: notBefore, through: through)
            case .all:
                slots = try reader.freeSlotsForPlanning(serviceCodes: codes, from: from, notBefore: notBefore, through: through,
                                                        limit: 200_000)
            }
        } else {
            for code in codes {
                slots += try tx.freeSlots(SlotQuery(serviceCode: code, from: from, notBefore: notBefore, limit: 200_000,
                                                    through: through))
            }
        }
        if !clinicians.isEmpty {
            slots.removeAll { slot in clinicians[slot.serviceCode].map { slot.clinicianCode != $0 } ?? false }
        }
        let extraIDs = Set(extraSlots.map(\.id))
        slots.removeAll { extraIDs.contains($0.id) || excluding?($0) == true }
        slots += extraSlots
        let busy = try tx.futureBookings(patientID: patientID, from: today).filter { !ignoring.contains($0.id) }.map {
            PlanRequest.Busy(date: $0.date, start: $0.start, end: $0.end,
                             inPerson: try service($0.serviceCode)?.mode.isRemote != true)
        }
        let planStart = min(start ?? from, from)
        return PlanRequest(treatment: treatment, start: extraSlots.isEmpty ? from : planStart,
                           horizonDays: reach?.horizon ?? horizonDays, slots: slots, services: services, busy: busy,
                           preferences: try tx.preferences(patientID: patientID), pinned: pinned, calendar: calendar)
    }

    /// Days a repeated step runs beyond its first instance (weekends included).
    static func repeatSpan(_ p: TreatmentProtocol) -> Int {
        p.steps.compactMap(\.repeat).map { r in
            let days = r.every.unit == .workingDays ? (r.every.value * 7 + 4) / 5 : r.every.value
            return (r.count - 1) * days + 7
        }.max() ?? 0
    }
}
