import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore
@testable import FrontDeskUI

/// The audit trail pane (F11): the manager's reports — restricted-record
/// access, who looked at a patient, what one person did since a date — read
/// through `PatientService`, which checks `read_audit_reports` itself.
@Suite("Audit trail pane")
struct AuditPaneTests {
    /// Smith restricted by the manager, then opened with a reason (break glass), both through the service.
    func restrictedSmithOpened() throws -> (Harness, Patient) {
        let h = try Harness()
        let smith = h.patient("Smith")
        _ = try h.service.restrict(smith.mrn, reason: "member of staff", by: testUser)
        _ = try h.service.open(smith.mrn, by: testUser, reason: AccessReason(kind: .safeguarding, note: "concern raised by ward"))
        return (h, smith)
    }

    /// The words of the screen with the frame and runs of spaces taken out.
    func words(_ h: Harness) -> String {
        h.text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Who is offered the key

    @Test func aManagerSeesF11InTheBarAndInHelp() throws {
        let h = try Harness()
        // At 80 columns the pane's keys come first and F11 gives way ("…"); wider, it is there.
        h.resize(110, 30)
        #expect(h.screen.lines[29].contains("F11 Audit"), "\(h.screen.lines[29])")
        let everywhere = try #require(h.state.helpSections.last { $0.0 == "Everywhere" })
        #expect(everywhere.1.contains { $0.action == .audit && $0.keys.first == .function(11) })
        let big = try Harness(size: Size(width: 120, height: 40))
        big.press(.function(1))
        #expect(big.text.contains("F11, Ctrl-T"), "\(big.text)")
        #expect(big.text.contains("audit trail: who opened what, and when (managers)"))
        big.press(.escape, .function(11))
        #expect(big.state.pane == .audit)
        #expect(big.screen.lines[0].contains("Audit trail"))
        #expect(big.screen.lines[1].contains("Audit trail · Restricted-record access"))
    }

    @Test(arguments: [StaffRole.clerk, .officer])
    func othersAreNotOfferedF11AndItDoesNothing(_ role: StaffRole) throws {
        let h = try Harness(role: role)
        #expect(!h.screen.lines[23].contains("F11"), "\(h.screen.lines[23])")
        #expect(!h.state.helpSections.flatMap(\.1).contains { $0.action == .audit })
        h.press(.function(11))
        #expect(h.state.pane == .lookup)
        h.press(.ctrl("t"))
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text.isEmpty)
        #expect(!h.issued.contains { if case .auditReport = $0 { return true }; return false })
        // Not from the record either.
        h.type("9434765919")
        h.press(.enter, .function(11))
        #expect(h.state.pane == .record)
    }

    @Test func theKeyReferenceListsF11ForManagersWithThePanesKeys() {
        let everywhere = KeyReference.contexts.first { $0.0 == "Everywhere" }?.1 ?? []
        #expect(everywhere.contains { $0.action == .audit && $0.keys == [.function(11), .ctrl("t")] })
        #expect(KeyReference.markdown.contains("## Audit trail (F11, managers)"))
    }

    // MARK: Reports

    @Test func theRestrictedAccessReportListsABreakGlassOpening() throws {
        let (h, smith) = try restrictedSmithOpened()
        h.press(.function(11))
        #expect(h.state.auditPane.kind == .restricted)
        #expect(!h.state.isTyping, "no field: ? is help")
        let effects = h.press(.enter)
        #expect(effects.first == .auditReport(patient: nil, user: nil, since: nil, restrictedOnly: true, limit: 500))
        let entries = try #require(h.state.auditPane.report?.entries)
        #expect(entries.map(\.action) == [.breakGlass, .restrict])
        let screen = h.text
        #expect(screen.contains("2 entries · restricted-record access · newest first"), "\(screen)")
        let row = try #require(h.screen.lines.first { $0.contains("break_glass") })
        #expect(row.contains("24-Nov-2026 09:41"))
        #expect(row.contains("clerk1"))
        #expect(row.contains(smith.mrn))
        #expect(row.contains("opened restricted"))
        #expect(h.screen.lines.contains { $0.contains("restrict ") && $0.contains("restricted: member of s") })
        // The selected entry's detail in full, under the table.
        #expect(screen.contains("Detail: opened restricted record: safeguarding: concern raised by ward"))
        #expect(h.screen.style(of: "break_glass")?.role == .selection)
        h.press(.down)
        #expect(h.screen.style(of: "break_glass")?.role == .warning, "a break-glass row is marked by its word and a colour")
        // Nothing of the record itself is shown.
        #expect(!screen.contains("SMITH"))
    }

