import Foundation

/// Folding and splitting of personal names for search.
///
/// Folding lowers case and removes accents, including letters that Unicode does
/// not decompose and SQLite's own folding leaves alone (Ø, Ł, Đ, ß, Æ, Œ, Þ).
/// Splitting breaks a name at spaces, hyphens and apostrophes and also keeps it
/// joined, so `O'Brien` gives `o`, `brien`, `obrien`.
public enum NameFolding {
    private static let special: [Character: String] = [
        "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss", "ẞ": "ss",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n", "Ŋ": "n", "ĸ": "k", "ſ": "s",
    ]

    /// Lower case, no accents; letters and digits only (other characters removed).
    public static func fold(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if let ascii = character.asciiValue {
                switch ascii {
                case 65...90: out.unicodeScalars.append(Unicode.Scalar(ascii + 32))
                case 97...122, 48...57: out.unicodeScalars.append(Unicode.Scalar(ascii))
                default: break
                }
                continue
            }
            if let mapped = special[character] { out += mapped; continue }
            let folded = String(character).folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            for scalar in folded.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if let mapped = special[Character(scalar)] { out += mapped } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static func isSeparator(_ c: Character) -> Bool {
        c.isWhitespace || c == "-" || c == "'" || c == "\u{2019}" || c == "\u{2018}" || c == "`"
            || c == "\u{2010}" || c == "\u{2011}" || c == "\u{2013}" || c == "\u{2014}" || c == "ʼ"
    }

    /// The folded words of a name, with the joined form when there are several:
    /// `Smith-Jones` → `["smith", "jones", "smithjones"]`. The first word comes first.
    public static func words(_ name: String) -> [String] {
        let parts = name.split(whereSeparator: isSeparator).map { fold(String($0)) }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return parts }
        return parts + [parts.joined()]
    }

    /// The joined, folded form used to sort and to match a family name by prefix:
    /// `O'Brien` → `obrien`, `Ó Súilleabháin` → `osuilleabhain`.
    public static func key(_ name: String) -> String { fold(name) }
}

/// A "sounds like" key for family names.
///
/// Soundex pairs Smith/Smyth and Reid/Reed but not Thomson/Thompson, and codes
/// m and n alike (too coarse). This key keeps the first letter and the consonant
/// skeleton after rewriting the spellings that sound alike in British surnames:
/// PH→F, V→F, MPS→MS, MPT→MT, CK/Q/C(hard)→K, C(soft)→S, Z→S, X→KS, TH→T, GH
/// silent, KN/WR at the start; then vowels, Y, H and W after the first letter
/// are dropped and doubled letters collapse. So Smith = Smyth (SMT),
/// Thomson = Thompson (TMSN), Stevens = Stephens (STFNS), Reid = Reed (RD),
/// Jonson = Johnson (JNSN), MacDonald = McDonald (MKDNLD).
public enum SoundsLike {
    /// The key of one folded word, or nil when it has fewer than three letters
    /// or is not written in Latin letters.
    public static func key(_ folded: String) -> String? {
        let s = Array(folded.utf8)
        guard s.count >= 3, s.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return nil }
        // Rewrite alike spellings in one left-to-right pass (lower-case ASCII bytes).
        var r: [UInt8] = []
        r.reserveCapacity(s.count + 2)
        var i = 0
        if s.starts(with: Array("kn".utf8)) || s.starts(with: Array("wr".utf8)) { i = 1 }
        func at(_ text: String) -> Bool {
            var k = i
            for byte in text.utf8 {
                guard k < s.count, s[k] == byte else { return false }
                k += 1
            }
            return true
        }
        let k: UInt8 = 107, sByte: UInt8 = 115, f: UInt8 = 102, t: UInt8 = 116, m: UInt8 = 109, g: UInt8 = 103
        while i < s.count {
            if at("sch") { r += [sByte, k]; i += 3 }
            else if at("mps") { r += [m, sByte]; i += 3 }
            else if at("mpt") { r += [m, t]; i += 3 }
            else if at("ph") { r.append(f); i += 2 }
            else if at("ck") { r.append(k); i += 2 }
            else if at("th") { r.append(t); i += 2 }
            else if at("gh") { i += 2 }
            else if at("dg") { r.append(g); i += 2 }
            else {
                switch s[i] {
                case 113: r.append(k)              // q
                case 120: r += [k, sByte]          // x
                case 122: r.append(sByte)          // z
                case 118: r.append(f)              // v
                case 99:                           // c: soft before e, i, y
                    let next: UInt8 = i + 1 < s.count ? s[i + 1] : 0
                    r.append(next == 101 || next == 105 || next == 121 ? sByte : k)
                default: r.append(s[i])
                }
                i += 1
            }
        }
        guard let first = r.first else { return nil }
        var out: [UInt8] = [first]
        var last = first
        for c in r.dropFirst() {
            switch c {
            case 97, 101, 105, 111, 117, 121, 104, 119: last = c; continue // a e i o u y h w
            default:
                if c != last { out.append(c) }
                last = c
            }
        }
        return String(decoding: out, as: UTF8.self).uppercased()
    }
}
