import Foundation
import FrontDeskDomain

/// The key reference of every pane, from the same binding data that
/// dispatches keys and builds the bar: `frontdesk keys` prints it and
/// Docs/KEYS.md is this text (a test keeps them equal).
public enum KeyReference {
    public struct Entry: Hashable, Sendable, Codable {
        public var context: String
        public var keys: [String]
        public var action: String
        public var help: String
        public var inBar: Bool
        enum CodingKeys: String, CodingKey { case context, keys, action, help, inBar = "in_bar" }
    }

    /// Every context with its bindings: each pane (and each focus of the lookup pane), then the global keys.
    public static var contexts: [(String, [KeyBinding])] {
        [
            ("Everywhere", AppState.globalBindings(typing: false, permissions: Set(Permission.allCases))
                + [KeyBinding([.escape], .back, label: "Back", help: "back, cancel or close a dialog")]),
            ("Patient lookup: typing in the search field", AppState.paneBindings(.lookup, lookupFocus: .search)),
            ("Patient lookup: results list", AppState.paneBindings(.lookup, lookupFocus: .results)),
            ("Patient record", AppState.paneBindings(.record)),
            ("Register and edit forms", AppState.paneBindings(.form)),
            ("Settings (F9)", AppState.settingsBindings(editing: false)),
            ("Settings: changing a value", AppState.settingsBindings(editing: true)),
            ("Clinic set-up (F9, then Tab): sites, services, clinicians and resources, session templates (+ and g for managers)",
             AppState.clinicSetupBindings(form: false)),
            ("Clinic set-up: an add form or the generate-sessions dialog (other keys type in the field)",
             AppState.clinicSetupBindings(form: true)),
            ("Staff and teams (F9, then Tab twice): the staff list and the teams with their members (← →); managers change them, "
             + "anyone sets their own default site", AppState.staffBindings(form: false)),
            ("Staff and teams: an add or change form (other keys type in the field)", AppState.staffBindings(form: true)),
            ("Clinics (F3): the clinic day list", AppState.clinicsBindings(typing: false, view: .day, permissions: Set(Permission.allCases))),
            ("Clinics: the to-be-booked list (t)", AppState.clinicsBindings(typing: false, view: .toBeBooked)),
            ("Clinics: the tasks (k), the front desk's first", AppState.clinicsBindings(typing: false, view: .tasks)),
            ("Clinics: typing in a filter (date, site, service, clinician)", AppState.clinicsBindings(typing: true)),
            ("Booking (b in the record, r to rebook): choosing a slot (o only after a slot was found full, for officers and managers)",
             AppState.bookingBindings(typing: false, overbook: true)),
            ("Booking: typing in a field (service, site, clinician, am/pm, from)", AppState.bookingBindings(typing: true)),
            ("Sequence (F4, or q in the record): choosing the protocol (planned at once as you choose)",
             AppState.sequenceBindings(focus: .protocolChoice)),
            ("Sequence: typing the start date (planned as soon as it is a date)", AppState.sequenceBindings(focus: .start)),
            ("Sequence: the plan (P marks a pinned step, O an officer's override)", AppState.sequenceBindings(focus: .plan)),
            ("Sequence: a step's alternatives (o only for officers and managers)", AppState.sequenceBindings(focus: .alternatives, override: true)),
            ("Book the course (Enter or b on the plan)", AppState.courseDialogBindings(.confirm)),
            ("Override a rule, officers (o in the alternatives; other keys type the reason)", AppState.courseDialogBindings(.override)),
            ("Course booked", AppState.courseDialogBindings(.booked)),
            ("Itinerary (i after booking a course)", AppState.courseDialogBindings(.itinerary)),
            ("Knock-on re-plan (after cancelling or moving an appointment of a course, or R in the record)",
             AppState.courseDialogBindings(.replan)),
            ("Knock-on re-plan: another slot for a step (a)", AppState.courseDialogBindings(.replanAdjusting)),
            ("Booking preferences (P in the record; other keys type in the field)", AppState.courseDialogBindings(.preferences)),
            ("Stop a course (S in the record; other keys type the reason)", AppState.courseDialogBindings(.stop)),
            ("Enquiries (F5): the queue of open enquiries, callbacks first by when they fall due", AppState.enquiryBindings(mode: .queue)),
            ("Enquiries: the new-enquiry form on a choice (caller, about, priority, flags, outcome: type the letter)",
             AppState.enquiryBindings(mode: .form, field: .caller, choice: true)),
            ("Enquiries: the new-enquiry form on the patient (found as you type)", AppState.enquiryBindings(mode: .form, field: .patient)),
            ("Enquiries: the new-enquiry form on a text field (other keys type)", AppState.enquiryBindings(mode: .form, field: .summary)),
            ("Enquiries: one enquiry opened (Enter in the queue)", AppState.enquiryBindings(mode: .detail)),
            ("Enquiries: a question in an opened enquiry (identity check, note, callback, team, outcome; other keys type)",
             AppState.enquiryBindings(mode: .detail, prompt: true)),
            ("Checklist (F6): the end-of-day checklist of a date, grouped by clinic and patient (O only for officers and managers, U for managers)",
             AppState.checklistBindings(typing: false, signOff: true, pullList: true, unsigned: true)),
            ("Checklist: typing in a filter (date, site, service, clinician)", AppState.checklistBindings(typing: true)),
            ("Checklist: a reason asked (D defers, u takes back a mark; other keys type)",
             AppState.checklistBindings(typing: true, prompt: .deferItem)),
            ("Checklist: the sign-off confirmed (O, officers)", AppState.checklistBindings(typing: false, prompt: .signOff)),
            ("Sharing consent (C or W in the record; other keys type, and a t g tick what may be told)",
             AppState.consentDialogBindings(withdrawing: false)),
            ("Move case notes (M in the record; other keys type in the field)",
             AppState.caseNotesBindings(.move(CaseNotesMoveState(patientID: 0, mrn: "", patientLabel: "", volumes: [])))),
            ("Pull list (L in the checklist): the volumes of the days being prepared, in shelf order",
             AppState.caseNotesBindings(.pullList(PullListViewState(dates: [sampleSlot.date], site: nil)))),
            ("Audit trail (F11, managers): choosing a report, or in its results", AppState.auditBindings(typing: false)),
            ("Audit trail: typing in a field (hospital or NHS number, login, since)", AppState.auditBindings(typing: true)),
            ("Lock screen", AppState.lockBindings),
            ("Editing a text field (search field, form fields, a setting's value, the audit trail's, clinic and booking fields, dialog words, the lock screen's password)", AppState.editingKeys),
            ("Possible-duplicate dialog", AppState.overlayBindings(.likelyDuplicates([]))),
            ("Unsaved-changes dialog", AppState.overlayBindings(.confirmDiscard(then: .back))),
            ("Restricted-record dialog (other keys type the words)", AppState.overlayBindings(.breakGlass(BreakGlassState(mrn: "")))),
            ("Check-in dialog: confirm the address, phones and GP", AppState.overlayBindings(.checkIn([]))),
            ("Cancel dialog (other keys type the words)", AppState.overlayBindings(.cancelAppointments(CancelDialogState(appointments: [], purpose: .cancel)))),
            ("Undo or reinstate dialog, officers (other keys type the reason)", AppState.overlayBindings(.appointmentReason(ReasonDialogState(appointments: [])))),
            ("Walk-in dialog (other keys type in the field)", AppState.overlayBindings(.walkIn(WalkInState()))),
            ("Booking summary (in a choice, a letter or digit picks the choice starting with it; in the note, other keys type)",
             AppState.overlayBindings(.confirmBooking(BookingConfirmState(slot: sampleSlot)))),
            ("Rebooking summary (the moved appointment's details, filled in to change; the other keys as in the booking summary)",
             AppState.overlayBindings(.confirmBooking(BookingConfirmState(slot: sampleSlot, rebooking: true))).prefix(1).map { $0 }),
            ("Overbook dialog, officers and managers, booking or rebooking (other keys type the reason)",
             AppState.overlayBindings(.overbook(OverbookDialogState(confirm: BookingConfirmState(slot: sampleSlot))))),
            ("Task done dialog (x; other keys type the note)", AppState.overlayBindings(.closeTask(TaskDialogState(task: sampleTask, status: .done)))),
            ("Cancel task dialog (c in the tasks; other keys type why)",
             AppState.overlayBindings(.closeTask(TaskDialogState(task: sampleTask, status: .cancelled))).prefix(1).map { $0 }),
            ("Cancel session dialog, officers (s; other keys type the reason)",
             AppState.overlayBindings(.cancelSession(SessionCancelState(session: sampleSession, booked: [])))),
            ("Deactivate or reactivate a member of staff (v in the staff list)",
             AppState.overlayBindings(.staffActive(StaffActiveState(member: StaffMember(login: "", displayName: "", role: .clerk))))),
            ("Merge dialog, officers (m in the record; other keys type in the field)",
             AppState.overlayBindings(.merge(MergeDialogState(keep: samplePatient)))),
            ("Merge dialog: both records side by side",
             AppState.overlayBindings(.merge(sampleMergeConfirm))),
            ("Help overlay", AppState.overlayBindings(.help(scroll: 0))),
        ]
    }