    @Test func thePatientReportStartsFromTheOpenRecordAndListsItsOpening() throws {
        let h = try Harness()
        let smith = h.patient("Smith")
        h.type("9434765919")
        h.press(.enter)
        #expect(h.state.pane == .record)
        h.press(.function(11))
        #expect(h.state.pane == .audit)
        #expect(h.state.auditPane.kind == .patient)
        #expect(h.state.auditPane.patient.text == smith.mrn)
        #expect(h.state.isTyping)
        #expect(h.text.contains("Patient \(smith.mrn)"))
        let effects = h.press(.enter)
        #expect(effects.first == .auditReport(patient: smith.mrn, user: nil, since: nil, restrictedOnly: false, limit: 500))
        let entries = try #require(h.state.auditPane.report?.entries)
        #expect(entries.map(\.action) == [.view, .register])
        #expect(h.text.contains("2 entries · patient \(smith.mrn) · newest first"), "\(h.text)")
        let view = try #require(h.screen.lines.first { $0.contains(" view ") })
        #expect(view.contains("24-Nov-2026 09:41") && view.contains("clerk1") && view.contains(smith.mrn))
        #expect(h.text.contains("Detail: opened record in the terminal UI"))
        // The keys are in the results now: Home and End move, ? is help again.
        #expect(!h.state.isTyping)
        h.press(.end)
        #expect(h.state.auditPane.report?.position.selected == 1)
        h.press(.home)
        #expect(h.state.auditPane.report?.position.selected == 0)
        // Typing goes back into the field.
        h.press(.backspace)
        #expect(h.state.isTyping)
        #expect(h.state.auditPane.patient.text == String(smith.mrn.dropLast()))
    }

    @Test func thePatientReportTakesAnNHSNumberWithSpaces() throws {
        let h = try Harness()
        h.press(.function(11), .tab)
        h.type("943 476 5919")
        h.press(.enter)
        #expect(h.state.auditPane.report?.entries.map(\.action) == [.register])
        #expect(h.state.auditPane.report?.entries.first?.patientMRN == h.patient("Smith").mrn)
    }

    @Test func thePersonReportStartsAWeekAgoAndKeepsToTheDate() throws {
        let h = try Harness()
        // Ten days ago the manager opened O'Brien (a service on the same database with an earlier clock).
        let earlier = testNow.addingTimeInterval(-10 * 86_400)
        let store = PatientStore(h.database, clock: FixedClock(earlier))
        let access = AccessControl(staff: StaffStore(h.database, clock: FixedClock(earlier)))
        let before = PatientService(patients: store, audit: store, access: access, clock: FixedClock(earlier))
        _ = try before.open(h.patient("O'Brien").mrn, by: testUser)
        // Today the manager opened Smyth.
        _ = try h.service.open(h.patient("Smyth").mrn, by: testUser)

        h.press(.function(11), .tab, .tab)
        #expect(h.state.auditPane.focus == .login)
        #expect(h.state.auditPane.since.text == "17-Nov-2026", "a week before today")
        h.type("clerk1")
        h.press(.tab)
        #expect(h.state.auditPane.focus == .since)
        let effects = h.press(.enter)
        let since = CentreTime.startOfDay(LocalDate(year: 2026, month: 11, day: 17)!)
        #expect(effects.first == .auditReport(patient: nil, user: "clerk1", since: since, restrictedOnly: false, limit: 500))
        let recent = try #require(h.state.auditPane.report?.entries)
        #expect(!recent.isEmpty)
        #expect(recent.allSatisfy { $0.user == "clerk1" && $0.occurredAt >= since })
        #expect(recent.first?.action == .view && recent.first?.patientMRN == h.patient("Smyth").mrn)
        #expect(!recent.contains { $0.patientMRN == h.patient("O'Brien").mrn && $0.action == .view })
        #expect(h.text.contains("· clerk1 since 17-Nov-2026 · newest first"), "\(h.text)")

        // From the first of the month, in another of the usual forms: the older opening too.
        h.press(.tab, .tab, .tab, .tab)     // round the reports back to since
        #expect(h.state.auditPane.focus == .since)
        h.press(.ctrl("u"))
        h.type("01/11/2026")
        h.press(.enter)
        let wider = try #require(h.state.auditPane.report?.entries)
        #expect(wider.count == recent.count + 1)
        #expect(wider.contains { $0.action == .view && $0.occurredAt < since && $0.patientMRN == h.patient("O'Brien").mrn })
        #expect(h.text.contains("clerk1 since 01-Nov-2026"))
        // Only that login: another's entries are not listed.
        h.press(.backTab, .ctrl("u"))
        h.type("desk2")
        h.press(.enter)
        #expect(h.state.auditPane.report?.entries.isEmpty == true)
        #expect(h.text.contains("No entries · desk2 since 01-Nov-2026"))
    }

