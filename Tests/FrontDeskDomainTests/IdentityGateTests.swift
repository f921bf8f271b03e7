import Foundation
import Testing
import FrontDeskDomain

/// The identity gate and sharing consent of an enquiry (issue 7).
@Suite("identity gate and sharing consent")
struct IdentityGateTests {
    func patient() throws -> Patient {
        var f = PatientFields()
        f.title = "Mrs"; f.familyName = "Ó Briain-Smith"; f.givenNames = "Siobhán Mary"; f.preferredName = "Shiv"
        f.dateOfBirth = "12/03/1956"; f.addressLine1 = "12 High Street"; f.postcode = "CH63 4JY"
        return try f.validated(over: nil, today: LocalDate(iso: "2026-11-24")!).get()
    }

    @Test("a match on name, date of birth and postcode (or address) opens the gate; any miss keeps it shut")
    func gate() throws {
        let p = try patient()
        let good = IdentityGate.check(IdentityClaim(name: "Siobhan O Briain Smith", dateOfBirth: "12-Mar-1956", postcodeOrAddress: "ch634jy"), against: p)
        #expect(good.matched)
        #expect(good.description == "name ✓, date of birth ✓, postcode or address ✓")
        // The preferred name, the family name first, the address instead of the postcode.
        #expect(IdentityGate.check(IdentityClaim(name: "O'Briain-Smith, Shiv", dateOfBirth: "1956-03-12",
                                                 postcodeOrAddress: "12 high street"), against: p).matched)
        let wrongDate = IdentityGate.check(IdentityClaim(name: "Siobhan O Briain Smith", dateOfBirth: "13/03/1956",
                                                         postcodeOrAddress: "CH63 4JY"), against: p)
        #expect(!wrongDate.matched)
        #expect(wrongDate.description == "name ✓, date of birth ✗, postcode or address ✓")
        // Half a family name, another first name, a neighbour's house, nothing said.
        #expect(!IdentityGate.check(IdentityClaim(name: "Siobhan Smith", dateOfBirth: "12/03/1956", postcodeOrAddress: "CH63 4JY"), against: p).name)
        #expect(!IdentityGate.check(IdentityClaim(name: "Mary O Briain Smith", dateOfBirth: "12/03/1956", postcodeOrAddress: "CH63 4JY"), against: p).name)
        #expect(!IdentityGate.check(IdentityClaim(name: "Siobhan O Briain Smith", dateOfBirth: "12/03/1956", postcodeOrAddress: "14 High Street"), against: p).postcodeOrAddress)
        #expect(!IdentityGate.check(IdentityClaim(name: "Siobhan O Briain Smith", dateOfBirth: "12/03/1956", postcodeOrAddress: "CH63 4JZ"), against: p).postcodeOrAddress)
        #expect(!IdentityGate.check(IdentityClaim(name: "", dateOfBirth: "", postcodeOrAddress: ""), against: p).matched)
    }

    @Test("a relative is covered only by a consent that names them, and only for what it lists")
    func consent() {
        let consents = [
            SharingConsent(person: "Aoife Byrne", relationship: "daughter", scopes: [.appointments, .transport], recordedBy: "clerk1",
                           recordedAt: LocalDate(iso: "2026-10-01")!),
        ]
        let daughter = SharingConsent.covering(caller: "aoife BYRNE", in: consents)
        #expect(daughter?.relationship == "daughter")
        #expect(daughter?.scopes.contains(.generalCondition) == false)
        #expect(SharingConsent.covering(caller: "Aoife", in: consents) == nil)
        #expect(SharingConsent.covering(caller: "Niamh Byrne", in: consents) == nil)
    }

    @Test("a claim needs all three answers and a date of birth that is a date: refused naming name, dob and postcode", arguments: [
        (IdentityClaim(name: "", dateOfBirth: "12/03/1956", postcodeOrAddress: "CH63 4JY"), ["name"]),
        (IdentityClaim(name: "Shiv Smith", dateOfBirth: " ", postcodeOrAddress: "CH63 4JY"), ["dob"]),
        (IdentityClaim(name: "Shiv Smith", dateOfBirth: "30/02/1956", postcodeOrAddress: "CH63 4JY"), ["dob"]),
        (IdentityClaim(name: "Shiv Smith", dateOfBirth: "12/03/1956", postcodeOrAddress: ""), ["postcode"]),
        (IdentityClaim(name: " ", dateOfBirth: "soon", postcodeOrAddress: " "), ["name", "dob", "postcode"]),
    ])
    func claimChecked(claim: IdentityClaim, fields: [String]) throws {
        let refused = try #require(throws: ValidationError.self) { try claim.check() }
        #expect(refused.errors.map(\.field) == fields)
    }

    @Test("a whole claim passes the check (whether it matches is the gate's business)")
    func wholeClaim() throws {
        try IdentityClaim(name: "Mrs S Smith", dateOfBirth: "1 Jan 1900", postcodeOrAddress: "nowhere").check()
    }

    @Test("one history line for every identity check (the log, a later check, the demo): results, never values; a relative's consent")
    func checkLine() {
        let matched = IdentityResult(name: true, dateOfBirth: true, postcodeOrAddress: true)
        let consent = SharingConsent(person: "Aoife Smith", relationship: "daughter", scopes: [.transport, .appointments], recordedBy: "clerk1",
                                     recordedAt: LocalDate(iso: "2026-01-05")!)
        #expect(EnquiryService.identityCheckLine(matched, callerType: .patient, consent: nil)
                == "identity check: matched (name ✓, date of birth ✓, postcode or address ✓)")
        #expect(EnquiryService.identityCheckLine(matched, callerType: .relativeOrCarer, consent: consent)
                == "identity check: matched (name ✓, date of birth ✓, postcode or address ✓); consent to share with them (daughter): appointments, transport")
        #expect(EnquiryService.identityCheckLine(matched, callerType: .relativeOrCarer, consent: nil)
                .hasSuffix("; no consent to share with them: nothing may be said"))
        let missed = IdentityResult(name: true, dateOfBirth: false, postcodeOrAddress: true)
        #expect(EnquiryService.identityCheckLine(missed, callerType: .relativeOrCarer, consent: consent)
                == "identity check: did not match (name ✓, date of birth ✗, postcode or address ✓)")
    }
}
