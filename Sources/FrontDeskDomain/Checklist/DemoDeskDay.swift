import Foundation

/// The demo centre's working day so far, the last step of `frontdesk demo
/// seed`: the diary's history stops at yesterday, so without this every
/// appointment of today is still "booked" at five o'clock and the checklist
/// (F6) has nothing to show but a day nobody worked. This does, for today,
/// what the desk and the library would have done by now, through the same
/// rules the live services apply:
///
/// - every appointment of today that has ended is recorded — attended (most),
///   arrived late, or did not attend (with the clinical team's review task) —
///   and every attendance has its outcome: another appointment given (and
///   booked, in the same service three to eight weeks on), to be booked later
///   (on the to-be-booked list) or discharged; **two attendances at the main
///   site are left without an outcome**, for the clerk to find;
/// - the interpreter and transport tasks of the clinics being prepared (up to
///   the next working day) are done; the case notes of today's finished
///   clinics are back in the library, those of the clinics still to come today
///   and of the days prepared are at their clinic — **one set for the next
///   working day is recorded missing**;
/// - the hand items are ticked: GP letters of the finished clinics, electronic
///   records prepared, and every prescription for treatment screened but
///   **one, for the next working day's chemotherapy**.
///
/// Deterministic for a seed and the moment it runs. Booking changes write
/// their trail lines and audit rows as the live service does (at the times
/// they would have happened, never after now); the case-note movements and
/// the ticks have one audit row each for the whole step, as the rest of the
/// demo's seeding.
public enum DemoDeskDay {
    /// What the day so far made.
    public struct Report: Sendable, Hashable, Codable {
        public var attended = 0
        public var didNotAttend = 0
        public var followUpsBooked = 0
        public var toBeBooked = 0
        public var discharged = 0
        /// Attendances left without an outcome (two, at the main site).
        public var withoutOutcome: [Int64] = []
        public var tasksDone = 0
        public var notesReturned = 0
        public var notesSent = 0
        /// The patient whose notes for the next working day are missing.
        public var missingNotesPatient: Int64?
        public var ticked = 0
        /// The treatment appointment whose prescription is not screened yet.
        public var unscreened: Int64?
        /// The patients (id → hospital number) of today's appointments that have ended.
        public var ended: [Int64: String] = [:]
        public init() {}
    }

    /// The site whose clerk the demo story follows (the centre's main site).
    public static let mainSite = "centre"

    /// `seconds` before `now`, but not before 08:00 that day (the desk's day
    /// starts then; before 08:00, now itself).
    static func earlier(_ now: Date, by seconds: Int) -> Date {
        let opening = CentreTime.startOfDay(CentreTime.today(now)).addingTimeInterval(8 * 3_600)
        return max(now.addingTimeInterval(-TimeInterval(seconds)), min(now, opening))
    }

    /// The instant a centre time of a date stands for.
    static func instant(_ date: LocalDate, _ time: ClockTime) -> Date {
        CentreTime.startOfDay(date).addingTimeInterval(TimeInterval(time.minutes * 60))
    }
}

