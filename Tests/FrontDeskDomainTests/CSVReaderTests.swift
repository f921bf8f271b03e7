import Foundation
import Testing
import FrontDeskDomain

@Suite struct CSVReaderTests {
    func read(_ text: String) throws -> [CSVReader.Record] { try CSVReader(text: text).records }

    @Test func plainRecordsWithLineNumbers() throws {
        let records = try read("family_name,given_names\nSmith,John\nJones,Mary\n")
        #expect(records == [
            .init(line: 1, fields: ["family_name", "given_names"]),
            .init(line: 2, fields: ["Smith", "John"]),
            .init(line: 3, fields: ["Jones", "Mary"]),
        ])
    }

    @Test func aFinalLineNeedsNoLineBreak() throws {
        #expect(try read("a,b\n1,2") == [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["1", "2"])])
        #expect(try read("only") == [.init(line: 1, fields: ["only"])])
        #expect(try read("") == [])
    }

    @Test func quotedFieldsHoldCommasAndDoubledQuotes() throws {
        let records = try read(#"name,address"# + "\n" + #""Smith, John","12 ""The Laurels"", Church Road""# + "\n")
        #expect(records[1].fields == ["Smith, John", #"12 "The Laurels", Church Road"#])
        #expect(try read(#""""""# + "\n")[0].fields == [#"""#])
        #expect(try read(#""",x,"""# + "\n")[0].fields == ["", "x", ""])
    }

    @Test func emptyFieldsAndTrailingCommas() throws {
        #expect(try read("a,,c\n")[0].fields == ["a", "", "c"])
        #expect(try read("a,b,\n")[0].fields == ["a", "b", ""])
        #expect(try read("a,b,")[0].fields == ["a", "b", ""])
        #expect(try read(",\n")[0].fields == ["", ""])
    }

    @Test func embeddedLineBreaksKeepStartLines() throws {
        let text = "h1,h2\n" + "1,\"first\nsecond\nthird\"\n" + "2,plain\n" + "3,\"a\r\nb\"\r\n" + "4,end"
        let records = try read(text)
        #expect(records.map(\.line) == [1, 2, 5, 6, 8])
        #expect(records[1].fields == ["1", "first\nsecond\nthird"])
        #expect(records[3].fields == ["3", "a\r\nb"])
        #expect(records[4].fields == ["4", "end"])
    }

    @Test func crlfLineEndings() throws {
        let records = try read("a,b\r\n1,2\r\n\r\n3,\"x,y\"\r\n")
        #expect(records == [
            .init(line: 1, fields: ["a", "b"]),
            .init(line: 2, fields: ["1", "2"]),
            .init(line: 4, fields: ["3", "x,y"]),
        ])
    }

    @Test func loneCarriageReturnsEndLines() throws {
        #expect(try read("a\rb\r\rc").map(\.line) == [1, 2, 4])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try read("\n\nh\n\n\nx\n\n")
        #expect(records == [.init(line: 3, fields: ["h"]), .init(line: 6, fields: ["x"])])
        // A line of spaces is a record, and an empty quoted field is not a blank line.
        #expect(try read("  \n\"\"\n") == [.init(line: 1, fields: ["  "]), .init(line: 2, fields: [""])])
    }

    @Test func aByteOrderMarkIsDropped() throws {
        let text = "\u{FEFF}family_name,given_names\nEvans,Siân\n"
        #expect(try read(text)[0].fields == ["family_name", "given_names"])
        let bytes = Array(text.utf8)
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        let fromBytes = try CSVReader(bytes: bytes).records
        #expect(fromBytes[0].fields == ["family_name", "given_names"])
        #expect(fromBytes[1] == .init(line: 2, fields: ["Evans", "Siân"]))
        let fromData = try CSVReader(data: Data(bytes)).records
        #expect(fromData == fromBytes)
        #expect(try CSVReader(bytes: [0xEF, 0xBB, 0xBF]).records == [])
    }

    @Test func unicodeIsKept() throws {
        let records = try read("Ó Súilleabháin,Seán\n李,小龙\n\"Østergaard, Kirsten\",Zoë 👩‍⚕️\n")
        #expect(records.map(\.fields) == [["Ó Súilleabháin", "Seán"], ["李", "小龙"], ["Østergaard, Kirsten", "Zoë 👩‍⚕️"]])
    }

    @Test func anUnterminatedQuoteNamesItsLine() {
        let text = "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n"
        #expect(throws: CSVReader.ParseError.unterminatedQuote(line: 3)) { try CSVReader(text: text) }
        do throws(CSVReader.ParseError) {
            _ = try CSVReader(text: text)
            Issue.record("no error")
        } catch {
            #expect(error.line == 3)
            #expect(error.description.contains("line 3"))
        }
        #expect(throws: CSVReader.ParseError.unterminatedQuote(line: 1)) { try CSVReader(text: "\"") }
        #expect(throws: CSVReader.ParseError.unterminatedQuote(line: 2)) { try CSVReader(text: "x\n\"a\"\"\n") }
    }

    @Test func invalidUTF8IsAnErrorNamingItsLine() {
        // "Siân" saved as Windows-1252: â is the single byte E2.
        let bytes: [UInt8] = Array("a,b\nEvans,Si".utf8) + [0xE2] + Array("n\n".utf8)
        #expect(throws: CSVReader.ParseError.invalidUTF8(line: 2)) { try CSVReader(bytes: bytes) }
        #expect(throws: CSVReader.ParseError.invalidUTF8(line: 1)) { try CSVReader(bytes: [0xC0, 0x80]) }
        #expect(throws: CSVReader.ParseError.invalidUTF8(line: 3)) {
            try CSVReader(bytes: Array("a\r\nb\n".utf8) + [0xED, 0xA0, 0x80])
        }
    }

    @Test func textAfterAClosingQuoteIsKept() throws {
        #expect(try read("\"ab\"cd,e\n")[0].fields == ["abcd", "e"])
        #expect(try read("ab\"cd,e\n")[0].fields == ["ab\"cd", "e"])
    }

    @Test func lineFieldsFeedPatientImport() throws {
        let reader = try CSVReader(text: "family_name,given_names,date_of_birth\n\"O'Brien\",Patrick,1950-01-02\n")
        let pairs = reader.lineFields
        #expect(pairs.map(\.line) == [1, 2])
        #expect(pairs[1].fields == ["O'Brien", "Patrick", "1950-01-02"])
        let batch = PatientImport(records: pairs, today: LocalDate(year: 2026, month: 1, day: 1)!)
        #expect(batch.rows.count == 1)
        #expect(batch.rows.first?.line == 2)
    }

    @Test func aHundredThousandRows() throws {
        var text = "mrn,family_name,given_names,date_of_birth,address_line_1,town,postcode\r\n"
        for n in 1...100_000 {
            text += "FD\(n),Smith,\"John \"\"Jack\"\"\",1950-01-02,\"12 Church Road,\nFlat \(n % 9)\",Liverpool,L1 8JQ\r\n"
        }
        let records = try CSVReader(text: text).records
        #expect(records.count == 100_001)
        #expect(records[1].line == 2)
        #expect(records[100_000].line == 200_000)
        #expect(records[100_000].fields == ["FD100000", "Smith", "John \"Jack\"", "1950-01-02",
                                            "12 Church Road,\nFlat 1", "Liverpool", "L1 8JQ"])
    }
}
