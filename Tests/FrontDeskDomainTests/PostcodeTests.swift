import Foundation
import Testing
@testable import FrontDeskDomain

@Suite("Postcode")
struct PostcodeTests {
    @Test("Every BS7666 format is accepted and stored as typed when already normal", arguments: [
        ("M1 1AE", "M1"),        // A9 9AA
        ("B33 8TH", "B33"),      // A99 9AA
        ("W1A 0AX", "W1A"),      // A9A 9AA
        ("CR2 6XH", "CR2"),      // AA9 9AA
        ("DN55 1PT", "DN55"),    // AA99 9AA
        ("EC1A 1BB", "EC1A"),    // AA9A 9AA
        ("CH63 4JY", "CH63"),    // AA99 9AA
        ("SW1A 2AA", "SW1A"),    // AA9A 9AA
        ("GIR 0AA", "GIR"),      // the special one
    ])
    func formats(text: String, outward: String) throws {
        let postcode = try #require(Postcode(text))
        #expect(postcode.value == text)
        #expect(postcode.outward == outward)
        #expect(postcode.description == text)
    }

    @Test("Any case and a missing or doubled space normalise to upper case with one space", arguments: [
        ("ch63 4jy", "CH63 4JY"), ("ch634jy", "CH63 4JY"), ("CH634JY", "CH63 4JY"), ("  Ch63   4jY ", "CH63 4JY"),
        ("m11ae", "M1 1AE"), ("b338th", "B33 8TH"), ("w1a0ax", "W1A 0AX"), ("cr26xh", "CR2 6XH"),
        ("dn551pt", "DN55 1PT"), ("ec1a1bb", "EC1A 1BB"), ("sw1a 2aa", "SW1A 2AA"), ("gir0aa", "GIR 0AA"),
        ("Gir 0aa", "GIR 0AA"), ("CH63\t4JY", "CH63 4JY"),
    ])
    func normalised(text: String, expected: String) {
        #expect(Postcode(text)?.value == expected)
    }

    @Test("Strings that are no BS7666 format are refused", arguments: [
        "SWA 1AA",     // AAA 9AA: not a format (the GOV.UK regex bug)
        "AI1 1AA",     // second letter I
        "AZ1 1AA",     // second letter Z
        "BI12 1AA",    // second letter I, AA99
        "BZ1A 1AA",    // second letter Z, AA9A
        "QA1 1AA",     // first letter Q
        "V1 1AA",      // first letter V
        "X11 1AA",     // first letter X
        "CH63 4CY",    // C is never in the inward code
        "CH63 4JI",    // nor I
        "CH63 AJY",    // inward must start with a digit
        "CH634 4JY",   // outward too long
        "CH63 4JYY",   // inward too long
        "CH63 4J",     // inward too short
        "1H63 4JY",    // outward must start with a letter
        "C 4JY",       // outward too short
        "CH63-4JY",    // a dash is not a space
        "",
        "   ",
        "SMITH",
        "GIR 0AB",     // GIR only with 0AA
        "W1Z 1AA",     // Z not allowed as third letter of A9A
        "EC1Z 1AA",    // Z not allowed as fourth letter of AA9A
        "CH6３ 4JY",   // full-width digit
        "XCH63 4JY",   // the whole string must match, not a tail
        "CH63 4JY9",   // ... nor a head
    ])
    func invalid(text: String) {
        #expect(Postcode(text) == nil)
    }

    @Test("Outward codes alone are recognised in any case", arguments: [
        "M1", "B33", "W1A", "CR2", "DN55", "EC1A", "CH63", "ch63", "sw1a", "E1W", "N1C",
    ])
    func outwardCodes(text: String) {
        #expect(Postcode.isOutwardCode(text))
        #expect(Postcode.outwardCode(text) == text.uppercased())
    }

    @Test("Non-outward codes are refused", arguments: [
        "", "M", "1M", "SWA", "AI1", "AZ12", "CH634", "CH63 4JY", "GIR", "QA1", "SMITH", "12", "W1Z", "EC1Z", "CHAB",
    ])
    func notOutwardCodes(text: String) {
        #expect(!Postcode.isOutwardCode(text))
        #expect(Postcode.outwardCode(text) == nil)
    }

    @Test("The rule names the formats")
    func rule() {
        for format in ["A9 9AA", "A99 9AA", "A9A 9AA", "AA9 9AA", "AA99 9AA", "AA9A 9AA", "GIR 0AA"] {
            #expect(Postcode.rule.contains(format))
        }
    }

    @Test("Equal after normalisation")
    func equality() {
        #expect(Postcode("ch634jy") == Postcode("CH63 4JY"))
        #expect(Postcode("ch634jy") != Postcode("CH63 4JZ"))
    }

    @Test("JSON stores the normal form and re-validates on decode")
    func codable() throws {
        let postcode = try #require(Postcode("ch634jy"))
        let data = try JSONEncoder().encode([postcode])
        #expect(String(decoding: data, as: UTF8.self) == #"["CH63 4JY"]"#)
        #expect(try JSONDecoder().decode([Postcode].self, from: Data(#"["ec1a1bb"]"#.utf8)) == [Postcode("EC1A 1BB")!])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Postcode].self, from: Data(#"["SWA 1AA"]"#.utf8))
        }
    }
}
