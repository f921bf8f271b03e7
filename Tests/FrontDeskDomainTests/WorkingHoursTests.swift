import Testing
import FrontDeskDomain

/// Callback due times in working hours (issue 7): evenings, weekends, bank
/// holidays and closure days do not count. The centre opens 08:30–17:00.
@Suite("working hours: callback due times")
struct WorkingHoursTests {
    let hours = WorkingHours(opening: OpeningHours(parsing: "08:30-17:00")!, calendar: WorkingCalendar())

    func at(_ day: String, _ time: String) -> WorkingHours.Moment {
        WorkingHours.Moment(date: LocalDate(iso: day)!, time: ClockTime.parse(time)!)
    }

    @Test("urgent within 2 working hours: the same day while open, across the evening, the weekend and Christmas")
    func urgent() {
        #expect(hours.urgentDue(from: at("2026-11-24", "10:00"), workingHours: 2) == at("2026-11-24", "12:00"))
        // 16:30 on a Friday: half an hour on Friday, an hour and a half from Monday's opening.
        #expect(hours.urgentDue(from: at("2026-11-27", "16:30"), workingHours: 2) == at("2026-11-30", "10:00"))
        // Logged in the evening or before opening: counted from the next opening.
        #expect(hours.urgentDue(from: at("2026-11-24", "19:00"), workingHours: 2) == at("2026-11-25", "10:30"))
        #expect(hours.urgentDue(from: at("2026-11-25", "07:00"), workingHours: 2) == at("2026-11-25", "10:30"))
        #expect(hours.urgentDue(from: at("2026-11-28", "11:00"), workingHours: 2) == at("2026-11-30", "10:30"))
        // Christmas 2026: Fri 25th and Mon 28th (for Boxing Day on a Saturday) are bank holidays.
        #expect(hours.urgentDue(from: at("2026-12-24", "16:00"), workingHours: 2) == at("2026-12-29", "09:30"))
        // Exactly at closing time: nothing counts that day.
        #expect(hours.urgentDue(from: at("2026-11-24", "17:00"), workingHours: 2) == at("2026-11-25", "10:30"))
    }

    @Test("routine: one working day (the opening hours' length) of working time later, over evenings, weekends, bank holidays and closure days")
    func routine() {
        // Asked while open: the same time on the next working day — the "overdue the next morning".
        #expect(hours.routineDue(from: at("2026-11-24", "09:41"), workingDays: 1) == at("2026-11-25", "09:41"))
        #expect(hours.routineDue(from: at("2026-11-24", "16:50"), workingDays: 1) == at("2026-11-25", "16:50"))
        // Friday to Monday; asked at the weekend, in the evening or at closing: from the next opening, so its close.
        #expect(hours.routineDue(from: at("2026-11-27", "09:00"), workingDays: 1) == at("2026-11-30", "09:00"))
        #expect(hours.routineDue(from: at("2026-11-28", "12:00"), workingDays: 1) == at("2026-11-30", "17:00"))
        #expect(hours.routineDue(from: at("2026-11-24", "19:00"), workingDays: 1) == at("2026-11-25", "17:00"))
        #expect(hours.routineDue(from: at("2026-11-25", "07:00"), workingDays: 1) == at("2026-11-25", "17:00"))
        #expect(hours.routineDue(from: at("2026-11-24", "17:00"), workingDays: 1) == at("2026-11-25", "17:00"))
        // Christmas 2026: Fri 25th and Mon 28th (for Boxing Day on a Saturday) are bank holidays.
        #expect(hours.routineDue(from: at("2026-12-24", "11:00"), workingDays: 1) == at("2026-12-29", "11:00"))
        #expect(hours.routineDue(from: at("2026-11-24", "10:00"), workingDays: 3) == at("2026-11-27", "10:00"))
        let closed = WorkingHours(opening: OpeningHours(parsing: "08:30-17:00")!,
                                  calendar: WorkingCalendar(closures: [LocalDate(iso: "2026-11-25")!]))
        #expect(closed.routineDue(from: at("2026-11-24", "10:00"), workingDays: 1) == at("2026-11-26", "10:00"))
        #expect(closed.urgentDue(from: at("2026-11-24", "16:00"), workingHours: 2) == at("2026-11-26", "09:30"))
        // Exactly one working day of working time, whatever the opening hours.
        let long = WorkingHours(opening: OpeningHours(parsing: "08:00-18:00")!, calendar: WorkingCalendar())
        #expect(long.workingDayMinutes == 600)
        let start = at("2026-11-27", "15:10")
        let due = long.routineDue(from: start, workingDays: 2)
        #expect(long.workingMinutes(from: start, to: due) == 1200)
        #expect(due.description == "Tue 01-Dec-2026 15:10")
    }

    @Test("working minutes between two moments (how late a callback was) and whether the centre is open")
    func minutesAndOpen() {
        #expect(hours.workingMinutes(from: at("2026-11-27", "16:30"), to: at("2026-11-30", "10:00")) == 120)
        #expect(hours.workingMinutes(from: at("2026-11-24", "10:00"), to: at("2026-11-24", "10:45")) == 45)
        #expect(hours.workingMinutes(from: at("2026-11-24", "18:00"), to: at("2026-11-25", "08:00")) == 0)
        #expect(hours.workingMinutes(from: at("2026-11-25", "10:00"), to: at("2026-11-24", "10:00")) == 0)
        #expect(hours.isOpen(at("2026-11-24", "08:30")))
        #expect(!hours.isOpen(at("2026-11-24", "17:00")))
        #expect(!hours.isOpen(at("2026-11-28", "10:00")))
        #expect(!hours.isOpen(at("2026-12-25", "10:00")))
        // Round trip: the due time is exactly that many working minutes on.
        let start = at("2026-12-23", "15:10")
        let due = hours.urgentDue(from: start, workingHours: 4)
        #expect(hours.workingMinutes(from: start, to: due) == 240)
        #expect(due.description == "Thu 24-Dec-2026 10:40")  // 1 h 50 on Wednesday, 2 h 10 on Christmas Eve
    }
}
