import Testing
import FrontDeskDomain
import FrontDeskUI

/// The new-patient form: prefill, validation as you go and on save, saving,
/// the possible-duplicate dialog and leaving with unsaved changes.
struct FormInteractionTests {
    private func value(_ h: Harness, _ name: String) -> String? {
        h.state.form?.fields.first { $0.name == name }?.value
    }

    private func error(_ h: Harness, _ name: String) -> String? {
        h.state.form?.fields.first { $0.name == name }?.error
    }

    @Test(arguments: [Key.function(7), .insert])
    func newPatientKeyOpensTheFormPrefilledFromANameQuery(key: Key) throws {
        let h = try Harness()
        h.type("jones mary")
        h.press(key)
        #expect(h.state.pane == .form)
        #expect(h.state.form?.purpose == .register)
        #expect(value(h, "family_name") == "Jones")
        #expect(value(h, "given_names") == "Mary")
        #expect(value(h, "date_of_birth") == "")
        // The cursor starts at the first required field still empty, and its hint is on the message line.
        #expect(h.state.form?.focused.name == "date_of_birth")
        #expect(h.text.contains("New patient"))
        #expect(h.messageLine.contains("Date of birth: type it as"))
    }

    @Test func aDateInTheQueryFillsTheDateOfBirth() throws {
        let h = try Harness()
        h.type("evans 12/03/1956")
        h.press(.function(7))
        #expect(value(h, "family_name") == "Evans")
        #expect(value(h, "given_names") == "")
        #expect(value(h, "date_of_birth") == "12-Mar-1956")
    }

    @Test func aBadNHSNumberIsReportedWhenTheFieldIsLeftNamingTheRule() throws {
        let h = try Harness()
        h.press(.function(7))
        h.goToField("nhs_number")
        #expect(h.state.message == nil)                  // required fields left empty are not nagged about on Tab
        h.type("943 476 5918")
        h.press(.tab)
        #expect(h.state.form?.focused.name == "mrn")
        #expect(error(h, "nhs_number") == "fails the Modulus 11 check (the last digit is not the check digit)")
        #expect(h.messageLine.hasPrefix(" Error: nhs_number: fails the Modulus 11 check"))
        #expect(h.text.contains("✗ nhs_number fails the Modulus 11 check"))
        // Correcting it clears the error and shows the number as stored.
        h.press(.backTab, .end, .backspace)
        h.type("9")
        #expect(error(h, "nhs_number") == nil)
        h.press(.tab)
        #expect(error(h, "nhs_number") == nil)
        #expect(value(h, "nhs_number") == "943 476 5919")
        #expect(h.state.message == nil)
    }

    @Test func validEntriesAreTidiedAsTheyAreLeft() throws {
        let h = try Harness()
        h.press(.function(7))
        h.fill("date_of_birth", "12031956")
        h.fill("nhs_number", "4010232137")
        h.fill("postcode", "ch634jy")
        h.press(.tab)
        #expect(value(h, "date_of_birth") == "12-Mar-1956")
        #expect(value(h, "nhs_number") == "401 023 2137")
        #expect(value(h, "postcode") == "CH63 4JY")
    }

    @Test func saveWithMissingRequiredFieldsReportsTheFirstAndFocusesIt() throws {
        let h = try Harness()
        let count = try h.patientCount()
        h.press(.function(7))
        h.type("Jones")
        h.goToField("town")
        h.press(.ctrl("s"))
        #expect(h.state.form?.focused.name == "given_names")
        #expect(h.messageLine.hasPrefix(" Error: given_names: is required (and 1 more problem, marked ✗)"))
        #expect(error(h, "given_names") == "is required")
        #expect(error(h, "date_of_birth") == "is required")
        #expect(error(h, "family_name") == nil)
        #expect(h.text.contains("✗ Given names *"))
        #expect(h.text.contains("✗ Date of birth *"))
        #expect(try h.patientCount() == count)
        #expect(!h.issued.contains { if case .register = $0 { return true }; return false })
    }

    @Test func typingInAFieldClearsItsError() throws {
        let h = try Harness()
        h.press(.function(7), .ctrl("s"))
        #expect(error(h, "family_name") == "is required")
        h.type("J")
        #expect(error(h, "family_name") == nil)
    }

    @Test func aValidRegistrationSavesAndShowsTheRecord() throws {
        let h = try Harness()
        let count = try h.patientCount()
        h.type("jones mary")
        h.press(.function(7))
        h.fill("date_of_birth", "01/01/1990")
        h.fill("accessible_needs", "interpreter:Welsh")
        h.press(.ctrl("s"))
        #expect(try h.patientCount() == count + 1)
        #expect(h.state.pane == .record)
        #expect(h.state.form == nil)
        let patient = try #require(h.state.record?.patient)
        #expect(patient.familyName == "Jones")
        #expect(patient.givenNames == "Mary")
        #expect(patient.dateOfBirth.display == "01-Jan-1990")
        #expect(patient.mrn.hasPrefix("FD"))
        #expect(h.text.contains("JONES, Mary"))
        #expect(h.text.contains("NEEDS Welsh interpreter"))
        // Esc goes to the lookup, which now finds the new patient by hospital number.
        h.press(.escape)
        #expect(h.state.lookup.query.text == patient.mrn)
        #expect(h.state.lookup.results.map(\.id) == [patient.id!])
    }

