import Testing
import Foundation
@testable import FrontDeskDomain

@Suite("Diary: clock times")
struct DiaryClockTimeTests {
    @Test("accepted forms", arguments: [
        ("09:00", 540), ("9:00", 540), ("0900", 540), ("9.00", 540), (" 09:30 ", 570),
        ("00:00", 0), ("0:00", 0), ("0000", 0), ("23:59", 1439), ("2359", 1439), ("12:30", 750), ("13:05", 785),
    ])
    func accepted(text: String, minutes: Int) {
        #expect(ClockTime.parse(text)?.minutes == minutes, "\(text)")
    }

    @Test("refused forms", arguments: [
        "", " ", "9", "900", "09000", "24:00", "2400", "12:60", "1260", "9:5", "9:005", "009:00", "-1:00", "09:00:00",
        "9am", "9 am", "nine", "09-00", ":30", "9:", "٠٩:٠٠", "０９:００", "+9:00", "09 00",
    ])
    func refused(text: String) {
        #expect(ClockTime.parse(text) == nil, "\(text)")
    }

    @Test("display is two-digit hours and minutes", arguments: [(0, "00:00"), (5, "00:05"), (540, "09:00"), (1439, "23:59")])
    func display(minutes: Int, text: String) {
        let time = ClockTime(minutes: minutes)!
        #expect(time.display == text)
        #expect(time.description == text)
        #expect(ClockTime.parse(text) == time)
    }

    @Test func constructionLimits() {
        #expect(ClockTime(minutes: -1) == nil)
        #expect(ClockTime(minutes: 1440) == nil)
        #expect(ClockTime(hour: 24, minute: 0) == nil)
        #expect(ClockTime(hour: 9, minute: 60) == nil)
        #expect(ClockTime(hour: 9, minute: 5)?.minutes == 545)
        #expect(ClockTime(hour: 13, minute: 45)!.hour == 13)
        #expect(ClockTime(hour: 13, minute: 45)!.minute == 45)
    }

    @Test func comparisonsAndArithmetic() {
        let nine = ClockTime.parse("09:00")!, half12 = ClockTime.parse("12:30")!
        #expect(nine < half12)
        #expect(!(half12 < nine))
        #expect([half12, nine].sorted() == [nine, half12])
        #expect(nine.minutes(until: half12) == 210)
        #expect(half12.minutes(until: nine) == -210)
        #expect(nine.adding(minutes: 15) == ClockTime.parse("09:15"))
        #expect(nine.adding(minutes: -540) == ClockTime.parse("00:00"))
        #expect(nine.adding(minutes: -541) == nil)
        #expect(ClockTime.parse("23:45")!.adding(minutes: 14) == ClockTime.parse("23:59"))
        #expect(ClockTime.parse("23:45")!.adding(minutes: 15) == nil)   // never wraps past midnight
        #expect(nine.isMorning)
        #expect(!ClockTime.parse("12:00")!.isMorning)
    }

    @Test func codableAsText() throws {
        let time = ClockTime.parse("9:05")!
        let data = try JSONEncoder().encode([time])
        #expect(String(decoding: data, as: UTF8.self) == #"["09:05"]"#)
        #expect(try JSONDecoder().decode([ClockTime].self, from: data) == [time])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ClockTime].self, from: Data(#"["25:00"]"#.utf8)) }
    }
}