    /// A slot for the dialogs whose keys do not depend on it.
    static let sampleSlot = Slot(id: 0, sessionID: 0, date: LocalDate(year: 2026, month: 1, day: 1)!, start: ClockTime(hour: 9, minute: 0)!,
                                 end: ClockTime(hour: 9, minute: 20)!, serviceCode: "", siteCode: "", clinicianCode: "", capacity: 1, booked: 0)

    /// A task and a session for the dialogs whose keys do not depend on them.
    static let sampleTask = DeskTask(teamCode: "front_desk", patientID: 0, patientMRN: "", kind: .other, description: "",
                                     dueDate: sampleSlot.date, dueTime: sampleSlot.start, createdBy: "", createdAt: Date(timeIntervalSince1970: 0))
    static let sampleSession = ClinicSession(id: 0, templateID: nil, date: sampleSlot.date, start: sampleSlot.start, end: sampleSlot.end,
                                             siteCode: "", serviceCode: "", clinicianCode: "")

    /// A record and a duplicate for the merge dialog, whose keys do not depend on them.
    static let samplePatient = Patient(mrn: "", nhsNumber: nil, familyName: "", givenNames: "", dateOfBirth: sampleSlot.date)
    static var sampleMergeConfirm: MergeDialogState {
        var state = MergeDialogState(keep: samplePatient)
        state.step = .confirming(PatientSummary(id: 0, mrn: "", nhsNumber: nil, title: nil, familyName: "", givenNames: "",
                                                dateOfBirth: sampleSlot.date, sex: .unknown, postcode: nil, match: .direct))
        return state
    }

    public static var entries: [Entry] {
        contexts.flatMap { context, bindings in
            bindings.map { Entry(context: context, keys: $0.keys.map(\.description), action: $0.action.rawValue,
                                 help: $0.help, inBar: $0.inBar) }
        }
    }

    /// Docs/KEYS.md.
    public static var markdown: String {
        var text = """
        # FrontDesk keys

        Every key of every pane, generated from the key-binding data that also
        dispatches the keys and draws the function-key bar (`frontdesk keys`
        prints this page; a test keeps it equal to the code). Keys marked "bar"
        are shown on the bottom line of the screen. Terminals that send no
        function keys can use Alt and a digit (Esc then the digit): Alt-1 = F1 …
        Alt-0 = F10. `?` opens help only when the cursor is not in a text field.

        """
        for (context, bindings) in contexts {
            text += "\n## \(context)\n\n| keys | what it does | bar |\n|---|---|---|\n"
            for binding in bindings {
                let keys = binding.keys.map { "`\($0.description == "|" ? "\\|" : $0.description)`" }.joined(separator: ", ")
                text += "| \(keys) | \(binding.help) | \(binding.inBar ? binding.label : "") |\n"
            }
        }
        return text
    }
}