    @Test func aBadDateIsRefusedNamingTheFieldAndNothingRuns() throws {
        let h = try Harness()
        h.press(.function(11), .tab, .tab)
        h.type("clerk1")
        h.press(.tab, .ctrl("u"))
        h.type("31/02/2026")
        let effects = h.press(.enter)
        #expect(effects.isEmpty)
        #expect(h.messageLine.contains("Error: since: is not a date: type it as 12/03/1956"), "\(h.messageLine)")
        #expect(h.state.auditPane.errorField == .since)
        #expect(h.text.contains("✗ Since"))
        // A date after today is refused the same way.
        h.press(.ctrl("u"))
        #expect(h.state.auditPane.errorField == nil, "typing clears the mark")
        h.type("1/12/2026")
        h.press(.enter)
        #expect(h.messageLine.contains("Error: since: 01-Dec-2026 is after today (24-Nov-2026)"), "\(h.messageLine)")
        // No login: the login field is named, and gets the cursor.
        h.press(.backTab, .ctrl("u"), .enter)
        #expect(h.messageLine.contains("Error: login: type the person's login"), "\(h.messageLine)")
        #expect(h.state.auditPane.focus == .login)
        #expect(!h.issued.contains { if case .auditReport = $0 { return true }; return false })
    }

    @Test func anUnknownPatientIsAnErrorNamingTheField() throws {
        let h = try Harness()
        h.press(.function(11), .tab, .enter)
        #expect(h.messageLine.contains("Error: patient: type a hospital number or NHS number"), "\(h.messageLine)")
        h.type("FD9999999")
        h.press(.enter)
        #expect(h.messageLine.contains("Error: patient: no patient has hospital number or NHS number FD9999999"), "\(h.messageLine)")
        #expect(h.state.auditPane.errorField == .patient)
        #expect(h.state.isTyping, "the cursor stays in the field to correct it")
        #expect(h.text.contains("✗ Patient"))
        #expect(h.text.contains("Error: patient: no patient has hospital number or NHS number FD9999999"))
    }

    @Test func aRefusalFromTheServiceIsShown() throws {
        // The key is not offered to a clerk; were it reached anyway, the service still refuses.
        let h = try Harness(role: .clerk)
        h.state.session.permissions = StaffRole.manager.permissions
        h.press(.function(11), .enter)
        #expect(h.state.pane == .audit)
        #expect(h.messageLine.contains("Error: access: a Patient Services Clerk may not read the audit reports"), "\(h.messageLine)")
        #expect(h.state.auditPane.report?.entries.isEmpty == true)
        #expect(words(h).contains("needs permission read_audit_reports"))
    }

    @Test func enterWhileAReportRunsAsksForNothingMore() throws {
        let h = try Harness()
        h.press(.function(11))
        // Not through the harness: the report's answer is held back.
        let effects = h.state.update(.key(.enter))
        #expect(effects.count == 1)
        #expect(h.text.contains("Running the report: restricted-record access…"))
        #expect(h.state.update(.key(.enter)).isEmpty)
        #expect(h.messageLine.contains("still running the report"))
        _ = h.state.update(.audited(.success([])))
        #expect(h.state.auditPane.running == nil)
        #expect(h.text.contains("No entries · restricted-record access"))
    }

    @Test func inTheLoopTheReportRunsOnTheWorkerAndItsAnswerIsDrawn() throws {
        let (h, _) = try restrictedSmithOpened()
        let terminal = FakeTerminal(script: [
            .input([.key(.function(11)), .key(.enter)]),
            .waitForText("2 entries · restricted-record access"),
            .input([.key(.function(10))]),
        ])
        let runtime = Runtime(state: h.state, services: h.services, device: terminal, clock: { testNow })
        #expect(runtime.run() == .quit)
        #expect(!terminal.gaveUp)
        #expect(runtime.state.auditPane.report?.entries.map(\.action) == [.breakGlass, .restrict])
        #expect(runtime.state.auditPane.running == nil)
    }

