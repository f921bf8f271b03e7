import Testing
@testable import FrontDeskDomain

@Suite("Name matcher")
struct NameMatcherTests {
    private func tier(_ query: [String], family: String, given: String, preferred: String? = nil,
                      previous: [String] = []) -> MatchTier? {
        let words = SearchWords(familyName: family, givenNames: given, preferredName: preferred, previousFamilyNames: previous)
        return NameMatcher(words: query).tier(family: words.family, other: words.other)
    }

    @Test("Tiers for John Smith", arguments: [
        (["smith"], MatchTier.directFamily as MatchTier?),
        (["smi"], .directFamily),
        (["s"], .directFamily),
        (["john"], .direct),
        (["jo"], .direct),
        (["john", "smith"], .directFamily),
        (["smith", "john"], .directFamily),
        (["jo", "smi"], .directFamily),
        (["smyth"], .soundsLike),
        (["smyth", "john"], .soundsLike),
        (["jones"], nil),
        (["smith", "mary"], nil),
        (["smithy"], .soundsLike),     // not a prefix, but sounds like "smith" (SMT)
        (["smithson"], nil),
        (["johnny"], nil),
    ])
    func johnSmith(query: [String], expected: MatchTier?) {
        #expect(tier(query, family: "Smith", given: "John") == expected)
    }

    @Test("Each query word needs a different patient word")
    func distinctWords() {
        #expect(tier(["smith", "smith"], family: "Smith", given: "John") == nil)
        #expect(tier(["jo", "jo"], family: "Smith", given: "John") == nil)
        #expect(tier(["s", "sm"], family: "Smith", given: "John") == nil)
        // ... but two patient words named alike can take them
        #expect(tier(["smith", "smith"], family: "Smith", given: "Smith") == .directFamily)
        #expect(tier(["jo", "jo"], family: "Smith", given: "John Joseph") == .direct)
    }

    @Test("The assignment is searched, not taken greedily")
    func backtracking() {
        // "jo" could take "john", leaving nothing for "john": it must take "joanna".
        #expect(NameMatcher(words: ["jo", "john"]).tier(family: ["smith"], other: ["john", "joanna"]) == .direct)
        #expect(NameMatcher(words: ["jo", "john", "smith"]).tier(family: ["smith"], other: ["john", "joanna"]) == .directFamily)
        #expect(NameMatcher(words: ["jo", "john", "jo"]).tier(family: ["smith"], other: ["john", "joanna"]) == nil)
        // "s" could take family "smith", but "smith" needs it; "s" then takes "sam" and the tier is still direct family.
        #expect(NameMatcher(words: ["s", "smith"]).tier(family: ["smith"], other: ["sam"]) == .directFamily)
        // Sounds-like is used only when needed: "smyth" must take the family word, "s" the given name.
        #expect(NameMatcher(words: ["s", "smyth"]).tier(family: ["smith"], other: ["sam"]) == .soundsLike)
    }

    @Test("A double-barrelled family name is found by either word, both, or joined")
    func doubleBarrelled() {
        #expect(tier(["smith", "jones"], family: "Smith-Jones", given: "Mary") == .directFamily)
        #expect(tier(["jones", "smith"], family: "Smith-Jones", given: "Mary") == .directFamily)
        #expect(tier(["jones"], family: "Smith-Jones", given: "Mary") == .directFamily)
        #expect(tier(["smithjones"], family: "Smith-Jones", given: "Mary") == .directFamily)
        #expect(tier(["smith", "jones", "mary"], family: "Smith-Jones", given: "Mary") == .directFamily)
        #expect(tier(["smith", "jones", "smith"], family: "Smith-Jones", given: "Mary") != nil) // smith, jones, smithjones
        #expect(tier(["smith", "jones", "smith", "jones"], family: "Smith-Jones", given: "Mary") == nil)
    }

