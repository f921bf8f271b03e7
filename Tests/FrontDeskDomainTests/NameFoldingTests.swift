import Testing
@testable import FrontDeskDomain

@Suite("Name folding")
struct NameFoldingTests {
    @Test("Fold lowers case and removes accents and marks", arguments: [
        ("Siân", "sian"), ("SMITH", "smith"), ("O'Brien", "obrien"), ("Smith-Jones", "smithjones"),
        ("Ó Súilleabháin", "osuilleabhain"), ("Østergaard", "ostergaard"), ("østergaard", "ostergaard"),
        ("Łukasz", "lukasz"), ("łukasz", "lukasz"), ("Đorđević", "dordevic"), ("Straße", "strasse"),
        ("Æbelø", "aebelo"), ("Œuvre", "oeuvre"), ("Þórsson", "thorsson"), ("Guðrún", "gudrun"),
        ("François", "francois"), ("Müller", "muller"), ("José", "jose"), ("Zoë", "zoe"), ("Dvořák", "dvorak"),
        ("Nuñez", "nunez"), ("Ǿrsted", "orsted"), ("ＳＭＩＴＨ", "smith"), ("Jo\u{0301}se\u{0301}", "jose"),
        ("St. John", "stjohn"), ("Mary 2", "mary2"), ("", ""), ("- ' .", ""),
    ])
    func fold(name: String, folded: String) {
        #expect(NameFolding.fold(name) == folded)
    }

    @Test("Names in other scripts are kept (lower-cased where the script has case)", arguments: [
        ("李小龙", "李小龙"), ("Ελένη", "ελενη"), ("Иван", "иван"), ("محمد", "محمد"),
    ])
    func otherScripts(name: String, folded: String) {
        #expect(NameFolding.fold(name) == folded)
    }

    @Test("Words split at spaces, hyphens and apostrophes, and the joined form follows", arguments: [
        ("O'Brien", ["o", "brien", "obrien"]),
        ("Smith-Jones", ["smith", "jones", "smithjones"]),
        ("Ó Súilleabháin", ["o", "suilleabhain", "osuilleabhain"]),
        ("Siân", ["sian"]),
        ("Smith", ["smith"]),
        ("Mary Ann", ["mary", "ann", "maryann"]),
        ("Anne-Marie Louise", ["anne", "marie", "louise", "annemarielouise"]),
        ("O\u{2019}Neill", ["o", "neill", "oneill"]),        // typographic apostrophe
        ("D\u{02BC}Souza", ["d", "souza", "dsouza"]),         // modifier letter apostrophe
        ("Smith\u{2010}Jones", ["smith", "jones", "smithjones"]), // Unicode hyphen
        ("Smith\u{2013}Jones", ["smith", "jones", "smithjones"]), // en dash
        ("  van   der  Berg ", ["van", "der", "berg", "vanderberg"]),
        ("李小龙", ["李小龙"]),
        ("Østergaard", ["ostergaard"]),
        ("", []),
        (" - ", []),
    ])
    func words(name: String, expected: [String]) {
        #expect(NameFolding.words(name) == expected)
    }

    @Test("Key is the joined folded name", arguments: [
        ("O'Brien", "obrien"), ("Ó Súilleabháin", "osuilleabhain"), ("Smith-Jones", "smithjones"), ("Łukasz", "lukasz"),
    ])
    func key(name: String, key: String) {
        #expect(NameFolding.key(name) == key)
    }

    @Test("Differently typed forms of one name fold alike")
    func sameFold() {
        #expect(NameFolding.fold("O'Brien") == NameFolding.fold("OBRIEN"))
        #expect(NameFolding.fold("O\u{2019}Brien") == NameFolding.fold("o brien"))
        #expect(NameFolding.fold("Si\u{00E2}n") == NameFolding.fold("Sia\u{0302}n"))  // precomposed and combining
        #expect(NameFolding.fold("Straße") == NameFolding.fold("STRASSE"))
        #expect(NameFolding.fold("Smith") != NameFolding.fold("Smyth"))
    }

    @Test("Search words of a patient: family apart, other names de-duplicated")
    func searchWords() {
        let words = SearchWords(familyName: "Smith-Jones", givenNames: "Mary Ann", preferredName: "Mary",
                                previousFamilyNames: ["Smith", "O'Brien"])
        #expect(words.family == ["smith", "jones", "smithjones"])
        #expect(words.other == ["mary", "ann", "maryann", "smith", "o", "brien", "obrien"])
        #expect(SearchWords.encode(words.family) == " smith jones smithjones ")
        #expect(SearchWords.encode([]) == " ")
        #expect(SearchWords.decode(" smith  jones ") == ["smith", "jones"])
        #expect(SearchWords.decode("smith jones smithjones") == ["smith", "jones", "smithjones"])
        #expect(SearchWords.decode("") == [])
    }

    @Test("Display name: FAMILY, Given (Title)")
    func displayName() {
        let patient = Patient(mrn: "FD1", nhsNumber: nil, title: "Mrs", familyName: "Smith-Jones", givenNames: "Mary",
                              dateOfBirth: ymd(1956, 3, 12))
        #expect(patient.displayName == "SMITH-JONES, Mary (Mrs)")
        var untitled = patient
        untitled.title = nil
        #expect(untitled.displayName == "SMITH-JONES, Mary")
        untitled.title = ""
        #expect(untitled.displayName == "SMITH-JONES, Mary")
        let irish = Patient(mrn: "FD2", nhsNumber: nil, familyName: "Ó Súilleabháin", givenNames: "Siân", dateOfBirth: ymd(1970, 1, 1))
        #expect(irish.displayName == "Ó SÚILLEABHÁIN, Siân")
        #expect(irish.searchWords.family == ["o", "suilleabhain", "osuilleabhain"])
        #expect(irish.searchWords.other == ["sian"])
    }
}
