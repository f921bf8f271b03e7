import Foundation
import Testing

/// `frontdesk import sessions FILE.csv` and `frontdesk import appointments
/// FILE.csv`, run as a real process.
@Suite("import sessions and appointments")
struct BookingImportCommandTests {
    /// A date `days` from today at the centre, as YYYY-MM-DD.
    static func day(_ days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }

    static let past = day(-30)
    static let future = day(30)

    /// A database with a site, two services and two clinicians, and two patients.
    static func clinic() throws -> (Sandbox, smith: String, jones: String) {
        let s = try Sandbox()
        for args in [["site", "add", "--code", "main", "--name", "Main site"],
                     ["service", "add", "--code", "onc_fu", "--name", "Oncology follow-up", "--minutes", "20", "--follow-up"],
                     ["service", "add", "--code", "phleb", "--name", "Phlebotomy", "--minutes", "10"],
                     ["clinician", "add", "--code", "dr-okafor", "--name", "Dr Okafor", "--role", "consultant"],
                     ["clinician", "add", "--code", "cns-lee", "--name", "Sam Lee", "--role", "specialist_nurse"]] {
            let r = try s.run(args)
            try #require(r.status == Exit.ok, "\(args): \(r)")
        }
        let smith = try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956", "--nhs", "9434765919"])
        let jones = try s.add(["--family", "Jones", "--given", "Mary", "--dob", "01/02/1960", "--nhs", "4010232137"])
        return (s, jsonText(smith["mrn"]), jsonText(jones["mrn"]))
    }

    static let sessionsCSV = """
        date,start,end,site,service,clinician,slot_minutes,capacity
        \(past),09:00,10:00,main,onc_fu,dr-okafor,20,1
        \(future),09:00,10:00,main,onc_fu,dr-okafor,20,2
        \(future),09:00,10:00,main,phleb,cns-lee,10,1

        """

    func importSessions(_ s: Sandbox) throws -> [String: Any] {
        let r = try s.run(["import", "sessions", "--json", try s.write("sessions.csv", Self.sessionsCSV)])
        try #require(r.status == Exit.ok, "\(r)")
        return try r.json()
    }