extension BookingService {
    /// Today's clinics that have ended, recorded as the desk would have (see
    /// `DemoDeskDay`), and the preparation tasks of the coming clinics done.
    /// One transaction; only for the demo database's seeding (managers).
    public func seedDemoDay(seed: UInt64, by user: ActingUser) throws -> DemoDeskDay.Report {
        try access.require(.manageClinics, user)
        let s = try stamp(user)
        let preparation = ChecklistRules.preparationDates(after: s.today, calendar: s.calendar)
        var rng = SplitMix64(seed: seed &+ 0xDE5C_2026)
        func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        return try booking.write { tx in
            var report = DemoDeskDay.Report()
            let ended = try tx.clinicDay(ClinicDayQuery(date: s.today)).map(\.appointment)
                .filter { ($0.status == .booked || $0.status == .arrived) && $0.end <= s.time }
                .sorted { ($0.end, $0.id) < ($1.end, $1.id) }
            // The two attendances the clerk will find without an outcome: the
            // last two to finish at the main site.
            var seen: [Appointment] = []
            for old in ended {
                let roll = below(1_000)
                let to: AppointmentStatus = old.status == .arrived || roll < 930 ? .attended : roll < 950 ? .attendedLate : .didNotAttend
                var at = s
                at.at = DemoDeskDay.instant(s.today, old.end)
                at.time = old.end
                let action: AppointmentEvent.Action = to == .attended ? .attended : to == .attendedLate ? .attendedLate : .didNotAttend
                let detail = to == .attended ? "attended (5)" : to == .attendedLate ? "attended, arrived late but seen (6)" : "did not attend (3)"
                let new = try BookingService.move(tx, old, to: to, action: action, detail: detail, at)
                if to == .didNotAttend {
                    report.didNotAttend += 1
                    _ = try tx.insertTask(DeskTask(teamCode: "clinical", patientID: new.patientID, patientMRN: new.patientMRN, appointmentID: new.id,
                                                   serviceCode: new.serviceCode, kind: .dnaReview,
                                                   description: "clinician to decide next step: did not attend \(new.serviceCode) \(new.whenText) "
                                                       + "with \(new.clinicianCode) (appointment \(new.id))",
                                                   dueDate: s.calendar.nextWorkingDay(onOrAfter: s.today.adding(days: 1)),
                                                   dueTime: ClockTime(hour: 12, minute: 0)!, createdBy: s.user, createdAt: at.at))
                } else {
                    report.attended += 1
                    seen.append(new)
                }
            }
            for a in ended { report.ended[a.patientID] = a.patientMRN }
            let left = Set(seen.filter { $0.siteCode == DemoDeskDay.mainSite }.suffix(2).map(\.id))
            report.withoutOutcome = seen.filter { left.contains($0.id) }.map(\.id)
            for var a in seen where !left.contains(a.id) {
                let outcomeAt = min(s.at, DemoDeskDay.instant(s.today, a.end).addingTimeInterval(TimeInterval(60 * (2 + below(10)))))
                let roll = below(100)
                var outcome: AttendanceOutcome = roll < 10 ? .discharged : roll < 30 ? .toBeBooked : .anotherAppointmentGiven
                if outcome == .anotherAppointmentGiven {
                    // Booked as the patient leaves (a slot the rules refuse: on the to-be-booked list instead).
                    var booked = s
                    booked.at = outcomeAt
                    let slots = try tx.freeSlots(SlotQuery(serviceCode: a.serviceCode, from: s.today.adding(days: 21 + below(35)), limit: 3,
                                                           patientID: a.patientID))
                    var placed = false
                    for slot in slots where !placed {
                        do {
                            _ = try BookingService.place(tx, BookingRequest(patient: a.patientMRN, slotID: slot.id, transport: a.transport,
                                                                            mobility: a.mobility), overbook: nil, replaces: nil, booked)
                            placed = true
                        } catch is BookingError {
                            continue
                        }
                    }
                    if !placed { outcome = .toBeBooked }
                }
                a.outcome = outcome
                try tx.updateAppointment(a)
                try tx.appendEvent(AppointmentEvent(appointmentID: a.id, at: outcomeAt, user: s.user, action: .outcome, fromStatus: a.status,
                                                    toStatus: a.status, detail: "outcome \(outcome.rawValue): \(outcome.label)"))
                try tx.appendAudit(AuditEntry(occurredAt: outcomeAt, user: s.user, action: .appointment, patientID: a.patientID,
                                              patientMRN: a.patientMRN, detail: "appointment \(a.id) outcome \(outcome.rawValue) (\(outcome.label))"))
                switch outcome {
                case .discharged:
                    report.discharged += 1
                case .toBeBooked:
                    report.toBeBooked += 1
                    _ = try tx.insertTask(DeskTask(teamCode: "front_desk", patientID: a.patientID, patientMRN: a.patientMRN, appointmentID: a.id,
                                                   serviceCode: a.serviceCode, kind: .toBeBooked,
                                                   description: "to be booked: \(a.serviceCode) with \(a.clinicianCode) "
                                                       + "(seen \(a.date.display), appointment \(a.id))",
                                                   dueDate: s.calendar.adding(workingDays: 5, to: s.today), dueTime: ClockTime(hour: 16, minute: 0)!,
                                                   createdBy: s.user, createdAt: outcomeAt))
                case .anotherAppointmentGiven:
                    report.followUpsBooked += 1
                }
            }
            // The coming clinics' interpreters and transport are booked.
            var coming = Set<Int64>()
            for date in preparation {
                for row in try tx.clinicDay(ClinicDayQuery(date: date)) { coming.insert(row.appointment.id) }
            }
            for kind in [DeskTask.Kind.interpreter, .transport] {
                for var task in try tx.tasks(TaskQuery(kind: kind, openOnly: true, limit: 100_000))
                where task.appointmentID.map(coming.contains) ?? false {
                    task.status = .done; task.closedBy = s.user; task.closedAt = DemoDeskDay.earlier(s.at, by: 600 + below(7_200))
                    task.closeNote = kind == .interpreter ? "interpreter booked with the language service" : "transport booked with the ambulance service"
                    try tx.updateTask(task)
                    report.tasksDone += 1
                }
            }
            return report
        }
    }
}

