import Foundation

/// What the desk types to book one appointment.
public struct BookingRequest: Sendable, Hashable {
    /// Hospital number or NHS number.
    public var patient: String
    public var slotID: Int64
    public var priority: Priority
    /// Nil: the service's (first or follow-up).
    public var attendance: AttendanceKind?
    public var referralSource: ReferralSource?
    public var transport: TransportNeed
    /// Required with hospital transport.
    public var mobility: Mobility?
    public var note: String?
    /// Book beyond the slot's capacity (officers), with this reason.
    public var overbookReason: String?

    public init(patient: String, slotID: Int64, priority: Priority = .routine, attendance: AttendanceKind? = nil,
                referralSource: ReferralSource? = nil, transport: TransportNeed = .none, mobility: Mobility? = nil,
                note: String? = nil, overbookReason: String? = nil) {
        self.patient = patient; self.slotID = slotID; self.priority = priority; self.attendance = attendance
        self.referralSource = referralSource; self.transport = transport; self.mobility = mobility; self.note = note
        self.overbookReason = overbookReason
    }

    /// Field rules that need nothing from the store.
    func check() throws {
        if transport == .hospital && mobility == nil {
            throw BookingError(field: "mobility", "is required with hospital transport: " + Mobility.rule)
        }
        if transport != .hospital && mobility != nil {
            throw BookingError(field: "mobility", "is only recorded with hospital transport")
        }
        if let note, note.count > 500 { throw BookingError(field: "note", "must be at most 500 characters") }
    }
}

/// What an appointment carries besides its patient and slot: what a rebooking
/// keeps from the appointment it replaces, unless changed.
public struct BookingDetails: Sendable, Hashable {
    public var priority: Priority
    public var attendance: AttendanceKind?
    public var referralSource: ReferralSource?
    public var transport: TransportNeed
    public var mobility: Mobility?
    public var note: String?

    public init(priority: Priority = .routine, attendance: AttendanceKind? = nil, referralSource: ReferralSource? = nil,
                transport: TransportNeed = .none, mobility: Mobility? = nil, note: String? = nil) {
        self.priority = priority; self.attendance = attendance; self.referralSource = referralSource
        self.transport = transport; self.mobility = mobility; self.note = note
    }

    /// The details of an existing appointment.
    public init(_ a: Appointment) {
        self.init(priority: a.priority, attendance: a.attendance, referralSource: a.referralSource, transport: a.transport,
                  mobility: a.mobility, note: a.note)
    }

    public func request(patient: String, slotID: Int64, overbookReason: String? = nil) -> BookingRequest {
        BookingRequest(patient: patient, slotID: slotID, priority: priority, attendance: attendance, referralSource: referralSource,
                       transport: transport, mobility: mobility, note: note, overbookReason: overbookReason)
    }
}

/// What a booking did: the appointment, and the tasks it created.
public struct BookingResult: Sendable, Hashable {
    public var appointment: Appointment
    public var patient: PatientSummary
    public var tasks: [DeskTask]
    /// For a rebooking: the appointment it replaces, as it is now.
    public var replaced: Appointment?
}

/// An appointment with its patient and trail, to show.
public struct AppointmentDetail: Sendable, Hashable {
    public var appointment: Appointment
    public var patient: PatientSummary
    public var trail: [AppointmentEvent]
    public var tasks: [DeskTask]
    /// Filled by check-in: what to confirm with the patient (address, phones, GP practice).
    public var confirm: Patient?
}