    @Test("a good sessions file: every session and its slots created, exit 0; importing it again doubles nothing")
    func sessionsGoodFile() throws {
        let (s, _, _) = try Self.clinic()
        let json = try importSessions(s)
        #expect(Set(json.keys) == ["imported", "slots", "sessions", "rejected", "duplicates", "ignored_columns"], "\(json)")
        #expect(json["imported"] as? Int == 3)
        #expect(json["slots"] as? Int == 3 + 3 + 6)
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["line"] as? Int } == [2, 3, 4])
        #expect(sessions.map { $0["slots"] as? Int } == [3, 3, 6])

        let again = try s.run(["import", "sessions", s.path("sessions.csv")])
        #expect(again.status == Exit.incomplete, "\(again)")
        #expect(again.stdout.contains("Imported 0 sessions (0 slots)"), "\(again)")
        #expect(again.stdout.contains("line 2: duplicate session"), "\(again)")
        #expect(again.stdout.contains("already held (session \(sessions[0]["id"] as? Int ?? -1))"), "\(again)")
        #expect(again.stdout.contains("Not imported: 0 rejected, 3 duplicates."), "\(again)")

        // The import is in the audit trail.
        let log = try #require(try s.run(["audit", "log", "--json"]).json()["entries"] as? [[String: Any]])
        #expect(log.contains { $0["action"] as? String == "diary" && jsonText($0["detail"]).contains("imported 3 sessions (12 slots") }, "\(log)")
    }

    @Test("bad session rows: each reported with line, field and reason, exit 4; the good rows imported")
    func sessionsBadRows() throws {
        let (s, _, _) = try Self.clinic()
        let csv = """
            Date,Start,End,Site,Service,Clinician,Slot Minutes,Capacity,Room
            \(Self.future),09:00,12:00,main,onc_fu,dr-okafor,15,1,3
            \(Self.future),09:00,12:10,main,onc_fu,cns-lee,15,1,
            \(Self.future),13:00,14:00,hub,onc_fu,dr-okafor,15,21,
            31/02/2027,09:00,10:00,main,onc_fu,dr-okafor,15,1,
            \(Self.future),09:00,10:00,MAIN,onc_fu,dr-okafor,15,1,
            \(Self.future),14:00,15:00,main,nosuch,dr-nobody,15,,

            """
        let r = try s.run(["import", "sessions", "--json", try s.write("bad.csv", csv)])
        #expect(r.status == Exit.incomplete, "\(r)")
        let json = try r.json()
        #expect(json["imported"] as? Int == 1, "\(r)")
        #expect(json["ignored_columns"] as? [String] == ["room"])
        let rejected = try #require(json["rejected"] as? [[String: Any]])
        #expect(rejected.map { "\($0["line"] as? Int ?? -1) \(jsonText($0["field"]))" }
                == ["3 slot_minutes", "4 capacity", "5 date", "7 service", "7 clinician"], "\(r)")
        #expect(rejected.allSatisfy { !jsonText($0["reason"]).isEmpty })
        let duplicates = try #require(json["duplicates"] as? [[String: Any]])
        #expect(duplicates.map { $0["line"] as? Int } == [6], "\(r)")
        #expect(duplicates.first?["earlier_line"] as? Int == 2)

        // Line 4's unknown site is only looked up once its values are valid: fix the capacity and it is named.
        let hub = try s.run(["import", "sessions", try s.write("hub.csv", """
            date,start,end,site,service,clinician,slot_minutes
            \(Self.future),13:00,14:00,hub,onc_fu,dr-okafor,15

            """)])
        #expect(hub.status == Exit.incomplete, "\(hub)")
        #expect(hub.stdout.contains("line 2: site: there is no site 'hub'"), "\(hub)")

        let human = try s.run(["import", "sessions", s.path("bad.csv")])
        for expected in ["Imported 0 sessions", "Ignored columns: room", "line 3: slot_minutes: must divide the session",
                         "line 4: capacity: must be from 1 to 20", "line 5: date: must be YYYY-MM-DD or DD/MM/YYYY",
                         "line 2: duplicate session", "line 6: duplicate session", "repeats line 2",
                         "Not imported: 4 rejected, 2 duplicates."] {
            #expect(human.stdout.contains(expected), "missing '\(expected)': \(human)")
        }
    }

    @Test("appointments: past statuses kept, with or without a slot; future bookings into slots, within capacity")
    func appointments() throws {
        let (s, smith, jones) = try Self.clinic()
        let sessions = try #require(try importSessions(s)["sessions"] as? [[String: Any]])
        let pastSession = sessions[0]["id"] as? Int, futureSession = sessions[1]["id"] as? Int
        let third = try s.add(["--family", "Brown", "--given", "Alan", "--dob", "05/05/1950"])
        let brown = jsonText(third["mrn"])
        let csv = """
            mrn,nhs_number,date,start,service,site,clinician,status,priority
            \(smith),,\(Self.past),09:20,onc_fu,main,dr-okafor,attended,urgent
            ,401 023 2137,\(Self.past),09:20,onc_fu,main,dr-okafor,3,
            \(smith),,\(Self.past),15:00,onc_fu,main,dr-okafor,2,
            \(smith),9434765919,\(Self.future),09:00,onc_fu,main,dr-okafor,booked,2ww
            \(jones),,\(Self.future),09:00,onc_fu,main,dr-okafor,0,
            \(brown),,\(Self.future),09:00,onc_fu,main,dr-okafor,booked,
            \(brown),,\(Self.future),09:40,onc_fu,main,dr-okafor,dna,
            FD9999999,,\(Self.future),09:40,onc_fu,main,dr-okafor,booked,
            \(smith),,\(Self.future),09:10,phleb,main,cns-lee,booked,
            \(jones),,\(Self.future),09:15,onc_fu,main,dr-okafor,booked,
            \(brown),,\(Self.future),11:00,onc_fu,main,dr-okafor,booked,
            \(smith),,\(Self.past),09:20,onc_fu,main,dr-okafor,attended,urgent
            \(jones),9434765919,\(Self.past),09:00,onc_fu,main,dr-okafor,attended,

            """
        let r = try s.run(["import", "appointments", "--json", try s.write("appointments.csv", csv)])
        #expect(r.status == Exit.incomplete, "\(r)")
        let json = try r.json()
        #expect(Set(json.keys) == ["imported", "in_slots", "without_slot", "tasks", "appointments", "rejected", "duplicates",
                                   "ignored_columns"], "\(json)")
        let imported = try #require(json["appointments"] as? [[String: Any]])
        #expect(imported.map { $0["line"] as? Int } == [2, 3, 4, 5, 6], "\(r)")
        // Past rows keep their recorded status; both attach to the past session's 09:20 slot
        // (history: capacity 1 is no bar); the 15:00 cancellation has no slot.
        #expect(imported.map { jsonText($0["status"]) }
                == ["attended", "did_not_attend", "cancelled_by_patient", "booked", "booked"], "\(r)")
        #expect(imported.map { $0["attendance_code"] as? Int } == [5, 3, 2, 0, 0])
        #expect(imported[0]["session_id"] as? Int == pastSession && imported[0]["slot_id"] is Int, "\(r)")
        #expect(imported[1]["slot_id"] as? Int == imported[0]["slot_id"] as? Int, "\(r)")
        #expect(imported[2]["slot_id"] is NSNull && imported[2]["session_id"] is NSNull, "\(r)")
        #expect(jsonText(imported[1]["mrn"]) == jones, "the NHS number alone names the patient")
        // Two future bookings fill the 09:00 slot (capacity 2).
        #expect(imported[3]["session_id"] as? Int == futureSession)
        #expect(imported[3]["slot_id"] as? Int == imported[4]["slot_id"] as? Int)
        #expect(json["in_slots"] as? Int == 4 && json["without_slot"] as? Int == 1, "\(r)")

        let rejected = try #require(json["rejected"] as? [[String: Any]])
        let reasons = Dictionary(rejected.map { ($0["line"] as? Int ?? -1, "\(jsonText($0["field"])): \(jsonText($0["reason"]))") },
                                 uniquingKeysWith: { $0 + " | " + $1 })
        #expect(rejected.map { $0["line"] as? Int } == [7, 8, 9, 10, 11, 12, 14], "\(r)")
        #expect(reasons[7]?.contains("start: slot") == true && reasons[7]?.contains("is full, 2 of 2 taken") == true, "\(r)")
        #expect(reasons[8]?.hasPrefix("status:") == true, "a future appointment cannot be a DNA: \(r)")
        #expect(reasons[9]?.contains("mrn: no patient has hospital number FD9999999") == true, "\(r)")
        #expect(reasons[10]?.contains("overlaps") == true, "Smith is in the 09:00–09:20 slot already: \(r)")
        #expect(reasons[11]?.contains("no open slot starting at 09:15") == true, "\(r)")
        #expect(reasons[12]?.contains("there is no onc_fu session") == true, "\(r)")
        #expect(reasons[14]?.hasPrefix("nhs_number: is the NHS number of \(smith)") == true, "\(r)")
        let duplicates = try #require(json["duplicates"] as? [[String: Any]])
        #expect(duplicates.map { $0["line"] as? Int } == [13], "\(r)")
        #expect(duplicates.first?["earlier_line"] as? Int == 2)

        // Each imported appointment is audited for its patient.
        let log = try s.audit(patient: smith)
        let bookings = log.filter { $0["action"] as? String == "book" }
        #expect(bookings.count == 3, "\(log)")
        #expect(bookings.allSatisfy { jsonText($0["detail"]).hasPrefix("imported appointment") }, "\(bookings)")
        #expect(bookings.contains { jsonText($0["detail"]).contains("attended") && jsonText($0["detail"]).contains("file line 2") })

        // Importing the same file again adds nothing.
        let again = try s.run(["import", "appointments", s.path("appointments.csv")])
        #expect(again.status == Exit.incomplete, "\(again)")
        #expect(again.stdout.contains("Imported 0 appointments from"), "\(again)")
        for line in [2, 3, 4, 5, 6, 13] {
            #expect(again.stdout.contains("line \(line): duplicate appointment"), "line \(line): \(again)")
        }
        #expect(again.stdout.contains("already held (appointment"), "\(again)")
    }

    @Test("a fully valid appointments file imports with exit 0; the human report counts slots")
    func appointmentsValid() throws {
        let (s, smith, jones) = try Self.clinic()
        _ = try importSessions(s)
        let csv = "MRN,Date,Start,Service,Site,Clinician\r\n"
            + "\(smith),\(Self.future),09:00,onc_fu,main,dr-okafor\r\n"
            + "\(jones),\(Self.past),11:00,phleb,main,cns-lee\r\n"
        let r = try s.run(["import", "appointments", try s.write("ok.csv", csv)])
        #expect(r.status == Exit.ok, "\(r)")
        #expect(r.stdout.contains("Imported 2 appointments from"), "\(r)")
        #expect(r.stdout.contains("(1 in diary slots, 1 without a slot)"), "\(r)")
    }

    @Test("file-level errors: no patient column, a header only, an unreadable file (exit 1, nothing imported)")
    func fileErrors() throws {
        let s = try Sandbox()
        let noPatient = try s.run(["import", "appointments", "--json", try s.write("a.csv", "date,start,service,site,clinician\n2027-01-01,09:00,a1,b1,c1\n")])
        #expect(noPatient.status == Exit.refused, "\(noPatient)")
        #expect(noPatient.stderr.contains("mrn or nhs_number"), "\(noPatient)")
        let noEnd = try s.run(["import", "sessions", try s.write("s.csv", "date,start,site,service,clinician,slot_minutes\n2027-01-01,09:00,a1,b1,c1,10\n")])
        #expect(noEnd.status == Exit.refused, "\(noEnd)")
        #expect(noEnd.stderr.contains("end: column is missing"), "\(noEnd)")
        let headerOnly = try s.run(["import", "sessions", try s.write("h.csv", "date,start,end,site,service,clinician,slot_minutes\n")])
        #expect(headerOnly.status == Exit.refused, "\(headerOnly)")
        let missing = try s.run(["import", "appointments", s.path("nope.csv")])
        #expect(missing.status == Exit.refused, "\(missing)")
        #expect(missing.stderr.contains("cannot read"), "\(missing)")
    }
}
