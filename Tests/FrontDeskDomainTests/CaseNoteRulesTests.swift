import Testing
@testable import FrontDeskDomain

@Suite("case notes: terminal-digit order and locations as a clerk types them")
struct CaseNoteRulesTests {
    @Test("the key: last two, middle two, first two of the last six digits", arguments: [
        ("123456", "56-34-12"),
        ("FD0000631", "31-06-00"),
        ("631", "31-06-00"),                 // fewer than six digits: zeros on the left
        ("99123456", "56-34-12"),            // digits before the last six do not change the key
        ("AB-12/34C56", "56-34-12"),         // letters and separators are left out wherever they stand
        ("7", "07-00-00"),
    ])
    func key(number: String, expected: String) {
        let key = TerminalDigit(number).key
        #expect(key == expected)
    }

    @Test("a number without digits has no key and files after every number that has one")
    func noDigits() {
        let none = TerminalDigit("ABC")
        #expect(none.key == nil)
        #expect(none.description == "--")
        #expect(TerminalDigit("999999") < none)
    }

    @Test("a mixed list in shelf order: by the last two, then the middle two, then the first two; ties by the whole number")
    func order() {
        let numbers = ["FD0000631", "123456", "FD0123457", "654321", "FD0000531", "FD1000631", "000100", "223456"]
        // 123456 → 56-34-12, FD0123457 → 57-34-12, 654321 → 21-43-65, FD0000531 → 31-05-00,
        // FD0000631 / FD1000631 → 31-06-00 (the shorter whole number first), 000100 → 00-01-00, 223456 → 56-34-22.
        #expect(TerminalDigit.sorted(numbers) == ["000100", "654321", "FD0000531", "FD0000631", "FD1000631", "123456", "223456", "FD0123457"])
    }

    @Test("locations as typed", arguments: [
        ("library", nil, CaseNoteLocation.library(shelf: nil)),
        ("LIBRARY", "31-06", .library(shelf: "31-06")),
        ("library:b4", nil, .library(shelf: "B4")),
        ("clinic:ONC_FU", nil, .clinic(service: "onc_fu", site: nil)),
        ("clinic:onc_fu@Main", nil, .clinic(service: "onc_fu", site: "main")),
        ("secretary:Dr Adams's secretary", nil, .secretary(name: "Dr Adams's secretary")),
        ("offsite", nil, .offsite),
        ("off-site", nil, .offsite),
        ("transit:hub", nil, .inTransit(to: "hub")),
        ("missing", nil, .missing),
    ] as [(String, String?, CaseNoteLocation)])
    func parses(text: String, shelf: String?, expected: CaseNoteLocation) throws {
        let parsed = try CaseNoteLocation.parse(text, shelf: shelf, field: "to").get()
        #expect(parsed == expected)
        let again = try CaseNoteLocation.parse(parsed.typed, field: "to").get()
        #expect(again == parsed)
        let stored = CaseNoteLocation(kind: parsed.kind.rawValue, place: parsed.place)
        #expect(stored == parsed)
    }

    @Test("anything else is refused naming the field, and the refusal lists the choices", arguments: [
        ("ward 7", nil, "to"),
        ("", nil, "to"),
        ("clinic", nil, "to"),
        ("clinic:9bad", nil, "to"),
        ("secretary", nil, "to"),
        ("secretary:x", nil, "to"),
        ("transit:", nil, "to"),
        ("missing:today", nil, "to"),
        ("offsite", "B4", "shelf"),
        ("library", "shelf #4!", "shelf"),
    ] as [(String, String?, String)])
    func refused(text: String, shelf: String?, field: String) {
        guard case .failure(let error) = CaseNoteLocation.parse(text, shelf: shelf, field: "to") else {
            Issue.record("\(text) was accepted"); return
        }
        let first = error.errors.first
        #expect(first?.field == field)
        if field == "to" && !text.hasPrefix("secretary:") && !text.hasPrefix("clinic:") {
            #expect(first?.reason.contains("library, clinic:SERVICE") == true)
        }
    }

    @Test("sent, back and where in words: the rules the pull list and the checklist share")
    func sentAndBack() {
        func volume(_ n: Int, _ at: CaseNoteLocation) -> CaseNoteVolume {
            CaseNoteVolume(patientID: 1, patientMRN: "FD0000631", number: n, location: at, movedAt: .init(timeIntervalSince1970: 0), movedBy: "clerk1")
        }
        let clinics = [CaseNoteRules.Clinic(serviceCode: "onc_fu", siteCode: "main")]
        #expect(CaseNoteRules.isSent(.clinic(service: "onc_fu", site: nil), to: clinics))
        #expect(CaseNoteRules.isSent(.clinic(service: "onc_fu", site: "main"), to: clinics))
        #expect(!CaseNoteRules.isSent(.clinic(service: "onc_fu", site: "hub"), to: clinics))
        #expect(!CaseNoteRules.isSent(.clinic(service: "bloods", site: "main"), to: clinics))
        #expect(CaseNoteRules.isSent(.inTransit(to: "outpatients"), to: []))
        #expect(!CaseNoteRules.isSent(.library(shelf: "A12"), to: clinics))
        #expect(!CaseNoteRules.allSent([], to: clinics))
        #expect(CaseNoteRules.isBack(.library(shelf: nil)) && CaseNoteRules.isBack(.offsite))
        #expect(!CaseNoteRules.isBack(.inTransit(to: "library")) && !CaseNoteRules.isBack(.secretary(name: "Dr Adams")))
        let mixed = [volume(1, .library(shelf: "A12")), volume(2, .missing), volume(3, .library(shelf: "A12")), volume(4, .offsite)]
        #expect(CaseNoteRules.whereText(mixed) == "MISSING: vol 2; vols 1, 3 in library, shelf A12; vol 4 in off-site store")
        #expect(CaseNoteRules.whereText([volume(1, .clinic(service: "onc_fu", site: "main"))]) == "vol 1 at clinic onc_fu @ main")
        #expect(CaseNoteRules.dependsOnClinics([volume(1, .library(shelf: nil)), volume(2, .clinic(service: "onc_fu", site: nil))]))
        #expect(!CaseNoteRules.dependsOnClinics([volume(1, .library(shelf: nil)), volume(2, .offsite)]))
        #expect(!CaseNoteRules.dependsOnClinics([volume(1, .missing), volume(2, .clinic(service: "onc_fu", site: nil))]))
    }
}
