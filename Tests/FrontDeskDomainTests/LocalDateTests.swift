import Foundation
import Testing
@testable import FrontDeskDomain

@Suite("Local date")
struct LocalDateTests {
    @Test("Every input format of UI.md reads as 12 March 1956", arguments: [
        "12/03/1956", "12-03-1956", "12-Mar-1956", "1956-03-12", "12031956", "12 Mar 1956",
        "12.03.1956", "12-mar-1956", "12 MAR 1956", "12 March 1956", "12/3/1956", "1956-3-12", " 12/03/1956 ",
    ])
    func formats(text: String) throws {
        let date = try #require(LocalDate.parse(text))
        #expect(date == ymd(1956, 3, 12))
        #expect(date.year == 1956 && date.month == 3 && date.day == 12)
    }

    @Test("Day comes before month (UK order)")
    func ukOrder() {
        #expect(LocalDate.parse("03/12/1956") == ymd(1956, 12, 3))
        #expect(LocalDate.parse("01021990") == ymd(1990, 2, 1))
        #expect(LocalDate.parse("13/12/1956") == ymd(1956, 12, 13))
        #expect(LocalDate.parse("12/13/1956") == nil)
    }

    @Test("Month names and abbreviations", arguments: [
        ("01-Jan-2000", 1), ("01-Feb-2000", 2), ("01-Mar-2000", 3), ("01-Apr-2000", 4), ("01-May-2000", 5),
        ("01-Jun-2000", 6), ("01-Jul-2000", 7), ("01-Aug-2000", 8), ("01-Sep-2000", 9), ("01-Oct-2000", 10),
        ("01-Nov-2000", 11), ("01-Dec-2000", 12), ("1 september 2000", 9), ("1 Sept 2000", 9),
    ])
    func monthNames(text: String, month: Int) {
        #expect(LocalDate.parse(text) == ymd(2000, month, 1))
    }

    @Test("Days that do not exist are refused", arguments: [
        "31/04/2020", "31-Apr-2020", "29/02/2023", "29-Feb-1900", "30/02/2024", "32/01/2020", "00/01/2020",
        "31/06/2020", "31/09/2020", "31/11/2020", "01/13/2020", "01/00/2020", "31042020", "29022023", "2023-02-29",
    ])
    func invalidDays(text: String) {
        #expect(LocalDate.parse(text) == nil)
    }

    @Test("Leap days that exist are accepted", arguments: ["29/02/2024", "29-Feb-2000", "29022020", "1904-02-29"])
    func leapDays(text: String) throws {
        let date = try #require(LocalDate.parse(text))
        #expect(date.month == 2 && date.day == 29)
    }

    @Test("Things that are not dates", arguments: [
        "", "12", "12/03", "12/03/56", "12-Mr-1956", "12-Xyz-1956", "1956/03", "120356", "1203195", "121319567",
        "12/03/1956/1", "smith", "12 Ma 1956", "1956-12-031",
    ])
    func notDates(text: String) {
        #expect(LocalDate.parse(text) == nil)
    }

    @Test("Month lengths", arguments: [
        (1, 2023, 31), (2, 2023, 28), (2, 2024, 29), (2, 1900, 28), (2, 2000, 29), (3, 2023, 31), (4, 2023, 30),
        (5, 2023, 31), (6, 2023, 30), (7, 2023, 31), (8, 2023, 31), (9, 2023, 30), (10, 2023, 31), (11, 2023, 30),
        (12, 2023, 31),
    ])
    func daysIn(month: Int, year: Int, days: Int) {
        #expect(LocalDate.daysIn(month: month, year: year) == days)
        #expect(LocalDate(year: year, month: month, day: days) != nil)
        #expect(LocalDate(year: year, month: month, day: days + 1) == nil)
    }

    @Test("The memberwise initialiser refuses impossible values")
    func initialiser() {
        #expect(LocalDate(year: 2026, month: 0, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 2026, month: 1, day: 0) == nil)
        #expect(LocalDate(year: 0, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 10000, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 9999, month: 12, day: 31) != nil)
    }

    @Test("Display, ISO and description forms")
    func forms() {
        let dob = ymd(1956, 3, 12)
        #expect(dob.display == "12-Mar-1956")
        #expect(dob.iso == "1956-03-12")
        #expect(dob.description == "1956-03-12")
        #expect(ymd(2026, 11, 24).display == "24-Nov-2026")
        #expect(ymd(2001, 1, 5).display == "05-Jan-2001")
        #expect(ymd(2001, 12, 31).display == "31-Dec-2001")
        #expect(ymd(2001, 1, 5).iso == "2001-01-05")
    }

    @Test("Display round-trips through parse", arguments: [ymd(1956, 3, 12), ymd(2000, 2, 29), ymd(1900, 1, 1), ymd(2026, 12, 31)])
    func displayRoundTrip(date: LocalDate) {
        #expect(LocalDate.parse(date.display) == date)
        #expect(LocalDate.parse(date.iso) == date)
    }

    @Test("Age on 24-Nov-2026, including the day before and the day of a birthday", arguments: [
        (ymd(1956, 3, 12), 70),
        (ymd(1956, 11, 24), 70),  // birthday today
        (ymd(1956, 11, 25), 69),  // birthday tomorrow
        (ymd(1956, 11, 23), 70),
        (ymd(1956, 12, 1), 69),
        (ymd(2025, 11, 25), 0),
        (ymd(2025, 11, 24), 1),
        (ymd(2026, 11, 24), 0),
        (ymd(1926, 11, 24), 100),
    ])
    func age(dob: LocalDate, years: Int) {
        #expect(dob.age(on: today) == years)
        #expect(dob.displayWithAge(on: today) == "\(dob.display) (\(years)y)")
    }

