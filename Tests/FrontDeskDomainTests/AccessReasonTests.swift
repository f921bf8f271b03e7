import Testing
@testable import FrontDeskDomain

@Suite("break-glass reasons")
struct AccessReasonTests {
    @Test(arguments: [
        ("safeguarding", AccessReason.Kind.safeguarding, nil as String?),
        ("Patient_Present", .patientPresent, nil),
        ("patient-present", .patientPresent, nil),
        ("appointment:moving to Tuesday", .appointment, "moving to Tuesday"),
        ("enquiry", .enquiry, nil),
        ("other:correcting the address", .other, "correcting the address"),
    ])
    func accepted(text: String, kind: AccessReason.Kind, note: String?) throws {
        let reason = try AccessReason.parse(text).get()
        #expect(reason.kind == kind)
        #expect(reason.note == note)
    }

    @Test(arguments: ["", "because", "other", "other:x", "other:   ", "safeguarding:\u{202E}evil", "curious"])
    func refused(text: String) {
        guard case .failure(let error) = AccessReason.parse(text) else {
            Issue.record("\(text) should be refused"); return
        }
        #expect(error.field == "reason")
    }

    @Test func describedInWordsForTheAuditTrail() throws {
        #expect(try AccessReason.parse("other:checking the address").get().description == "other (say why): checking the address")
        #expect(try AccessReason.parse("patient_present").get().description == "the patient is here at the desk")
    }

    @Test func aMaskedRowKeepsOnlyTheHospitalNumber() {
        let row = PatientSummary(id: 7, mrn: "FD0000007", nhsNumber: NHSNumber("9434765919"), title: "Mrs", familyName: "Secret",
                                 givenNames: "Ann", dateOfBirth: LocalDate(year: 1960, month: 1, day: 1)!, sex: .female,
                                 postcode: "CH63 4JY", match: .direct, dateOfDeath: LocalDate(year: 2026, month: 1, day: 1))
        let masked = row.masked()
        #expect(masked.restricted)
        #expect(masked.mrn == "FD0000007" && masked.id == 7)
        #expect(masked.familyName.isEmpty && masked.givenNames.isEmpty && masked.title == nil)
        #expect(masked.nhsNumber == nil && masked.postcode == nil && masked.dateOfDeath == nil && masked.sex == .unknown)
    }
}
