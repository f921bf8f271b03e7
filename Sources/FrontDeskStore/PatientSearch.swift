import GRDB
import FrontDeskDomain

/// Runs a `SearchQuery` against the patient tables without ever scanning the
/// whole table (Docs/SEARCH.md tells the whole story).
///
/// Results are listed by (match tier, family name, given names, date of birth).
/// Every candidate comes from an index range already in that order (or a small
/// range sorted by SQLite), filtered in SQL by a necessary condition for every
/// other term, and decided exactly in Swift by `NameMatcher`. Each source is read
/// only until it can no longer change the first `limit` rows; matches are then
/// counted, by id only, up to `limit + 1,001`.
struct PatientSearch {
    let db: Database
    let query: SearchQuery
    let limit: Int
    let matcher: NameMatcher

    init(db: Database, query: SearchQuery, limit: Int) {
        self.db = db
        self.query = query
        self.limit = limit
        self.matcher = NameMatcher(words: query.nameWords)
    }

    /// One stream of candidates, in listing order.
    struct Source {
        /// FROM … WHERE … with `p` the patient table.
        var from: String
        var arguments: [any DatabaseValueConvertible]
        /// ORDER BY clause giving listing order.
        var order: String
        /// Select of the patient id alone (for counting), when no join is needed.
        var idSelect: String
        /// The best tier any row of this source can have.
        var best: MatchTier
        /// Index of the query term this source stands for (its own condition is not repeated).
        var term: Int
    }

    struct Match {
        var summary: PatientSummary
        var familyKey: String
        var givenKey: String
    }

    static let evalColumns = "p.id, p.mrn, p.nhs_number, p.title, p.family_name, p.given_names, p.date_of_birth, p.sex, p.postcode, p.family_key, p.given_key, p.family_words, p.other_words, p.family_sounds"

    static func upperBound(_ prefix: String) -> String { prefix + "\u{10FFFF}" }

    // MARK: conditions

    /// A necessary SQL condition on `p` for one term (exact for identifiers).
    func condition(_ term: SearchQuery.Term) -> (String, [any DatabaseValueConvertible]) {
        switch term {
        case .name(let word):
            var sql = "(instr(' ' || p.family_words, ?) > 0 OR instr(' ' || p.other_words, ?) > 0"
            var args: [any DatabaseValueConvertible] = [" " + word, " " + word]
            if let sound = SoundsLike.key(word) {
                sql += " OR instr(' ' || p.family_sounds || ' ', ?) > 0"
                args.append(" " + sound + " ")
            }
            return (sql + ")", args)
        case .identifier(_, let meanings):
            if meanings.isEmpty { return ("0", []) }
            var parts: [String] = []
            var args: [any DatabaseValueConvertible] = []
            for meaning in meanings {
                switch meaning {
                case .nhsNumber(let digits): parts.append("p.nhs_number = ?"); args.append(digits)
                case .hospitalNumber(let key): parts.append("p.mrn_key = ?"); args.append(key)
                case .dateOfBirth(let date): parts.append("p.date_of_birth = ?"); args.append(date.iso)
                case .birthYear(let year):
                    parts.append("(p.date_of_birth >= ? AND p.date_of_birth < ?)")
                    args += [String(format: "%04d", year), String(format: "%04d", year + 1)]
                case .phone(let key):
                    parts.append("p.id IN (SELECT patient_id FROM patient_phone WHERE number_key = ?)"); args.append(key)
                case .postcode(let value): parts.append("p.postcode = ?"); args.append(value)
                case .district(let value): parts.append("p.postcode_district = ?"); args.append(value)
                }
            }
            return ("(" + parts.joined(separator: " OR ") + ")", args)
        }
    }

    /// Conditions of every term except `skip`.
    func otherConditions(skipping skip: Int) -> (String, [any DatabaseValueConvertible]) {
        var sql = ""
        var args: [any DatabaseValueConvertible] = []
        for (index, term) in query.terms.enumerated() where index != skip {
            let (c, a) = condition(term)
            sql += " AND " + c
            args += a
        }
        return (sql, args)
    }

    // MARK: sources

    static let patientOrder = "p.family_key, p.given_key, p.date_of_birth, p.id"

