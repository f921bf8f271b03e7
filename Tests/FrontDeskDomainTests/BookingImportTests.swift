import Testing
@testable import FrontDeskDomain

private func t(_ text: String) -> ClockTime { ClockTime.parse(text)! }

/// A valid session row, with some values changed (nil: left empty).
private func sessionValues(_ changes: [String: String?] = [:]) -> [String: String] {
    var values = ["date": "2026-12-01", "start": "09:00", "end": "12:00", "site": "main", "service": "onc_fu",
                  "clinician": "dr_patel", "slot_minutes": "15", "capacity": "2"]
    for (key, value) in changes { values[key] = value }
    return values
}

/// A valid appointment row (a future booking), with some values changed (nil: left empty).
private func appointmentValues(_ changes: [String: String?] = [:]) -> [String: String] {
    var values = ["mrn": "FD0000001", "date": "2026-12-01", "start": "09:15", "service": "onc_fu", "site": "main",
                  "clinician": "dr_patel", "status": "booked", "priority": "urgent"]
    for (key, value) in changes { values[key] = value }
    return values
}

/// "Now" of the appointment tables: the shared test day, 10:30.
private let now = t("10:30")

private func records(_ lines: [[String]]) -> [(line: Int, fields: [String])] {
    lines.enumerated().map { (line: $0.offset + 1, fields: $0.element) }
}

@Suite("Booking import: sessions, row by row")
struct SessionImportTests {
    @Test func aValidRowIsASessionWithItsSlots() throws {
        let row = try SessionImport.parse(sessionValues(["site": "MAIN ", "capacity": nil]), line: 2).get()
        #expect(row.session.siteCode == "main", "codes are folded to lower case")
        #expect(row.session.date == ymd(2026, 12, 1))
        #expect(row.session.templateID == nil)
        #expect(row.session.slots.count == 12)
        #expect(row.session.slots.first == PlannedSlot(start: t("09:00"), end: t("09:15"), capacity: 1), "capacity defaults to 1")
        #expect(row.session.slots.last?.end == t("12:00"))
        #expect(row.what == "session 01-Dec-2026 09:00–12:00 onc_fu at main with dr_patel")
        let dayFirst = try SessionImport.parse(sessionValues(["date": "01/12/2026"]), line: 2).get()
        #expect(dayFirst.session.date == ymd(2026, 12, 1), "DD/MM/YYYY is day first")
    }

    @Test("each bad value is reported with its field", arguments: [
        (["date": nil], ["date"]),
        (["date": "1-Dec-2026"], ["date"]),
        (["date": "2026-02-30"], ["date"]),
        (["start": "9am"], ["start"]),
        (["end": nil], ["end"]),
        (["end": "08:00"], ["end"]),
        (["site": "m"], ["site"]),
        (["service": nil], ["service"]),
        (["clinician": "Dr Patel"], ["clinician"]),
        (["slot_minutes": "abc"], ["slot_minutes"]),
        (["slot_minutes": nil], ["slot_minutes"]),
        (["slot_minutes": "25"], ["slot_minutes"]),            // 180 minutes is not whole 25-minute slots
        (["slot_minutes": "240"], ["slot_minutes"]),           // longer than the session
        (["capacity": "0"], ["capacity"]),
        (["capacity": "21"], ["capacity"]),
        (["capacity": "two"], ["capacity"]),
        (["date": "tomorrow", "capacity": "50", "site": ""], ["date", "site", "capacity"]),
    ] as [([String: String?], [String])])
    func refusals(changes: [String: String?], fields: [String]) {
        guard case .failure(let error) = SessionImport.parse(sessionValues(changes), line: 2) else {
            Issue.record("\(changes) was accepted"); return
        }
        #expect(error.errors.map(\.field) == fields, "\(error)")
        #expect(error.errors.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func slotMinutesThatLeaveARemainderSayWhere() {
        guard case .failure(let error) = SessionImport.parse(sessionValues(["end": "12:10"]), line: 2) else {
            Issue.record("accepted"); return
        }
        #expect(error.errors.first?.reason.contains("end at 12:00 or 12:15") == true, "\(error)")
    }

