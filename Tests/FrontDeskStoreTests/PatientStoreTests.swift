import Foundation
import GRDB
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

@Suite("Registering, finding and editing patients")
struct PatientStoreTests {
    @Test func registrationAssignsTheNextHospitalNumberAndAudits() throws {
        let fx = try Fixture()
        let first = try fx.add("Smith", "John")
        let second = try fx.add("Jones", "Mary")
        #expect(first.mrn == "FD0000001")
        #expect(second.mrn == "FD0000002")
        #expect(first.nhsNumberStatus == .traceRequired)
        let trail = try fx.store.entries(patientID: first.id, limit: 10)
        #expect(trail.map(\.action) == [.register])
        #expect(trail.first?.user == "clerk1")
        #expect(trail.first?.patientMRN == "FD0000001")
    }

    @Test func importedHospitalNumbersKeepTheirFormatAndGeneratedOnesSkipThem() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John", mrn: "FD0000001")
        let next = try fx.add("Jones", "Mary")
        #expect(next.mrn == "FD0000002")
        let own = try fx.add("Brown", "Ann", mrn: "rx-12345")
        #expect(own.mrn == "rx-12345")
        #expect(try fx.store.find(reference: "RX-12345")?.id == own.id)
    }

    @Test func findsByHospitalNumberAnyCaseAndByNHSNumberAnySpacing() throws {
        let fx = try Fixture()
        let p = try fx.add("Smith", "John", nhs: "9434765919")
        #expect(try fx.store.find(reference: "fd0000001")?.id == p.id)
        #expect(try fx.store.find(reference: "943 476 5919")?.id == p.id)
        #expect(try fx.store.find(reference: "943-476-5919")?.id == p.id)
        #expect(try fx.store.find(reference: "FD0000009") == nil)
    }

    @Test func theSameNHSNumberIsAlwaysRefused() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John", nhs: "9434765919")
        #expect {
            try fx.add("Brown", "Ann", "01/01/1970", nhs: "943 476 5919", confirm: true)
        } throws: { error in
            (error as? PatientError)?.field == "nhs_number"
        }
        #expect(try fx.store.count() == 1)
    }

    @Test func theSameHospitalNumberIsRefused() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John", mrn: "A12345")
        #expect(throws: PatientError.self) { try fx.add("Brown", "Ann", mrn: "a12345") }
    }

    @Test func likelyDuplicatesMustBeConfirmed() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John", "12/03/1956")
        // Same birthday, sounds-alike family name, same initial.
        do {
            try fx.add("Smyth", "Jon", "1956-03-12", confirm: false)
            Issue.record("expected a likely-duplicate refusal")
        } catch let error as PatientError {
            #expect(error.isLikelyDuplicate)
            #expect(error.candidates.map(\.familyName) == ["Smith"])
            #expect(error.description.contains("likely duplicate"))
        }
        #expect(try fx.store.count() == 1)
        // A different initial, or a different birthday, is not a likely duplicate.
        try fx.add("Smith", "Peter", "12/03/1956", confirm: false)
        try fx.add("Smith", "John", "13/03/1956", confirm: false)
        // Confirmed: registered.
        try fx.add("Smyth", "Jon", "1956-03-12", confirm: true)
        #expect(try fx.store.count() == 4)
    }

    @Test func twoDifferentNHSNumbersAreNeverLikelyDuplicates() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John", "12/03/1956", nhs: "9434765919")
        try fx.add("Smith", "Jon", "12/03/1956", nhs: "4010232137", confirm: false)
        #expect(throws: PatientError.self) { try fx.add("Smith", "Johnny", "12/03/1956", confirm: false) }
    }

    @Test func invalidFieldsAreRefusedWithTheFieldAndNothingIsWritten() throws {
        let fx = try Fixture()
        var f = PatientFields()
        f.familyName = "Smith"; f.givenNames = "John"; f.dateOfBirth = "31/02/1956"; f.postcode = "SWA 1AA"
        do {
            _ = try fx.service.register(f, by: clerk)
            Issue.record("expected a validation error")
        } catch let error as ValidationError {
            #expect(Set(error.errors.map(\.field)) == ["date_of_birth", "postcode"])
        }
        #expect(try fx.store.count() == 0)
        #expect(try fx.store.entries(patientID: nil, limit: 10).filter { $0.action != .staff }.isEmpty)
    }

    @Test func editChangesOnlyTheGivenFieldsAndAuditsTheirNames() throws {
        let fx = try Fixture()
        let p = try fx.add("Smith", "John", postcode: "ch63 4jy", phone: "0151 556 5000")
        var f = PatientFields()
        f.postcode = "L1 8JQ"
        f.email = "john@example.org"
        let (edited, changed) = try fx.service.edit(p.mrn, f, by: clerk)
        #expect(changed == ["postcode", "email"])
        #expect(edited.postcode?.value == "L1 8JQ")
        #expect(edited.phones.map(\.key) == ["01515565000"])
        let reloaded = try #require(try fx.store.find(reference: p.mrn))
        #expect(reloaded == edited)
        let trail = try fx.store.entries(patientID: p.id, limit: 10)
        #expect(trail.first?.action == .edit)
        #expect(trail.first?.detail == "changed postcode, email")
        // The new postcode is searchable, the old one no longer, with names too.
        #expect(try fx.search("L1 8JQ").results.map(\.id) == [p.id])
        #expect(try fx.search("CH63 4JY").results.isEmpty)
        #expect(try fx.search("john L1").results.map(\.id) == [p.id])
        #expect(try fx.search("john CH63").results.isEmpty)
    }

    @Test func anEditWithNoRealChangeWritesNothing() throws {
        let fx = try Fixture()
        let p = try fx.add("Smith", "John")
        var f = PatientFields()
        f.familyName = "Smith"
        let (_, changed) = try fx.service.edit(p.mrn, f, by: clerk)
        #expect(changed.isEmpty)
        #expect(try fx.store.entries(patientID: p.id, limit: 10).count == 1)
    }

    @Test func openingARecordIsAuditedButSearchingIsNot() throws {
        let fx = try Fixture()
        let p = try fx.add("Smith", "John")
        _ = try fx.search("smith")
        #expect(try fx.store.entries(patientID: p.id, limit: 10).count == 1)
        try fx.addStaff("officer2", .officer)
        let opened = try fx.service.open("FD0000001", by: ActingUser(login: "officer2"))
        #expect(opened.id == p.id)
        let trail = try fx.store.entries(patientID: p.id, limit: 10)
        #expect(trail.first?.action == .view)
        #expect(trail.first?.user == "officer2")
        #expect(throws: PatientError.self) { try fx.service.open("FD9999999", by: clerk) }
    }

    @Test func theWholeRecordRoundTrips() throws {
        let fx = try Fixture()
        var f = PatientFields()
        f.title = "Mrs"; f.familyName = "Ó Súilleabháin"; f.givenNames = "Siân Mary"; f.preferredName = "Mair"
        f.previousFamilyNames = ["Østergaard"]; f.dateOfBirth = "12-Mar-1956"; f.sex = "F"
        f.addressLine1 = "12 Church Road"; f.town = "Wirral"; f.postcode = "ch634jy"
        f.phones = ["0151 556 5000", "mobile:07700 900123"]; f.email = "sian@example.org"
        f.gpPracticeCode = "n81013"; f.gpPracticeName = "Church Road Surgery"
        f.nextOfKinName = "Dafydd O'Brien"; f.nextOfKinRelationship = "husband"; f.nextOfKinPhone = "07700 900456"
        f.keyWorker = "Sister Jones"; f.alerts = ["safeguarding_concern:lives with abuser"]
        f.accessibleNeeds = ["interpreter:Welsh", "large_print"]
        let saved = try fx.service.register(f, by: clerk)
        let loaded = try #require(try fx.store.find(reference: saved.mrn))
        #expect(loaded == saved)
        #expect(loaded.gpPractice?.code == "N81013")
        #expect(loaded.postcode?.value == "CH63 4JY")
        #expect(loaded.accessibleNeeds.first?.label == "Welsh interpreter")
    }

    @Test func theAuditTrailIsAppendOnly() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John")
        #expect(throws: DatabaseError.self) {
            try fx.database.writer.write { try $0.execute(sql: "UPDATE audit_event SET user_login = 'someone'") }
        }
        #expect(throws: DatabaseError.self) {
            try fx.database.writer.write { try $0.execute(sql: "DELETE FROM audit_event") }
        }
    }

    @Test func aNewDatabaseRecordsItsPurposeOnce() throws {
        let fx = try Fixture()
        #expect(try fx.database.purpose(recordingIfNew: .demo) == .demo)
        #expect(try fx.database.purpose(recordingIfNew: .live) == .demo)
    }

    @Test func aDatabaseWithPatientsButNoPurposeIsLive() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John")
        #expect(try fx.database.purpose(recordingIfNew: .demo) == .live)
    }
}

