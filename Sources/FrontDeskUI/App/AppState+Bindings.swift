import FrontDeskDomain

/// The key bindings of every pane, as data: they dispatch keys, build the
/// function-key bar and the help overlay, and Docs/KEYS.md is checked against them.
extension AppState {
    /// Keys that work everywhere. `permissions` are the person's: a key whose
    /// pane needs one they lack is left out (so neither the bar nor help offers it).
    /// F4 (the sequence pane) plans a course for the record open, and says to open one first otherwise.
    public static func globalBindings(typing: Bool, permissions: Set<Permission> = []) -> [KeyBinding] {
        var list = [
            KeyBinding(typing ? [.function(1)] : [.function(1), .char("?")], .help, label: "Help",
                       help: typing ? "help: every key of this pane (also ? when not typing in a field)" : "help: every key of this pane",
                       inBar: true),
            KeyBinding([.function(2)], .patients, label: "Patients", help: "patient lookup: search for a patient", inBar: true),
            clinicsBinding,
            sequenceGlobalBinding,
            enquiriesGlobalBinding,
            checklistGlobalBinding,
            KeyBinding([.function(9)], .settings, label: "Settings",
                       help: "settings, clinic set-up, staff and teams (Tab)"),
            lockBinding,
            KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit",
                       help: "quit FrontDesk (asks first if a form has unsaved changes)", inBar: true),
            KeyBinding([.ctrl("l")], .redraw, label: "Redraw", help: "repaint the screen if something else wrote over it"),
        ]
        if permissions.contains(auditBinding.permission) {
            list.insert(auditBinding.binding, at: list.firstIndex { $0.action == .lock } ?? list.endIndex)
        }
        return list
    }

    /// The keys of one pane in one focus state (without the global keys).
    public static func paneBindings(_ pane: PaneID, lookupFocus: LookupState.Focus = .search) -> [KeyBinding] {
        switch pane {
        case .lookup:
            var list: [KeyBinding] = [
                KeyBinding([.enter], .openSelected, label: "Open", help: "open the selected patient's record", inBar: true),
                KeyBinding([.function(7), .insert], .newPatient, label: "New patient", help: "register a new patient", inBar: true),
                KeyBinding([.down], .moveDown, label: "Down", help: "select the next result"),
                KeyBinding([.up], .moveUp, label: "Up", help: "select the previous result"),
                KeyBinding([.pageDown], .pageDown, label: "Page down", help: "move the selection a page down"),
                KeyBinding([.pageUp], .pageUp, label: "Page up", help: "move the selection a page up"),
            ]
            switch lookupFocus {
            case .search:
                list.append(KeyBinding([.tab], .focusResults, label: "Results", help: "move to the results list (Home and End then move in it)"))
                list.append(KeyBinding([.ctrl("f")], .focusSearch, label: "Search", help: "search field (the cursor is there already)"))
            case .results:
                list.append(KeyBinding([.home], .first, label: "First", help: "select the first result"))
                list.append(KeyBinding([.end], .last, label: "Last", help: "select the last result"))
                list.append(KeyBinding([.ctrl("f"), .char("/"), .tab, .escape], .focusSearch, label: "Search",
                                       help: "back to the search field"))
            }
            return list
        case .record:
            return recordBindings(permissions: Set(Permission.allCases))
        case .settings:
            return settingsBindings(editing: false)
        case .audit:
            return auditBindings(typing: false)
        case .clinics:
            return clinicsBindings(typing: false, view: .day, permissions: Set(Permission.allCases))
        case .booking:
            return bookingBindings(typing: false)
        case .sequence:
            return sequenceBindings(focus: .plan, override: true)
        case .enquiries:
            return enquiryBindings(mode: .queue)
        case .checklist:
            return checklistBindings(typing: false, signOff: true, pullList: true, unsigned: true)
        case .form:
            return [
                KeyBinding([.ctrl("s")], .save, label: "Save", help: "check every field and save", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "leave the form (asks first if anything changed)", inBar: true),
                KeyBinding([.tab, .down, .enter], .nextField, label: "Next", help: "check this field and go to the next"),
                KeyBinding([.backTab, .up], .previousField, label: "Previous", help: "check this field and go to the previous"),
                KeyBinding([.pageDown], .pageDown, label: "Page down", help: "go a page of fields down"),
                KeyBinding([.pageUp], .pageUp, label: "Page up", help: "go a page of fields up"),
            ]
        }
    }

    /// The record's keys; `m` (merge a duplicate into it) only for those with `merge_patients`.
    public static func recordBindings(permissions: Set<Permission>) -> [KeyBinding] {
        var list: [KeyBinding] = [
            KeyBinding([.escape], .back, label: "Back", help: "back to the search results (same query and selection)", inBar: true),
            KeyBinding([.function(8)], .editPatient, label: "Edit", help: "edit this patient's details", inBar: true),
            KeyBinding([.char("b")], .book, label: "Book",
                       help: "book an appointment: choose the service and filters, then a free slot; Enter shows a summary to confirm", inBar: true),
            KeyBinding([.function(4), .char("q")], .sequence, label: "Sequence",
                       help: "sequence: plan and book a treatment course for this patient", inBar: true),
            KeyBinding([.char("P")], .preferences, label: "Preferences",
                       help: "booking preferences: days, times and dates the patient cannot come"),
            KeyBinding([.char("R")], .replanCourse, label: "Re-plan",
                       help: "re-plan a course a cancellation or move broke (Y books it)"),
            KeyBinding([.char("S")], .stopCourse, label: "Stop course",
                       help: "stop a treatment course the oncologist has ended: its appointments to come and open tasks are cancelled, with a reason"),
            KeyBinding([.char("C")], .addConsent, label: "Consent",
                       help: "record the patient's consent to share with a relative or carer: who, relationship, what (audited)"),
            KeyBinding([.char("W")], .withdrawConsent, label: "Withdraw consent",
                       help: "withdraw a consent to share, saying why (kept on the record, audited)"),
            KeyBinding([.char("M")], .moveNotes, label: "Move notes",
                       help: "move the patient's paper case notes (a volume or all): library, a clinic, a secretary, off-site, in transit, missing"),
            KeyBinding([.char("r")], .rebook, label: "Rebook",
                       help: "move the chosen appointment to another slot (asks who cancelled and why when it is still booked)"),
            KeyBinding([.char("c")], .cancelAppointment, label: "Cancel",
                       help: "cancel the chosen appointment: asks who cancelled (patient or hospital), a reason and words"),
            KeyBinding([.down], .scrollDown, label: "Down", help: "scroll down (in the appointments section: the next appointment)"),
            KeyBinding([.up], .scrollUp, label: "Up", help: "scroll up (in the appointments section: the previous appointment)"),
            KeyBinding([.pageDown], .pageDown, label: "Page down", help: "scroll a page down"),
            KeyBinding([.pageUp], .pageUp, label: "Page up", help: "scroll a page up"),
            KeyBinding([.tab], .nextField, label: "Next section",
                       help: "scroll to the next section (at the appointments, the first is chosen for r and c)"),
            KeyBinding([.backTab], .previousField, label: "Previous section", help: "scroll to the previous section"),
            KeyBinding([.home], .first, label: "Top", help: "scroll to the top"),
            KeyBinding([.end], .last, label: "Bottom", help: "scroll to the bottom"),
            KeyBinding([.ctrl("f"), .char("/")], .focusSearch, label: "Search", help: "back to the lookup pane's search field"),
        ]
        if permissions.contains(.mergePatients) {
            list.insert(KeyBinding([.char("m")], .merge, label: "Merge",
                                   help: "officers: merge a duplicate record into this one: asks for its hospital or NHS number and why, "
                                       + "shows both side by side to confirm (audited)"),
                        at: list.firstIndex { $0.action == .scrollDown } ?? list.endIndex)
        }
        return list
    }

    /// The keys of a dialog or the help overlay: while one is open, only these work.
    public static func overlayBindings(_ overlay: Overlay) -> [KeyBinding] {
        switch overlay {
        case .help:
            return [
                KeyBinding([.escape, .function(1), .char("?"), .char("q"), .enter], .back, label: "Close", help: "close help", inBar: true),
                KeyBinding([.down], .scrollDown, label: "Down", help: "scroll down"),
                KeyBinding([.up], .scrollUp, label: "Up", help: "scroll up"),
                KeyBinding([.pageDown], .pageDown, label: "Page down", help: "scroll a page down"),
                KeyBinding([.pageUp], .pageUp, label: "Page up", help: "scroll a page up"),
                KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit", help: "quit FrontDesk", inBar: true),
            ]
        case .likelyDuplicates:
            return [
                KeyBinding([.char("S"), .char("s")], .saveAnyway, label: "Save anyway", help: "save as a new patient anyway", inBar: true),
                KeyBinding([.escape, .char("N"), .char("n")], .back, label: "Back to form", help: "back to the form, nothing saved", inBar: true),
                KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit", help: "quit (asks first: the form is not saved)", inBar: true),
            ]
        case .confirmDiscard:
            return [
                KeyBinding([.char("Y"), .char("y")], .confirm, label: "Discard", help: "discard the changes", inBar: true),
                KeyBinding([.escape, .char("N"), .char("n")], .back, label: "Keep editing", help: "keep editing", inBar: true),
            ]
        case .breakGlass:
            return [
                KeyBinding([.enter], .confirm, label: "Open", help: "open the record for the reason chosen (audited, reported to the manager)", inBar: true),
                KeyBinding([.down, .tab], .moveDown, label: "Next reason", help: "choose the next reason"),
                KeyBinding([.up, .backTab], .moveUp, label: "Previous reason", help: "choose the previous reason"),
                KeyBinding([.escape], .back, label: "Cancel", help: "do not open the record", inBar: true),
                KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit", help: "quit FrontDesk", inBar: true),
            ]
        case .checkIn, .cancelAppointments, .appointmentReason, .walkIn, .confirmBooking, .overbook, .closeTask, .cancelSession:
            return appointmentOverlayBindings(overlay)
        case .staffActive(let state):
            return staffActiveBindings(state)
        case .merge(let state):
            return mergeDialogBindings(state)
        case .confirmCourse, .courseOverride, .stopCourse, .courseBooked, .itinerary, .courseReplan, .bookingPreferences:
            return courseOverlayBindings(overlay)
        case .sharingConsent(let state):
            return consentDialogBindings(withdrawing: state.withdrawing)
        case .caseNotes(let notes):
            return caseNotesBindings(notes)
        }
    }

    /// Editing keys of a text field, for the help overlay (they are not dispatched as bindings).
    public static let editingKeys: [KeyBinding] = [
        KeyBinding([.left, .right], .focusSearch, label: "", help: "move the cursor"),
        KeyBinding([.home, .ctrl("a")], .focusSearch, label: "", help: "cursor to the start"),
        KeyBinding([.end, .ctrl("e")], .focusSearch, label: "", help: "cursor to the end"),
        KeyBinding([.backspace, .delete], .focusSearch, label: "", help: "delete before / at the cursor"),
        KeyBinding([.ctrl("u"), .ctrl("k")], .focusSearch, label: "", help: "delete to the start / to the end"),
        KeyBinding([.ctrl("w")], .focusSearch, label: "", help: "delete the word before the cursor"),
    ]

    /// The bindings in force now: the pane's first, then the global ones.
    public var bindings: [KeyBinding] {
        let pane = paneKeys
        let global = Self.globalBindings(typing: isTyping, permissions: session.permissions)
        // The bar: help and navigation first, the pane's keys in the middle, quit last.
        return pane + global
    }

    /// The bar's order: F1, F2, F3, the pane's own keys, F10; under a dialog, the dialog's keys.
    public var barBindings: [KeyBinding] {
        if let overlay { return Self.overlayBindings(overlay).filter(\.inBar) }
        // F4 works everywhere, but the bar offers it on the record (after the record's
        // own keys), where a course is planned from: on the other panes their keys keep the room.
        let global = Self.globalBindings(typing: isTyping, permissions: session.permissions).filter(\.inBar)
        let pane = paneKeys.filter(\.inBar)
        // The enquiries and the checklist, one key away from anywhere, when the bar has room after the pane's keys.
        var away: [KeyBinding] = []
        for (var binding, own) in [(Self.enquiriesGlobalBinding, PaneID.enquiries), (Self.checklistGlobalBinding, .checklist)]
        where self.pane != own && !paneKeys.contains(where: { $0.keys == binding.keys }) {
            binding.inBarIfRoom = true
            away.append(binding)
        }
        return Array(global.prefix(3)) + pane + away + Array(global.dropFirst(3))
    }

    /// The help overlay's sections.
    public var helpSections: [(String, [KeyBinding])] {
        var title = pane.title
        if pane == .settings && settingsPane.section == .clinicSetup { title = "Clinic set-up" }
        if pane == .settings && settingsPane.section == .staff { title = "Staff and teams" }
        var sections: [(String, [KeyBinding])] = [(title, paneKeys)]
        if isTyping { sections.append(("Editing a field", Self.editingKeys)) }
        // A key the pane gives its own meaning (F4 in the record) is listed once, with the pane's keys.
        let paneKeySet = Set(paneKeys.flatMap(\.keys))
        sections.append(("Everywhere", Self.globalBindings(typing: isTyping, permissions: session.permissions)
            .filter { !$0.keys.allSatisfy(paneKeySet.contains) }
            + [KeyBinding([.escape], .back, label: "", help: "back, cancel or close a dialog (Esc then a digit is Alt-digit = F-key)")]))
        return sections
    }

    /// The current pane's keys (the settings pane's depend on the section and whether a value
    /// is being changed, the audit pane's on whether a field has the cursor).
    var paneKeys: [KeyBinding] {
        switch pane {
        case .settings:
            if settingsPane.section == .clinicSetup { return Self.clinicSetupBindings(form: settingsPane.setup.form != nil) }
            if settingsPane.section == .staff { return Self.staffBindings(form: settingsPane.staff.form != nil) }
            return Self.settingsBindings(editing: settingsPane.editing != nil)
        case .audit: return Self.auditBindings(typing: auditPane.isTyping)
        case .clinics: return Self.clinicsBindings(typing: clinicsPane.isTyping, view: clinicsPane.view, permissions: session.permissions)
        case .booking: return Self.bookingBindings(typing: booking?.isTyping ?? false, overbook: canOverbook)
        case .sequence: return Self.sequenceBindings(focus: sequence?.focus ?? .plan, override: canOverrideRule)
        case .record: return Self.recordBindings(permissions: session.permissions)
        case .enquiries: return enquiryPaneKeys
        case .checklist: return checklistPaneKeys
        default: return Self.paneBindings(pane, lookupFocus: lookup.focus)
        }
    }

    func binding(for key: Key) -> KeyBinding? {
        bindings.first { $0.keys.contains(key) }
    }
}
