import Testing
import FrontDeskDomain
import FrontDeskUI

/// The record pane: what it shows, scrolling, and editing through F8.
struct RecordInteractionTests {
    private func value(_ h: Harness, _ name: String) -> String? {
        h.state.form?.fields.first { $0.name == name }?.value
    }

    @Test func theRecordShowsTheBannerAndEverySection() throws {
        let h = try Scenario.record.harness(size: Size(width: 120, height: 60))
        let text = h.text
        let smith = h.patient("Smith")
        #expect(text.contains("SMITH, John (Mr)   Born 12-Mar-1956 (70y)   Male   NHS 943 476 5919   Hosp no \(smith.mrn)"))
        for section in ["Demographics", "Contact and next of kin", "GP practice", "Key worker",
                        "Alerts and accessible-information needs", "Appointments"] {
            #expect(text.contains(section), "\(section)")
        }
        #expect(text.contains("1 Chester Road, Bebington"))
        #expect(text.contains("CH63 4JY"))
        #expect(text.contains("Mary Smith (wife)"))
        #expect(text.contains("N81013  Bebington Surgery"))
        #expect(text.contains("Polish interpreter  (communication professional)"))
    }

    @Test func namesAreDrawnExactly() throws {
        let h = try Harness()
        for (query, shown) in [("李", "李, 小龙"), ("obrien", "O'BRIEN, Patrick (Mr)"), ("smith-jones", "SMITH-JONES, Mary (Mrs)"),
                               ("sian", "EVANS, Siân (Ms)"), ("suilleabhain", "Ó SÚILLEABHÁIN, Seán (Mr)")] {
            h.press(.ctrl("u"))
            h.type(query)
            // The lookup's name column is 23 cells at 80 columns: a longer name is cut with "…".
            #expect(h.text.contains(CellWidth.truncate(shown, to: 23)), "\(query)")
            h.press(.enter)
            #expect(h.state.pane == .record, "\(query)")
            #expect(h.text.contains(shown), "\(query)")
            h.press(.escape)
        }
    }

    @Test func theChineseNameRowKeepsTheColumnsAligned() throws {
        let h = try Scenario.lookupCJK.harness()
        let buffer = h.screen
        let born = try #require(buffer.find("Born"))
        let date = try #require(buffer.find("27-Nov-1940 (85y)"))
        #expect(date.x == born.x)
        #expect(buffer.find("M1 1AE")?.x == buffer.find("Postcode")?.x)
    }

    @Test func downAndPageDownScrollTheRecordAndHomeGoesBack() throws {
        let h = try Scenario.record.harness()
        let top = h.text
        #expect(top.contains("↓ more (PgDn)"))
        #expect(!top.contains("No appointments booked."))
        h.press(.down)
        #expect(h.state.record?.scroll == 1)
        #expect(h.text != top)
        h.press(.pageDown)
        #expect((h.state.record?.scroll ?? 0) > 1)
        h.press(.home)
        #expect(h.text == top)
        h.press(.up)
        #expect(h.state.record?.scroll == 0)
    }

    @Test func upAfterEndScrollsUpAtOnce() throws {
        let h = try Scenario.record.harness()
        h.press(.end)
        let bottom = h.text
        h.press(.up)
        #expect(h.text != bottom)
        h.press(.pageUp, .pageUp, .pageUp)
        #expect(h.text.contains("Demographics"))
    }

    @Test func f8OpensTheEditFormPrefilledWithTheRecord() throws {
        let h = try Scenario.record.harness()
        h.press(.function(8))
        #expect(h.state.pane == .form)
        #expect(h.state.form?.title == "Edit SMITH, John (Mr)")
        #expect(h.state.form?.isChanged == false)
        #expect(h.text.contains("Edit SMITH, John (Mr)"))
        let expected: [(String, String)] = [
            ("family_name", "Smith"), ("given_names", "John"), ("title", "Mr"), ("date_of_birth", "12-Mar-1956"),
            ("sex", "male"), ("nhs_number", "943 476 5919"), ("mrn", h.patient("Smith").mrn),
            ("address_line_1", "1 Chester Road"), ("town", "Bebington"), ("postcode", "CH63 4JY"),
            ("phones", "mobile:07700 900123"), ("gp_practice_code", "N81013"), ("gp_practice_name", "Bebington Surgery"),
            ("next_of_kin_name", "Mary Smith"), ("next_of_kin_relationship", "wife"), ("next_of_kin_phone", "0151 496 0000"),
            ("alerts", "safeguarding_concern:contact social worker first"),
            ("accessible_needs", "interpreter:Polish; large_print"), ("date_of_death", ""),
        ]
        for (name, wanted) in expected {
            #expect(value(h, name) == wanted, "\(name)")
        }
    }

