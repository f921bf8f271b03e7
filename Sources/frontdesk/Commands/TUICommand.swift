import ArgumentParser
import Foundation
import FrontDeskDomain
import FrontDeskPAM
import FrontDeskTerminal
import FrontDeskUI
#if canImport(Glibc)
import Glibc
#endif

/// `frontdesk` (or `frontdesk tui`): the full-screen terminal UI.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the full-screen terminal UI (the default when no subcommand is given).",
        discussion: """
            Starts in patient lookup. F1 or ? lists every key; F10, Ctrl-Q or Ctrl-C quits.
            After idle_lock_minutes without a key press (frontdesk settings; read when the UI
            starts) the screen locks; your own OS password (PAM) unlocks it. F12 locks at once.
            Managers read the audit trail with F11. F3 shows the clinic day list (check-in,
            attendances, DNA, outcomes, walk-ins, the to-be-booked list); b in a patient's record books.
            Needs a terminal of at least 80x24; NO_COLOR=1 gives the monochrome theme.
            Every command of the UI also exists on the command line (see Docs/KEYS.md).
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        // Refuse before anything is opened or drawn, with words, not curses garbage.
        if isatty(0) == 0 || isatty(1) == 0 {
            let which = isatty(0) == 0 ? "standard input" : "standard output"
            throw CommandFailure(message: "frontdesk: the terminal UI needs a terminal, but \(which) is not one. "
                                 + "Use a subcommand instead, e.g. 'frontdesk patient search NAME' (see frontdesk --help).",
                                 code: .refused)
        }
        let environment = ProcessInfo.processInfo.environment
        var reason: ExitReason = .quit
        try reporting(json: false) {
            let context = try Context.open(global)
            let me = try context.staff.whoAmI(context.user)
            // The role's permissions decide which keys are offered (F11, the audit
            // trail, for managers); the services check every action again.
            // The person's usual site (staff set-site) on the top line, and the clinics pane's first choice.
            let site = try me.defaultSite.flatMap { code in try context.diary.sites(by: context.user).first { $0.code == code } }
            let session = SessionInfo(user: me.login, role: me.role.rawValue.capitalized, site: site?.name, siteCode: site?.code,
                                      databaseLabel: context.purpose == .demo ? "DEMO" : nil,
                                      permissions: me.role.permissions)
            // Read once at start: a change made elsewhere applies from the next start
            // (a change made in this UI's settings pane applies at once).
            let idleMinutes = try context.settings.current(by: context.user).idleLockMinutes
            // Print/export writes to the user's home ($HOME as the shell has it).
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            let desk = PatientDesk(service: context.service, user: context.user, settings: context.settings,
                                   authenticator: PAMAuthenticator(), booking: context.booking, diary: context.diary,
                                   sequence: context.sequence, enquiries: context.enquiries, checklist: context.checklist,
                                   checklistExport: ChecklistExport(directory: home,
                                                                    text: { ChecklistText.text($0) }),
                                   caseNotes: context.caseNotes)
            do {
                reason = try CursesTerminal.withTerminal(environment: environment) { terminal in
                    var state = AppState(size: terminal.size, session: session, now: Date())
                    state.idleLockSeconds = idleMinutes * 60
                    state.caseNotesAvailable = true
                    state.message = .hint(context.purpose == .demo
                        ? "Demo database (synthetic patients). Type to search; F1 lists every key."
                        : "Type a name, NHS number, hospital number, date of birth, phone or postcode. F1 lists every key.")
                    return Runtime(state: state, services: desk, device: terminal).run()
                }
            } catch let error as TerminalError {
                throw CommandFailure(message: error.message, code: .refused)
            }
        }
        if case .signal(let number) = reason {
            // The terminal is already restored; end as the signal asked.
            throw ExitCode(128 + number)
        }
    }
}
