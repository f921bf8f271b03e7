import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// The indexed search must give exactly what a scan of every patient would:
/// the same rows in the same order, and the same count of further matches.
@Suite("Search agrees with a full scan")
struct SearchOracleTests {
    static let population = DemoPopulation(seed: 7, today: LocalDate(year: 2026, month: 11, day: 24)!)

    /// 4,000 synthetic patients, loaded once.
    static let fixture: (Fixture, [Patient]) = {
        let fx = try! Fixture()
        let patients = (1...4_000).map { population.patient(number: $0) }
        let saved = try! fx.store.registerBatch(patients, progress: nil) { _, _ in nil }
        return (fx, saved)
    }()

    /// What the search should return, by brute force over every record.
    static func expected(_ text: String, limit: Int, in patients: [Patient]) -> (ids: [Int64], more: Int, capped: Bool) {
        let query = SearchQuery.parse(text)
        let matcher = NameMatcher(words: query.nameWords)
        var found: [(tier: MatchTier, key: [String], id: Int64)] = []
        for p in patients {
            var ok = true
            for meanings in query.identifiers where ok {
                ok = meanings.contains { m in
                    switch m {
                    case .nhsNumber(let d): return p.nhsNumber?.digits == d
                    case .hospitalNumber(let k): return p.mrn.uppercased() == k
                    case .dateOfBirth(let d): return p.dateOfBirth == d
                    case .birthYear(let y): return p.dateOfBirth.year == y
                    case .phone(let k): return p.phones.contains { $0.key == k }
                    case .postcode(let v): return p.postcode?.value == v
                    case .district(let v): return p.postcode?.outward == v
                    }
                }
            }
            guard ok else { continue }
            let words = p.searchWords
            guard let tier = matcher.tier(family: words.family, other: words.other) else { continue }
            let given = p.givenNames.split(whereSeparator: { $0.isWhitespace }).map { NameFolding.fold(String($0)) }.joined(separator: " ")
            found.append((tier, [NameFolding.key(p.familyName), given, p.dateOfBirth.iso], p.id!))
        }
        found.sort { a, b in
            if a.tier != b.tier { return a.tier < b.tier }
            for (x, y) in zip(a.key, b.key) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
            return a.id < b.id
        }
        let more = found.count - min(limit, found.count)
        return (found.prefix(limit).map(\.id), min(more, 1000), more > 1000)
    }

    static var queries: [String] {
        let sample = (1...4_000).filter { $0 % 97 == 0 }.map { population.patient(number: $0) }
        var list = ["s", "sm", "smi", "smith", "smith j", "j smith", "jo", "mary", "o", "obrien", "brien", "mc", "sian",
                    "smyth", "thomson", "stevens", "reed", "jonson", "a b", "ma jo", "kaur", "singh", "li", "李", "ost",
                    "l1", "ch63", "1956", "smith 1956", "wr", "ll", "van", "de",
                    // words that start one another: each must still claim its own name word
                    "davies d", "davies da", "jones j", "j jones", "smith s", "s smith", "jo jones", "ma mar",
                    "mary m", "thompson t", "thomson t", "smyth s", "o o", "j j", "a a a", "smith smith", "jones jones"]
        for p in sample {
            let family = NameFolding.words(p.familyName).first ?? ""
            let given = NameFolding.words(p.givenNames).first ?? ""
            list.append(String(family.prefix(3)))
            list.append("\(given) \(String(family.prefix(2)))")
            list.append("\(String(given.prefix(1))) \(family)")
            list.append("\(family) \(String(family.prefix(1)))")
            list.append("\(family) \(p.dateOfBirth.display)")
            if let postcode = p.postcode { list.append(postcode.outward); list.append("\(family) \(postcode.outward)"); list.append("\(given) \(postcode.outward)"); list.append("\(String(family.prefix(1))) \(postcode.value)") }
            if let phone = p.phones.first { list.append(phone.number) }
        }
        return list
    }

    @Test(arguments: queries)
    func sameAsAFullScan(query: String) throws {
        let (fx, patients) = Self.fixture
        for limit in [5, 50] {
            let got = try fx.search(query, limit: limit)
            let want = Self.expected(query, limit: limit, in: patients)
            #expect(got.results.map(\.id) == want.ids, "\(query) limit \(limit)")
            #expect(got.more == want.more, "\(query) limit \(limit): more")
            #expect(got.moreCapped == want.capped, "\(query) limit \(limit): capped")
        }
    }
}
