import Testing
@testable import FrontDeskDomain

@Suite("Phone number")
struct PhoneNumberTests {
    @Test("UK numbers typed every usual way key to the national form", arguments: [
        "0151 556 5000", "01515565000", "+44 151 556 5000", "+44 (0)151 556 5000", "0044 151 556 5000",
        "+441515565000", "+44 (0)151 556-5000", "0151-556-5000", "(0151) 556 5000", "0151.556.5000",
        "+44(0)1515565000", "0044 (0)151 556 5000",
    ])
    func liverpool(text: String) {
        #expect(PhoneNumber.key(text) == "01515565000")
    }

    @Test("Other UK numbers", arguments: [
        ("07700 900123", "07700900123"), ("+44 7700 900123", "07700900123"), ("0044 7700 900 123", "07700900123"),
        ("020 7946 0000", "02079460000"), ("+44 20 7946 0000", "02079460000"), ("0113 496 0000", "01134960000"),
        ("01632 960123", "01632960123"), ("016977 4123", "0169774123"),  // ten-digit number
    ])
    func otherUK(text: String, key: String) {
        #expect(PhoneNumber.key(text) == key)
    }

    @Test("International numbers keep + and their digits", arguments: [
        ("+353 1 234 5678", "+35312345678"), ("00353 1 234 5678", "+35312345678"), ("+1 212 555 0100", "+12125550100"),
        ("+33 1 23 45 67 89", "+33123456789"),
    ])
    func international(text: String, key: String) {
        #expect(PhoneNumber.key(text) == key)
    }

    @Test("Things that are not telephone numbers give nil", arguments: [
        "", "   ", "12345", "abc", "0151 556 500x", "0151 556 50", "015155650001", "1515565000", "+44", "+",
        "+44 151 556 50", "+44 151 556 50000", "0151+5565000", "0151 556 5000 ext 2", "01515565000#",
        "0151/556/5000", "+1234567", "+1234567890123456", "00", "0044", "ph 0151 556 5000",
    ])
    func invalid(text: String) {
        #expect(PhoneNumber.key(text) == nil)
    }

    @Test("Display groups national numbers the usual way", arguments: [
        ("01515565000", "0151 556 5000"), ("07700900123", "07700 900123"), ("02079460000", "020 7946 0000"),
        ("01134960000", "0113 496 0000"), ("01214960000", "0121 496 0000"), ("01632960123", "01632 960123"),
        ("+35312345678", "+35312345678"), ("0169774123", "0169774123"),
    ])
    func display(key: String, shown: String) {
        #expect(PhoneNumber.display(key) == shown)
    }

    @Test("Display of the key reads back to the same key", arguments: ["01515565000", "07700900123", "02079460000", "01632960123"])
    func displayRoundTrip(key: String) {
        #expect(PhoneNumber.key(PhoneNumber.display(key)) == key)
    }

    // Was a bug: country codes never start with 0 (ITU-T E.164), but an
    // "international" number made of a 0 after the + or 00 is accepted. A clerk
    // typing the common filler 0000000000 gets the key "+00000000".
    @Test("An international number cannot start with country code 0", arguments: ["0000000000", "+0123456789", "00 0151 556 5000"])
    func zeroCountryCode(text: String) {
        #expect(PhoneNumber.key(text) == nil)
    }
}
