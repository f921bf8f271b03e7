import GRDB
import GRDBSQLite
import FrontDeskDomain

/// Runs a `SearchQuery` against the patient tables without ever scanning the
/// whole table (Docs/SEARCH.md tells the whole story).
///
/// Results are listed by (match tier, family name, given names, date of birth).
/// One term drives: an identifier that names a patient, an address or a day,
/// else the name word whose sorted ranges are smallest. Its candidates come
/// from index ranges in listing order (or small ranges SQLite sorts) that carry
/// each patient's name words, filtered in SQL by a necessary condition for every
/// other term, and decided exactly in Swift by `NameMatcher`. A range is read
/// only until it can no longer change the first `limit` rows; matches are then
/// counted up to `limit + 1,001`. Only the rows shown are fetched in full.
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
        /// The table(s) of the range: `patient p`, `patient_name_word w`, …
        var table: String
        /// The alias whose columns carry the listing keys and name words (`p`, `w`, `s`).
        var alias: String
        /// The range condition on `table`.
        var range: String
        var arguments: [any DatabaseValueConvertible]
        /// The patient id in `table` (`p.id`, `w.patient_id`, …).
        var idColumn: String
        /// The best tier any row of this source can have.
        var best: MatchTier
        /// Index of the query term this source stands for (its own condition is not repeated).
        var term: Int

        var hasPatient: Bool { alias == "p" }
        var order: String { "\(alias).family_key, \(alias).given_key, \(alias).date_of_birth, \(idColumn)" }
        var columns: String {
            "\(idColumn), \(alias).family_key, \(alias).given_key, \(alias).date_of_birth, \(alias).family_words, \(alias).other_words, \(alias).family_sounds"
        }
    }

    /// A decided candidate: what ranks it (the rest of its row is fetched for the shown rows only).
    struct Match {
        var id: Int64
        var tier: MatchTier
        var familyKey: String
        var givenKey: String
        var dateOfBirth: String
    }

    /// The end of the range of strings starting with `prefix`.
    static func upperBound(_ prefix: String) -> String { prefix + "\u{10FFFF}" }

    static func year(_ year: Int) -> String {
        String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
    }

    // MARK: conditions

    /// A necessary SQL condition for one term: on `alias`'s name words for a
    /// name (exact but for the distinct-words rule and tiers), on the patient
    /// `p` for an identifier (exact).
    func condition(_ term: SearchQuery.Term, alias a: String) -> (String, [any DatabaseValueConvertible]) {
        switch term {
        case .name(let word):
            var sql = "(instr(\(a).family_words, ?) > 0 OR instr(\(a).other_words, ?) > 0"
            var args: [any DatabaseValueConvertible] = [" " + word, " " + word]
            if let sound = SoundsLike.key(word) {
                sql += " OR instr(\(a).family_sounds, ?) > 0"
                args.append(" " + sound + "/")
            }
            return (sql + ")", args)
        case .identifier(_, let meanings):
            if meanings.isEmpty { return ("0", []) }
            // As a filter, never as an index: `+column` keeps SQLite on the driving range.
            let parts = meanings.map { Self.meaningSQL($0, alias: a, filter: true) }
            return ("(" + parts.map(\.sql).joined(separator: " OR ") + ")", parts.flatMap(\.arguments))
        }
    }

    /// True when a meaning can be checked on the search tables alone (they carry
    /// the date of birth, district and hospital number); the others need the
    /// patient row (they are narrow, and drive whenever they are typed).
    static func onSearchTables(_ meaning: SearchQuery.Meaning) -> Bool {
        switch meaning {
        case .dateOfBirth, .birthYear, .district, .hospitalNumber: return true
        default: return false
        }
    }

    /// The exact condition on the patient `p` for one meaning of an identifier,
    /// each served by an index.
    static func meaningSQL(_ meaning: SearchQuery.Meaning, alias a: String = "p", filter: Bool = false)
        -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        let f = filter ? "+" : ""
        switch meaning {
        case .nhsNumber(let digits): return ("\(f)p.nhs_number = ?", [digits])
        case .hospitalNumber(let key): return ("\(f)\(a).mrn_key = ?", [key])
        case .dateOfBirth(let date): return ("\(f)\(a).date_of_birth = ?", [date.iso])
        case .birthYear(let year):
            return ("(\(f)\(a).date_of_birth >= ? AND \(f)\(a).date_of_birth < ?)", [Self.year(year), Self.year(year + 1)])
        case .phone(let key): return ("\(f)p.id IN (SELECT patient_id FROM patient_phone WHERE number_key = ?)", [key])
        case .postcode(let value): return ("\(f)p.postcode = ?", [value])
        case .district(let value): return ("\(f)\(a).postcode_district = ?", [value])
        }
    }

    /// When some query words start with another (`davies d`), each must still
    /// claim a different name word: for every word `v` that begins `n > 1` of
    /// them, the patient needs `n` words beginning with `v`, unless a family word
    /// that does not begin with `v` sounds like one of them (then the check is
    /// left to Swift). A necessary condition (Hall's), written with GLOB so that
    /// no row allocates: `' da* da*'` is "two words beginning da".
    func groupConditions(alias a: String) -> String {
        var sql = ""
        let words = matcher.words
        var done = Set<String>()
        for v in words where !done.contains(v) {
            done.insert(v)
            let group = words.filter { $0.hasPrefix(v) }
            guard group.count > 1 else { continue }
            // Folded words hold only letters and digits, so they are safe inside GLOB patterns.
            func atLeast(_ count: Int, _ column: String) -> String? {
                count == 0 ? nil : "\(a).\(column) GLOB '*" + String(repeating: " \(v)*", count: count) + "'"
            }
            var splits: [String] = []
            for inFamily in 0...group.count {
                let parts = [atLeast(inFamily, "family_words"), atLeast(group.count - inFamily, "other_words")].compactMap { $0 }
                splits.append("(" + parts.joined(separator: " AND ") + ")")
            }
            // A family word sounding like a group word but not beginning with v.
            let letters = Array(v)
            for key in Set(group.compactMap { SoundsLike.key($0) }) {
                for i in letters.indices {
                    let head = String(letters[..<i])
                    splits.append("\(a).family_sounds GLOB '* \(key)/\(head)[^\(letters[i])]*'")
                    if i > 0 { splits.append("\(a).family_sounds GLOB '* \(key)/\(head) *'") }
                }
            }
            sql += " AND (" + splits.joined(separator: " OR ") + ")"
        }
        return sql
    }

    /// FROM … WHERE … for a source with the conditions of every other term:
    /// the patient table is joined only when an identifier must be checked.
    func filtered(_ source: Source) -> (from: String, arguments: StatementArguments) {
        var sql = groupConditions(alias: source.alias)
        var args = source.arguments
        var needsPatient = false
        for (index, term) in query.terms.enumerated() where index != source.term {
            if case .identifier(_, let meanings) = term, !meanings.allSatisfy(Self.onSearchTables) { needsPatient = true }
            let (c, a) = condition(term, alias: source.alias)
            sql += " AND " + c
            args += a
        }
        let join = needsPatient && !source.hasPatient ? " JOIN patient p ON p.id = \(source.idColumn)" : ""
        return ("\(source.table)\(join) WHERE \(source.range)\(sql)", sqlArguments(args))
    }

    // MARK: sources

    /// One source per meaning of an identifier term.
    func identifierSources(term index: Int, meanings: [SearchQuery.Meaning]) -> [Source] {
        let best: MatchTier = matcher.isEmpty ? .direct : .directFamily
        return meanings.map { meaning in
            let (range, arguments) = Self.meaningSQL(meaning)
            return Source(table: "patient p", alias: "p", range: range, arguments: arguments, idColumn: "p.id",
                          best: best, term: index)
        }
    }

    /// The sources of one name word: its family-name prefix range (in listing
    /// order by index), its later family words, its other names, and its
    /// sounds-alike family words. Every match of the query has this word
    /// matching in one of them.
    func nameSources(term index: Int, word: String) -> [Source] {
        let upper = Self.upperBound(word)
        var sources = [
            Source(table: "patient p", alias: "p", range: "p.family_key >= ? AND p.family_key < ?", arguments: [word, upper],
                   idColumn: "p.id", best: .directFamily, term: index),
            Source(table: "patient_name_word w", alias: "w", range: "w.kind = 1 AND w.word >= ? AND w.word < ?",
                   arguments: [word, upper], idColumn: "w.patient_id", best: .directFamily, term: index),
            Source(table: "patient_name_word w", alias: "w", range: "w.kind IN (2, 3) AND w.word >= ? AND w.word < ?",
                   arguments: [word, upper], idColumn: "w.patient_id",
                   best: matcher.words.count > 1 ? .directFamily : .direct, term: index),
        ]
        if let sound = SoundsLike.key(word) {
            // Sounds-alike family names, less those the family-name range above
            // already holds (Jones sounds like Jones): the index is on (sound,
            // family_key), so that block is skipped, not read.
            sources.append(Source(table: "patient_name_sound s", alias: "s", range: "s.sound = ? AND s.family_key < ?",
                                  arguments: [sound, word], idColumn: "s.patient_id", best: .soundsLike, term: index))
            sources.append(Source(table: "patient_name_sound s", alias: "s", range: "s.sound = ? AND s.family_key >= ?",
                                  arguments: [sound, upper], idColumn: "s.patient_id", best: .soundsLike, term: index))
        }
        return sources
    }

    /// How many rows a range holds, counted up to `cap`.
    func estimate(_ source: Source, cap: Int) throws -> Int {
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(source.table) WHERE \(source.range) LIMIT \(cap))",
                                arguments: sqlArguments(source.arguments)) ?? 0
    }

    /// The driving term's sources.
    func sources() throws -> [Source] {
        // A term naming one patient, one address or one day holds every match: it drives.
        for (index, term) in query.terms.enumerated() {
            guard case .identifier(_, let meanings) = term else { continue }
            let narrow = meanings.allSatisfy {
                switch $0 {
                case .birthYear, .district: return false
                default: return true
                }
            }
            if narrow { return identifierSources(term: index, meanings: meanings) }
        }
        // Otherwise a name word: every match has it in one of its four ranges.
        // A search with few matches (the usual "given family" look-up) reads its
        // driver's ranges to the end, and the later-family-word and other-name
        // ranges cannot stop early (they are sorted): a word with more than 20,000
        // of those is a poor driver whatever else. Among the rest, the fewest
        // candidates in all four ranges (the sorted ones weighing twice), longest
        // words first, each later word counted only until it costs more than the
        // best so far.
        let words = query.terms.enumerated().compactMap { item -> (Int, String)? in
            if case .name(let w) = item.element { return (item.offset, w) }; return nil
        }.sorted { $0.1.count > $1.1.count }
        var best: (sources: [Source], cost: Int)?
        if words.count == 1 || query.terms.count == 1 {
            best = words.first.map { (nameSources(term: $0.0, word: $0.1), 0) }
        } else {
            var candidates: [(sources: [Source], sorted: Int)] = []
            for (index, word) in words {
                let sources = nameSources(term: index, word: word)
                var sortedSize = 0
                for s in sources where !s.hasPatient && s.best != .soundsLike {
                    sortedSize += try estimate(s, cap: 20_001 - sortedSize)
                }
                candidates.append((sources, sortedSize))
            }
            let small = candidates.filter { $0.sorted <= 20_000 }
            let field = small.isEmpty ? [candidates.min { $0.sorted < $1.sorted }!] : small
            for candidate in field {
                var cost = 2 * candidate.sorted
                if field.count > 1 {
                    for s in candidate.sources where s.hasPatient || s.best == .soundsLike {
                        let budget = (best?.cost ?? Int.max / 2) - cost + 1
                        if budget <= 0 { break }
                        cost += try estimate(s, cap: min(20_000, budget))
                    }
                }
                if best == nil || cost < best!.cost { best = (candidate.sources, cost) }
            }
        }
        // A district or a birth year drives when there is no name, or when it holds fewer candidates.
        for (index, term) in query.terms.enumerated() {
            guard case .identifier(_, let meanings) = term else { continue }
            let candidates = identifierSources(term: index, meanings: meanings)
            guard let named = best else { return candidates }
            var size = 0
            for s in candidates { size += try estimate(s, cap: 5_000) }
            if size < min(named.cost, 5_000) { return candidates }
        }
        guard let chosen = best?.sources else { return [] }
        return try narrowed(chosen)
    }

    /// The driver's family-name range holds every patient whose family name
    /// starts with it: for `robert jones`, every Jones. When another typed word
    /// is unrelated to the driver (neither begins the other), only the Joneses
    /// that word also matches can match, and those are found by seeks instead
    /// of a scan: for each distinct other-name word it begins, the entries of
    /// that word within the family-name range (`patient_name_word` is keyed on
    /// word, then family name); and, limited the same way, the joined forms,
    /// later family words and sounds-alike family words it begins. Skipped when
    /// the word begins too many distinct words (`j`).
    func narrowed(_ sources: [Source]) throws -> [Source] {
        guard let family = sources.first, family.hasPatient,
              case .name(let driver) = query.terms[family.term] else { return sources }
        let others = query.terms.enumerated().compactMap { item -> String? in
            guard item.offset != family.term, case .name(let w) = item.element,
                  !w.hasPrefix(driver), !driver.hasPrefix(w) else { return nil }
            return w
        }.sorted { $0.count > $1.count }
        let upper = Self.upperBound(driver)
        for word in others {
            let wordUpper = Self.upperBound(word)
            var distinct: [String] = []
            var last: String?
            while distinct.count <= 30 {
                let next = try String.fetchOne(
                    db, sql: "SELECT word FROM patient_name_word WHERE kind = 2 AND word \(last == nil ? ">=" : ">") ? AND word < ? ORDER BY word LIMIT 1",
                    arguments: [last ?? word, wordUpper])
                guard let next else { break }
                distinct.append(next)
                last = next
            }
            guard distinct.count <= 30 else { continue }
            func limited(_ table: String, _ alias: String, _ range: String, _ arguments: [any DatabaseValueConvertible]) -> Source {
                Source(table: table, alias: alias, range: range + " AND \(alias).family_key >= ? AND \(alias).family_key < ?",
                       arguments: arguments + [driver, upper], idColumn: "\(alias).patient_id", best: .directFamily, term: family.term)
            }
            var replacement = distinct.map { limited("patient_name_word w", "w", "w.kind = 2 AND w.word = ?", [$0]) }
            replacement.append(limited("patient_name_word w", "w", "w.kind = 3 AND w.word >= ? AND w.word < ?", [word, wordUpper]))
            replacement.append(limited("patient_name_word w", "w", "w.kind = 1 AND w.word >= ? AND w.word < ?", [word, wordUpper]))
            if let sound = SoundsLike.key(word) {
                replacement.append(limited("patient_name_sound s", "s", "s.sound = ?", [sound]))
            }
            return replacement + sources.dropFirst()
        }
        return sources
    }

    // MARK: running

    func run() throws -> SearchResults {
        let sources = try sources()
        var matches: [Int64: Match] = [:]
        var tierCounts = [0, 0, 0]
        func countBetter(than tier: MatchTier) -> Int { tierCounts[0..<tier.rawValue].reduce(0, +) }

        // Sources read to their end in phase 1 (all their matches are known), and
        // how far the others were read in listing order.
        var exhausted = Set<Int>()
        var readSoFar: [Int: Int] = [:]

        // Phase 1: the rows to show. A source is read a page at a time until it has
        // given `limit` rows of the best tier it can give (its later rows can then
        // only rank lower), and skipped when `limit` better rows are already found.
        for (number, source) in sources.enumerated() {
            if countBetter(than: source.best) >= limit { continue }
            let (from, args) = filtered(source)
            var producedAtBest = 0
            var read = 0
            // Pages are read whole: rows within a page may come in any order.
            func consume(_ sql: String) throws {
                try scan(sql, args) { row in
                    read += 1
                    let id = sqlite3_column_int64(row, 0)
                    if let seen = matches[id] {
                        if seen.tier == source.best { producedAtBest += 1 }
                    } else if let tier = evaluate(row) {
                        matches[id] = Match(id: id, tier: tier, familyKey: Self.string(row, 1),
                                            givenKey: Self.string(row, 2), dateOfBirth: Self.string(row, 3))
                        tierCounts[tier.rawValue] += 1
                        if tier == source.best { producedAtBest += 1 }
                    }
                    return true
                }
            }
            let page = limit * 2
            let select = "SELECT \(source.columns) FROM \(from) ORDER BY \(source.order)"
            try consume(select + " LIMIT \(page)")
            if read < page { exhausted.insert(number); continue }
            if producedAtBest >= limit { readSoFar[number] = read; continue }
            try consume(select + " LIMIT -1 OFFSET \(page)")
            exhausted.insert(number)
        }

        // Phase 2: how many more, exactly up to the cap.
        let target = limit + SearchResults.countCap + 1
        var total = matches.count
        if total < target {
            var counted = Set(matches.keys)
            // One name word: the SQL conditions are exact. Several: two words might
            // claim the same name word, so each candidate is decided in Swift.
            let exact = matcher.words.count <= 1
            outer: for (number, source) in sources.enumerated() where !exhausted.contains(number) {
                let (from, args) = filtered(source)
                if exact {
                    let sql = "SELECT \(source.idColumn) FROM \(from)"
                    try scan(sql, args) { row in
                        counted.insert(sqlite3_column_int64(row, 0))
                        return counted.count < target
                    }
                } else {
                    // A range already read in part goes on from where it stopped (a
                    // family-name range is in listing order on its index: no sort).
                    let sql = readSoFar[number].map { "SELECT \(source.columns) FROM \(from) ORDER BY \(source.order) LIMIT -1 OFFSET \($0)" }
                        ?? "SELECT \(source.columns) FROM \(from)"
                    try scan(sql, args) { row in
                        let id = sqlite3_column_int64(row, 0)
                        if !counted.contains(id) && evaluate(row) != nil { counted.insert(id) }
                        return counted.count < target
                    }
                }
                if counted.count >= target { break outer }
            }
            total = counted.count
        }
        let listed = ordered(matches)
        let results = try summaries(listed)
        // Matches not listed (a merged duplicate listed as its kept record is listed).
        let more = total - listed.count
        return SearchResults(results: results, more: min(more, SearchResults.countCap),
                             moreCapped: more > SearchResults.countCap)
    }

    /// The first `limit` in listing order: tier, family name, given names, date of
    /// birth, then id (text compared by bytes, as SQLite does).
    func ordered(_ matches: [Int64: Match]) -> [Match] {
        let sorted = matches.values.sorted { a, b in
            if a.tier != b.tier { return a.tier < b.tier }
            if a.familyKey != b.familyKey { return a.familyKey.utf8.lexicographicallyPrecedes(b.familyKey.utf8) }
            if a.givenKey != b.givenKey { return a.givenKey.utf8.lexicographicallyPrecedes(b.givenKey.utf8) }
            if a.dateOfBirth != b.dateOfBirth { return a.dateOfBirth.utf8.lexicographicallyPrecedes(b.dateOfBirth.utf8) }
            return a.id < b.id
        }
        return Array(sorted.prefix(limit))
    }

    /// The rows to show, fetched in one statement.
    /// A merged duplicate found by its old numbers or names is listed as the
    /// record kept (once).
    func summaries(_ matches: [Match]) throws -> [PatientSummary] {
        guard !matches.isEmpty else { return [] }
        var placeholders = Array(repeating: "?", count: matches.count).joined(separator: ",")
        var kept: [Int64: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT duplicate_id, kept_id FROM patient_merge WHERE duplicate_id IN (\(placeholders))",
                                    arguments: StatementArguments(matches.map(\.id))) {
            kept[row["duplicate_id"]] = row["kept_id"]
        }
        var seen = Set<Int64>()
        let shown = matches.compactMap { m -> Match? in
            var m = m
            m.id = kept[m.id] ?? m.id
            return seen.insert(m.id).inserted ? m : nil
        }
        placeholders = Array(repeating: "?", count: shown.count).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT \(PatientRows.summaryColumns) FROM patient WHERE id IN (\(placeholders))",
                                    arguments: StatementArguments(shown.map(\.id)))
        var byID: [Int64: Row] = [:]
        for row in rows { byID[row["id"]] = row }
        return try shown.compactMap { m in try byID[m.id].map { try PatientRows.summary($0, match: m.tier) } }
    }

    /// The exact decision for one candidate row (columns as `Source.columns`,
    /// read as bytes; identifier terms were exact in SQL).
    func evaluate(_ row: OpaquePointer) -> MatchTier? {
        if matcher.isEmpty { return .direct }
        return matcher.tier(family: Self.bytes(row, 4), other: Self.bytes(row, 5), sounds: Self.bytes(row, 6))
    }

    /// Steps `sql` through the C API, handing each row to `body` until it returns false.
    func scan(_ sql: String, _ arguments: StatementArguments, _ body: (OpaquePointer) throws -> Bool) throws {
        // Not cached: the SQL varies with the words typed (GLOB patterns) and the
        // page, and a cache kept for a whole TUI session would keep them all.
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            if try !body(handle) { return }
        }
    }

    /// A text column's UTF-8 bytes, valid until the row changes.
    static func bytes(_ row: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(row, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(row, column)))
    }

    static func string(_ row: OpaquePointer, _ column: Int32) -> String {
        String(decoding: bytes(row, column), as: UTF8.self)
    }
}

func sqlArguments(_ values: [any DatabaseValueConvertible]) -> StatementArguments {
    StatementArguments(values.map { Optional($0) })
}