    @Test("the file: header, line numbers, too many fields, duplicates within the file, ignored columns")
    func file() {
        let header = ["Date", "Start", "End", "Site", "Service", "Clinician", "Slot Minutes", "Capacity", "Room"]
        let batch = SessionImport(records: records([
            header,
            ["2026-12-01", "09:00", "12:00", "main", "onc_fu", "dr_patel", "15", "1", "3"],
            ["2026-12-01", "09:00", "12:30", "MAIN", "onc_fu", "dr_patel", "15", "1", ""],   // same date, start, site, service, clinician
            ["2026-12-01", "09:00", "12:00", "main", "onc_fu", "dr_khan", "15", "1", ""],    // another clinician
            ["2026-12-02", "09:00", "12:00", "main", "onc_fu", "dr_patel", "15", "1", "", "x"],
            ["2026-12-03", "09:00", "12:00", "main", "onc_fu", "dr_patel", "7"],
        ]))
        #expect(batch.ignoredColumns == ["room"])
        #expect(batch.rows.map(\.line) == [2, 4])
        #expect(batch.duplicates == [BookingImportDuplicate(line: 3, earlierLine: 2,
                                                            what: "session 01-Dec-2026 09:00–12:30 onc_fu at main with dr_patel")])
        #expect(batch.rejected.map { "\($0.line) \($0.field)" } == ["5 row", "6 slot_minutes"])
    }

    @Test func headerProblems() {
        #expect(SessionImport.headerProblems(SessionImport.columns).isEmpty)
        #expect(SessionImport.headerProblems(SessionImport.columns.filter { $0 != "capacity" }).isEmpty, "capacity may be left out")
        #expect(SessionImport.headerProblems(["date", "start", "site", "service", "clinician"]).map(\.field) == ["end", "slot_minutes"])
    }
}

@Suite("Booking import: appointments, row by row")
struct AppointmentImportTests {
    func parse(_ values: [String: String]) -> Result<AppointmentImport.Row, ValidationError> {
        AppointmentImport.parse(values, line: 2, today: today, now: now)
    }

    @Test func aValidFutureBooking() throws {
        let row = try parse(appointmentValues()).get()
        #expect(row.mrn == "FD0000001" && row.nhsNumber == nil)
        #expect(row.patientField == "mrn")
        #expect(row.status == .booked && row.priority == .urgent)
        #expect(!row.isPast && row.isBooking)
        #expect(row.what == "onc_fu 01-Dec-2026 09:15 at main with dr_patel")
    }

    @Test("status and priority: words, NHS codes, and the defaults", arguments: [
        ("attended", AppointmentStatus.attended), ("5", .attended), ("6", .attendedLate), ("7", .lateNotSeen),
        ("DNA", .didNotAttend), ("3", .didNotAttend), ("2", .cancelledByPatient), ("cancelled-hospital", .cancelledByHospital),
        ("4", .cancelledByHospital), ("0", .booked), ("booked", .booked), ("arrived", .arrived),
    ])
    func pastStatuses(text: String, status: AppointmentStatus) throws {
        let row = try parse(appointmentValues(["date": "2026-11-02", "status": text])).get()
        #expect(row.status == status)
        #expect(row.isPast && !row.isBooking, "the past is history, not booking")
    }

    @Test func defaultsAndPriorities() throws {
        let plain = try parse(appointmentValues(["status": nil, "priority": nil])).get()
        #expect(plain.status == .booked && plain.priority == .routine)
        #expect(try parse(appointmentValues(["priority": "2WW"])).get().priority == .twoWeekWait)
        #expect(try parse(appointmentValues(["priority": "3"])).get().priority == .twoWeekWait)
    }

