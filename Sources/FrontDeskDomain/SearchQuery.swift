/// One search box's text, parsed the way a clerk types it.
///
/// Every term must match (AND). A term with digits may mean several things (a
/// date of birth or a hospital number, say) and matches when any meaning does.
/// Spaced groups are joined first: `943 476 5919` is one NHS number,
/// `0151 556 5000` one phone number, `CH63 4JY` one postcode, `12 Mar 1956` one date.
public struct SearchQuery: Sendable, Hashable {
    public enum Meaning: Sendable, Hashable {
        /// Ten digits passing Modulus 11.
        case nhsNumber(String)
        /// Upper-cased hospital number.
        case hospitalNumber(String)
        case dateOfBirth(LocalDate)
        /// Four-digit year, 1900 or later.
        case birthYear(Int)
        /// National-form phone key (`01515565000`).
        case phone(String)
        /// Full normalised postcode (`CH63 4JY`).
        case postcode(String)
        /// Outward code alone (`CH63`).
        case district(String)
    }

    public enum Term: Sendable, Hashable {
        /// Matches when any of the meanings does (an empty list matches nothing).
        case identifier(text: String, meanings: [Meaning])
        /// A folded name word: a prefix of one of the patient's name words.
        case name(String)
    }

    public var terms: [Term]

    public init(terms: [Term]) { self.terms = terms }

    public var isEmpty: Bool { terms.isEmpty }
    public var nameWords: [String] { terms.compactMap { if case .name(let w) = $0 { return w }; return nil } }
    public var identifiers: [[Meaning]] {
        terms.compactMap { if case .identifier(_, let m) = $0 { return m }; return nil }
    }

    public static func parse(_ text: String) -> SearchQuery {
        let raw = text.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
        var terms: [Term] = []
        var index = 0
        while index < raw.count {
            var consumed = 1
            var term: Term?
            // Longest spaced group first: phone (up to 5 parts), NHS, date, postcode.
            for span in stride(from: min(5, raw.count - index), through: 2, by: -1) {
                let parts = Array(raw[index..<index + span])
                let meanings = groupMeanings(parts)
                if !meanings.isEmpty {
                    term = .identifier(text: parts.joined(separator: " "), meanings: meanings)
                    consumed = span
                    break
                }
            }
            if term == nil { term = single(raw[index]) }
            // A repeated name word must match two different name words; a repeated
            // identifier adds nothing.
            if let term, case .name = term { terms.append(term) }
            else if let term, !terms.contains(term) { terms.append(term) }
            index += consumed
        }
        return SearchQuery(terms: terms)
    }

    /// Meanings of several space-separated parts read as one value.
    static func groupMeanings(_ parts: [String]) -> [Meaning] {
        var meanings: [Meaning] = []
        let numeric = parts.allSatisfy { $0.allSatisfy { c in c.isASCII && (c.isNumber || "+()-".contains(c)) } }
        if numeric {
            let joined = parts.joined()
            if let nhs = NHSNumber(joined) { meanings.append(.nhsNumber(nhs.digits)) }
            if let phone = PhoneNumber.key(joined) { meanings.append(.phone(phone)) }
        }
        if parts.count == 2, let postcode = Postcode(parts.joined()), parts[1].count == 3 {
            meanings.append(.postcode(postcode.value))
        }
        // `12 Mar 1956`, `12 03 1956`: day, month, four-digit year.
        if parts.count == 3, parts[0].count <= 2, parts[1].count <= 9, parts[2].count == 4,
           let date = LocalDate.parse(parts.joined(separator: " ")) {
            meanings.append(.dateOfBirth(date))
        }
        return meanings
    }

    static func single(_ token: String) -> Term? {
        if token.contains(where: { $0.isASCII && $0.isNumber }) {
            var meanings: [Meaning] = []
            if let nhs = NHSNumber(token) { meanings.append(.nhsNumber(nhs.digits)) }
            if let phone = PhoneNumber.key(token) { meanings.append(.phone(phone)) }
            if let date = LocalDate.parse(token) { meanings.append(.dateOfBirth(date)) }
            if token.count == 4, let year = Int(token), year >= 1900 { meanings.append(.birthYear(year)) }
            if let postcode = Postcode(token) { meanings.append(.postcode(postcode.value)) }
            if let district = Postcode.outwardCode(token) { meanings.append(.district(district)) }
            if PatientFields.isHospitalNumber(token) { meanings.append(.hospitalNumber(token.uppercased())) }
            return .identifier(text: token, meanings: meanings)
        }
        let folded = NameFolding.fold(token)
        return folded.isEmpty ? nil : .name(folded)
    }
}

/// How a patient matched a query's name words; lower ranks first.
public enum MatchTier: Int, Sendable, Comparable, Codable {
    /// Every word matched directly and one of them matched the family name.
    case directFamily = 0
    /// Every word matched directly, none the family name.
    case direct = 1
    /// At least one word matched only by sounding like a family-name word.
    case soundsLike = 2

    public static func < (a: MatchTier, b: MatchTier) -> Bool { a.rawValue < b.rawValue }
}