    @Test("Display with age: 12-Mar-1956 (70y)")
    func displayWithAge() {
        #expect(ymd(1956, 3, 12).displayWithAge(on: today) == "12-Mar-1956 (70y)")
        #expect(ymd(1956, 11, 25).displayWithAge(on: today) == "25-Nov-1956 (69y)")
    }

    @Test("A 29 February birthday counts from 1 March in common years")
    func leapBirthday() {
        let dob = ymd(2000, 2, 29)
        #expect(dob.age(on: ymd(2026, 2, 28)) == 25)
        #expect(dob.age(on: ymd(2026, 3, 1)) == 26)
        #expect(dob.age(on: ymd(2024, 2, 29)) == 24)
    }

    @Test("Day numbers count from 1970-01-01", arguments: [
        (ymd(1970, 1, 1), 0), (ymd(1970, 1, 2), 1), (ymd(1969, 12, 31), -1), (ymd(2000, 3, 1), 11_017),
        (ymd(2026, 11, 24), 20_781), (ymd(1900, 1, 1), -25_567), (ymd(1956, 3, 12), -5_043),
    ])
    func dayNumber(date: LocalDate, number: Int) {
        #expect(date.dayNumber == number)
        #expect(LocalDate(dayNumber: number) == date)
    }

    @Test("Day number round trip over two centuries, one day apart each")
    func dayNumberRoundTrip() {
        var previous = ymd(1899, 12, 31)
        for n in ymd(1900, 1, 1).dayNumber...ymd(2100, 12, 31).dayNumber {
            let date = LocalDate(dayNumber: n)
            #expect(date.dayNumber == n)
            #expect(date > previous)
            #expect(LocalDate(year: date.year, month: date.month, day: date.day) == date)
            if date.day == 1 {
                // the day before is the last of the previous month
                #expect(previous.day == LocalDate.daysIn(month: previous.month, year: previous.year))
            } else {
                #expect(previous.day == date.day - 1 && previous.month == date.month)
            }
            previous = date
        }
        #expect(previous == ymd(2100, 12, 31))
    }

    @Test("Adding days crosses months, leap days and years")
    func adding() {
        #expect(ymd(2024, 2, 28).adding(days: 1) == ymd(2024, 2, 29))
        #expect(ymd(2024, 2, 28).adding(days: 2) == ymd(2024, 3, 1))
        #expect(ymd(2023, 2, 28).adding(days: 1) == ymd(2023, 3, 1))
        #expect(ymd(2026, 12, 31).adding(days: 1) == ymd(2027, 1, 1))
        #expect(ymd(2027, 1, 1).adding(days: -1) == ymd(2026, 12, 31))
        #expect(ymd(2026, 11, 24).adding(days: 21) == ymd(2026, 12, 15))
        #expect(ymd(2026, 11, 24).adding(days: 0) == ymd(2026, 11, 24))
        #expect(ymd(2026, 11, 24).adding(days: 365) == ymd(2027, 11, 24))
    }

    @Test("Ordering")
    func ordering() {
        #expect(ymd(1956, 3, 12) < ymd(1956, 3, 13))
        #expect(ymd(1956, 3, 31) < ymd(1956, 4, 1))
        #expect(ymd(1956, 12, 31) < ymd(1957, 1, 1))
        #expect(!(ymd(1956, 3, 12) < ymd(1956, 3, 12)))
        #expect([ymd(2000, 1, 2), ymd(1999, 12, 31), ymd(2000, 1, 1)].sorted() == [ymd(1999, 12, 31), ymd(2000, 1, 1), ymd(2000, 1, 2)])
    }

    @Test("JSON uses the ISO form")
    func codable() throws {
        let data = try JSONEncoder().encode([ymd(1956, 3, 12)])
        #expect(String(decoding: data, as: UTF8.self) == #"["1956-03-12"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [ymd(1956, 3, 12)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["1956-02-30"]"#.utf8))
        }
    }

    @Test("The accepted formats text lists what parse accepts")
    func acceptedFormats() {
        for example in LocalDate.acceptedFormats.replacingOccurrences(of: " or ", with: ", ").components(separatedBy: ", ") {
            #expect(LocalDate.parse(example) == ymd(1956, 3, 12), "\(example)")
        }
    }
}

@Suite("stored forms read fast")
struct StoredFormTests {
    @Test("YYYY-MM-DD only", arguments: [
        ("2026-11-30", "2026-11-30"), ("2024-02-29", "2024-02-29"), ("2025-02-29", nil), ("2026-1-30", nil), ("2026-11-3", nil),
        ("26-11-30", nil), ("2026/11/30", nil), ("2026-11-300", nil), ("2026-11-3x", nil), ("", nil), ("2026-11-30-", nil),
    ] as [(String, String?)])
    func iso(text: String, expected: String?) {
        #expect(LocalDate(iso: text)?.iso == expected)
    }

    @Test("HH:MM only", arguments: [
        ("09:00", "09:00"), ("23:59", "23:59"), ("24:00", nil), ("9:00", nil), ("09:0", nil), ("09.00", nil), ("09:000", nil), ("ab:cd", nil),
    ] as [(String, String?)])
    func stored(text: String, expected: String?) {
        #expect(ClockTime(stored: text)?.display == expected)
    }
}