    @Test func editingTheTownSavesAndReturnsToTheRecord() throws {
        let h = try Scenario.record.harness()
        let mrn = h.patient("Smith").mrn
        h.press(.function(8))
        h.fill("town", "Birkenhead")
        h.press(.ctrl("s"))
        #expect(h.state.pane == .record)
        #expect(h.state.form == nil)
        #expect(h.state.record?.patient.town == "Birkenhead")
        #expect(h.messageLine.hasPrefix(" saved: changed town"))
        #expect(h.text.contains("1 Chester Road, Birkenhead"))
        #expect(try h.store.find(reference: mrn)?.town == "Birkenhead")
        let edit = try #require(h.auditTrail(mrn).first)
        #expect(edit.action == .edit)
        #expect(edit.detail == "changed town")
        // Esc from the record still returns to the lookup where it started.
        h.press(.escape)
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text == "9434765919")
    }

    @Test func savingAnUnchangedEditSaysNothingChanged() throws {
        let h = try Scenario.record.harness()
        h.press(.function(8), .ctrl("s"))
        #expect(h.messageLine.contains("nothing changed"))
        #expect(!h.issued.contains { if case .edit = $0 { return true }; return false })
        h.press(.escape)
        #expect(h.state.pane == .record)
        #expect(h.state.overlay == nil)
    }

    @Test func anEditThatBreaksARuleIsRefusedInTheForm() throws {
        let h = try Scenario.record.harness()
        h.press(.function(8))
        h.fill("email", "not an address")
        h.press(.ctrl("s"))
        #expect(h.state.pane == .form)
        #expect(h.state.form?.focused.name == "email")
        #expect(h.messageLine.hasPrefix(" Error: email: must be an email address"))
        #expect(try h.store.find(reference: h.patient("Smith").mrn)?.email == nil)
    }

    @Test func escFromAChangedEditAsksAndYReturnsToTheUnchangedRecord() throws {
        let h = try Scenario.record.harness()
        h.press(.function(8))
        h.fill("town", "Birkenhead")
        h.press(.escape)
        #expect(h.state.overlay == .confirmDiscard(then: .back))
        h.press(.char("y"))
        #expect(h.state.pane == .record)
        #expect(h.state.record?.patient.town == "Bebington")
        #expect(try h.store.find(reference: h.patient("Smith").mrn)?.town == "Bebington")
    }

    @Test func theClockOnTheTopLineFollowsTicks() throws {
        let h = try Harness()
        #expect(h.screen.lines[0].hasSuffix("clerk1  Tue 24-Nov-2026 09:41 "))
        #expect(h.screen.lines[0].hasPrefix(" FrontDesk · DEMO · Patient lookup"))
        h.send(.tick(testNow.addingTimeInterval(60 * 60 * 15)))
        #expect(h.screen.lines[0].hasSuffix("clerk1  Wed 25-Nov-2026 00:41 "))
    }
}

// Regression test (was a bug found while writing these tests).
extension RecordInteractionTests {
    @Test func endShowsTheLastLineOfTheRecord() throws {
        let h = try Scenario.record.harness()
        h.press(.end)
        #expect(h.text.contains("No appointments booked."))
        #expect(!h.text.contains("↓ more (PgDn)"))
        let end = h.text
        h.press(.pageDown, .down)
        #expect(h.text == end)
    }

    @Test func theLastLineIsReachableAtEverySize() throws {
        for height in [24, 25, 30, 40] {
            let h = try Scenario.record.harness(size: Size(width: 80, height: height))
            for _ in 0..<5 { h.press(.pageDown) }
            #expect(h.text.contains("No appointments booked."), "at 80x\(height)")
        }
    }
}

extension RecordInteractionTests {
    @Test func tabAndShiftTabJumpBetweenSections() throws {
        let h = try Scenario.record.harness()
        #expect(h.state.record?.scroll == 0)
        h.press(.tab)
        let first = try #require(h.state.record?.scroll)
        #expect(first > 0)
        // The body's first line is now the next section's heading.
        #expect(h.screen.lines.contains { $0.contains("│ Contact and next of kin") })
        h.press(.tab)
        #expect((h.state.record?.scroll ?? 0) > first)
        h.press(.backTab)
        #expect(h.state.record?.scroll == first)
        h.press(.backTab)
        #expect(h.state.record?.scroll == 0)
    }
}
