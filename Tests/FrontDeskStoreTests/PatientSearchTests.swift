import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

@Suite("Search: every mode of the one search box")
struct PatientSearchTests {
    /// A small register with the hard names of the brief.
    static func register() throws -> Fixture {
        let fx = try Fixture()
        try fx.add("Smith", "John", "12/03/1956", nhs: "9434765919", postcode: "CH63 4JY", phone: "0151 556 5000", title: "Mr")
        try fx.add("Smith-Jones", "Mary Anne", "01/02/1970", nhs: "4010232137", postcode: "CH63 9LB")
        try fx.add("O'Brien", "Patrick", "05/05/1945", mrn: "RX12031956", postcode: "L1 8JQ")
        try fx.add("Evans", "Siân", "12/03/1956", postcode: "LL11 2AB")
        try fx.add("Ó Súilleabháin", "Seán", "30/06/1960")
        try fx.add("Østergaard", "Kirsten", "14/07/1961")
        try fx.add("李", "小龙", "27/11/1940")
        try fx.add("Smyth", "Jane", "03/03/1980")
        try fx.add("Thompson", "James", "04/04/1950")
        try fx.add("Johnson", "Peter", "06/06/1966", preferred: "Pete")
        try fx.add("Jones", "Smith", "07/07/1977")
        try fx.add("Baker", "Ann", "08/08/1988", previous: ["Stephens"])
        try fx.add("Łukaszewicz", "Zofia", "09/09/1949")
        return fx
    }

    @Test(arguments: [
        ("943 476 5919", ["Smith"]),
        ("9434765919", ["Smith"]),
        ("943-476-5919", ["Smith"]),
        ("fd0000002", ["Smith-Jones"]),
        ("FD0000002", ["Smith-Jones"]),
        ("rx12031956", ["O'Brien"]),
        ("0151 556 5000", ["Smith"]),
        ("01515565000", ["Smith"]),
        ("+44 151 556 5000", ["Smith"]),
        ("ch634jy", ["Smith"]),
        ("CH63 4JY", ["Smith"]),
        ("ch63 4jy", ["Smith"]),
        ("CH63", ["Smith", "Smith-Jones"]),
        ("ll11", ["Evans"]),
    ])
    func identifiers(query: String, expected: [String]) throws {
        let fx = try Self.register()
        #expect(try fx.families(query) == expected)
    }

    @Test(arguments: ["12/03/1956", "12-03-1956", "12-Mar-1956", "1956-03-12", "12031956", "12 Mar 1956", "12.03.1956"])
    func datesOfBirthInEveryFormat(query: String) throws {
        let fx = try Self.register()
        #expect(try fx.families(query) == ["Evans", "Smith"])
    }

    @Test func aTokenThatIsBothADateAndAHospitalNumberMatchesEither() throws {
        let fx = try Self.register()
        // 12031956: born 12-Mar-1956 (Evans, Smith), or hospital number RX12031956? Not that: exact only.
        #expect(try fx.families("12031956") == ["Evans", "Smith"])
        let fx2 = try Fixture()
        try fx2.add("Turner", "Ann", "01/01/1950", mrn: "12031956")
        try fx2.add("Hughes", "Bob", "12/03/1956")
        #expect(try fx2.families("12031956") == ["Hughes", "Turner"])
    }

    @Test(arguments: [
        ("smi", ["Smith", "Smith-Jones", "Jones"]),
        ("smith", ["Smith", "Smith-Jones", "Jones", "Smyth"]),
        ("smi jo", ["Jones", "Smith", "Smith-Jones"]),
        ("john smith", ["Smith"]),
        ("smith john", ["Smith"]),
        ("jones", ["Jones", "Smith-Jones"]),
        ("smith jones", ["Jones", "Smith-Jones"]),
        ("smithjones", ["Smith-Jones"]),
        ("smith-jones", ["Smith-Jones"]),
        ("obrien", ["O'Brien"]),
        ("o'brien", ["O'Brien"]),
        ("brien", ["O'Brien"]),
        ("sian", ["Evans"]),
        ("SIÂN", ["Evans"]),
        ("sean", ["Ó Súilleabháin"]),
        ("osuilleabhain", ["Ó Súilleabháin"]),
        ("suilleabhain", ["Ó Súilleabháin"]),
        ("ostergaard", ["Østergaard"]),
        ("Østergaard", ["Østergaard"]),
        ("lukaszewicz", ["Łukaszewicz"]),
        ("李", ["李"]),
        ("小龙", ["李"]),
        ("pete", ["Johnson"]),
        ("stephens", ["Baker"]),
    ])
    func names(query: String, expected: [String]) throws {
        let fx = try Self.register()
        #expect(try fx.families(query) == expected)
    }

