import Foundation

// Moving a diary from another system: `frontdesk import sessions FILE.csv` and
// `frontdesk import appointments FILE.csv`. This file is the pure part: the
// header, each row's values parsed and checked field by field (with the field
// name and the rule), and the duplicates within the file. What needs the
// database (codes that exist, patients, sessions already held, slots and
// their places) is checked by `BookingService.importSessions` and
// `importAppointments`, inside the one transaction that writes the rows kept.

/// A row of an import file that repeats a session or appointment already held,
/// or an earlier row of the same file: reported, not imported twice.
public struct BookingImportDuplicate: Sendable, Hashable, Codable {
    public var line: Int
    /// The earlier line of the same file, when the clash is within the file.
    public var earlierLine: Int?
    /// The session or appointment already held, when the clash is with the diary.
    public var heldID: Int64?
    /// What it is, in words: `session 01-Dec-2026 09:00–12:00 onc_new at main with dr-okafor`.
    public var what: String

    public init(line: Int, earlierLine: Int? = nil, heldID: Int64? = nil, what: String) {
        self.line = line; self.earlierLine = earlierLine; self.heldID = heldID; self.what = what
    }
}

/// The outcome of importing a file of sessions.
public struct SessionImportReport: Sendable, Hashable {
    public struct Imported: Sendable, Hashable, Codable {
        public var line: Int
        public var sessionID: Int64
        public var slots: Int
    }
    public var sessions: [Imported] = []
    public var rejected: [ImportReport.Rejected] = []
    public var duplicates: [BookingImportDuplicate] = []
    /// Header columns that are not session fields (ignored).
    public var ignoredColumns: [String] = []

    public var imported: Int { sessions.count }
    /// Slots created with the imported sessions.
    public var slots: Int { sessions.reduce(0) { $0 + $1.slots } }
    public var isComplete: Bool { rejected.isEmpty && duplicates.isEmpty }
}

/// The outcome of importing a file of appointments.
public struct AppointmentImportReport: Sendable, Hashable {
    public struct Imported: Sendable, Hashable, Codable {
        public var line: Int
        public var appointmentID: Int64
        public var mrn: String
        public var status: AppointmentStatus
        /// Nil for a past appointment with no matching slot in this diary.
        public var slotID: Int64?
        public var sessionID: Int64?
    }
    public var appointments: [Imported] = []
    public var rejected: [ImportReport.Rejected] = []
    public var duplicates: [BookingImportDuplicate] = []
    public var ignoredColumns: [String] = []
    /// Interpreter tasks made for imported future bookings.
    public var tasks: Int = 0

    public var imported: Int { appointments.count }
    public var inSlots: Int { appointments.filter { $0.slotID != nil }.count }
    public var withoutSlot: Int { imported - inSlots }
    public var isComplete: Bool { rejected.isEmpty && duplicates.isEmpty }
}

/// The columns of an import file's header line, normalised as the patient
/// import does (`Slot Minutes` → `slot_minutes`), and each row's values by column.
struct ImportColumns: Sendable {
    let names: [String]
    let ignored: [String]

    init(header: [String], known: [String]) {
        names = header.map { PatientImport.normalise($0) }
        ignored = names.filter { !known.contains($0) && !$0.isEmpty }
    }

    /// The row's trimmed, non-empty values by column, or the `row` problem of a
    /// row with more fields than the header.
    func values(_ record: (line: Int, fields: [String])) -> RowValues {
        if record.fields.count > names.count {
            return .failure(ImportReport.Rejected(line: record.line, field: "row",
                                                  reason: "has \(record.fields.count) fields but the header has \(names.count)"))
        }
        var values: [String: String] = [:]
        for (index, name) in names.enumerated() where index < record.fields.count {
            let value = record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty && values[name] == nil { values[name] = value }
        }
        return .success(values)
    }

    enum RowValues {
        case success([String: String])
        case failure(ImportReport.Rejected)
    }

    static func missing(_ required: [String], in header: [String]) -> [FieldError] {
        let names = header.map { PatientImport.normalise($0) }
        return required.filter { !names.contains($0) }.map {
            FieldError(field: $0, reason: "column is missing from the header line (required columns: \(required.joined(separator: ", ")))")
        }
    }
}

/// Shared field parsing of the two diary imports: every problem is appended
/// with its field name and rule; nil when the value was missing or bad.
struct ImportFieldParser {
    var errors: [FieldError] = []
    let values: [String: String]

    mutating func fail(_ field: String, _ reason: String) { errors.append(FieldError(field: field, reason: reason)) }

    mutating func date(_ field: String = "date") -> LocalDate? {
        guard let text = values[field] else { fail(field, "is required"); return nil }
        guard PatientImport.isImportDate(text), let date = LocalDate.parse(text) else {
            fail(field, BookingImportRules.dateRule); return nil
        }
        return date
    }

    mutating func time(_ field: String) -> ClockTime? {
        guard let text = values[field] else { fail(field, "is required"); return nil }
        guard let time = ClockTime.parse(text) else { fail(field, ClockTime.rule); return nil }
        return time
    }

