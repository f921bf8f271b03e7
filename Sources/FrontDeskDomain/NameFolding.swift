import Foundation

/// Folding and splitting of personal names for search.
///
/// Folding lowers case and removes accents, including letters that Unicode does
/// not decompose and SQLite's own folding leaves alone (Ø, Ł, Đ, ß, Æ, Œ, Þ).
/// Splitting breaks a name at spaces, hyphens and apostrophes and also keeps it
/// joined, so `O'Brien` gives `o`, `brien`, `obrien`.
public enum NameFolding {
    private static let special: [Unicode.Scalar: String] = [
        "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ß": "ss", "ẞ": "ss",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n", "Ŋ": "n", "ĸ": "k", "ſ": "s",
    ]

    /// Lower case, no accents; letters and digits only (other characters removed).
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return String(out)
    }

    /// Folds one scalar onto `out`: ASCII directly, others by the table, by
    /// canonical decomposition (dropping the accents) and lower-casing.
    private static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 128 {
            switch v {
            case 65...90: out.append(Unicode.Scalar(v + 32)!)
            case 97...122, 48...57: out.append(scalar)
            default: break
            }
            return
        }
        if let mapped = special[scalar] { out.append(contentsOf: mapped.unicodeScalars); return }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return  // a combining accent
        default: break
        }
        guard properties.isAlphabetic || properties.numericType != nil else { return }
        // Compatibility decomposition: accents split off, and full-width or
        // ligature forms (ＳＭＩＴＨ, ﬁ) become plain letters.
        let decomposed = String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars
        for part in decomposed {
            switch part.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if part.value < 128 { append(part, to: &out); continue }
            if let mapped = special[part] { out.append(contentsOf: mapped.unicodeScalars); continue }
            out.append(contentsOf: part.properties.lowercaseMapping.unicodeScalars)
        }
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x2D, 0x27, 0x60, 0xA0: return true // space, tab, newlines, - ' ` nbsp
        case 0x2018, 0x2019, 0x2010, 0x2011, 0x2013, 0x2014, 0x02BC: return true
        default: return scalar.value > 127 && scalar.properties.isWhitespace
        }
    }

    /// The folded words of a name, with the joined form when there are several:
    /// `Smith-Jones` → `["smith", "jones", "smithjones"]`. The first word comes first.
    public static func words(_ name: String) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if isSeparator(scalar) {
                if !current.isEmpty { parts.append(String(current)); current = String.UnicodeScalarView() }
            } else {
                append(scalar, to: &current)
            }
        }
        if !current.isEmpty { parts.append(String(current)) }
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
