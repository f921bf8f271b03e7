import Foundation
import FrontDeskDomain

/// Who is at the desk and on which database, for the top line.
public struct SessionInfo: Hashable, Sendable {
    public var user: String
    public var role: String?
    public var site: String?
    /// The code of that site (the person's default site): the clinics pane starts on it.
    public var siteCode: String?
    /// Shown in capitals on the top line when the database is not the live one ("DEMO").
    public var databaseLabel: String?
    /// What the person's role allows. It decides only which keys are offered
    /// (F11, the audit trail, for `read_audit_reports`); the services check
    /// every action again. Empty unless given: nothing extra is offered.
    public var permissions: Set<Permission>
    public init(user: String, role: String? = nil, site: String? = nil, siteCode: String? = nil, databaseLabel: String? = nil,
                permissions: Set<Permission> = []) {
        self.user = user; self.role = role; self.site = site; self.siteCode = siteCode; self.databaseLabel = databaseLabel
        self.permissions = permissions
    }
}

/// The panes that exist.
public enum PaneID: String, Hashable, Sendable, CaseIterable {
    case lookup, record, form
    /// The settings (F9): everyone reads them, a manager changes them.
    case settings
    /// The audit reports (F11, managers).
    case audit
    /// The clinic day list, the to-be-booked list and the tasks (F3).
    case clinics
    /// Booking one appointment for a patient (b in the record).
    case booking
    /// Planning and booking a whole treatment course for a patient (F4, or q in the record).
    case sequence
    /// Logging calls, the queue of open enquiries and callbacks (F5).
    case enquiries
    /// The end-of-day checklist: tomorrow's clinics prepared, today's closed (F6).
    case checklist

    public var title: String {
        switch self {
        case .lookup: return "Patient lookup"
        case .record: return "Patient record"
        case .form: return "Patient details"
        case .settings: return "Settings"
        case .audit: return "Audit trail"
        case .clinics: return "Clinics"
        case .booking: return "Booking"
        case .sequence: return "Sequence"
        case .enquiries: return "Enquiries"
        case .checklist: return "Checklist"
        }
    }
}

/// The patient lookup pane: the search field, the results and where the selection is.
public struct LookupState: Hashable, Sendable {
    public enum Focus: Hashable, Sendable { case search, results }

    public var query = TextField()
    public var focus: Focus = .search
    public var results: [PatientSummary] = []
    public var more = 0
    public var moreCapped = false
    /// The text the shown results answer.
    public var shownQuery = ""
    /// The latest search asked for; answers to older ones are dropped.
    public var generation = 0
    /// The search whose answer is shown.
    public var shownGeneration = 0
    public var position = ListPosition()
    public var failure: String?
    /// Enter was pressed while the answer to the text in the field was still
    /// coming: open the first (or kept) row once it arrives, never a row of an
    /// older answer (a scanner or a fast typist sends text and Enter together).
    public var openWhenAnswered = false

    public var isSearching: Bool { shownGeneration != generation }
    public var selected: PatientSummary? {
        results.indices.contains(position.selected) ? results[position.selected] : nil
    }
    public init() {}
}

/// An open patient record.
public struct RecordState: Hashable, Sendable {
    public var patient: Patient
    /// The reason given to open it, when it is restricted (an edit needs it too).
    public var reason: AccessReason?
    public var scroll = 0
    /// The patient's appointments and open tasks (nil until read).
    public var appointments: PatientAppointments?
    /// Why the appointments could not be read.
    public var appointmentsFailure: String?
    /// The appointment chosen in the appointments section (Tab reaches it; ↑↓ move), if any.
    public var appointmentFocus: Int?
    /// The heading Tab last jumped to (nil once scrolled by other keys).
    public var sectionLine: Int?
    /// The patient's treatment courses, latest first (nil until read, or when sequencing is not available).
    public var courses: [CourseDetail]?
    /// The patient's enquiries, latest first (nil until read, or when enquiries are not available).
    public var enquiries: [Enquiry]?
    /// Whom the patient agrees may be told what (relatives and carers), withdrawn ones too.
    public var consents: [SharingConsent]?
    /// Where the patient's paper case notes are (nil until read, or when case notes are not available).
    public var caseNotes: CaseNoteRecord?
    public init(patient: Patient) { self.patient = patient }
}