@Suite("Database files")
struct DatabaseFileTests {
    @Test func aNewFileIsPrivateToItsOwnerInAPrivateDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sub/frontdesk.sqlite").path
        let db = try AppDatabase.open(path: path)
        _ = try db.statistics()
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("sub").path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
        let mode = try db.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let fk = try db.writer.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(fk == 1)
    }

    @Test(arguments: [
        (nil as String?, false, [:] as [String: String], false, "/home/u/.local/share/frontdesk/frontdesk.sqlite"),
        ("/tmp/x.sqlite", false, ["FRONTDESK_DB": "/tmp/env.sqlite"], true, "/tmp/x.sqlite"),
        (nil, false, ["FRONTDESK_DB": "/tmp/env.sqlite"], true, "/tmp/env.sqlite"),
        (nil, false, [:], true, "/var/lib/frontdesk/frontdesk.sqlite"),
        (nil, false, ["XDG_DATA_HOME": "/data"], false, "/data/frontdesk/frontdesk.sqlite"),
        (nil, true, ["FRONTDESK_DB": "/tmp/env.sqlite"], true, "/home/u/.local/share/frontdesk/demo.sqlite"),
    ])
    func theDatabasePathIsChosenInOrder(explicit: String?, demo: Bool, env: [String: String], shared: Bool, expected: String) {
        let path = DatabaseLocation.resolve(explicit: explicit, demo: demo, environment: env, home: "/home/u",
                                            fileExists: { $0 == DatabaseLocation.sharedPath && shared })
        #expect(path == expected)
    }
}