    @Test func aLikelyDuplicateOpensTheDialogAndEscGoesBackWithoutSaving() throws {
        let h = try Harness()
        let count = try h.patientCount()
        h.registerLikelyDuplicateOfSmith()
        guard case .likelyDuplicates(let candidates)? = h.state.overlay else {
            Issue.record("no possible-duplicate dialog; overlay \(String(describing: h.state.overlay)), message \(h.messageLine)")
            return
        }
        #expect(candidates.map(\.familyName) == ["Smith"])
        #expect(try h.patientCount() == count)
        #expect(h.text.contains("Possible duplicate"))
        #expect(h.text.contains("SMITH, John (Mr)"))
        #expect(h.messageLine.hasPrefix(" Warning: possible duplicate"))
        h.press(.escape)
        #expect(h.state.overlay == nil)
        #expect(h.state.pane == .form)
        #expect(value(h, "given_names") == "Jon")
        #expect(try h.patientCount() == count)
        #expect(h.messageLine.contains("not saved"))
    }

    @Test func sInTheDialogSavesAnyway() throws {
        let h = try Harness()
        let count = try h.patientCount()
        h.registerLikelyDuplicateOfSmith()
        h.press(.char("x"))       // any other key: a hint, still asking
        #expect(h.messageLine.contains("S save anyway"))
        h.press(.char("S"))
        #expect(h.state.overlay == nil)
        #expect(try h.patientCount() == count + 1)
        #expect(h.state.pane == .record)
        #expect(h.state.record?.patient.givenNames == "Jon")
        let register = h.issued.compactMap { effect -> Bool? in
            if case .register(_, let accept) = effect { return accept }
            return nil
        }
        #expect(register == [false, true])
    }

    @Test func escFromAChangedFormAsksAndNKeepsEditing() throws {
        let h = try Harness()
        h.press(.function(7))
        h.type("Jones")
        h.press(.escape)
        #expect(h.state.overlay == .confirmDiscard(then: .back))
        #expect(h.text.contains("Leave the form and discard the changes?"))
        h.press(.char("n"))
        #expect(h.state.overlay == nil)
        #expect(h.state.pane == .form)
        #expect(value(h, "family_name") == "Jones")
        #expect(h.messageLine.contains("still editing"))
        h.press(.escape, .escape)     // Esc in the dialog also keeps editing
        #expect(h.state.overlay == nil)
        #expect(h.state.pane == .form)
        h.press(.escape, .char("Y"))
        #expect(h.state.overlay == nil)
        #expect(h.state.pane == .lookup)
        #expect(h.state.form == nil)
        #expect(h.messageLine.contains("changes discarded"))
    }

    @Test func escFromAnUntouchedFormLeavesAtOnce() throws {
        let h = try Harness()
        h.press(.function(7), .tab, .tab)
        h.press(.escape)
        #expect(h.state.overlay == nil)
        #expect(h.state.pane == .lookup)
    }

    @Test func quitFromAChangedFormAsksFirst() throws {
        let h = try Harness()
        h.press(.function(7))
        h.type("Jones")
        for key in [Key.function(10), .ctrl("q"), .ctrl("c")] {
            #expect(h.press(key).isEmpty)
            #expect(h.state.overlay == .confirmDiscard(then: .quit))
            #expect(h.text.contains("Quit and discard the changes to this form?"))
            h.press(.char("N"))
            #expect(h.state.overlay == nil)
        }
        h.press(.function(10))
        #expect(h.press(.char("y")) == [.quit])
    }

    @Test func f2FromAChangedFormAsksThenGoesToTheLookup() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.function(7))
        h.fill("date_of_birth", "01/01/1990")
        h.press(.function(2))
        #expect(h.state.overlay == .confirmDiscard(then: .lookup))
        h.press(.char("y"))
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.focus == .search)
        #expect(h.state.lookup.query.text == "smith")
    }

    @Test func tabAndShiftTabWalkTheFieldsAndStopAtTheEnds() throws {
        let h = try Harness()
        h.press(.function(7), .backTab, .up)
        #expect(h.state.form?.focus == 0)
        let count = try #require(h.state.form?.fields.count)
        for _ in 0..<(count + 3) { h.press(.tab) }
        #expect(h.state.form?.focus == count - 1)
        h.press(.pageUp)
        #expect(h.state.form?.focus == count - 9)
        h.press(.enter)
        #expect(h.state.form?.focus == count - 8)
        // The focused field is always on screen.
        let label = try #require(h.state.form?.focused.label)
        #expect(h.text.contains("▸ " + label))
    }
}

extension FormInteractionTests {
    @Test func theMessageLineSaysThePatientWasRegisteredWithTheNewHospitalNumber() throws {
        let h = try Harness()
        h.type("jones mary")
        h.press(.function(7))
        h.fill("date_of_birth", "01/01/1990")
        h.press(.ctrl("s"))
        let mrn = try #require(h.state.record?.patient.mrn)
        #expect(h.messageLine.hasPrefix(" registered JONES, Mary, hospital number \(mrn)"))
        #expect(h.state.message?.kind == .success)
        // The opening that follows is still audited.
        #expect(try h.auditTrail(mrn).first?.action == .view)
    }
}
