import Foundation
import Testing
import FrontDeskDomain
import FrontDeskUI

/// The clinic set-up, the second section of F9 (Tab): a manager adds sites,
/// services, clinicians and templates through `DiaryService` and
/// `BookingService` and generates sessions; everyone else reads the lists and
/// is told the permission needed. Results are read back through the services.
@Suite("Clinic set-up (F9, Tab)")
struct ClinicSetupPaneTests {
    /// F9, then Tab: the clinic set-up section.
    func openSetup(_ h: Harness) {
        h.press(.function(9), .tab)
    }

    @Test func aManagerSetsUpAClinicGeneratesSessionsAndItsSlotsAreBookable() throws {
        let h = try Harness()
        openSetup(h)
        #expect(h.state.settingsPane.section == .clinicSetup)
        #expect(h.screen.lines[1].contains("Clinic set-up · Sites"))
        #expect(h.text.contains("[Sites 0]"))

        // A site.
        h.press(.char("+"))
        #expect(h.state.isTyping)
        #expect(h.text.contains("New site"))
        h.fill(["main", "Main site"])
        h.press(.ctrl("s"))
        #expect(h.state.settingsPane.setup.form == nil, "\(h.messageLine)")
        #expect(h.messageLine.contains("added site main (Main site) (recorded in the audit trail)"))
        #expect(try h.diary.sites(by: testUser).map(\.code) == ["main"])
        #expect(h.text.contains("[Sites 1]"))
        #expect(h.text.contains("Main site"))

        // A service: follow-up, by telephone.
        h.press(.right, .char("+"))
        #expect(h.text.contains("New service"))
        h.fill(["onc_fu", "Oncology follow-up", "20", "follow-up", "telephone"])
        h.press(.ctrl("s"))
        let service = try #require(try h.diary.services(by: testUser).first, "\(h.messageLine)")
        #expect(service.code == "onc_fu")
        #expect(service.defaultMinutes == 20)
        #expect(service.attendance == .followUp)
        #expect(service.mode == .telephone)
        #expect(h.text.contains("follow-up telephone"))

        // A clinician.
        h.press(.right, .char("+"))
        h.fill(["dr_okafor", "Dr Okafor", "consultant"])
        h.press(.ctrl("s"))
        #expect(try h.diary.clinicians(by: testUser).map(\.code) == ["dr_okafor"], "\(h.messageLine)")
        #expect(h.text.contains("Consultant"))

        // A template, Monday to Friday 09:00 to 12:00 in 20-minute slots, from today (the default).
        h.press(.right, .char("+"))
        #expect(h.state.settingsPane.setup.form?.value("valid_from") == "24-Nov-2026")
        h.fill(["onc_fu", "main", "dr_okafor", "mon-fri", "09:00", "12:00", "20"])
        h.press(.ctrl("s"))
        let template = try #require(try h.booking.templates(by: testUser).first, "\(h.messageLine)")
        #expect(template.weekdays.count == 5)
        #expect(template.slotMinutes == 20 && template.capacity == 1)
        #expect(template.validFrom == LocalDate(year: 2026, month: 11, day: 24))
        #expect(h.text.contains("mon-fri"))
        #expect(h.text.contains("09:00–12:00"))

        // Generate to the end of the year: Christmas Day and the Boxing Day substitute are skipped.
        h.press(.char("g"))
        #expect(h.text.contains("Generate sessions from the templates"))
        h.fill([nil, "31/12/2026"])
        h.press(.ctrl("s"))
        #expect(h.state.settingsPane.setup.form == nil, "\(h.messageLine)")
        #expect(h.state.message?.text == "24-Nov-2026 to 31-Dec-2026: 26 sessions created, 0 already there; "
                + "skipped 25-Dec-2026 (bank holiday), 28-Dec-2026 (bank holiday)", "\(h.messageLine)")
        #expect(h.state.settingsPane.setup.lastGeneration?.contains("28-Dec-2026 (bank holiday)") == true)
        let december = try h.booking.sessions(SessionQuery(from: LocalDate(year: 2026, month: 11, day: 24)!,
                                                           to: LocalDate(year: 2026, month: 12, day: 31)!), by: testUser)
        #expect(december.count == 26)
        #expect(!december.contains { $0.date == LocalDate(year: 2026, month: 12, day: 25)! })
        // Again: nothing new, every session already there.
        h.press(.char("g"))
        h.fill([nil, "31/12/2026"])
        h.press(.ctrl("s"))
        #expect(h.state.message?.text.contains("0 sessions created, 26 already there") == true, "\(h.messageLine)")

