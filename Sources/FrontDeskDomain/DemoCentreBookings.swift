import Foundation

/// One appointment of the demo centre with the one line of its trail
/// (`booked` for a booking still to come, `imported` for history). The store
/// fills in the slot, session and appointment ids.
public struct DemoBooking: Sendable, Hashable {
    public var appointment: Appointment
    public var event: AppointmentEvent
}

/// What the demo centre stores for one generated session: whether it was
/// cancelled, and the appointments of each of its slots, in slot order.
public struct DemoSessionFill: Sendable, Hashable {
    public var cancellation: SessionCancellation?
    public var slots: [[DemoBooking]]
}

/// Fills the demo centre's sessions with bookings, session by session in
/// diary order, from a seed:
///
/// - the past (`date < today`) is history: about 93% of places were used;
///   most patients attended (with an outcome), some did not attend (3), came
///   too late to be seen (7) or cancelled (2 by the patient, 4 by the
///   hospital), and a cancelled place was often given to someone else;
/// - the next two weeks are 85–97% booked, the third about 88%; further
///   ahead first appointments and treatment thin out quickly (a few weeks),
///   follow-up clinics slowly (surveillance is booked months ahead);
/// - about one clinician's session in 70 was cancelled (leave, study leave),
///   its appointments cancelled by the hospital and its slots closed;
/// - a patient is never in two overlapping appointments that hold a place,
///   and a slot never holds more patients than its capacity.
///
/// Bookings are spread over `patientIDs` (the living demo patients); fewer
/// than `fullCentrePatients` patients fill the diary proportionally less.
public struct DemoCentreBookings {
    public let today: LocalDate
    public let now: Date
    public let user: String
    let patientIDs: [Int64]
    let services: [String: Service]
    let roles: [String: ClinicianRole]
    let farAhead: Set<String>
    let density: Double
    var random: DemoPopulation.Generator
    /// Places taken on the current date: patient → packed (start << 16 | end) minutes.
    var busy: [Int64: [Int]] = [:]
    var busyDate: LocalDate?

    /// The number of patients that fills the diary as described (fewer fill it less).
    public static let fullCentrePatients = 5_000

    public init(centre: DemoCentre, patientIDs: [Int64], today: LocalDate, now: Date, user: String, seed: UInt64) {
        self.today = today; self.now = now; self.user = user; self.patientIDs = patientIDs
        services = Dictionary(uniqueKeysWithValues: centre.services.map { ($0.code, $0) })
        roles = Dictionary(uniqueKeysWithValues: centre.clinicians.map { ($0.code, $0.role) })
        farAhead = centre.bookedFarAhead
        density = min(1, Double(patientIDs.count) / Double(Self.fullCentrePatients))
        random = DemoPopulation.Generator(state: DemoPopulation.Generator.mix(seed ^ 0x5851_F42D_4C95_7F2D))
    }

    /// The share of places booked `daysAhead` days from today (negative: the past).
    public func fillLevel(service: String, daysAhead d: Int) -> Double {
        if d < 0 { return 0.93 }
        if d < 14 { return 0.92 }
        if d < 21 { return 0.88 }
        if farAhead.contains(service) {
            return d < 91 ? 0.75 : d < 182 ? 0.45 : d < 366 ? 0.25 : 0.08
        }
        return d < 42 ? 0.55 : d < 84 ? 0.25 : 0.04
    }

    /// The bookings of one session (sessions must come in date order).
    public mutating func fill(_ session: PlannedSession) -> DemoSessionFill {
        if busyDate != session.date { busy.removeAll(keepingCapacity: true); busyDate = session.date }
        let daysAhead = session.date.dayNumber - today.dayNumber
        let jitter = Double(random.below(13) - 6) / 100
        var level = fillLevel(service: session.serviceCode, daysAhead: daysAhead)
        level = daysAhead >= 0 && daysAhead < 14 ? min(0.97, max(0.85, level + jitter)) : min(1, max(0, level + jitter))
        level *= density
        let isPerson = roles[session.clinicianCode].map { !$0.isResource } ?? true
        var cancellation: SessionCancellation?
        if random.chance(isPerson ? 140 : 30) {
            let reason = isPerson
                ? ["\(session.clinicianCode) on annual leave", "\(session.clinicianCode) on study leave",
                   "\(session.clinicianCode) off sick", "\(session.clinicianCode) covering the acute oncology rota"][random.below(4)]
                : ["\(session.clinicianCode) planned maintenance", "\(session.clinicianCode) out of service (fault)"][random.below(2)]
            let at = min(now, instant(session.date.adding(days: -(3 + random.below(40)))))
            cancellation = SessionCancellation(reason: reason, by: user, at: at)
        }
        var slots: [[DemoBooking]] = []
        slots.reserveCapacity(session.slots.count)
        for slot in session.slots {
            var bookings: [DemoBooking] = []
            var places = 0
            for _ in 0..<slot.capacity where Double(random.below(10_000)) < level * 10_000 {
                if let cancellation {
                    if let booking = make(session, slot, status: .cancelledByHospital, daysAhead: daysAhead,
                                          cancelled: (.sessionCancelled, cancellation.reason)) {
                        bookings.append(booking)
                    }
                    continue
                }
                var status = self.status(daysAhead: daysAhead)
                if status.isCancelled {
                    let reason = status == .cancelledByPatient
                        ? [CancellationReason.unwell, .unableToAttend, .transportProblem, .treatedElsewhere][random.below(4)]
                        : [CancellationReason.clinicianUnavailable, .clinicalDecision][random.below(2)]
                    if let booking = make(session, slot, status: status, daysAhead: daysAhead, cancelled: (reason, nil)) {
                        bookings.append(booking)
                    }
                    // The place was often given to someone else.
                    guard random.chance(5_500) else { continue }
                    repeat { status = self.status(daysAhead: daysAhead) } while status.isCancelled
                }
                if places < slot.capacity, let booking = make(session, slot, status: status, daysAhead: daysAhead, cancelled: nil) {
                    bookings.append(booking)
                    places += 1
                }
            }
            slots.append(bookings)
        }
        return DemoSessionFill(cancellation: cancellation, slots: slots)
    }