    @Test func eachWordMustMatchADifferentNameWord() throws {
        let fx = try Self.register()
        #expect(try fx.families("jones jones").isEmpty)
        #expect(try fx.families("pat patrick").isEmpty)
        #expect(try fx.families("john john").isEmpty)
        // The joined form of a double-barrelled name is a word of its own.
        #expect(try fx.families("s smith") == ["Smith-Jones"])
    }

    @Test func combinationsMustAllMatch() throws {
        let fx = try Self.register()
        #expect(try fx.families("smith 12/03/1956") == ["Smith"])
        #expect(try fx.families("evans 12/03/1956") == ["Evans"])
        #expect(try fx.families("smith CH63") == ["Smith", "Smith-Jones"])
        #expect(try fx.families("smith 01/01/2000").isEmpty)
        #expect(try fx.families("mary ch63 9lb") == ["Smith-Jones"])
        #expect(try fx.families("john 943 476 5919") == ["Smith"])
        #expect(try fx.families("peter 943 476 5919").isEmpty)
    }

    @Test func soundsLikeMatchesComeAfterDirectOnesAndAreMarked() throws {
        let fx = try Self.register()
        let results = try fx.search("smyth").results
        #expect(results.map(\.familyName) == ["Smyth", "Smith", "Smith-Jones"])
        #expect(results.map(\.match) == [.directFamily, .soundsLike, .soundsLike])
        #expect(try fx.search("thomson").results.map(\.familyName) == ["Thompson"])
        #expect(try fx.search("thomson").results.first?.match == .soundsLike)
        #expect(try fx.families("jonson") == ["Johnson"])
        // Given names never "sound like".
        #expect(try fx.families("smyth jhon").isEmpty)
    }

    @Test(arguments: [("Smyth", "Smith"), ("Thomson", "Thompson"), ("Stevens", "Stephens"), ("Reid", "Reed"), ("Jonson", "Johnson")])
    func soundsLikePairs(typed: String, stored: String) throws {
        let fx = try Fixture()
        try fx.add(stored, "Alex")
        let results = try fx.search(typed).results
        #expect(results.map(\.familyName) == [stored])
        #expect(results.first?.match == .soundsLike)
    }

    @Test func rankingIsFamilyFirstThenOtherNamesThenSoundsLike() throws {
        let fx = try Fixture()
        try fx.add("Smith", "Zoe", "01/01/1990")
        try fx.add("Smith", "Adam", "01/01/1980")
        try fx.add("Smith", "Adam", "01/01/1970")
        try fx.add("Jones", "Smithy", "01/01/1960")
        try fx.add("Smyth", "Bob", "01/01/1950")
        let results = try fx.search("smith").results
        #expect(results.map(\.givenNames) == ["Adam", "Adam", "Zoe", "Smithy", "Bob"])
        #expect(results.map(\.dateOfBirth.year) == [1970, 1980, 1990, 1960, 1950])
        #expect(results.map(\.match) == [.directFamily, .directFamily, .directFamily, .direct, .soundsLike])
    }

    @Test func limitAndTheCountOfFurtherMatches() throws {
        let fx = try Fixture()
        for i in 0..<30 { try fx.add("Turner", "Ann", LocalDate(dayNumber: 3000 + i).iso) }
        let page = try fx.search("turner", limit: 10)
        #expect(page.results.count == 10)
        #expect(page.more == 20)
        #expect(page.moreCapped == false)
        #expect(page.moreText == "20 more")
        let all = try fx.search("turner", limit: 50)
        #expect(all.results.count == 30)
        #expect(all.more == 0)
    }

    @Test func theCountIsExactToAThousandThenCapped() throws {
        let fx = try Fixture()
        let batch = (0..<1_100).map { i in
            Patient(mrn: "T\(i)0", nhsNumber: nil, familyName: "Turner", givenNames: "Ann", dateOfBirth: LocalDate(dayNumber: i))
        }
        _ = try fx.store.registerBatch(batch, progress: nil) { _, _ in nil }
        let capped = try fx.search("tu", limit: 50)
        #expect(capped.results.count == 50)
        #expect(capped.more == 1000)
        #expect(capped.moreCapped)
        #expect(capped.moreText == "1000+ more")
        let exact = try fx.search("tu", limit: 100)
        #expect(exact.more == 1000)
        #expect(exact.moreCapped == false)
        let oneLetter = try fx.search("t", limit: 50)
        #expect(oneLetter.moreCapped)
        #expect(oneLetter.results.first?.dateOfBirth == LocalDate(dayNumber: 0))
    }

    @Test func nothingMatchesGivesAnEmptyList() throws {
        let fx = try Self.register()
        #expect(try fx.search("zzz").results.isEmpty)
        #expect(try fx.search("9876543210").results.isEmpty)
        #expect(try fx.search("").results.isEmpty)
    }
}
