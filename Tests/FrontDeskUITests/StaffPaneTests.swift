import Foundation
import Testing
import FrontDeskDomain
import FrontDeskUI

/// The staff and teams, the third section of F9 (Tab, Tab): a manager adds a
/// person, changes a role, teams and default site, deactivates and reactivates
/// through `StaffService`; anyone sets their own default site; everyone else
/// reads the lists and is told why. Results are read back through the service.
@Suite("Staff and teams (F9, Tab, Tab)")
struct StaffPaneTests {
    /// F9, then Tab twice: the staff and teams section.
    func openStaff(_ h: Harness) {
        h.press(.function(9), .tab, .tab)
    }

    /// Selects a person's row with ↓ from the top, as a manager would.
    func select(_ h: Harness, _ login: String) {
        guard let index = h.state.settingsPane.staff.lists?.staff.firstIndex(where: { $0.login == login }) else {
            fatalError("\(login) is not on the staff list")
        }
        h.press(.home)
        for _ in 0..<index { h.press(.down) }
        #expect(h.state.settingsPane.staff.selectedMember?.login == login)
    }

    func member(_ h: Harness, _ login: String) throws -> StaffMember {
        try #require(try h.staff.list(by: testUser).first { $0.login == login }, "\(login) is not stored")
    }

    /// The screen's words with the frame and runs of spaces taken out (wrapped lines read on).
    func words(_ h: Harness) -> String {
        h.text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func aManagerAddsAPersonAndChangesTheirRoleTeamsSiteAndActive() throws {
        let h = try Harness()
        try h.seedClinic()
        openStaff(h)
        #expect(h.state.settingsPane.section == .staff)
        #expect(h.screen.lines[1].contains("Staff and teams · Staff"))
        #expect(h.text.contains("[Staff 1]"))
        #expect(h.text.contains("Assistant Service Manager"))

        // A new person: login, name, role, teams.
        h.press(.char("+"))
        #expect(h.state.isTyping)
        #expect(h.text.contains("New member of staff"))
        h.fill(["sam", "Sam Patel", "clerk", "front_desk, pharmacy"])
        h.press(.ctrl("s"))
        #expect(h.state.settingsPane.staff.form == nil, "\(h.messageLine)")
        #expect(h.messageLine.contains("added sam (Sam Patel) as Patient Services Clerk in front_desk, pharmacy"), "\(h.messageLine)")
        var sam = try member(h, "sam")
        #expect(sam.displayName == "Sam Patel" && sam.role == .clerk && sam.teams.sorted() == ["front_desk", "pharmacy"])
        #expect(h.text.contains("[Staff 2]"))
        #expect(h.text.contains("Sam Patel"))

        // Enter: the role.
        select(h, "sam")
        h.press(.enter)
        #expect(h.text.contains("Change the role of sam"))
        h.fill(["officer"])
        h.press(.ctrl("s"))
        #expect(try member(h, "sam").role == .officer, "\(h.messageLine)")
        #expect(h.messageLine.contains("sam: role Patient Services Clerk → Patient Services Officer"), "\(h.messageLine)")

        // t: the teams.
        h.press(.char("t"))
        #expect(h.state.settingsPane.staff.form?.value("teams") == "front_desk, pharmacy")
        h.fill(["transport"])
        h.press(.ctrl("s"))
        #expect(try member(h, "sam").teams == ["transport"], "\(h.messageLine)")

        // h: the default site, by code.
        h.press(.char("h"))
        h.fill(["hub_north"])
        h.press(.ctrl("s"))
        #expect(try member(h, "sam").defaultSite == "hub_north", "\(h.messageLine)")
        #expect(h.messageLine.contains("default site none → hub_north (North hub)"), "\(h.messageLine)")

        // v: deactivate, asked first; Esc keeps, Y deactivates; v again reactivates.
        h.press(.char("v"))
        #expect(h.text.contains("Deactivate sam (Sam Patel, Patient Services Officer)?"))
        h.press(.escape)
        #expect(try member(h, "sam").active)
        h.press(.char("v"), .char("y"))
        #expect(h.state.overlay == nil)
        sam = try member(h, "sam")
        #expect(!sam.active, "\(h.messageLine)")
        #expect(h.messageLine.contains("deactivated sam (Sam Patel)"))
        #expect(h.text.contains("deactivated"))
        h.press(.char("v"))
        #expect(h.text.contains("Reactivate sam"))
        h.press(.char("Y"))
        #expect(try member(h, "sam").active, "\(h.messageLine)")

        // The teams list shows who is in each.
        h.press(.right)
        #expect(h.state.settingsPane.staff.list == .teams)
        let transport = try #require(h.state.settingsPane.staff.lists?.teams.first { $0.team.code == "transport" })
        #expect(transport.members.map(\.login) == ["sam"])
        #expect(h.text.contains("Transport"))

        // Every change is audited with the acting user.
        let audit = try h.store.entries(patientID: nil, limit: 50).filter { $0.action == .staff }
        #expect(audit.contains { $0.detail == "sam role clerk → officer" && $0.user == testUser.login })
        #expect(audit.contains { $0.detail == "deactivated sam" })
        #expect(audit.contains { $0.detail == "reactivated sam" })
    }

    @Test func errorsNameTheFieldAndTheRuleAndMarkTheField() throws {
        let h = try Harness()
        openStaff(h)
        h.press(.char("+"))
        h.fill(["bad login!", "", "boss"])
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("Error: login: " + StaffMember.loginRule.prefix(30)), "\(h.messageLine)")
        let form = try #require(h.state.settingsPane.staff.form)
        #expect(form.focused.name == "login")
        #expect(form.fields.filter { $0.error != nil }.map(\.name) == ["login", "name", "role"])
        #expect(h.text.contains("✗ Login"))
        #expect(h.text.contains("✗ Role"))
        // The service's own check: a team that does not exist, marked on the teams field.
        h.press(.backTab, .backTab, .backTab, .backTab)
        h.fill(["sam", "Sam Patel", "clerk", "front_desk nosuch"])
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("Error: team: there is no team 'nosuch'"), "\(h.messageLine)")
        #expect(h.state.settingsPane.staff.form?.focused.name == "teams")
        #expect(h.text.contains("✗ Teams"))
        #expect(try h.staff.list(by: testUser).count == 1)
        // A login already on the list: the login field.
        h.press(.backTab, .backTab, .backTab)
        h.fill(["clerk1", nil, nil, "front_desk"])
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("login: 'clerk1' is already on the staff list"), "\(h.messageLine)")
        #expect(h.state.settingsPane.staff.form?.focused.name == "login")
        h.press(.escape)
        #expect(h.state.settingsPane.staff.form == nil)
        #expect(h.messageLine.contains("nothing changed"))
        // A site that is not set up.
        h.press(.char("h"))
        h.fill(["nowhere"])
        h.press(.ctrl("s"))
        #expect(h.messageLine.contains("Error: site: there is no site 'nowhere' (no sites are set up yet)"), "\(h.messageLine)")
        #expect(h.state.settingsPane.staff.form?.fields[0].error != nil)
        #expect(try member(h, "clerk1").defaultSite == nil)
    }

    @Test func theLastManagerCannotBeDemotedOrDeactivated() throws {
        let h = try Harness()
        _ = try h.staff.add(login: "sam", displayName: "Sam Patel", role: .officer, teams: [], by: testUser)
        openStaff(h)
        select(h, "clerk1")
        h.press(.enter)
        h.fill(["officer"])
        h.press(.ctrl("s"))
        #expect(h.state.message == .error("login: this is the last active manager: make someone else a manager first"),
                "\(h.messageLine)")
        #expect(h.state.settingsPane.staff.form?.fields[0].error != nil)
        #expect(try member(h, "clerk1").role == .manager)
        h.press(.escape, .char("v"), .char("y"))
        #expect(h.messageLine.contains("last active manager"), "\(h.messageLine)")
        #expect(try member(h, "clerk1").active)
        // With a second manager, the first may step down.
        select(h, "sam")
        h.press(.enter)
        h.fill(["Assistant Service Manager"])
        h.press(.ctrl("s"))
        #expect(try member(h, "sam").role == .manager, "\(h.messageLine)")
        select(h, "clerk1")
        h.press(.enter)
        h.fill(["officer"])
        h.press(.ctrl("s"))
        #expect(try member(h, "clerk1").role == .officer, "\(h.messageLine)")
        // The desk now offers what an officer may do.
        #expect(!h.state.session.permissions.contains(.manageStaff))
    }

    @Test(arguments: [StaffRole.clerk, .officer])
    func othersReadTheListsAndSetOnlyTheirOwnSite(_ role: StaffRole) throws {
        let h = try Harness(role: role)
        try h.seedClinic()
        openStaff(h)
        #expect(words(h).contains("Read only: a \(role.title) may not add staff, change roles and deactivate staff"), "\(words(h))")
        #expect(h.text.contains("Desk User"))
        #expect(h.text.contains("Test Clerk"))
        let before = try h.staff.list(by: testUser)
        for key in [Key.char("+"), .enter, .char("v")] {
            h.press(key)
            #expect(h.state.settingsPane.staff.form == nil)
            #expect(h.state.overlay == nil)
            #expect(h.messageLine.contains("Error: read only: needs permission manage_staff (Assistant Service Manager)"), "\(h.messageLine)")
        }
        h.press(.char("t"))
        #expect(h.messageLine.contains("needs permission manage_teams"), "\(h.messageLine)")
        // Someone else's site: refused.
        select(h, "clerk1")
        h.press(.char("h"))
        #expect(h.state.settingsPane.staff.form == nil)
        #expect(h.messageLine.contains("only your own default site"), "\(h.messageLine)")
        #expect(try h.staff.list(by: testUser) == before)
        // Their own: set, and the desk's top line follows.
        select(h, deskUser.login)
        h.press(.char("h"))
        h.fill(["main"])
        h.press(.ctrl("s"))
        #expect(try member(h, deskUser.login).defaultSite == "main", "\(h.messageLine)")
        #expect(h.state.session.siteCode == "main")
        #expect(h.screen.lines[0].contains("Main site"))
        // The teams list is there to read.
        h.press(.right)
        #expect(h.text.contains("front_desk"))
        #expect(words(h).contains("Read only: a \(role.title) may not create teams"), "\(words(h))")
    }

    @Test func tabGoesThroughTheThreeSectionsAndEscLeaves() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.function(9))
        #expect(h.state.settingsPane.section == .settings)
        h.press(.tab)
        #expect(h.state.settingsPane.section == .clinicSetup)
        h.press(.tab)
        #expect(h.state.settingsPane.section == .staff)
        #expect(h.screen.lines[23].contains("+ Add  Enter Role  Tab Settings"), "\(h.screen.lines[23])")
        h.press(.tab)
        #expect(h.state.settingsPane.section == .settings)
        h.press(.backTab)
        #expect(h.state.settingsPane.section == .staff)
        h.press(.backTab)
        #expect(h.state.settingsPane.section == .clinicSetup)
        h.press(.tab)
        // Help names the section and its keys.
        h.press(.char("?"))
        #expect(h.text.contains("Help · Staff and teams") || h.text.contains("Staff and teams"))
        h.press(.escape, .escape)
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text == "smith")
        // F9 again opens the section last shown, read afresh.
        h.press(.function(9))
        #expect(h.state.settingsPane.section == .staff)
        #expect(h.state.settingsPane.staff.lists?.staff.count == 1)
    }

    @Test func theStaffListSnapshot() throws {
        let h = try Harness()
        try h.seedClinic()
        _ = try h.staff.add(login: "sam", displayName: "Sam Patel", role: .clerk, teams: ["front_desk"], by: testUser)
        _ = try h.staff.add(login: "ola", displayName: "Ola Nowak", role: .officer, teams: ["front_desk", "transport"], by: testUser)
        _ = try h.staff.setDefaultSite("ola", site: "hub_north", sites: try h.diary.sites(by: testUser), by: testUser)
        _ = try h.staff.add(login: "old.desk", displayName: "Pat Former", role: .clerk, teams: [], by: testUser)
        _ = try h.staff.setActive("old.desk", false, by: testUser)
        openStaff(h)
        h.press(.down)
        assertSnapshot(h.screen, named: "staff-list-80x24")
    }
}
