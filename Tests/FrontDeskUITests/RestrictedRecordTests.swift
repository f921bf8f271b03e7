import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskUI

/// Restricted records in the terminal UI: a masked row, a reason before
/// anything is shown, the reason on the banner and in the audit trail.
@Suite("restricted records in the terminal UI")
struct RestrictedRecordTests {
    func restrictedSmith() throws -> (Harness, Patient) {
        let h = try Harness()
        let smith = h.patient("Smith")
        _ = try h.service.restrict(smith.mrn, reason: "member of staff", by: testUser)
        return (h, smith)
    }

    @Test func theListShowsOnlyRestrictedRecordAndTheHospitalNumber() throws {
        let (h, smith) = try restrictedSmith()
        h.type("943 476 5919")
        let screen = h.text
        #expect(screen.contains("restricted record"), "\(screen)")
        #expect(screen.contains(smith.mrn))
        for secret in ["SMITH, John", "943 476 5919  ", "12-Mar-1956"] where secret != "943 476 5919  " {
            #expect(!screen.contains(secret), "\(secret) shown:\n\(screen)")
        }
        // The search field still holds what was typed; the row itself has no NHS number.
        let row = try #require(h.screen.lines.first { $0.contains(smith.mrn) })
        #expect(!row.contains("943 476 5919"), "\(row)")
        #expect(h.screen.style(of: "restricted record")?.role == .selection || h.screen.style(of: "restricted record")?.role == .warning)
    }

    @Test func enterAsksWhyBeforeShowingAnythingAndEscOpensNothing() throws {
        let (h, smith) = try restrictedSmith()
        h.type(smith.mrn)
        h.press(.enter)
        guard case .breakGlass(let choosing)? = h.state.overlay else { Issue.record("no reason box: \(h.text)"); return }
        #expect(choosing.mrn == smith.mrn)
        #expect(h.state.pane == .lookup)
        #expect(h.text.contains("is a restricted record"))
        #expect(!h.text.contains("SMITH, John"))
        #expect(h.screen.lines.last?.contains("Enter Open") == true, "the bar shows the box's keys")
        let before = try h.auditTrail(smith.mrn).count
        h.press(.escape)
        #expect(h.state.overlay == nil && h.state.pane == .lookup)
        #expect(try h.auditTrail(smith.mrn).count == before, "nothing opened, nothing audited")
    }

    @Test func aReasonOpensTheRecordWithTheReasonOnTheBannerAndInTheTrail() throws {
        let (h, smith) = try restrictedSmith()
        h.type(smith.mrn)
        h.press(.enter, .down, .down, .down)     // patient present → appointment → enquiry → safeguarding
        h.type("concern raised by ward")
        h.press(.enter)
        #expect(h.state.pane == .record)
        #expect(h.state.record?.reason?.kind == .safeguarding)
        let screen = h.text
        #expect(screen.contains("RESTRICTED RECORD (member of staff)"), "\(screen)")
        #expect(screen.contains("opened for: safeguarding: concern raised by ward"), "\(screen)")
        #expect(h.screen.style(of: "RESTRICTED RECORD")?.role == .alert)
        let trail = try h.auditTrail(smith.mrn)
        #expect(trail.first?.action == .breakGlass)
        #expect(trail.first?.detail == "opened restricted record: safeguarding: concern raised by ward")
    }

    @Test func otherNeedsWordsAndTheRuleIsSaid() throws {
        let (h, smith) = try restrictedSmith()
        h.type(smith.mrn)
        h.press(.enter, .up)                      // wraps round to "other"
        guard case .breakGlass(let choosing)? = h.state.overlay else { Issue.record("no reason box"); return }
        #expect(choosing.choice == .other)
        h.press(.enter)
        #expect(h.state.pane == .lookup, "not opened without words")
        #expect(h.messageLine.contains("Error: reason: other needs words"), "\(h.messageLine)")
        h.type("checking the address")
        h.press(.enter)
        #expect(h.state.pane == .record)
        #expect(try h.auditTrail(smith.mrn).first?.detail == "opened restricted record: other (say why): checking the address")
    }

    @Test func editingARestrictedRecordCarriesTheReasonItWasOpenedFor() throws {
        let (h, smith) = try restrictedSmith()
        h.type(smith.mrn)
        h.press(.enter, .enter)                   // the patient is here at the desk
        #expect(h.state.pane == .record)
        h.press(.function(8))
        h.fill("town", "Wirral")
        h.press(.ctrl("s"))
        #expect(h.state.pane == .record, "\(h.messageLine)")
        #expect(h.messageLine.contains("saved: changed town"), "\(h.messageLine)")
        #expect(h.state.record?.reason?.kind == .patientPresent, "the reason stays with the open record")
        let edit = try #require(try h.auditTrail(smith.mrn).first)
        #expect(edit.action == .breakGlass)
        #expect(edit.detail.contains("changed town (restricted record: the patient is here at the desk)"), "\(edit.detail)")
    }
}

extension RestrictedRecordTests {
    @Test func aRestrictedLikelyDuplicateIsShownAsARestrictedRecordNotABlankPerson() throws {
        let (h, smith) = try restrictedSmith()
        h.press(.function(7))
        h.fill("family_name", "Smith")
        h.fill("given_names", "Jon")
        h.fill("date_of_birth", "12/03/1956")
        h.press(.ctrl("s"))
        guard case .likelyDuplicates? = h.state.overlay else { Issue.record("no duplicate dialog: \(h.text)"); return }
        let screen = h.text
        #expect(screen.contains("restricted record"), "\(screen)")
        #expect(screen.contains(smith.mrn))
        #expect(!screen.contains("01-Jan-1900"), "\(screen)")
        #expect(!screen.contains("SMITH, John"), "\(screen)")
    }
}

extension RestrictedRecordTests {
    @Test func aRecordRestrictedWhileItsFormIsOpenAsksWhyAndThenSaves() throws {
        let h = try Harness()
        let smith = h.patient("Smith")
        h.type(smith.mrn)
        h.press(.enter)
        #expect(h.state.pane == .record)
        h.press(.function(8))
        _ = try h.service.restrict(smith.mrn, reason: "member of staff", by: testUser)
        h.fill("town", "Wirral")
        h.press(.ctrl("s"))
        guard case .breakGlass(let choosing)? = h.state.overlay else { Issue.record("no reason box: \(h.text)"); return }
        #expect(choosing.toSave)
        #expect(h.state.pane == .form, "the form is kept")
        h.press(.enter)                       // the patient is here at the desk
        #expect(h.state.pane == .record, "\(h.messageLine)")
        #expect(h.messageLine.contains("saved: changed town"), "\(h.messageLine)")
        #expect(try h.auditTrail(smith.mrn).first?.action == .breakGlass)
    }
}