/// Decides whether, and how well, a patient's names match the name words of a
/// query: each query word must be a prefix of a *different* word of the
/// patient's names (or, for words of three letters or more, sound like a
/// different family-name word).
public struct NameMatcher: Sendable {
    public let words: [String]
    let sounds: [String?]

    let wordBytes: [[UInt8]]
    let soundBytes: [[UInt8]?]

    public init(words: [String]) {
        self.words = words
        self.sounds = words.map { SoundsLike.key($0) }
        self.wordBytes = words.map { Array($0.utf8) }
        self.soundBytes = sounds.map { $0.map { Array($0.utf8) } }
    }

    public var isEmpty: Bool { words.isEmpty }

    /// True when some word is long enough to match by sound.
    public var needsSounds: Bool { sounds.contains { $0 != nil } }

    /// The same decision on stored word lists as UTF-8 bytes, without building
    /// strings (the search reads them straight from SQLite): `family` and
    /// `other` are space-delimited words (` smith jones smithjones `), `sounds`
    /// the family words' `KEY/word` entries in the same order (`-` for none).
    public func tier(family: UnsafeBufferPointer<UInt8>, other: UnsafeBufferPointer<UInt8>,
                     sounds: UnsafeBufferPointer<UInt8>) -> MatchTier? {
        if words.isEmpty { return .direct }
        let familyWords = Self.spans(family)
        let otherWords = Self.spans(other)
        var soundKeys: [Range<Int>] = []
        if needsSounds {
            for span in Self.spans(sounds) {
                var end = span.lowerBound
                while end < span.upperBound && sounds[end] != 47 { end += 1 } // '/'
                soundKeys.append(span.lowerBound..<end)
            }
        }
        func starts(_ buffer: UnsafeBufferPointer<UInt8>, _ span: Range<Int>, with word: [UInt8]) -> Bool {
            guard span.count >= word.count else { return false }
            var i = 0
            while i < word.count { if buffer[span.lowerBound + i] != word[i] { return false }; i += 1 }
            return true
        }
        func equals(_ buffer: UnsafeBufferPointer<UInt8>, _ span: Range<Int>, _ word: [UInt8]) -> Bool {
            span.count == word.count && starts(buffer, span, with: word)
        }
        var edges: [[(Int, Int)]] = []
        edges.reserveCapacity(words.count)
        for i in 0..<words.count {
            let word = wordBytes[i]
            var list: [(Int, Int)] = []
            for (j, span) in familyWords.enumerated() {
                if starts(family, span, with: word) { list.append((j, 0)) }
                else if let key = soundBytes[i], j < soundKeys.count, equals(sounds, soundKeys[j], key) { list.append((j, 2)) }
            }
            for (j, span) in otherWords.enumerated() where starts(other, span, with: word) {
                list.append((familyWords.count + j, 1))
            }
            if list.isEmpty { return nil }
            edges.append(list)
        }
        return bestAssignment(edges)
    }

    /// The space-delimited words of a stored list, as byte ranges.
    static func spans(_ buffer: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var start = 0
        for i in 0..<buffer.count where buffer[i] == 32 {
            if start < i { spans.append(start..<i) }
            start = i + 1
        }
        if start < buffer.count { spans.append(start..<buffer.count) }
        return spans
    }

    /// The best tier over complete assignments of query words to distinct patient
    /// words; `edges[i]` lists (patient word, kind) with kind 0 = direct family,
    /// 1 = direct other, 2 = sounds like.
    func bestAssignment(_ edges: [[(Int, Int)]]) -> MatchTier? {
        var best: MatchTier?
        var used: [Int] = []
        func search(_ i: Int, anyFamily: Bool, anySound: Bool) {
            if best == .directFamily { return }
            if i == edges.count {
                let tier: MatchTier = anySound ? .soundsLike : (anyFamily ? .directFamily : .direct)
                if best == nil || tier < best! { best = tier }
                return
            }
            for (j, kind) in edges[i] where !used.contains(j) {
                used.append(j)
                search(i + 1, anyFamily: anyFamily || kind == 0, anySound: anySound || kind == 2)
                used.removeLast()
            }
        }
        search(0, anyFamily: false, anySound: false)
        return best
    }

    /// The best tier over every assignment of query words to distinct patient
    /// words, or nil when there is none. `familySounds` are the keys of the
    /// family words, in the same order (computed when omitted).
    public func tier(family: [String], other: [String], familySounds: [String?]? = nil) -> MatchTier? {
        if words.isEmpty { return .direct }
        let sounds = familySounds ?? (needsSounds ? family.map { SoundsLike.key($0) } : [])
        // edges[i]: (patient word index, kind) with kind 0 = direct family, 1 = direct other, 2 = sounds like
        var edges: [[(Int, Int)]] = []
        edges.reserveCapacity(words.count)
        for (i, word) in words.enumerated() {
            var list: [(Int, Int)] = []
            for (j, f) in family.enumerated() {
                if f.hasPrefix(word) { list.append((j, 0)) }
                else if let s = self.sounds[i], j < sounds.count, sounds[j] == s { list.append((j, 2)) }
            }
            for (j, o) in other.enumerated() where o.hasPrefix(word) { list.append((family.count + j, 1)) }
            if list.isEmpty { return nil }
            edges.append(list)
        }
        return bestAssignment(edges)
    }
}