        // The clinics pane offers the new clinic, and its slots are booked from a record.
        h.press(.function(3))
        #expect(h.state.pane == .clinics)
        #expect(h.state.clinicsPane.setup?.services.map(\.code) == ["onc_fu"])
        h.press(.function(2))
        h.type("9434765919")
        h.press(.enter)
        h.press(.char("b"))
        h.type("follow")
        let first = try #require(h.state.booking?.slots.first, "\(h.text)")
        #expect(first.start.display == "10:00")           // 09:41 now: the 10:00 slot is the first free
        #expect(first.clinicianCode == "dr_okafor")
        h.press(.enter, .enter, .enter)
        #expect(h.messageLine.contains("booked onc_fu Tue 24-Nov-2026 10:00"), "\(h.messageLine)")
        h.press(.function(3))
        #expect(h.text.contains("SMITH, John"))

        // Every addition is audited.
        let audit = try h.store.entries(patientID: nil, limit: 50).filter { $0.action == .diary }.map(\.detail)
        #expect(audit.contains("added site main (Main site)"))
        #expect(audit.contains { $0.hasPrefix("added session template #") })
        #expect(audit.contains("generated 26 sessions 24-Nov-2026 to 31-Dec-2026"))
    }

    @Test func aSlotLengthThatDoesNotDivideTheSessionIsRefusedNamingSlotMinutes() throws {
        let h = try Harness()
        try h.seedClinic()
        openSetup(h)
        h.press(.left, .char("+"))
        #expect(h.state.settingsPane.setup.list == .templates)
        h.fill(["onc_fu", "main", "dr_okafor", "mon", "09:00", "12:00", "25"])
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("Error: slot_minutes: must divide the session into whole slots"), "\(h.messageLine)")
        let form = try #require(h.state.settingsPane.setup.form)
        #expect(form.focused.name == "slot_minutes")
        #expect(form.focused.error?.contains("180 minutes") == true)
        #expect(h.text.contains("✗ Slot minutes"))
        // Nothing stored: the two templates of the seed only.
        #expect(try h.booking.templates(by: testUser).count == 2)
        // A length out of range is refused by the rule too.
        h.press(.end, .ctrl("u"))
        h.type("1000")
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("slot_minutes: " + SessionTemplate.slotMinutesRule), "\(h.messageLine)")
        // An unknown service is refused by the booking service, naming the field.
        h.press(.end, .ctrl("u"))
        h.type("20")
        for _ in 0..<6 { h.press(.backTab) }
        #expect(h.state.settingsPane.setup.form?.focused.name == "service")
        h.press(.end, .ctrl("u"))
        h.type("no_such")
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("service: there is no service 'no_such'"), "\(h.messageLine)")
        #expect(h.state.settingsPane.setup.form?.fields.first?.error != nil)
        #expect(try h.booking.templates(by: testUser).count == 2)
        // Esc: nothing added.
        h.press(.escape)
        #expect(h.state.settingsPane.setup.form == nil)
        #expect(h.messageLine.contains("nothing added"))
    }

    @Test func aServiceIsAddedWithPharmacyScreeningAndPTurnsItOnAndOff() throws {
        let h = try Harness()
        try h.seedClinic()
        openSetup(h)
        h.press(.right, .char("+"))
        h.fill(["chemo_day", "Chemotherapy day unit", "120", "follow-up", nil, "maybe"])
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("pharmacy_screening: must be yes or no"), "\(h.messageLine)")
        h.press(.end, .ctrl("u"))
        h.type("yes")
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("added service chemo_day (Chemotherapy day unit, 120 min, pharmacy screening)"), "\(h.messageLine)")
        let chemo = try #require(try h.diary.services(by: testUser).first { $0.code == "chemo_day" })
        #expect(chemo.pharmacyScreening)
        #expect(h.text.contains("screens"))
        // p on the selected service (the first in code order) turns it off, and on again.
        h.press(.home)
        let selected = h.state.settingsPane.setup.lists?.services[h.state.settingsPane.setup.position.selected].code
        #expect(selected == "chemo_day")
        h.press(.char("p"))
        #expect(h.messageLine.contains("service chemo_day: pharmacy screening off (recorded in the audit trail)"), "\(h.messageLine)")
        let off = try h.diary.services(by: testUser).first { $0.code == "chemo_day" }?.pharmacyScreening
        #expect(off == false)
        #expect(!h.text.contains("screens"))
        h.press(.char("p"))
        #expect(h.messageLine.contains("pharmacy screening on"), "\(h.messageLine)")
        let on = try h.diary.services(by: testUser).first { $0.code == "chemo_day" }?.pharmacyScreening
        #expect(on == true)
        // Another list: p says what it is for.
        h.press(.left)
        h.press(.char("p"))
        #expect(h.messageLine.contains("p is for the services list"), "\(h.messageLine)")
    }

    @Test func aCodeAlreadyUsedIsMarkedOnTheCodeField() throws {
        let h = try Harness()
        try h.seedClinic()
        openSetup(h)
        h.press(.char("+"))
        h.fill(["MAIN", "Another main"])
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("Error: code: a site with code 'main' already exists"), "\(h.messageLine)")
        #expect(h.state.settingsPane.setup.form?.focused.name == "code")
        #expect(try h.diary.sites(by: testUser).count == 2)
    }

    @Test(arguments: [StaffRole.clerk, .officer])
    func othersReadTheListsButCannotAdd(_ role: StaffRole) throws {
        let h = try Harness(role: role)
        try h.seedClinic()
        openSetup(h)
        let words = h.text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Read only: a \(role.title) may not set up sites, services, clinicians and resources"), "\(words)")
        #expect(h.text.contains("North hub"))
        h.press(.char("+"))
        #expect(h.state.settingsPane.setup.form == nil)
        #expect(h.messageLine.contains("Error: read only: needs permission manage_clinics (\(Permission.manageClinics.lowestRole.title))"),
                "\(h.messageLine)")
        h.press(.char("g"))
        #expect(h.state.settingsPane.setup.form == nil)
        #expect(try h.diary.sites(by: testUser).count == 2)
        h.press(.right, .char("p"))
        #expect(h.messageLine.contains("read only: needs permission manage_clinics"), "\(h.messageLine)")
        #expect(try h.diary.services(by: testUser).allSatisfy { !$0.pharmacyScreening })
        h.press(.left)
        // The lists are there to read.
        h.press(.left)
        #expect(h.text.contains("mon-fri"))
        #expect(h.text.contains("09:00–12:00"))
    }

    @Test func tabSwitchesBackAndEscLeaves() throws {
        let h = try Harness()
        h.type("smith")
        openSetup(h)
        #expect(h.screen.lines[23].contains("+ Add"))
        h.press(.backTab)
        #expect(h.state.settingsPane.section == .settings)
        #expect(h.text.contains("idle_lock_minutes"))
        h.press(.tab)
        #expect(h.state.settingsPane.section == .clinicSetup)
        h.press(.tab)
        #expect(h.state.settingsPane.section == .staff)
        h.press(.backTab)
        #expect(h.state.settingsPane.section == .clinicSetup)
        h.press(.escape)
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text == "smith")
    }

    @Test func theClinicSetUpListsSnapshot() throws {
        let h = try Harness()
        try h.seedClinic()
        openSetup(h)
        h.press(.left)
        assertSnapshot(h.screen, named: "clinic-setup-templates-80x24")
    }
}