    @Test("Apostrophes and accents: O'Brien, Ó Súilleabháin")
    func irishNames() {
        #expect(tier(["obrien"], family: "O'Brien", given: "Siân") == .directFamily)
        #expect(tier(["brien"], family: "O'Brien", given: "Siân") == .directFamily)
        #expect(tier(["o", "brien"], family: "O'Brien", given: "Siân") == .directFamily)
        #expect(tier(["sian", "obrien"], family: "O'Brien", given: "Siân") == .directFamily)
        #expect(tier(["osuilleabhain"], family: "Ó Súilleabháin", given: "Aoife") == .directFamily)
        #expect(tier(["suil"], family: "Ó Súilleabháin", given: "Aoife") == .directFamily)
    }

    @Test("Sounds-like matches family words only, whole words of three letters or more", arguments: [
        (["thomson"], "Thompson", "Ann", MatchTier.soundsLike as MatchTier?),
        (["stephens"], "Stevens", "Ann", .soundsLike),
        (["reed"], "Reid", "Ann", .soundsLike),
        (["mcdonald"], "MacDonald", "Ann", .soundsLike),
        (["jonson", "ann"], "Johnson", "Ann", .soundsLike),
        (["mc"], "MacDonald", "Ann", nil),            // too short to sound like anything
        (["jon"], "Smith", "John", nil),               // "jon" sounds like "john", but given names have no sounds-like
        (["smy"], "Smith", "John", nil),               // a prefix does not sound like the whole word
        (["thomas"], "Thompson", "Ann", nil),
    ])
    func soundsLike(query: [String], family: String, given: String, expected: MatchTier?) {
        #expect(tier(query, family: family, given: given) == expected)
    }

    @Test("The best tier over all assignments wins")
    func bestTier() {
        // "smith" sounds like family "Smyth" but is a direct match of a previous family name.
        #expect(tier(["smith"], family: "Smyth", given: "John", previous: ["Smith"]) == .direct)
        // Direct family beats the sounds-like route.
        #expect(tier(["smith"], family: "Smith", given: "John", previous: ["Smyth"]) == .directFamily)
        // Preferred names are "other" words.
        #expect(tier(["jack"], family: "Smith", given: "John", preferred: "Jack") == .direct)
        #expect(tier(["jack", "smyth"], family: "Smith", given: "John", preferred: "Jack") == .soundsLike)
    }

    @Test("Given family sound keys are used as passed")
    func familySoundsParameter() {
        let matcher = NameMatcher(words: ["smyth"])
        #expect(matcher.tier(family: ["smith"], other: [], familySounds: [SoundsLike.key("smith")]) == .soundsLike)
        #expect(matcher.tier(family: ["smith"], other: [], familySounds: ["XYZ"]) == nil)
        #expect(matcher.tier(family: ["smith"], other: [], familySounds: [nil]) == nil)
        #expect(matcher.tier(family: ["smith"], other: []) == .soundsLike)
    }

    @Test("No words match everyone, directly")
    func emptyQuery() {
        let matcher = NameMatcher(words: [])
        #expect(matcher.isEmpty)
        #expect(matcher.tier(family: ["smith"], other: ["john"]) == .direct)
        #expect(!NameMatcher(words: ["smith"]).isEmpty)
    }

    @Test("Tiers sort direct family first, sounds-like last")
    func tierOrder() {
        #expect(MatchTier.directFamily < .direct)
        #expect(MatchTier.direct < .soundsLike)
        #expect([MatchTier.soundsLike, .directFamily, .direct].sorted() == [.directFamily, .direct, .soundsLike])
        #expect(MatchTier.directFamily.rawValue == 0 && MatchTier.soundsLike.rawValue == 2)
    }

    @Test("A query parsed from text matches through the matcher")
    func endToEnd() {
        let query = SearchQuery.parse("smyth jo")
        let patient = Patient(mrn: "FD1", nhsNumber: nil, familyName: "Smith", givenNames: "John", dateOfBirth: ymd(1956, 3, 12))
        let words = patient.searchWords
        #expect(NameMatcher(words: query.nameWords).tier(family: words.family, other: words.other) == .soundsLike)
        let other = Patient(mrn: "FD2", nhsNumber: nil, familyName: "Smith", givenNames: "Mary", dateOfBirth: ymd(1956, 3, 12))
        #expect(NameMatcher(words: query.nameWords).tier(family: other.searchWords.family, other: other.searchWords.other) == nil)
    }
}
