import Foundation
import FrontDeskDomain

// JSON shapes of the booking commands: every key always present (null when empty).

struct TemplateJSON: JSONObject {
    var id: Int64?; var service: String; var site: String; var clinician: String; var days: String
    var start: String; var end: String; var slot_minutes: Int; var capacity: Int; var valid_from: String; var valid_to: String?
    init(_ t: SessionTemplate) {
        id = t.id; service = t.serviceCode; site = t.siteCode; clinician = t.clinicianCode; days = Weekday.listDisplay(t.weekdays)
        start = t.start.display; end = t.end.display; slot_minutes = t.slotMinutes; capacity = t.capacity
        valid_from = t.validFrom.iso; valid_to = t.validTo?.iso
    }
}

struct SessionJSON: JSONObject {
    var id: Int64; var template_id: Int64?; var date: String; var start: String; var end: String; var site: String
    var service: String; var clinician: String; var capacity: Int; var booked: Int; var cancelled: Bool
    var cancel_reason: String?; var cancelled_by: String?
    init(_ s: ClinicSession) {
        id = s.id; template_id = s.templateID; date = s.date.iso; start = s.start.display; end = s.end.display
        site = s.siteCode; service = s.serviceCode; clinician = s.clinicianCode; capacity = s.capacity; booked = s.booked
        cancelled = s.isCancelled; cancel_reason = s.cancellation?.reason; cancelled_by = s.cancellation?.by
    }
}

struct SlotJSON: JSONObject {
    var id: Int64; var session_id: Int64; var date: String; var start: String; var end: String; var service: String
    var site: String; var clinician: String; var capacity: Int; var booked: Int; var free: Int
    init(_ s: Slot) {
        id = s.id; session_id = s.sessionID; date = s.date.iso; start = s.start.display; end = s.end.display
        service = s.serviceCode; site = s.siteCode; clinician = s.clinicianCode; capacity = s.capacity; booked = s.booked; free = s.free
    }
}

struct AppointmentJSON: JSONObject {
    var id: Int64; var patient_mrn: String; var slot_id: Int64?; var session_id: Int64?; var service: String
    var clinician: String; var site: String; var date: String; var start: String; var end: String
    var priority: String; var attendance: String; var referral_source: String?; var transport: String; var mobility: String?
    var note: String?; var status: String; var attendance_code: Int; var outcome: Int?; var walk_in: Bool
    var overbook_reason: String?; var cancelled_by: String?; var cancel_reason: String?; var cancel_text: String?
    var replaces: Int64?; var replaced_by: Int64?; var booked_by: String; var booked_at: String
    init(_ a: Appointment) {
        id = a.id; patient_mrn = a.patientMRN; slot_id = a.slotID; session_id = a.sessionID; service = a.serviceCode
        clinician = a.clinicianCode; site = a.siteCode; date = a.date.iso; start = a.start.display; end = a.end.display
        priority = a.priority.rawValue; attendance = a.attendance.rawValue; referral_source = a.referralSource?.rawValue
        transport = a.transport.rawValue; mobility = a.mobility?.rawValue; note = a.note; status = a.status.rawValue
        attendance_code = a.status.nhsCode; outcome = a.outcome?.rawValue; walk_in = a.walkIn; overbook_reason = a.overbookReason
        cancelled_by = a.cancelledBy?.rawValue; cancel_reason = a.cancelReason?.rawValue; cancel_text = a.cancelText
        replaces = a.replacesID; replaced_by = a.replacedByID; booked_by = a.bookedBy; booked_at = TimeText.utc(a.bookedAt)
    }
}

struct EventJSON: JSONObject {
    var appointment_id: Int64; var at: String; var user: String; var action: String; var from_status: String?
    var to_status: String?; var detail: String
    init(_ e: AppointmentEvent) {
        appointment_id = e.appointmentID; at = TimeText.utc(e.at); user = e.user; action = e.action.rawValue
        from_status = e.fromStatus?.rawValue; to_status = e.toStatus?.rawValue; detail = e.detail
    }
}

struct TaskJSON: JSONObject {
    var id: Int64; var team: String; var patient_mrn: String; var appointment_id: Int64?; var course_id: Int64?
    var service: String?; var kind: String; var description: String; var due: String; var status: String
    var created_by: String; var created_at: String; var closed_by: String?; var closed_at: String?; var note: String?
    init(_ t: DeskTask) {
        id = t.id; team = t.teamCode; patient_mrn = t.patientMRN; appointment_id = t.appointmentID; course_id = t.courseID
        service = t.serviceCode; kind = t.kind.rawValue; description = t.description
        due = t.dueDate.iso + "T" + t.dueTime.display; status = t.status.rawValue; created_by = t.createdBy
        created_at = TimeText.utc(t.createdAt); closed_by = t.closedBy; closed_at = t.closedAt.map(TimeText.utc); note = t.closeNote
    }
}

struct AppointmentDetailJSON: JSONObject {
    struct Confirm: JSONObject {
        var address_line1: String?; var address_line2: String?; var town: String?; var postcode: String?
        var phones: [String]; var gp_practice: String?
        init(_ p: Patient) {
            address_line1 = p.addressLine1; address_line2 = p.addressLine2; town = p.town; postcode = p.postcode?.value
            phones = p.phones.map { "\($0.kind.rawValue): \($0.number)" }
            gp_practice = p.gpPractice.map { $0.code + ($0.name.map { " \($0)" } ?? "") }
        }
    }
    var appointment: AppointmentJSON; var patient: SummaryJSON; var trail: [EventJSON]; var tasks: [TaskJSON]; var confirm: Confirm?
    init(_ d: AppointmentDetail) {
        appointment = AppointmentJSON(d.appointment); patient = SummaryJSON(d.patient); trail = d.trail.map(EventJSON.init)
        tasks = d.tasks.map(TaskJSON.init); confirm = d.confirm.map(Confirm.init)
    }
}

/// Times in output: UTC ISO 8601 in JSON, local (Europe/London) in text.
enum TimeText {
    static func utc(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
    static func local(_ date: Date) -> String {
        let (day, time) = CentreTime.localNow(date)
        return "\(day.display) \(time.display)"
    }
}
