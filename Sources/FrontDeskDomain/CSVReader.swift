/// A reader of comma-separated values as RFC 4180 describes them, and as
/// spreadsheets write them:
///
/// - fields are separated by commas, records by CRLF or LF (a lone CR also ends
///   a line);
/// - a field in double quotes may hold commas, line breaks and doubled quotes
///   (`""` is one `"`); line breaks inside quotes are kept as they are;
/// - a final record need not end with a line break;
/// - empty lines are skipped (a line holding only spaces is a record);
/// - a leading UTF-8 byte-order mark is dropped;
/// - a quote inside an unquoted field is kept as it is, and text after a closing
///   quote is appended to the field (spreadsheets never write either).
///
/// Each record carries the physical line on which it starts (the header is
/// line 1), so that an import report can point at the row in an editor even when
/// earlier fields span several lines.
public struct CSVReader: Sendable {
    /// One record: the line it starts on (1-based) and its fields.
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
        public init(line: Int, fields: [String]) { self.line = line; self.fields = fields }
    }

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// A quoted field opened on `line` is never closed.
        case unterminatedQuote(line: Int)
        /// The bytes on `line` are not UTF-8 (the file was perhaps saved as Windows-1252).
        case invalidUTF8(line: Int)

        public var line: Int {
            switch self {
            case .unterminatedQuote(let line), .invalidUTF8(let line): return line
            }
        }

        public var description: String {
            switch self {
            case .unterminatedQuote(let line):
                return "line \(line): a quoted field starts here but its closing quote (\") is missing"
            case .invalidUTF8(let line):
                return "line \(line): the text is not UTF-8; save the file as \"CSV UTF-8\" and try again"
            }
        }
    }

    /// The records, in file order (the header, if any, first).
    public let records: [Record]

    /// The records as `(line, fields)` pairs, the form `PatientImport` takes.
    public var lineFields: [(line: Int, fields: [String])] { records.map { ($0.line, $0.fields) } }

    public init(text: String) throws(ParseError) {
        var copy = text
        records = try copy.withUTF8 { CSVReader.parsing($0, validate: false) }.get()
    }

    /// Reads bytes that should be UTF-8; invalid UTF-8 is an error, not replaced.
    public init(bytes: [UInt8]) throws(ParseError) {
        records = try bytes.withUnsafeBufferPointer { CSVReader.parsing($0, validate: true) }.get()
    }

    /// Reads bytes (such as Foundation's `Data`) that should be UTF-8; invalid
    /// UTF-8 is an error, not replaced.
    public init<Bytes: Sequence<UInt8>>(data: Bytes) throws(ParseError) {
        let result = data.withContiguousStorageIfAvailable { CSVReader.parsing($0, validate: true) }
            ?? Array(data).withUnsafeBufferPointer { CSVReader.parsing($0, validate: true) }
        records = try result.get()
    }

    private static func parsing(_ bytes: UnsafeBufferPointer<UInt8>, validate: Bool) -> Result<[Record], ParseError> {
        Result { () throws(ParseError) in try parse(bytes, validate: validate) }
    }

    /// The records of `text`.
    public static func parse(_ text: String) throws(ParseError) -> [Record] { try CSVReader(text: text).records }

    // MARK: - Parsing

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
                       lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, validate: Bool) throws(ParseError) -> [Record] {
        var start = 0
        let end = bytes.count
        if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if validate, let line = firstInvalidUTF8Line(bytes, from: start) { throw .invalidUTF8(line: line) }

        var records: [Record] = []
        var fields: [String] = []
        var scratch: [UInt8] = []
        var line = 1
        var i = start

        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }

        while i < end {
            // An empty line is no record.
            if bytes[i] == lf { line += 1; i += 1; continue }
            if bytes[i] == cr {
                i += 1
                if i < end && bytes[i] == lf { i += 1 }
                line += 1
                continue
            }
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            while true {
                if i < end && bytes[i] == quote {
                    let openedOn = line
                    i += 1
                    var segment = i
                    var doubled = false
                    scratch.removeAll(keepingCapacity: true)
                    var closedAt = -1
                    while i < end {
                        let byte = bytes[i]
                        if byte == quote {
                            if i + 1 < end && bytes[i + 1] == quote {
                                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment...i]))
                                doubled = true
                                i += 2
                                segment = i
                                continue
                            }
                            closedAt = i
                            break
                        }
                        if byte == lf || (byte == cr && !(i + 1 < end && bytes[i + 1] == lf)) { line += 1 }
                        i += 1
                    }
                    guard closedAt >= 0 else { throw .unterminatedQuote(line: openedOn) }
                    i = closedAt + 1
                    // Anything between the closing quote and the next separator is kept.
                    let tail = i
                    while i < end && bytes[i] != comma && bytes[i] != lf && bytes[i] != cr { i += 1 }
                    if doubled || tail < i {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<closedAt]))
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[tail..<i]))
                        fields.append(String(decoding: scratch, as: UTF8.self))
                    } else {
                        fields.append(text(segment, closedAt))
                    }
                } else {
                    let from = i
                    while i < end && bytes[i] != comma && bytes[i] != lf && bytes[i] != cr { i += 1 }
                    fields.append(text(from, i))
                }
                if i >= end { break }
                let separator = bytes[i]
                i += 1
                if separator == comma { continue }
                if separator == cr && i < end && bytes[i] == lf { i += 1 }
                line += 1
                break
            }
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }

    /// The line of the first byte that is not well-formed UTF-8, or nil.
    private static func firstInvalidUTF8Line(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        var line = 1
        let end = bytes.count
        func continuation(_ k: Int) -> Bool { k < end && bytes[k] & 0xC0 == 0x80 }
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                if b == lf || (b == cr && !(i + 1 < end && bytes[i + 1] == lf)) { line += 1 }
                i += 1
                continue
            }
            switch b {
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return line }
                i += 2
            case 0xE0...0xEF:
                guard continuation(i + 1), continuation(i + 2) else { return line }
                let second = bytes[i + 1]
                if b == 0xE0 && second < 0xA0 { return line }   // overlong
                if b == 0xED && second > 0x9F { return line }   // surrogate
                i += 3
            case 0xF0...0xF4:
                guard continuation(i + 1), continuation(i + 2), continuation(i + 3) else { return line }
                let second = bytes[i + 1]
                if b == 0xF0 && second < 0x90 { return line }   // overlong
                if b == 0xF4 && second > 0x8F { return line }   // beyond U+10FFFF
                i += 4
            default:
                return line
            }
        }
        return nil
    }
}