extension CaseNoteService {
    /// The case notes of today's and the coming clinics where the library
    /// would have them by now (see `DemoDeskDay`): today's finished clinics'
    /// back on their shelves, the rest at their clinic, but for one missing
    /// set for the next working day. One transaction and one audit row.
    public func seedDemoDay(seed: UInt64, preparationDates: [LocalDate], into report: inout DemoDeskDay.Report,
                            by user: ActingUser) throws {
        try access.require(.manageClinics, user)
        let now = clock.now
        let today = CentreTime.today(now)
        var rng = SplitMix64(seed: seed &+ 0xCA5E_DA7)
        func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var made = report
        try notes.write { tx in
            var done = Set<Int64>()
            /// Moves every volume of a patient's that is not already there (the pull list asks for older
            /// volumes from the off-site store too).
            func move(_ patientID: Int64, to place: CaseNoteLocation, at: Date, note: String) throws -> Bool {
                var moved = false
                for volume in try tx.volumes(patientID: patientID) where volume.location != place {
                    try tx.setLocation(volumeID: volume.id!, place, at: at, by: user.login)
                    try tx.appendMovement(CaseNoteMovement(volumeID: volume.id!, volumeNumber: volume.number, from: volume.location, to: place,
                                                           by: user.login, at: at, note: note))
                    moved = true
                }
                return moved
            }
            // The one set that cannot be found: a patient in the next working day's clinics at the main site.
            let next = preparationDates.last ?? today.adding(days: 1)
            let nextSources = try tx.pullListSource(date: next, siteCode: DemoDeskDay.mainSite).filter { !$0.volumes.isEmpty }
            let missing = nextSources.isEmpty ? nil : nextSources[below(nextSources.count)]
            if let missing, let current = missing.volumes.max(by: { $0.number < $1.number }) {
                if current.location != .missing {
                    let at = DemoDeskDay.earlier(now, by: 3_600)
                    try tx.setLocation(volumeID: current.id!, .missing, at: at, by: user.login)
                    try tx.appendMovement(CaseNoteMovement(volumeID: current.id!, volumeNumber: current.number, from: current.location,
                                                           to: .missing, by: user.login, at: at, note: "not on the shelf when pulled for clinic"))
                }
                made.missingNotesPatient = missing.patientID
                done.insert(missing.patientID)
            }
            // Clinics of the days prepared, then those still to come today: the notes are at the
            // patient's first clinic of the first of those days (today's clinic sends them straight on).
            for date in preparationDates + [today] {
                let byPatient = Dictionary(grouping: try tx.pullListSource(date: date, siteCode: nil).filter { !$0.volumes.isEmpty },
                                           by: \.patientID)
                for id in byPatient.keys.sorted() {
                    guard done.insert(id).inserted, let clinics = byPatient[id]?.sorted(by: { ($0.start, $0.appointmentID) < ($1.start, $1.appointmentID) }),
                          let first = clinics.first else { continue }
                    let at = DemoDeskDay.earlier(now, by: 900 + below(6 * 3_600))
                    if try move(id, to: .clinic(service: first.serviceCode, site: first.siteCode), at: at,
                                note: "pulled for clinic \(date.display)") {
                        made.notesSent += 1
                    }
                }
            }
            // Today's clinics that have ended: the notes are back on their shelves.
            for (id, mrn) in made.ended.sorted(by: { $0.key < $1.key }) where done.insert(id).inserted {
                let shelf = TerminalDigit(mrn).key.map { String($0.prefix(5)) }
                let at = DemoDeskDay.earlier(now, by: 300 + below(3_600))
                if try move(id, to: .library(shelf: shelf), at: at, note: "returned after clinic") { made.notesReturned += 1 }
            }
            try tx.appendAudit(AuditEntry(occurredAt: now, user: user.login, action: .bulk, patientID: nil,
                                          detail: "demo day so far: case notes of \(made.notesReturned) patients returned to the library, "
                                              + "\(made.notesSent) sent to clinics, one set missing, seed \(seed)"))
        }
        report = made
    }
}

