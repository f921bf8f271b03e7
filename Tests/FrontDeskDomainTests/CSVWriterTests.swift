import Testing
import FrontDeskDomain

/// The one CSV writer (the checklist's and the pull list's CSV, the bench's import file).
@Suite struct CSVWriterTests {
    @Test("a cell for a spreadsheet: quoted when needed, a formula's first character made harmless", arguments: [
        ("plain", "plain"),
        ("", ""),
        ("Smith, John", "\"Smith, John\""),
        ("12 \"The Laurels\"", "\"12 \"\"The Laurels\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("a\rb", "\"a\rb\""),
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 151 555 0100", "'+44 151 555 0100"),
        ("@cmd", "'@cmd"),
        ("-2+3", "'-2+3"),
        ("-", "-"),
        ("--", "--"),
        ("=1,2", "\"'=1,2\""),
    ])
    func field(value: String, written: String) {
        #expect(CSVWriter.field(value) == written)
    }

    @Test("quoted only: data read back by a program keeps its first character")
    func quotedOnly() {
        #expect(CSVWriter.quoted("+44 151") == "+44 151")
        #expect(CSVWriter.quoted("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }

    @Test("a row written reads back as the same cells (less the apostrophe of a formula)")
    func roundTrip() throws {
        let cells = ["Smith, John", "say \"hello\"", "two\nlines", "", "plain"]
        let records = try CSVReader.parse(CSVWriter.row(cells) + "\n")
        #expect(records.first?.fields == cells)
    }
}