    mutating func status(daysAhead: Int) -> AppointmentStatus {
        let roll = random.below(10_000)
        if daysAhead >= 0 {
            return roll < 9_700 ? .booked : roll < 9_900 ? .cancelledByPatient : .cancelledByHospital
        }
        switch roll {
        case ..<8_650: return .attended
        case ..<8_850: return .attendedLate
        case ..<8_900: return .lateNotSeen
        case ..<9_300: return .didNotAttend
        case ..<9_800: return .cancelledByPatient
        default: return .cancelledByHospital
        }
    }

    /// The instant at `hour`:`minute` UTC on a date (the demo does not need the
    /// centre's clock change for when bookings were made).
    func instant(_ date: LocalDate, minute: Int = 9 * 60) -> Date {
        Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + Double(minute) * 60)
    }

    /// A patient free at the slot's time on its date (nil after a few tries:
    /// the place stays empty). A cancelled appointment takes no time.
    mutating func patient(_ slot: PlannedSlot, holdsPlace: Bool) -> Int64? {
        let packed = slot.start.minutes << 16 | slot.end.minutes
        for _ in 0..<6 {
            let id = patientIDs[random.below(patientIDs.count)]
            guard holdsPlace else { return id }
            let taken = busy[id] ?? []
            if taken.contains(where: { slot.start.minutes < $0 & 0xFFFF && $0 >> 16 < slot.end.minutes }) { continue }
            busy[id, default: []].append(packed)
            return id
        }
        return nil
    }

    mutating func make(_ session: PlannedSession, _ slot: PlannedSlot, status: AppointmentStatus, daysAhead: Int,
                       cancelled: (reason: CancellationReason, text: String?)?) -> DemoBooking? {
        guard !patientIDs.isEmpty, let patientID = patient(slot, holdsPlace: status.holdsPlace) else { return nil }
        let service = services[session.serviceCode]
        let isNew = service?.attendance == .first
        let remote = service?.mode.isRemote ?? false
        var priority = Priority.routine
        var referral: ReferralSource?
        if isNew {
            let roll = random.below(100)
            priority = roll < 45 ? .twoWeekWait : roll < 60 ? .urgent : .routine
            let source = random.below(100)
            referral = source < 60 ? .gp : source < 88 ? .otherConsultant : source < 96 ? .screening : .specialistNurse
        } else if random.chance(800) {
            priority = .urgent
        }
        var transport = TransportNeed.none
        var mobility: Mobility?
        if !remote {
            let roll = random.below(1_000)
            if roll < 60 {
                transport = .hospital
                mobility = roll < 36 ? .walking : roll < 56 ? .wheelchair : .stretcher
            } else if roll < 300 {
                transport = .own
            }
        }
        let note: String? = random.chance(250)
            ? ["prefers mornings", "hard of hearing: speak clearly", "bring a list of current medication",
               "carer attends with the patient", "needs a side room if possible", "call the mobile first"][random.below(6)]
            : nil
        var outcome: AttendanceOutcome?
        if status.isSeen {
            let roll = random.below(100)
            if session.serviceCode.hasPrefix("rt_") || session.serviceCode.hasPrefix("sact") || session.serviceCode == "phlebotomy"
                || session.serviceCode == "mould_room" || session.serviceCode == "picc" {
                outcome = roll < 96 ? .anotherAppointmentGiven : .discharged
            } else if isNew {
                outcome = roll < 75 ? .anotherAppointmentGiven : roll < 95 ? .toBeBooked : .discharged
            } else {
                outcome = roll < 60 ? .anotherAppointmentGiven : roll < 85 ? .toBeBooked : .discharged
            }
        }
        // When it was booked: days before the date (sooner for a two-week wait),
        // in office hours, never after now.
        let lead = priority == .twoWeekWait ? 2 + random.below(11) : 3 + random.below(50)
        var bookedAt = instant(session.date.adding(days: -lead), minute: 8 * 60 + random.below(9 * 60))
        if bookedAt > now {
            bookedAt = now.addingTimeInterval(-Double(random.below(60 * 86_400)))
        }
        var appointment = Appointment(
            id: 0, patientID: patientID, patientMRN: "", slotID: nil, sessionID: nil, serviceCode: session.serviceCode,
            clinicianCode: session.clinicianCode, siteCode: session.siteCode, date: session.date, start: slot.start, end: slot.end,
            priority: priority, attendance: service?.attendance ?? .followUp, referralSource: referral, transport: transport,
            mobility: mobility, note: note, status: status, outcome: outcome, bookedBy: user, bookedAt: bookedAt)
        if let cancelled {
            appointment.cancelledBy = status == .cancelledByPatient ? .patient : .hospital
            appointment.cancelReason = cancelled.reason
            appointment.cancelText = cancelled.text
        }
        let imported = status != .booked
        let detail = (imported ? "imported \(status.label)" : "booked")
            + " \(session.serviceCode) \(appointment.whenText) with \(session.clinicianCode) at \(session.siteCode) (demo centre)"
        let event = AppointmentEvent(appointmentID: 0, at: bookedAt, user: user, action: imported ? .imported : .booked,
                                     fromStatus: nil, toStatus: status, detail: detail)
        return DemoBooking(appointment: appointment, event: event)
    }
}