    mutating func code(_ field: String) -> String {
        DiaryCode.checkCode(field, values[field] ?? "", into: &errors)
    }

    mutating func number(_ field: String, rule: String, default fallback: Int? = nil) -> Int? {
        guard let text = values[field] else {
            if let fallback { return fallback }
            fail(field, "is required"); return nil
        }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else { fail(field, rule); return nil }
        return value
    }
}

public enum BookingImportRules {
    /// The import files' date formats, as in the patient import.
    public static let dateRule = "must be YYYY-MM-DD or DD/MM/YYYY"
}

// MARK: - sessions

/// The sessions of a CSV file (header first): each row a clinic on one date,
/// cut into slots, checked with the session template's rules (slot_minutes
/// divides the session, capacity 1 to 20, codes well formed). Rows repeating
/// an earlier row (same date, start, site, service and clinician) are duplicates.
public struct SessionImport: Sendable {
    public static let columns = ["date", "start", "end", "site", "service", "clinician", "slot_minutes", "capacity"]
    /// `capacity` may be left out: 1 patient per slot.
    public static let requiredColumns = ["date", "start", "end", "site", "service", "clinician", "slot_minutes"]

    /// What makes a session the same one: date, start, site, service, clinician.
    public struct Key: Sendable, Hashable {
        public var date: LocalDate
        public var start: ClockTime
        public var siteCode: String
        public var serviceCode: String
        public var clinicianCode: String
    }

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var session: PlannedSession
        public var slotMinutes: Int
        public var capacity: Int
        public var key: Key {
            Key(date: session.date, start: session.start, siteCode: session.siteCode, serviceCode: session.serviceCode,
                clinicianCode: session.clinicianCode)
        }
        /// `session 01-Dec-2026 09:00–12:00 onc_new at main with dr-okafor`.
        public var what: String { SessionImport.describe(session) }
    }

    public var rows: [Row] = []
    public var rejected: [ImportReport.Rejected] = []
    public var duplicates: [BookingImportDuplicate] = []
    public var ignoredColumns: [String] = []

    public static func headerProblems(_ header: [String]) -> [FieldError] {
        ImportColumns.missing(requiredColumns, in: header)
    }

    public static func describe(_ s: PlannedSession) -> String {
        "session \(s.date.display) \(s.start.display)–\(s.end.display) \(s.serviceCode) at \(s.siteCode) with \(s.clinicianCode)"
    }

    public init(records: [(line: Int, fields: [String])]) {
        guard let header = records.first else { return }
        let columns = ImportColumns(header: header.fields, known: SessionImport.columns)
        ignoredColumns = columns.ignored
        var seen: [Key: Int] = [:]
        for record in records.dropFirst() {
            switch columns.values(record) {
            case .failure(let problem): rejected.append(problem)
            case .success(let values):
                switch SessionImport.parse(values, line: record.line) {
                case .failure(let error):
                    rejected += error.errors.map { ImportReport.Rejected(line: record.line, field: $0.field, reason: $0.reason) }
                case .success(let row):
                    if let earlier = seen[row.key] {
                        duplicates.append(.init(line: row.line, earlierLine: earlier, what: row.what))
                    } else {
                        seen[row.key] = row.line
                        rows.append(row)
                    }
                }
            }
        }
    }

    /// One row's values (by normalised column name, empty values left out),
    /// every problem at once.
    public static func parse(_ values: [String: String], line: Int) -> Result<Row, ValidationError> {
        var p = ImportFieldParser(values: values)
        let date = p.date()
        let start = p.time("start")
        let end = p.time("end")
        let site = p.code("site")
        let service = p.code("service")
        let clinician = p.code("clinician")
        let slotMinutes = p.number("slot_minutes", rule: SessionTemplate.slotMinutesRule)
        let capacity = p.number("capacity", rule: SessionTemplate.capacityRule, default: 1)
        SessionTemplate.checkRules(weekdays: nil, start: start, end: end, slotMinutes: slotMinutes, capacity: capacity,
                                   validFrom: nil, validTo: nil, into: &p.errors)
        guard p.errors.isEmpty, let date, let start, let end, let slotMinutes, let capacity else {
            return .failure(ValidationError(p.errors))
        }
        let template = SessionTemplate(serviceCode: service, siteCode: site, clinicianCode: clinician, weekdays: [date.weekday],
                                       start: start, end: end, slotMinutes: slotMinutes, capacity: capacity, validFrom: date)
        let session = PlannedSession(templateIndex: 0, templateID: nil, date: date, start: start, end: end, siteCode: site,
                                     serviceCode: service, clinicianCode: clinician, slots: template.slots)
        return .success(Row(line: line, session: session, slotMinutes: slotMinutes, capacity: capacity))
    }
}

// MARK: - appointments

