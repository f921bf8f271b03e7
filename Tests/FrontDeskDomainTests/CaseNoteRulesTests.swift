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
}
