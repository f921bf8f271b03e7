import Foundation
import Testing
import FrontDeskDomain
import FrontDeskUI

/// Merging a duplicate from the patient record (m, officers): the duplicate's
/// number and why, both identities side by side, then `PatientService.merge`
/// and the kept record opened again. Results are read back through the services.
@Suite("Merging duplicates from the record (m)")
struct MergeDialogTests {
    /// Opens Smith's record (the one kept) through the lookup, as a clerk would.
    func openSmith(_ h: Harness) {
        h.press(.function(2))
        h.type("9434765919")
        h.press(.enter)
        #expect(h.state.pane == .record)
    }

    /// A second record for John Smith, registered without his NHS number.
    func registerDuplicate(_ h: Harness) throws -> Patient {
        var fields = PatientFields()
        fields.title = "Mr"; fields.familyName = "Smith"; fields.givenNames = "Jon"; fields.dateOfBirth = "12/03/1956"
        fields.postcode = "CH63 4JY"
        return try h.service.register(fields, by: testUser, acceptLikelyDuplicates: true)
    }

    @Test(arguments: [StaffRole.officer, .manager])
    func anOfficerMergesADuplicateAndItsNumberLeadsToTheKeptRecord(_ role: StaffRole) throws {
        let h = try Harness(role: role)
        let kept = h.patient("Smith")
        let duplicate = try registerDuplicate(h)
        openSmith(h)
        #expect(h.state.bindings.contains { $0.action == .merge })

        h.press(.char("m"))
        guard case .merge? = h.state.overlay else {
            Issue.record("no merge dialog: \(h.messageLine)")
            return
        }
        #expect(h.text.contains("Merge a duplicate record into this one?"))
        h.type(duplicate.mrn)
        h.press(.tab)
        h.type("same person, checked with PDS")
        h.press(.enter)
        // Both identities side by side, nothing merged yet and the duplicate not opened.
        #expect(h.text.contains("Kept (this record)"), "\(h.text)")
        #expect(h.text.contains("SMITH, John (Mr)"))
        #expect(h.text.contains("SMITH, Jon (Mr)"))
        #expect(h.text.contains("943 476 5919"))
        #expect(h.text.contains(duplicate.mrn))
        #expect(h.text.contains("CH63 4JY"))
        #expect(try h.store.find(reference: duplicate.mrn)?.mrn == duplicate.mrn)
        #expect(try !h.store.entries(patientID: duplicate.id, limit: 50).contains { $0.action == .view })

        h.press(.char("y"))
        #expect(h.state.overlay == nil, "\(h.messageLine)")
        #expect(h.state.pane == .record)
        #expect(h.state.record?.patient.mrn == kept.mrn)
        #expect(h.messageLine.contains("merged \(duplicate.mrn) into \(kept.mrn)"), "\(h.messageLine)")
        #expect(h.state.record?.patient.mergedDuplicates == [duplicate.mrn])

        // The duplicate's number now leads to the kept record: found by it, listed once.
        #expect(try h.store.find(reference: duplicate.mrn)?.mrn == kept.mrn)
        let found = try h.service.search(duplicate.mrn, by: testUser).results
        #expect(found.map(\.mrn) == [kept.mrn])
        // Audited with both identities.
        let trail = try h.auditTrail(kept.mrn)
        #expect(trail.contains { $0.action == .merge && $0.detail.contains("merged duplicate \(duplicate.mrn) into \(kept.mrn)") })
    }

    @Test func refusalsAreInWordsAndNothingIsMerged() throws {
        let h = try Harness(role: .officer)
        let kept = h.patient("Smith")
        let other = h.patient("Smyth")
        openSmith(h)
        h.press(.char("m"))
        // Nothing typed.
        h.press(.enter)
        #expect(h.messageLine.contains("Error: duplicate: is required"), "\(h.messageLine)")
        // A reason too short.
        h.type(other.mrn)
        h.press(.tab)
        h.type("dup")
        h.press(.enter)
        #expect(h.messageLine.contains("Error: reason: must say why in 5 to 200 characters"), "\(h.messageLine)")
        #expect(h.text.contains("✗ Why"))
        // A number no record has.
        h.type("licate record")
        h.press(.tab, .end, .ctrl("u"))
        h.type("FD9999999")
        h.press(.enter)
        #expect(h.messageLine.contains("Error: duplicate: no record has the hospital or NHS number 'FD9999999'"), "\(h.messageLine)")
        #expect(h.text.contains("✗ Duplicate's hospital or NHS number"))
        // The record itself, by its NHS number.
        h.press(.end, .ctrl("u"))
        h.type("943 476 5919")
        h.press(.enter)
        #expect(h.messageLine.contains("is this record"), "\(h.messageLine)")
        // Back from the confirmation, then Esc: nothing merged.
        h.press(.end, .ctrl("u"))
        h.type(other.mrn)
        h.press(.enter)
        #expect(h.text.contains("SMYTH, Jane"))
        h.press(.escape)
        guard case .merge(let state)? = h.state.overlay else { Issue.record("the dialog closed"); return }
        #expect(state.step == .asking)
        h.press(.escape)
        #expect(h.state.overlay == nil)
        #expect(h.messageLine.contains("nothing merged"))
        #expect(try h.store.find(reference: other.mrn)?.mrn == other.mrn)
        #expect(try h.store.find(reference: kept.mrn)?.mergedDuplicates == [])
    }

    @Test func aClerkIsNotOfferedMerging() throws {
        let h = try Harness(role: .clerk)
        let other = h.patient("Smyth")
        openSmith(h)
        #expect(!h.state.bindings.contains { $0.action == .merge })
        h.press(.char("m"))
        #expect(h.state.overlay == nil)
        h.press(.function(1))
        #expect(!h.text.contains("merge a duplicate"))
        h.press(.escape)
        // The service refuses a clerk too (the key is only the first line of defence).
        #expect(throws: AccessError.self) {
            try h.services.merge(keep: h.patient("Smith").mrn, duplicate: other.mrn, reason: "same person")
        }
        #expect(try h.store.find(reference: other.mrn)?.mrn == other.mrn)
    }
}