/// What sits over the pane and takes the keys first.
public enum Overlay: Hashable, Sendable {
    case help(scroll: Int)
    /// Saving found records that look like the same person.
    case likelyDuplicates([PatientSummary])
    /// Leaving a form with unsaved changes: what to do if the clerk says yes.
    case confirmDiscard(then: AfterDiscard)
    /// A restricted record: why open it? (break glass, audited)
    case breakGlass(BreakGlassState)
    /// Patients just checked in: confirm the first one's address, phones and GP (the rest follow).
    case checkIn([AppointmentDetail])
    /// Cancelling appointments (or saying why one is moved): who, why, words.
    case cancelAppointments(CancelDialogState)
    /// An officer's undo or reinstatement: why.
    case appointmentReason(ReasonDialogState)
    /// Adding a walk-in to today's clinic.
    case walkIn(WalkInState)
    /// The summary before booking a slot.
    case confirmBooking(BookingConfirmState)
    /// An officer overbooks a full slot: why.
    case overbook(OverbookDialogState)
    /// Marking a task done (a note) or cancelling it (why).
    case closeTask(TaskDialogState)
    /// An officer cancels a clinic session: what it is, and why.
    case cancelSession(SessionCancelState)
    /// A manager deactivates or reactivates a member of staff: confirm.
    case staffActive(StaffActiveState)
    /// An officer merges a duplicate record into the one open: its number, why, then both side by side.
    case merge(MergeDialogState)
    /// The summary of a course before it is booked: Y books every step.
    case confirmCourse(CourseConfirmState)
    /// An officer puts a step in a slot that breaks a rule: why.
    case courseOverride(CourseOverrideState)
    /// Stopping a course from the record (S): which, and why.
    case stopCourse(StopCourseState)
    /// A course just booked: its number, and the itinerary on offer.
    case courseBooked(CourseBookedView)
    /// A course's itinerary for the patient, as it would print.
    case itinerary(ItineraryState)
    /// What a cancellation or a move broke in a course, and the re-plan proposed (knock-on rebooking).
    case courseReplan(CourseReplanState)
    /// The patient's booking preferences (P in the record).
    case bookingPreferences(PreferencesFormState)
    /// Recording (C in the record) or withdrawing (W) a patient's consent to share with a relative or carer.
    case sharingConsent(ConsentDialogState)
    /// Moving case notes (M in the record) or the pull list (L in the checklist).
    case caseNotes(CaseNotesOverlay)
}

/// Choosing the reason to open a restricted record.
public struct BreakGlassState: Hashable, Sendable {
    public var mrn: String
    /// True when the reason is asked for to save the open form (the record was
    /// restricted after it was opened), not to open the record.
    public var toSave = false
    public var choice: AccessReason.Kind = .patientPresent
    /// Words: required for "other", optional otherwise.
    public var note = TextField()
    public init(mrn: String) { self.mrn = mrn }

    public var reason: Result<AccessReason, FieldError> {
        let words = note.text.trimmingCharacters(in: .whitespaces)
        return AccessReason.parse(choice.rawValue + (words.isEmpty ? "" : ":" + words))
    }
}

public enum AfterDiscard: Hashable, Sendable { case back, lookup, quit }

/// The whole state of the terminal UI. `update` changes it and says what to
/// do; `render` draws it. Neither touches the terminal or the database.
public struct AppState: Sendable {
    public var size: Size
    public var session: SessionInfo
    public var now: Date
    public var pane: PaneID = .lookup
    public var lookup = LookupState()
    public var record: RecordState?
    public var form: PatientForm?
    /// Where Esc from the form goes.
    public var formReturnsTo: PaneID = .lookup
    public var overlay: Overlay?
    /// The reason given for the record being opened (a restricted one).
    public var openingReason: AccessReason?
    public var message: Message?
    /// The most results a search asks for; the count of further matches is shown.
    public var searchLimit = 50
    /// The settings pane (F9).
    public var settingsPane = SettingsPaneState()
    /// The audit trail pane (F11, managers).
    public var auditPane = AuditPaneState()
    /// The clinics pane (F3).
    public var clinicsPane = ClinicsPaneState()
    /// The booking pane, while a booking is being made.
    public var booking: BookingPaneState?
    /// The sequence pane (F4), while a course is being planned.
    public var sequence: SequencePaneState?
    /// The enquiries pane (F5).
    public var enquiriesPane = EnquiryPaneState()
    /// How many callbacks of mine are overdue (the top line); nil until counted.
    public var enquiryOverdue: Int?
    /// False once the enquiries turned out not to be available here (nothing more is asked).
    public var enquiriesAvailable: Bool?
    /// Whether case notes are there (the runtime says true when the desk has them;
    /// false once they turned out not to be): F6 offers the pull list only then.
    public var caseNotesAvailable: Bool?
    /// The minute the overdue count was last asked for.
    var enquiryCountMinute = 0
    /// The checklist pane (F6).
    public var checklistPane = ChecklistPaneState()
    /// The lock screen, while the screen is locked (AppState+Lock.swift).
    public var lock: LockState?
    /// Seconds without a key press before the runtime locks the screen (the
    /// `idle_lock_minutes` setting, read when the UI starts); 0 never locks.
    public var idleLockSeconds = 300

    public init(size: Size, session: SessionInfo, now: Date) {
        self.size = size; self.session = session; self.now = now
    }

    public var today: LocalDate { CentreTime.today(now) }
    /// Rows of results the lookup table shows (PgUp/PgDn move by this).
    public var lookupPageRows: Int { max(1, size.height - 9) }
    public var isTooSmall: Bool { size.width < Size.minimum.width || size.height < Size.minimum.height }
    /// True while the keyboard is typing into a text field (so `?` and `/` are text).
    public var isTyping: Bool {
        switch pane {
        case .lookup: return lookup.focus == .search
        case .form: return true
        case .record: return false
        case .settings: return settingsPane.isTyping
        case .audit: return auditPane.isTyping
        case .clinics: return clinicsPane.isTyping
        case .booking: return booking?.isTyping ?? false
        case .sequence: return sequence?.isTyping ?? false
        case .enquiries: return enquiriesPane.isTyping
        case .checklist: return checklistPane.isTyping
        }
    }
}
