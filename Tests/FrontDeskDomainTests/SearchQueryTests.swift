import Testing
@testable import FrontDeskDomain

@Suite("Search query parsing")
struct SearchQueryTests {
    /// The meanings of the only term of `text`, recording an issue when there is not exactly one identifier term.
    private func onlyMeanings(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [SearchQuery.Meaning] {
        let query = SearchQuery.parse(text)
        guard query.terms.count == 1, case .identifier(_, let meanings) = query.terms[0] else {
            Issue.record("\(text) gave \(query.terms), not one identifier", sourceLocation: sourceLocation)
            return []
        }
        return meanings
    }

    @Test("A spaced NHS number is one NHS number term")
    func spacedNHSNumber() {
        #expect(SearchQuery.parse("943 476 5919").terms == [.identifier(text: "943 476 5919", meanings: [.nhsNumber("9434765919")])])
    }

    @Test("An NHS number typed solid or with dashes means that NHS number", arguments: ["9434765919", "943-476-5919"])
    func solidNHSNumber(text: String) {
        let meanings = onlyMeanings(text)
        #expect(meanings.first == .nhsNumber("9434765919"))
        #expect(!meanings.contains(where: { if case .phone = $0 { return true }; if case .dateOfBirth = $0 { return true }; return false }))
    }

    @Test("A number failing Modulus 11 has no NHS number meaning", arguments: ["9434765918", "943 476 5918"])
    func badNHSNumber(text: String) {
        let query = SearchQuery.parse(text)
        for meanings in query.identifiers {
            #expect(!meanings.contains(where: { if case .nhsNumber = $0 { return true }; return false }))
        }
    }

    @Test("Phone numbers typed with spaces are one phone term", arguments: [
        "0151 556 5000", "+44 151 556 5000", "+44 (0)151 556 5000", "0044 151 556 5000", "+44 (0) 151 556 5000",
    ])
    func phone(text: String) {
        #expect(onlyMeanings(text) == [.phone("01515565000")])
    }

    @Test("A phone number typed solid is a phone number (and may be a hospital number)")
    func solidPhone() {
        let meanings = onlyMeanings("01515565000")
        #expect(meanings.first == .phone("01515565000"))
        #expect(!meanings.contains(where: { if case .nhsNumber = $0 { return true }; return false }))
    }

    @Test("A mobile in two groups")
    func mobile() {
        #expect(SearchQuery.parse("07700 900123").terms == [.identifier(text: "07700 900123", meanings: [.phone("07700900123")])])
    }

    @Test("A spaced postcode is one postcode term")
    func spacedPostcode() {
        #expect(SearchQuery.parse("CH63 4JY").terms == [.identifier(text: "CH63 4JY", meanings: [.postcode("CH63 4JY")])])
        #expect(SearchQuery.parse("ch63 4jy").terms == [.identifier(text: "ch63 4jy", meanings: [.postcode("CH63 4JY")])])
        #expect(onlyMeanings("M1 1AE") == [.postcode("M1 1AE")])
    }

    @Test("A solid postcode in lower case is a postcode")
    func solidPostcode() {
        let meanings = onlyMeanings("ch634jy")
        #expect(meanings.first == .postcode("CH63 4JY"))
        #expect(meanings.contains(.postcode("CH63 4JY")))
    }

    @Test("An outward code alone is a district, and may be a hospital number", arguments: ["CH63", "ch63"])
    func district(text: String) {
        let meanings = onlyMeanings(text)
        #expect(meanings.contains(.district("CH63")))
        #expect(meanings.contains(.hospitalNumber("CH63")))
        #expect(!meanings.contains(where: { if case .postcode = $0 { return true }; return false }))
    }

    @Test("Eight digits are a date of birth and a hospital number")
    func eightDigits() {
        let meanings = onlyMeanings("12031956")
        #expect(meanings.contains(.dateOfBirth(ymd(1956, 3, 12))))
        #expect(meanings.contains(.hospitalNumber("12031956")))
        #expect(!meanings.contains(where: { if case .nhsNumber = $0 { return true }; return false }))
        #expect(!meanings.contains(where: { if case .phone = $0 { return true }; return false }))
    }

    @Test("A date with a month name typed with spaces is one date term")
    func spacedDate() {
        #expect(SearchQuery.parse("12 Mar 1956").terms == [.identifier(text: "12 Mar 1956", meanings: [.dateOfBirth(ymd(1956, 3, 12))])])
        #expect(onlyMeanings("12 march 1956") == [.dateOfBirth(ymd(1956, 3, 12))])
    }

    @Test("Dates typed in each solid format", arguments: ["12/03/1956", "12-03-1956", "12-Mar-1956", "1956-03-12", "12.03.1956"])
    func solidDates(text: String) {
        #expect(onlyMeanings(text).contains(.dateOfBirth(ymd(1956, 3, 12))))
    }

    @Test("A four-digit year from 1900 is a birth year")
    func birthYear() {
        #expect(onlyMeanings("1956").contains(.birthYear(1956)))
        #expect(onlyMeanings("1900").contains(.birthYear(1900)))
        #expect(!onlyMeanings("1899").contains(.birthYear(1899)))
    }

    @Test("Hospital numbers are upper-cased")
    func hospitalNumber() {
        #expect(onlyMeanings("fd000123").contains(.hospitalNumber("FD000123")))
        #expect(onlyMeanings("rx-12/3").contains(.hospitalNumber("RX-12/3")))
    }

    @Test("A number meaning nothing still makes a term (which then matches nothing)")
    func meaningless() {
        #expect(SearchQuery.parse("12").terms == [.identifier(text: "12", meanings: [])])
    }

    @Test("Name words are folded and kept apart")
    func nameWords() {
        #expect(SearchQuery.parse("smi jo").terms == [.name("smi"), .name("jo")])
        #expect(SearchQuery.parse("smi jo").nameWords == ["smi", "jo"])
        #expect(SearchQuery.parse("O'Brien").terms == [.name("obrien")])
        #expect(SearchQuery.parse("Siân").nameWords == ["sian"])
        #expect(SearchQuery.parse("Smith-Jones").nameWords == ["smithjones"])
        #expect(SearchQuery.parse("Smith, John").nameWords == ["smith", "john"])
        #expect(SearchQuery.parse("李小龙").nameWords == ["李小龙"])
        #expect(SearchQuery.parse("ÓSúilleabháin").nameWords == ["osuilleabhain"])
    }

    @Test("Empty and punctuation-only queries have no terms", arguments: ["", "   ", ",", " , ", "'", "- '"])
    func empty(text: String) {
        let query = SearchQuery.parse(text)
        #expect(query.isEmpty)
        #expect(query.terms.isEmpty)
    }

    @Test("A name with a date of birth")
    func nameAndDate() {
        let query = SearchQuery.parse("smith 12/03/1956")
        #expect(query.terms.count == 2)
        #expect(query.nameWords == ["smith"])
        #expect(query.identifiers.count == 1)
        #expect(query.identifiers.first?.contains(.dateOfBirth(ymd(1956, 3, 12))) == true)
        guard case .name("smith") = query.terms.first else { Issue.record("name first: \(query.terms)"); return }
    }

    @Test("Mixed query: name, postcode, spaced date, NHS number and phone")
    func mixed() {
        let query = SearchQuery.parse("smith CH63 4JY 12 Mar 1956 943 476 5919 0151 556 5000 jo")
        #expect(query.terms == [
            .name("smith"),
            .identifier(text: "CH63 4JY", meanings: [.postcode("CH63 4JY")]),
            .identifier(text: "12 Mar 1956", meanings: [.dateOfBirth(ymd(1956, 3, 12))]),
            .identifier(text: "943 476 5919", meanings: [.nhsNumber("9434765919")]),
            .identifier(text: "0151 556 5000", meanings: [.phone("01515565000")]),
            .name("jo"),
        ])
        #expect(query.nameWords == ["smith", "jo"])
        #expect(query.identifiers.count == 4)
    }

    @Test("An NHS number followed by a phone number stay two terms")
    func nhsThenPhone() {
        #expect(SearchQuery.parse("943 476 5919 0151 556 5000").terms == [
            .identifier(text: "943 476 5919", meanings: [.nhsNumber("9434765919")]),
            .identifier(text: "0151 556 5000", meanings: [.phone("01515565000")]),
        ])
    }

    @Test("A year before a postcode does not swallow it")
    func yearThenPostcode() {
        let query = SearchQuery.parse("1956 CH63 4JY")
        #expect(query.terms.count == 2)
        #expect(query.identifiers.last == [.postcode("CH63 4JY")])
        #expect(query.identifiers.first?.contains(.birthYear(1956)) == true)
    }
}
