import Foundation

/// One stored occurrence of a clinic: a service at a site by a clinician on a
/// date, generated from a template (or imported), cut into slots.
public struct ClinicSession: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var templateID: Int64?
    public var date: LocalDate
    public var start: ClockTime
    public var end: ClockTime
    public var siteCode: String
    public var serviceCode: String
    public var clinicianCode: String
    /// Set when the session was cancelled (clinician on leave …).
    public var cancellation: SessionCancellation?
    /// Places in all its slots, and places taken by appointments that are not cancelled.
    public var capacity: Int
    public var booked: Int

    public init(id: Int64, templateID: Int64?, date: LocalDate, start: ClockTime, end: ClockTime, siteCode: String,
                serviceCode: String, clinicianCode: String, cancellation: SessionCancellation? = nil,
                capacity: Int = 0, booked: Int = 0) {
        self.id = id; self.templateID = templateID; self.date = date; self.start = start; self.end = end
        self.siteCode = siteCode; self.serviceCode = serviceCode; self.clinicianCode = clinicianCode
        self.cancellation = cancellation; self.capacity = capacity; self.booked = booked
    }

    public var isCancelled: Bool { cancellation != nil }
}

public struct SessionCancellation: Sendable, Hashable, Codable {
    public var reason: String
    public var by: String
    public var at: Date
    public init(reason: String, by: String, at: Date) { self.reason = reason; self.by = by; self.at = at }
}

/// One bookable time of a session.
public struct Slot: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var sessionID: Int64
    public var date: LocalDate
    public var start: ClockTime
    public var end: ClockTime
    public var serviceCode: String
    public var siteCode: String
    public var clinicianCode: String
    public var capacity: Int
    /// Places taken (appointments that are not cancelled, overbookings included).
    public var booked: Int
    /// False once its session is cancelled.
    public var open: Bool

    public init(id: Int64, sessionID: Int64, date: LocalDate, start: ClockTime, end: ClockTime, serviceCode: String,
                siteCode: String, clinicianCode: String, capacity: Int, booked: Int, open: Bool = true) {
        self.id = id; self.sessionID = sessionID; self.date = date; self.start = start; self.end = end
        self.serviceCode = serviceCode; self.siteCode = siteCode; self.clinicianCode = clinicianCode
        self.capacity = capacity; self.booked = booked; self.open = open
    }

    public var free: Int { max(0, capacity - booked) }
    public var isFull: Bool { booked >= capacity }

    /// `Tue 24-Nov-2026 09:40–10:00`.
    public var whenText: String { "\(date.weekday.short.capitalized) \(date.display) \(start.display)–\(end.display)" }
}

/// Morning (before 12:00) or afternoon, for the slot search.
public enum DayPart: String, Sendable, Hashable, Codable, CaseIterable {
    case am, pm
    public init?(parsing text: String) { self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) }
    public func contains(_ time: ClockTime) -> Bool { self == .am ? time.isMorning : !time.isMorning }
}

/// What `next available` looks for: free slots of a service from a date and
/// time on, earliest first, optionally only at a site, with a clinician, on
/// some weekdays, in the morning or afternoon.
public struct SlotQuery: Sendable, Hashable {
    public var serviceCode: String
    public var from: LocalDate
    /// Slots starting before this time on `from` are left out (now, when `from` is today).
    public var notBefore: ClockTime?
    public var siteCode: String?
    public var clinicianCode: String?
    public var weekdays: Set<Weekday>?
    public var dayPart: DayPart?
    public var limit: Int
    /// Search no further than this date (the diary's end when nil).
    public var through: LocalDate?
    /// For this patient: slots overlapping their appointments still to happen
    /// are left out (they could not be booked), except `movingAppointment`, the
    /// one being rebooked.
    public var patientID: Int64?
    public var movingAppointment: Int64?
    /// The patient's busy times, filled in by `BookingService.slots`.
    public var busy: [BusyTime] = []

    /// A time the patient already has an appointment.
    public struct BusyTime: Sendable, Hashable {
        public var date: LocalDate
        public var start: ClockTime
        public var end: ClockTime
        public init(date: LocalDate, start: ClockTime, end: ClockTime) { self.date = date; self.start = start; self.end = end }
    }

    public init(serviceCode: String, from: LocalDate, notBefore: ClockTime? = nil, siteCode: String? = nil,
                clinicianCode: String? = nil, weekdays: Set<Weekday>? = nil, dayPart: DayPart? = nil,
                limit: Int = 10, through: LocalDate? = nil, patientID: Int64? = nil, movingAppointment: Int64? = nil) {
        self.serviceCode = serviceCode; self.from = from; self.notBefore = notBefore; self.siteCode = siteCode
        self.clinicianCode = clinicianCode; self.weekdays = weekdays; self.dayPart = dayPart; self.limit = limit
        self.through = through; self.patientID = patientID; self.movingAppointment = movingAppointment
    }

    /// Whether a slot passes the filters that are not in its index order
    /// (weekday, time of day, the time on the first day).
    public func accepts(_ slot: Slot) -> Bool {
        if let weekdays, !weekdays.contains(slot.date.weekday) { return false }
        if let dayPart, !dayPart.contains(slot.start) { return false }
        if let notBefore, slot.date == from, slot.start < notBefore { return false }
        if busy.contains(where: { $0.date == slot.date && $0.start < slot.end && slot.start < $0.end }) { return false }
        return true
    }
}

/// Which sessions to list.
public struct SessionQuery: Sendable, Hashable {
    public var from: LocalDate
    public var to: LocalDate
    public var serviceCode: String?
    public var siteCode: String?
    public var clinicianCode: String?
    public init(from: LocalDate, to: LocalDate, serviceCode: String? = nil, siteCode: String? = nil, clinicianCode: String? = nil) {
        self.from = from; self.to = to; self.serviceCode = serviceCode; self.siteCode = siteCode; self.clinicianCode = clinicianCode
    }
}

/// One row of a clinic day list: the appointment and who it is for.
public struct ClinicDayRow: Sendable, Hashable {
    public var appointment: Appointment
    /// Masked when the record is restricted (hospital number only).
    public var patient: PatientSummary
    /// `interpreter (Polish)`, `BSL interpreter` … (empty for a restricted record).
    public var needs: [String]
    public var alerts: [AlertKind]
    public init(appointment: Appointment, patient: PatientSummary, needs: [String], alerts: [AlertKind]) {
        self.appointment = appointment; self.patient = patient; self.needs = needs; self.alerts = alerts
    }

    /// Needs an interpreter or another communication professional.
    public var needsInterpreter: Bool { !needs.isEmpty }
    public var needsTransport: Bool { appointment.transport == .hospital }
}

/// Which appointments make a clinic day list.
public struct ClinicDayQuery: Sendable, Hashable {
    public var date: LocalDate
    public var siteCode: String?
    public var serviceCode: String?
    public var clinicianCode: String?
    /// Cancelled appointments are left out unless asked for.
    public var includeCancelled: Bool
    public init(date: LocalDate, siteCode: String? = nil, serviceCode: String? = nil, clinicianCode: String? = nil,
                includeCancelled: Bool = false) {
        self.date = date; self.siteCode = siteCode; self.serviceCode = serviceCode; self.clinicianCode = clinicianCode
        self.includeCancelled = includeCancelled
    }
}