    @Test("past or future is decided against now at the centre", arguments: [
        ("2026-11-24", "10:29", true), ("2026-11-24", "10:30", false), ("2026-11-23", "23:00", true), ("2026-11-25", "00:00", false),
    ])
    func pastOrFuture(date: String, start: String, past: Bool) throws {
        let row = try parse(appointmentValues(["date": date, "start": start, "status": "cancelled_by_patient"])).get()
        #expect(row.isPast == past)
    }

    @Test("a future appointment may be booked or cancelled, not already attended", arguments: [
        "attended", "5", "dna", "3", "late_not_seen", "attended_late", "arrived",
    ])
    func futureAttendanceRefused(status: String) {
        guard case .failure(let error) = parse(appointmentValues(["status": status])) else {
            Issue.record("\(status) accepted for a future appointment"); return
        }
        #expect(error.errors.map(\.field) == ["status"])
        #expect(error.errors.first?.reason.contains("future") == true)
    }

    @Test func futureCancellationsAreHistory() throws {
        let row = try parse(appointmentValues(["status": "4"])).get()
        #expect(!row.isPast && !row.isBooking)
    }

    @Test("each bad value is reported with its field", arguments: [
        (["mrn": nil], ["mrn"]),
        (["mrn": "x"], ["mrn"]),
        (["mrn": "9434765919"], ["mrn"]),                       // an NHS number in the mrn column
        (["mrn": nil, "nhs_number": "1234567890"], ["nhs_number"]),
        (["date": "01-12-2026"], ["date"]),
        (["start": "25:00"], ["start"]),
        (["start": nil], ["start"]),
        (["service": nil], ["service"]),
        (["site": "Main Site"], ["site"]),
        (["clinician": "9dr"], ["clinician"]),
        (["status": "seen"], ["status"]),
        (["status": "1"], ["status"]),                           // an outcome code, not an attendance code
        (["priority": "soon"], ["priority"]),
        (["mrn": nil, "date": nil, "status": "maybe"], ["mrn", "date", "status"]),
    ] as [([String: String?], [String])])
    func refusals(changes: [String: String?], fields: [String]) {
        guard case .failure(let error) = parse(appointmentValues(changes)) else {
            Issue.record("\(changes) was accepted"); return
        }
        #expect(error.errors.map(\.field) == fields, "\(error)")
        #expect(error.errors.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func theNHSNumberAloneNamesThePatient() throws {
        let row = try parse(appointmentValues(["mrn": nil, "nhs_number": "943 476 5919"])).get()
        #expect(row.nhsNumber?.digits == "9434765919")
        #expect(row.patientField == "nhs_number")
    }

    @Test func headerProblems() {
        #expect(AppointmentImport.headerProblems(AppointmentImport.columns).isEmpty)
        #expect(AppointmentImport.headerProblems(["NHS Number", "Date", "Start", "Service", "Site", "Clinician"]).isEmpty,
                "status and priority may be left out; headers are normalised")
        #expect(AppointmentImport.headerProblems(["date", "start", "service", "site"]).map(\.field) == ["mrn", "clinician"])
    }

    @Test func file() {
        let batch = AppointmentImport(records: records([
            ["mrn", "date", "start", "service", "site", "clinician", "status", "notes"],
            ["FD0000001", "2026-11-02", "09:00", "onc_fu", "main", "dr_patel", "attended", "seen"],
            ["FD0000001", "2026-12-02", "09:00", "onc_fu", "main", "dr_patel", "dna", ""],
            ["FD0000002", "2026-12-02", "09:00", "onc_fu", "main", "dr_patel"],
        ]), today: today, now: now)
        #expect(batch.ignoredColumns == ["notes"])
        #expect(batch.rows.map(\.line) == [2, 4])
        #expect(batch.rejected.map { "\($0.line) \($0.field)" } == ["3 status"])
    }
}