    // MARK: Moving and leaving

    @Test func tabGoesRoundTheReportsAndFieldsAndEachKeepsItsAnswer() throws {
        let (h, _) = try restrictedSmithOpened()
        h.press(.function(11), .enter)
        #expect(h.state.auditPane.report?.entries.count == 2)
        h.press(.tab)
        #expect(h.state.auditPane.kind == .patient)
        #expect(h.state.auditPane.report == nil)
        #expect(h.text.contains("Enter lists who opened or changed the record"))
        h.press(.tab, .tab)
        #expect(h.state.auditPane.focus == .since)
        h.press(.tab)
        #expect(h.state.auditPane.kind == .restricted)
        #expect(h.state.auditPane.report?.entries.count == 2, "the answer is kept")
        h.press(.backTab)
        #expect(h.state.auditPane.focus == .since)
    }

    @Test func pageKeysMoveByTheRowsShown() throws {
        let h = try Harness()
        // Every entry of the manager: the staff list set up and the seeded registrations, and more openings.
        for _ in 0..<20 { _ = try h.service.open(h.patient("Evans").mrn, by: testUser) }
        h.press(.function(11), .tab, .tab)
        h.type("clerk1")
        h.press(.tab, .ctrl("u"), .enter)
        let count = try #require(h.state.auditPane.report?.entries.count)
        #expect(count > h.state.auditPageRows)
        #expect(h.text.contains("clerk1, all dates"))
        h.press(.pageDown)
        #expect(h.state.auditPane.report?.position.selected == h.state.auditPageRows)
        h.press(.end)
        #expect(h.state.auditPane.report?.position.selected == count - 1)
        #expect(h.screen.lines.contains { $0.contains("staff") }, "the oldest rows are shown at the end")
        h.press(.pageUp, .up)
        #expect(h.state.auditPane.report?.position.selected == count - 2 - h.state.auditPageRows)
        h.press(.home)
        #expect(h.state.auditPane.report?.position.selected == 0)
    }

    @Test func escGoesBackToTheRecordAsItWasLeft() throws {
        let h = try Harness()
        h.type("9434765919")
        h.press(.enter, .pageDown)
        let record = try #require(h.state.record)
        #expect(record.scroll > 0)
        let before = h.text
        h.press(.function(11), .enter)
        #expect(h.state.pane == .audit)
        h.press(.escape)
        #expect(h.state.pane == .record)
        #expect(h.state.record == record)
        #expect(h.text.contains("SMITH, John"))
        #expect(ScreenBuffer.lines(h.text).dropLast(2) == ScreenBuffer.lines(before).dropLast(2), "the record is drawn as it was")
        // And from the record, Esc still goes back to the same search.
        h.press(.escape)
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text == "9434765919")
    }

    @Test func escFromTheLookupGoesBackToTheSameSearch() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.tab, .down)
        let lookup = h.state.lookup
        h.press(.function(11))
        #expect(h.state.auditPane.kind == .restricted, "no record open: nothing to prefill")
        h.press(.escape)
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup == lookup)
    }

    @Test func aFormWithChangesIsNotLeftForTheAuditTrail() throws {
        let h = try Harness()
        h.press(.function(7))
        h.type("Jones")
        h.press(.function(11))
        #expect(h.state.pane == .form)
        #expect(h.messageLine.contains("save the form (Ctrl-S) or leave it (Esc) before opening the audit trail"))
    }

    @Test func questionMarkIsTextInAFieldAndHelpOtherwise() throws {
        let h = try Harness()
        h.press(.function(11), .char("?"))
        #expect(h.state.overlay == .help(scroll: 0))
        #expect(h.text.contains("Help · Audit trail"))
        h.press(.escape, .tab, .char("?"))
        #expect(h.state.overlay == nil)
        #expect(h.state.auditPane.patient.text == "?")
    }

    @Test func theRestrictedAccessReportSnapshot() throws {
        let (h, _) = try restrictedSmithOpened()
        h.press(.function(11), .enter)
        assertSnapshot(h.screen, named: "audit-restricted-80x24")
    }
}

extension ScreenBuffer {
    /// The lines of a screen's text (as `text` gives it, trailing spaces trimmed).
    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