extension ChecklistService {
    /// The hand items the desk would have ticked by now (see `DemoDeskDay`):
    /// GP letters of the clinics that have ended, electronic records prepared
    /// for the coming clinics, prescriptions screened — but one for the next
    /// working day's treatment. One transaction and one audit row.
    public func seedDemoDay(into report: inout DemoDeskDay.Report, by user: ActingUser) throws {
        try access.require(.manageClinics, user)
        let now = clock.now
        let today = CentreTime.today(now)
        let preparation = try preparationDates(after: today)
        var made = report
        try checklist.write { tx in
            let list = try Self.generate(tx, date: today, preparation: preparation, filter: ChecklistFilter(), at: now)
            let unscreened = list.items.filter {
                $0.kind == .prescriptionScreened && $0.completion == .hand && $0.state == .outstanding && $0.date == preparation.last
                    && $0.siteCode == DemoDeskDay.mainSite
            }.min { ($0.start ?? ClockTime(minutes: 0)!, $0.id) < ($1.start ?? ClockTime(minutes: 0)!, $1.id) }
            made.unscreened = unscreened?.appointmentID
            var at = DemoDeskDay.earlier(now, by: 7_200)
            for item in list.items where item.completion == .hand && item.state == .outstanding && item.id != unscreened?.id {
                switch item.kind {
                case .gpLetterSent where item.date == today: break
                case .notesPrepared where item.date != today: break
                case .prescriptionScreened: break
                default: continue
                }
                at = at.addingTimeInterval(0.5)
                // A letter is ticked once its clinic has ended (an hour after the appointment's start at the earliest).
                let ticked = item.kind == .gpLetterSent
                    ? max(at, DemoDeskDay.instant(today, item.start ?? ClockTime(minutes: 0)!).addingTimeInterval(3_600)) : at
                try tx.appendMark(ChecklistMark(itemID: item.id, itemDate: item.date, action: .done, reason: nil, by: user.login,
                                                at: min(ticked, now), patientID: item.patientID))
                made.ticked += 1
            }
            try tx.appendAudit(AuditEntry(occurredAt: now, user: user.login, action: .bulk, patientID: nil,
                                          detail: "demo day so far: \(made.ticked) checklist items ticked (letters sent, records prepared, "
                                              + "prescriptions screened), seed day \(today.iso)"))
        }
        report = made
    }
}