    func identifierSources(term index: Int, meanings: [SearchQuery.Meaning]) -> [Source] {
        let best: MatchTier = matcher.isEmpty ? .direct : .directFamily
        return meanings.map { meaning in
            let (base, args): (String, [any DatabaseValueConvertible])
            switch meaning {
            case .nhsNumber(let digits): (base, args) = ("patient p WHERE p.nhs_number = ?", [digits])
            case .hospitalNumber(let key): (base, args) = ("patient p WHERE p.mrn_key = ?", [key])
            case .dateOfBirth(let date): (base, args) = ("patient p WHERE p.date_of_birth = ?", [date.iso])
            case .birthYear(let year):
                (base, args) = ("patient p WHERE p.date_of_birth >= ? AND p.date_of_birth < ?",
                                [String(format: "%04d", year), String(format: "%04d", year + 1)])
            case .phone(let key):
                (base, args) = ("patient_phone ph JOIN patient p ON p.id = ph.patient_id WHERE ph.number_key = ?", [key])
            case .postcode(let value): (base, args) = ("patient p WHERE p.postcode = ?", [value])
            case .district(let value): (base, args) = ("patient p WHERE p.postcode_district = ?", [value])
            }
            return Source(from: base, arguments: args, order: Self.patientOrder, idSelect: "p.id", best: best, term: index)
        }
    }

    func nameSources() -> [Source] {
        var tier0: [Source] = []
        var sounds: [Source] = []
        var bestOther: (Source, Int)?
        let words = query.terms.enumerated().compactMap { item -> (Int, String)? in
            if case .name(let w) = item.element { return (item.offset, w) }; return nil
        }
        for (index, word) in words {
            let upper = Self.upperBound(word)
            tier0.append(Source(
                from: "patient p WHERE p.family_key >= ? AND p.family_key < ?", arguments: [word, upper],
                order: Self.patientOrder, idSelect: "p.id", best: .directFamily, term: index))
            tier0.append(Source(
                from: "patient_name_word w JOIN patient p ON p.id = w.patient_id WHERE w.kind = 1 AND w.word >= ? AND w.word < ?",
                arguments: [word, upper], order: "w.family_key, w.given_key, w.date_of_birth, w.patient_id",
                idSelect: "w.patient_id", best: .directFamily, term: index))
            // Every match with no direct family word has all its words among the other
            // names: one word's range of other names holds them all. Take the narrowest.
            let other = Source(
                from: "patient_name_word w JOIN patient p ON p.id = w.patient_id WHERE w.kind = 2 AND w.word >= ? AND w.word < ?",
                arguments: [word, upper], order: "w.family_key, w.given_key, w.date_of_birth, w.patient_id",
                idSelect: "w.patient_id", best: words.count > 1 ? .directFamily : .direct, term: index)
            let size = (try? estimate("SELECT 1 FROM patient_name_word WHERE kind = 2 AND word >= ? AND word < ?", [word, upper])) ?? Int.max
            if bestOther == nil || size < bestOther!.1 { bestOther = (other, size) }
            if let sound = SoundsLike.key(word) {
                sounds.append(Source(
                    from: "patient_name_sound s JOIN patient p ON p.id = s.patient_id WHERE s.sound = ?",
                    arguments: [sound], order: "s.family_key, s.given_key, s.date_of_birth, s.patient_id",
                    idSelect: "s.patient_id", best: .soundsLike, term: index))
            }
        }
        return tier0 + (bestOther.map { [$0.0] } ?? []) + sounds
    }