@Suite("Search entries follow edits")
struct SearchEntriesFollowEditsTests {
    @Test func anEditReplacesEverySearchEntryOfThePatient() throws {
        let fx = try Fixture()
        let p = try fx.add("Smith-Jones", "Mary Anne", "01/02/1970", preferred: "Polly", previous: ["Østergaard"])
        var f = PatientFields()
        f.familyName = "O'Brien"; f.givenNames = "Siân"; f.preferredName = ""; f.previousFamilyNames = []
        _ = try fx.service.edit(p.mrn, f, by: clerk)
        for gone in ["smith", "jones", "mary", "maryanne", "polly", "ostergaard", "smyth"] {
            #expect(try fx.search(gone).results.isEmpty, "\(gone) should no longer find the patient")
        }
        for found in ["obrien", "brien", "sian", "obrian"] {
            #expect(try fx.search(found).results.map(\.id) == [p.id], "\(found)")
        }
        let words = try fx.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM patient_name_word") }
        let sounds = try fx.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM patient_name_sound") }
        #expect(words == 2)   // 'brien' (a later family word) and 'sian'
        #expect(sounds == 2)  // BRN and OBRN (no key for the one-letter 'o')
    }
}

@Suite("Records written under other rules")
struct StoredValueTests {
    @Test func valuesTodaysRulesRefuseAreKeptNotDropped() throws {
        let fx = try Fixture()
        let p = try fx.add("Smith", "John", postcode: "CH63 4JY")
        try fx.database.writer.write { db in
            try db.execute(sql: "UPDATE patient SET nhs_number = '1111111111', postcode = 'BFPO 123' WHERE id = ?", arguments: [p.id])
        }
        let loaded = try #require(try fx.store.find(reference: p.mrn))
        #expect(loaded.nhsNumber?.digits == "1111111111")
        #expect(loaded.postcode?.value == "BFPO 123")
        var town = PatientFields()
        town.town = "Wirral"
        let (_, changed) = try fx.service.edit(p.mrn, town, by: clerk)
        #expect(changed == ["town"])
        let after = try #require(try fx.store.find(reference: p.mrn))
        #expect(after.nhsNumber?.digits == "1111111111")
        #expect(after.postcode?.value == "BFPO 123")
    }

    @Test func anUnreadableDateIsAnErrorNotACrash() throws {
        let fx = try Fixture()
        let p = try fx.add("Smith", "John")
        try fx.database.writer.write { db in
            try db.execute(sql: "UPDATE patient SET date_of_birth = '12/03/56' WHERE id = ?", arguments: [p.id])
        }
        #expect(throws: StoreError.self) { try fx.store.find(reference: p.mrn) }
        #expect(throws: StoreError.self) { try fx.search("smith") }
    }

    @Test func anEditThatChangesNothingWritesNoAudit() throws {
        let fx = try Fixture()
        let p = try fx.add("Smith", "John", "12/03/1956")
        var same = PatientFields()
        same.sex = "unknown"
        let (_, changed) = try fx.service.edit(p.mrn, same, by: clerk)
        #expect(changed.isEmpty)
        #expect(try fx.store.entries(patientID: p.id, limit: 10).map(\.action) == [.register])
    }
}
