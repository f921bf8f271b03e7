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

    /// The planner's request on the diary as it is in `tx`.
    ///
    /// - `extraSlots`: slots the patient already holds and may keep (a re-plan's
    ///   own appointments, attended steps), offered with a place free;
    /// - `ignoring`: the patient's appointments not to count as busy (the course's own, in a re-plan);
    /// - `clinicians`: a service's slots only with that clinician (continuity with cycles already held);
    /// - `excluding`: slots not to offer (what the patient gave up, or the hospital took away).
    func makeRequest(_ tx: any BookingReader, treatment: TreatmentProtocol, patient: Patient, start: LocalDate?,
                     horizonDays: Int, pinned: [StepKey: Int64], calendar: WorkingCalendar, extraSlots: [Slot] = [],
                     ignoring: Set<Int64> = [], clinicians: [String: String] = [:], excluding: (Slot) -> Bool = { _ in false }) throws -> PlanRequest {
        guard (7...730).contains(horizonDays) else {
            throw BookingError(field: "horizon", "must be from 1 week to 2 years (e.g. 26w)")
        }
        guard let patientID = patient.id else { throw BookingError.notFound("patient", "the patient has no record") }
        let (today, now) = booking.now
        let from = max(start ?? today, today)
        // Services by code, read in this transaction (the diary repository has its own).
        var services: [String: Service] = [:]
        func service(_ code: String) throws -> Service? {
            if let known = services[code] { return known }
            let found = try tx.service(code: code)
            services[code] = found
            return found
        }
        for code in treatment.steps.compactMap(\.service) { _ = try service(code) }
        // The last day a step could fall: the horizon for cycle 1, then each later
        // cycle's length and lateness, and a fortnight for the steps around an anchor.
        let late = (treatment.window?.late.value ?? 0) + (treatment.cycleLength?.value ?? 0)
        let through = from.adding(days: horizonDays + (treatment.cycles - 1) * late + 14 + Self.repeatSpan(treatment))
        var slots: [Slot] = []
        for code in Set(treatment.steps.compactMap { $0.kind == .appointment ? $0.service : nil }).sorted() {
            var found = try tx.freeSlots(SlotQuery(serviceCode: code, from: from, notBefore: from == today ? now : nil,
                                                   limit: 200_000, through: through))
            if let clinician = clinicians[code] { found.removeAll { $0.clinicianCode != clinician } }
            slots += found
        }
        let extraIDs = Set(extraSlots.map(\.id))
        slots.removeAll { extraIDs.contains($0.id) || excluding($0) }
        slots += extraSlots
        let busy = try tx.futureBookings(patientID: patientID, from: today).filter { !ignoring.contains($0.id) }.map {
            PlanRequest.Busy(date: $0.date, start: $0.start, end: $0.end,
                             inPerson: try service($0.serviceCode)?.mode.isRemote != true)
        }
        let planStart = min(start ?? from, from)
        return PlanRequest(treatment: treatment, start: extraSlots.isEmpty ? from : planStart, horizonDays: horizonDays,
                           slots: slots, services: services, busy: busy, preferences: try tx.preferences(patientID: patientID),
                           pinned: pinned, calendar: calendar)
    }

    /// Days a repeated step runs beyond its first instance (weekends included).
    static func repeatSpan(_ p: TreatmentProtocol) -> Int {
        p.steps.compactMap(\.repeat).map { r in
            let days = r.every.unit == .workingDays ? (r.every.value * 7 + 4) / 5 : r.every.value
            return (r.count - 1) * days + 7
        }.max() ?? 0
    }
}
