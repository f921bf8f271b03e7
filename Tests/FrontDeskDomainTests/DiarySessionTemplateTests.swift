import Testing
@testable import FrontDeskDomain

private func t(_ text: String) -> ClockTime { ClockTime.parse(text)! }

/// A valid Monday/Wednesday/Friday morning clinic, changed by the test.
func diaryMorningClinic(service: String = "onc_fu", site: String = "main", clinician: String = "dr_patel",
                   days: Set<Weekday> = [.monday, .wednesday, .friday], start: String = "09:00", end: String = "12:30",
                   slot: Int = 15, capacity: Int = 1, from: LocalDate = ymd(2026, 1, 1), to: LocalDate? = nil,
                   id: Int64? = nil) -> SessionTemplate {
    SessionTemplate(id: id, serviceCode: service, siteCode: site, clinicianCode: clinician, weekdays: days,
                    start: ClockTime.parse(start)!, end: ClockTime.parse(end)!, slotMinutes: slot, capacity: capacity,
                    validFrom: from, validTo: to)
}

@Suite("Diary: session templates")
struct DiarySessionTemplateTests {
    @Test func aValidTemplate() throws {
        let template = try diaryMorningClinic(service: "ONC_FU ", capacity: 2).validated().get()
        #expect(template.serviceCode == "onc_fu")
        #expect(template.slotCount == 14)
        let slots = template.slots
        #expect(slots.count == 14)
        #expect(slots.allSatisfy { $0.capacity == 2 })
        #expect(slots.first == PlannedSlot(start: t("09:00"), end: t("09:15"), capacity: 2))
        #expect(slots.last == PlannedSlot(start: t("12:15"), end: t("12:30"), capacity: 2))
        // Back to back, no gaps.
        for (a, b) in zip(slots, slots.dropFirst()) { #expect(a.end == b.start) }
    }

    @Test("refusals name the field", arguments: [
        (diaryMorningClinic(days: []), ["days"]),
        (diaryMorningClinic(start: "12:30", end: "09:00"), ["end"]),
        (diaryMorningClinic(start: "09:00", end: "09:00"), ["end"]),
        (diaryMorningClinic(slot: 20), ["slot_minutes"]),                    // 210 minutes is not whole 20-minute slots
        (diaryMorningClinic(start: "09:00", end: "09:10", slot: 15), ["slot_minutes"]),
        (diaryMorningClinic(slot: 0), ["slot_minutes"]),
        (diaryMorningClinic(slot: 4), ["slot_minutes"]),
        (diaryMorningClinic(start: "00:00", end: "23:59", slot: 481), ["slot_minutes"]),
        (diaryMorningClinic(capacity: 0), ["capacity"]),
        (diaryMorningClinic(capacity: 21), ["capacity"]),
        (diaryMorningClinic(capacity: -1), ["capacity"]),
        (diaryMorningClinic(from: ymd(2026, 6, 1), to: ymd(2026, 5, 31)), ["valid_to"]),
        (diaryMorningClinic(service: "", site: "Main Site", clinician: "x"), ["service", "site", "clinician"]),
        (diaryMorningClinic(days: [], start: "10:00", end: "09:00", slot: 15, capacity: 0, from: ymd(2026, 2, 1), to: ymd(2026, 1, 1)),
         ["days", "end", "capacity", "valid_to"]),
    ])
    func refused(template: SessionTemplate, fields: [String]) {
        #expect(diaryFailedFields(template.validated()) == fields)
    }

    @Test("accepted edges", arguments: [
        diaryMorningClinic(start: "09:00", end: "09:05", slot: 5),                     // one 5-minute slot
        diaryMorningClinic(start: "08:00", end: "16:00", slot: 480),                   // one 8-hour slot
        diaryMorningClinic(capacity: 20),
        diaryMorningClinic(from: ymd(2026, 6, 1), to: ymd(2026, 6, 1)),                // valid for one day
        diaryMorningClinic(days: Set(Weekday.allCases)),
        diaryMorningClinic(start: "00:00", end: "23:55", slot: 5),
    ])
    func acceptedEdges(template: SessionTemplate) {
        #expect(diaryFailedFields(template.validated()) == [])
    }

    @Test func remainderRuleSaysWhatToDo() {
        let reason = diaryFailure(diaryMorningClinic(slot: 20).validated())!.errors[0].reason
        #expect(reason == "must divide the session into whole slots: 09:00 to 12:30 is 210 minutes, 10 over 10 slots of 20; "
                + "end at 12:20 or 12:40 instead, or choose another slot length")
        let late = diaryFailure(diaryMorningClinic(start: "23:00", end: "23:50", slot: 20).validated())!.errors[0].reason
        #expect(late.contains("end at 23:40 instead"))      // 24:00 is no time of day
        let short = diaryFailure(diaryMorningClinic(start: "09:00", end: "09:10", slot: 15).validated())!.errors[0].reason
        #expect(short == "must not be longer than the session: 09:00 to 09:10 is 10 minutes")
        #expect(diaryFailure(diaryMorningClinic(start: "12:30", end: "09:00").validated())!.errors[0].reason == "must be after the start (12:30)")
        #expect(diaryFailure(diaryMorningClinic(from: ymd(2026, 6, 1), to: ymd(2026, 5, 31)).validated())!.errors[0].reason
                == "must not be before valid_from (01-Jun-2026)")
    }

    @Test func runsOnItsDaysWithinItsValidity() {
        let template = diaryMorningClinic(from: ymd(2026, 12, 2), to: ymd(2026, 12, 11))
        #expect(!template.runs(on: ymd(2026, 11, 30)))   // Monday before validity
        #expect(template.runs(on: ymd(2026, 12, 2)))     // Wednesday, first valid day
        #expect(!template.runs(on: ymd(2026, 12, 3)))    // Thursday
        #expect(template.runs(on: ymd(2026, 12, 11)))    // Friday, last valid day
        #expect(!template.runs(on: ymd(2026, 12, 14)))   // Monday after validity
        #expect(diaryMorningClinic(from: ymd(2026, 1, 1)).runs(on: ymd(2099, 12, 30)))   // open-ended (a Wednesday)
    }

    // MARK: typed as text

    private func fields(service: String = "onc_fu", site: String = "main", clinician: String = "dr_patel",
                        days: String = "mon,wed,fri", start: String = "09:00", end: String = "12:30", slot: String = "15",
                        capacity: String = "1", from: String = "2026-12-01", to: String? = nil) -> SessionTemplateFields {
        SessionTemplateFields(service: service, site: site, clinician: clinician, days: days, start: start, end: end,
                              slotMinutes: slot, capacity: capacity, validFrom: from, validTo: to)
    }

    @Test func textAccepted() throws {
        let template = try fields(days: "Mon-Fri", start: "9.00", end: "1230", capacity: "2", from: "01/12/2026", to: "31-Mar-2027")
            .validated().get()
        #expect(template == SessionTemplate(serviceCode: "onc_fu", siteCode: "main", clinicianCode: "dr_patel",
                                            weekdays: [.monday, .tuesday, .wednesday, .thursday, .friday],
                                            start: t("09:00"), end: t("12:30"), slotMinutes: 15, capacity: 2,
                                            validFrom: ymd(2026, 12, 1), validTo: ymd(2027, 3, 31)))
        #expect(try fields(to: "").validated().get().validTo == nil)
    }

    @Test("text refusals name the field", arguments: [
        (["days": "someday"], ["days"]),
        (["days": ""], ["days"]),
        (["start": "9am"], ["start"]),
        (["start": ""], ["start"]),
        (["end": "24:00"], ["end"]),
        (["end": "08:00"], ["end"]),
        (["slot": "quarter"], ["slot_minutes"]),
        (["slot": "-15"], ["slot_minutes"]),
        (["slot": "20"], ["slot_minutes"]),
        (["slot": ""], ["slot_minutes"]),
        (["capacity": "0"], ["capacity"]),
        (["capacity": "two"], ["capacity"]),
        (["from": "31/02/2026"], ["valid_from"]),
        (["from": ""], ["valid_from"]),
        (["to": "yesterday"], ["valid_to"]),
        (["to": "2026-11-30"], ["valid_to"]),
        (["service": "", "site": "", "clinician": ""], ["service", "site", "clinician"]),
        // A start that does not parse does not also blame the end or the slot length.
        (["start": "x", "slot": "20", "capacity": "0"], ["start", "capacity"]),
        (["days": "x", "start": "x", "end": "x", "slot": "x", "capacity": "x", "from": "x", "to": "x"],
         ["days", "start", "end", "slot_minutes", "capacity", "valid_from", "valid_to"]),
    ])
    func textRefused(changes: [String: String], expected: [String]) {
        let f = fields(service: changes["service"] ?? "onc_fu", site: changes["site"] ?? "main",
                       clinician: changes["clinician"] ?? "dr_patel", days: changes["days"] ?? "mon,wed,fri",
                       start: changes["start"] ?? "09:00", end: changes["end"] ?? "12:30", slot: changes["slot"] ?? "15",
                       capacity: changes["capacity"] ?? "1", from: changes["from"] ?? "2026-12-01", to: changes["to"])
        #expect(diaryFailedFields(f.validated()) == expected)
    }

    @Test func textRuleWords() {
        let error = diaryFailure(fields(days: "x", start: "9am", slot: "x").validated())!
        #expect(error.errors.map(\.reason) == [Weekday.listRule, ClockTime.rule, SessionTemplate.slotMinutesRule])
    }
}