/// The appointments of a CSV file (header first): the patient by `mrn` or
/// `nhs_number`, when, where, with whom, the recorded status and the priority.
///
/// What is past (before now at the centre) is history and keeps its status; a
/// future appointment may be booked or cancelled but not already attended,
/// arrived, late or a DNA.
public struct AppointmentImport: Sendable {
    public static let columns = ["mrn", "nhs_number", "date", "start", "service", "site", "clinician", "status", "priority"]
    /// Besides these, `mrn` or `nhs_number` (or both). `status` left out or
    /// empty is `booked`; `priority` left out or empty is `routine`.
    public static let requiredColumns = ["date", "start", "service", "site", "clinician"]

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var mrn: String?
        public var nhsNumber: NHSNumber?
        public var date: LocalDate
        public var start: ClockTime
        public var serviceCode: String
        public var siteCode: String
        public var clinicianCode: String
        public var status: AppointmentStatus
        public var priority: Priority
        /// Before now at the centre: history, not booking.
        public var isPast: Bool

        /// The column that names the patient (for the report): `mrn` when given.
        public var patientField: String { mrn != nil ? "mrn" : "nhs_number" }
        /// A future appointment that takes a place in a slot (booking rules apply).
        public var isBooking: Bool { !isPast && status.holdsPlace }

        /// `onc_fu 01-Dec-2026 09:00 at main with dr-okafor`.
        public var what: String {
            "\(serviceCode) \(date.display) \(start.display) at \(siteCode) with \(clinicianCode)"
        }
    }

    public var rows: [Row] = []
    public var rejected: [ImportReport.Rejected] = []
    public var ignoredColumns: [String] = []

    public static func headerProblems(_ header: [String]) -> [FieldError] {
        var problems = ImportColumns.missing(requiredColumns, in: header)
        let names = header.map { PatientImport.normalise($0) }
        if !names.contains("mrn") && !names.contains("nhs_number") {
            problems.insert(FieldError(field: "mrn", reason: "column is missing from the header line: give mrn or nhs_number "
                                       + "(or both) to name the patient (required columns: \(requiredColumns.joined(separator: ", ")))"),
                            at: 0)
        }
        return problems
    }

    /// Validates every record after the header against the time now at the
    /// centre. Duplicates need the patient found, so the service finds them.
    public init(records: [(line: Int, fields: [String])], today: LocalDate, now: ClockTime) {
        guard let header = records.first else { return }
        let columns = ImportColumns(header: header.fields, known: AppointmentImport.columns)
        ignoredColumns = columns.ignored
        for record in records.dropFirst() {
            switch columns.values(record) {
            case .failure(let problem): rejected.append(problem)
            case .success(let values):
                switch AppointmentImport.parse(values, line: record.line, today: today, now: now) {
                case .failure(let error):
                    rejected += error.errors.map { ImportReport.Rejected(line: record.line, field: $0.field, reason: $0.reason) }
                case .success(let row): rows.append(row)
                }
            }
        }
    }

    public static let futureStatusRule = "a future appointment can only be booked, cancelled_by_patient (2) or "
        + "cancelled_by_hospital (4): its attendance is not recorded yet"

    /// One row's values (by normalised column name, empty values left out),
    /// every problem at once.
    public static func parse(_ values: [String: String], line: Int, today: LocalDate, now: ClockTime) -> Result<Row, ValidationError> {
        var p = ImportFieldParser(values: values)
        let mrn = values["mrn"]
        var nhs: NHSNumber?
        if let text = values["nhs_number"] {
            switch NHSNumber.parse(text) {
            case .success(let number): nhs = number
            case .failure(let problem): p.fail("nhs_number", problem.reason)
            }
        }
        if let mrn {
            if NHSNumber(mrn) != nil {
                p.fail("mrn", "must not be a valid NHS number (ten digits passing the Modulus 11 check): give that as nhs_number")
            } else if !PatientFields.isHospitalNumber(mrn) {
                p.fail("mrn", PatientFields.hospitalNumberRule)
            }
        }
        if mrn == nil && values["nhs_number"] == nil {
            p.fail("mrn", "is required: give the patient's hospital number (mrn) or NHS number (nhs_number)")
        }
        let date = p.date()
        let start = p.time("start")
        let service = p.code("service")
        let site = p.code("site")
        let clinician = p.code("clinician")
        var status = AppointmentStatus.booked
        if let text = values["status"] {
            if let parsed = AppointmentStatus(parsing: text) { status = parsed } else { p.fail("status", AppointmentStatus.rule) }
        }
        var priority = Priority.routine
        if let text = values["priority"] {
            if let parsed = Priority(parsing: text) { priority = parsed } else { p.fail("priority", Priority.rule) }
        }
        var isPast = false
        if let date, let start {
            isPast = date < today || (date == today && start < now)
            if !isPast, values["status"] != nil, status != .booked, !status.isCancelled {
                p.fail("status", futureStatusRule + " (\(date.display) \(start.display) is still to come; got \(status.rawValue))")
            }
        }
        guard p.errors.isEmpty, let date, let start else { return .failure(ValidationError(p.errors)) }
        return .success(Row(line: line, mrn: mrn, nhsNumber: nhs, date: date, start: start, serviceCode: service,
                            siteCode: site, clinicianCode: clinician, status: status, priority: priority, isPast: isPast))
    }
}