    /// How many rows a range holds, counted up to 5,000.
    func estimate(_ sql: String, _ args: [any DatabaseValueConvertible]) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(sql) LIMIT 5000)", arguments: sqlArguments(args)) ?? 0
    }

    func sources() throws -> [Source] {
        // A term naming one patient or one day is the best driver: it holds every match.
        let small: Set<String> = ["nhs", "mrn", "dob", "phone", "postcode"]
        func kind(_ m: SearchQuery.Meaning) -> String {
            switch m {
            case .nhsNumber: return "nhs"
            case .hospitalNumber: return "mrn"
            case .dateOfBirth: return "dob"
            case .phone: return "phone"
            case .postcode: return "postcode"
            case .birthYear: return "year"
            case .district: return "district"
            }
        }
        var broad: (Int, [SearchQuery.Meaning])?
        for (index, term) in query.terms.enumerated() {
            guard case .identifier(_, let meanings) = term else { continue }
            if meanings.allSatisfy({ small.contains(kind($0)) }) {
                return identifierSources(term: index, meanings: meanings)
            }
            if broad == nil { broad = (index, meanings) }
        }
        if let (index, meanings) = broad {
            if matcher.isEmpty { return identifierSources(term: index, meanings: meanings) }
            let candidates = identifierSources(term: index, meanings: meanings)
            var size = 0
            for s in candidates { size += try estimate("SELECT 1 FROM \(s.from)", s.arguments) }
            if size < 5000 { return candidates }
        }
        return nameSources()
    }

    // MARK: running

    func run() throws -> SearchResults {
        let sources = try sources()
        var matches: [Int64: Match] = [:]
        var tierCounts = [0, 0, 0]
        func countBetter(than tier: MatchTier) -> Int { tierCounts[0..<tier.rawValue].reduce(0, +) }

        // Phase 1: the rows to show.
        for source in sources {
            if countBetter(than: source.best) >= limit { continue }
            let (conditions, conditionArgs) = otherConditions(skipping: source.term)
            let sql = "SELECT \(Self.evalColumns) FROM \(source.from)\(conditions) ORDER BY \(source.order)"
            let args = sqlArguments(source.arguments + conditionArgs)
            var producedAtBest = 0
            let page = limit * 2
            var read = 0
            func consume(_ rows: RowCursor) throws -> Bool {
                while let row = try rows.next() {
                    read += 1
                    let id: Int64 = row[0]
                    if let seen = matches[id] {
                        if seen.summary.match == source.best { producedAtBest += 1 }
                    } else if let match = evaluate(row) {
                        matches[id] = match
                        tierCounts[match.summary.match.rawValue] += 1
                        if match.summary.match == source.best { producedAtBest += 1 }
                    }
                    if producedAtBest >= limit { return true }
                }
                return false
            }
            if try consume(Row.fetchCursor(db, sql: sql + " LIMIT \(page)", arguments: args)) { continue }
            if read < page { continue }
            _ = try consume(Row.fetchCursor(db, sql: sql + " LIMIT -1 OFFSET \(page)", arguments: args))
        }

        // Phase 2: how many more, exactly up to the cap.
        let target = limit + SearchResults.countCap + 1
        if matches.count < target {
            var counted = Set(matches.keys)
            // One name word: the SQL conditions are exact. Several: two words might
            // claim the same name word, so each candidate is decided in Swift.
            let exact = matcher.words.count <= 1
            outer: for source in sources {
                let (conditions, conditionArgs) = otherConditions(skipping: source.term)
                let args = sqlArguments(source.arguments + conditionArgs)
                if exact {
                    let ids = try Int64.fetchCursor(db, sql: "SELECT \(source.idSelect) FROM \(source.from)\(conditions)", arguments: args)
                    while let id = try ids.next() {
                        counted.insert(id)
                        if counted.count >= target { break outer }
                    }
                } else {
                    let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.evalColumns) FROM \(source.from)\(conditions)", arguments: args)
                    while let row = try rows.next() {
                        let id: Int64 = row[0]
                        if counted.contains(id) { continue }
                        if evaluate(row) != nil { counted.insert(id) }
                        if counted.count >= target { break outer }
                    }
                }
            }
            let total = counted.count
            let shown = min(limit, matches.count)
            let more = total - shown
            return SearchResults(results: ordered(matches), more: min(more, SearchResults.countCap),
                                 moreCapped: more > SearchResults.countCap)
        }
        let shown = min(limit, matches.count)
        return SearchResults(results: ordered(matches), more: SearchResults.countCap,
                             moreCapped: matches.count - shown > SearchResults.countCap)
    }

    func ordered(_ matches: [Int64: Match]) -> [PatientSummary] {
        let sorted = matches.values.sorted { a, b in
            if a.summary.match != b.summary.match { return a.summary.match < b.summary.match }
            if a.familyKey != b.familyKey { return a.familyKey.utf8.lexicographicallyPrecedes(b.familyKey.utf8) }
            if a.givenKey != b.givenKey { return a.givenKey.utf8.lexicographicallyPrecedes(b.givenKey.utf8) }
            if a.summary.dateOfBirth != b.summary.dateOfBirth { return a.summary.dateOfBirth < b.summary.dateOfBirth }
            return a.summary.id < b.summary.id
        }
        return sorted.prefix(limit).map(\.summary)
    }

    /// The exact decision for one candidate row (identifier terms were exact in SQL).
    func evaluate(_ row: Row) -> Match? {
        let tier: MatchTier
        if matcher.isEmpty {
            tier = .direct
        } else {
            let family = SearchWords.decode(row[11])
            let other = SearchWords.decode(row[12])
            let sounds = family.map { SoundsLike.key($0) }
            guard let t = matcher.tier(family: family, other: other, familySounds: sounds) else { return nil }
            tier = t
        }
        return Match(summary: PatientRows.summary(row, match: tier), familyKey: row[9], givenKey: row[10])
    }
}

func sqlArguments(_ values: [any DatabaseValueConvertible]) -> StatementArguments {
    StatementArguments(values.map { Optional($0) })
}
