import Foundation
import FrontDeskDomain

/// A choice typed as one letter (or ← → through the options).
public struct EnquiryChoice: Hashable, Sendable {
    public var key: Character
    public var label: String
    public var value: String
}

/// The new-enquiry form (F5, then F7 or Insert): built for a call in progress.
/// Choices take one letter; the patient is found as the name or number is
/// typed; for a patient, relative or carer the identity questions follow, and
/// Enter on the last asks the gate, which shows at the right what may be said;
/// then what the call is about, and what happens to it. Ctrl-S logs it.
public struct EnquiryForm: Hashable, Sendable {
    public enum FieldID: String, Hashable, Sendable, CaseIterable {
        case caller, name, organisation, phone, patient, idName, idBirth, idPlace, category, summary, priority, flags, channel, outcome, detail
    }
    public enum Outcome: String, Hashable, Sendable, CaseIterable { case resolved, callback, refer, escalate }
    public enum Flags: String, Hashable, Sendable, CaseIterable { case none, safeguarding, aggression, both }

    public static let callers: [EnquiryChoice] = [
        EnquiryChoice(key: "p", label: "patient", value: Enquiry.CallerType.patient.rawValue),
        EnquiryChoice(key: "r", label: "relative or carer", value: Enquiry.CallerType.relativeOrCarer.rawValue),
        EnquiryChoice(key: "g", label: "GP practice", value: Enquiry.CallerType.gpPractice.rawValue),
        EnquiryChoice(key: "h", label: "health professional", value: Enquiry.CallerType.healthProfessional.rawValue),
        EnquiryChoice(key: "o", label: "other", value: Enquiry.CallerType.other.rawValue),
    ]
    public static let categories: [EnquiryChoice] = [
        EnquiryChoice(key: "a", label: "appointment query", value: Enquiry.Category.appointmentQuery.rawValue),
        EnquiryChoice(key: "c", label: "change or cancel", value: Enquiry.Category.changeAppointment.rawValue),
        EnquiryChoice(key: "t", label: "transport", value: Enquiry.Category.transport.rawValue),
        EnquiryChoice(key: "d", label: "directions", value: Enquiry.Category.directions.rawValue),
        EnquiryChoice(key: "r", label: "results/clinical", value: Enquiry.Category.resultsOrClinical.rawValue),
        EnquiryChoice(key: "m", label: "medication", value: Enquiry.Category.medication.rawValue),
        EnquiryChoice(key: "i", label: "accessible info", value: Enquiry.Category.accessibleInformation.rawValue),
        EnquiryChoice(key: "x", label: "complaint", value: Enquiry.Category.complaint.rawValue),
        EnquiryChoice(key: "o", label: "other", value: Enquiry.Category.other.rawValue),
    ]
    public static let priorities: [EnquiryChoice] = [
        EnquiryChoice(key: "r", label: "routine", value: Enquiry.Priority.routine.rawValue),
        EnquiryChoice(key: "u", label: "URGENT", value: Enquiry.Priority.urgent.rawValue),
    ]
    public static let flagChoices: [EnquiryChoice] = [
        EnquiryChoice(key: "n", label: "none", value: Flags.none.rawValue),
        EnquiryChoice(key: "s", label: "safeguarding", value: Flags.safeguarding.rawValue),
        EnquiryChoice(key: "v", label: "verbal aggression", value: Flags.aggression.rawValue),
        EnquiryChoice(key: "b", label: "both", value: Flags.both.rawValue),
    ]
    public static let channels: [EnquiryChoice] = [
        EnquiryChoice(key: "t", label: "telephone", value: Enquiry.Channel.telephone.rawValue),
        EnquiryChoice(key: "f", label: "face to face", value: Enquiry.Channel.faceToFace.rawValue),
        EnquiryChoice(key: "e", label: "email", value: Enquiry.Channel.email.rawValue),
        EnquiryChoice(key: "l", label: "letter", value: Enquiry.Channel.letter.rawValue),
    ]
    public static let outcomes: [EnquiryChoice] = [
        EnquiryChoice(key: "r", label: "resolved now", value: Outcome.resolved.rawValue),
        EnquiryChoice(key: "c", label: "callback", value: Outcome.callback.rawValue),
        EnquiryChoice(key: "f", label: "refer to team", value: Outcome.refer.rawValue),
        EnquiryChoice(key: "e", label: "escalate", value: Outcome.escalate.rawValue),
    ]

    public var choices: [FieldID: Int] = [.caller: 0, .category: 0, .priority: 0, .flags: 0, .channel: 0, .outcome: 0]
    public var texts: [FieldID: TextField] = [:]
    public var focus: FieldID = .caller
    /// Problems by field, in words (from the domain's refusal).
    public var errors: [FieldID: String] = [:]
    /// The inline search's results and the one chosen in them.
    public var results: [PatientSummary] = []
    public var resultIndex = 0
    public var searchGeneration = 0
    public var shownSearch = 0
    /// The patient the call is about (nil: none, e.g. directions).
    public var patient: PatientSummary?
    /// Every identity attempt in this call, in turn (kept in the history when logged).
    public var claims: [IdentityClaim] = []
    /// The gate's latest answer, and whether one is being asked.
    public var check: CallCheck?
    /// When the gate answered: it holds for one contact (`Enquiry.identityHolds`).
    public var checkedAt: Date?
    public var checking = false
    /// The patient's hospital number when their record is restricted (the gate needs a break-glass opening first).
    public var restricted: String?
    public var saving = false
    /// Esc once on a form with something typed warns; a second Esc discards.
    public var discardArmed = false

    public init(patient: PatientSummary? = nil) {
        self.patient = patient
        if let patient { texts[.patient] = TextField(patient.mrn) }
    }

    static func options(_ field: FieldID) -> [EnquiryChoice]? {
        switch field {
        case .caller: return callers
        case .category: return categories
        case .priority: return priorities
        case .flags: return flagChoices
        case .channel: return channels
        case .outcome: return outcomes
        default: return nil
        }
    }

    public func choice(_ field: FieldID) -> EnquiryChoice? {
        guard let options = Self.options(field) else { return nil }
        return options[min(choices[field] ?? 0, options.count - 1)]
    }
    public func text(_ field: FieldID) -> String { (texts[field]?.text ?? "").trimmingCharacters(in: .whitespaces) }

    public var callerType: Enquiry.CallerType { Enquiry.CallerType(rawValue: choice(.caller)?.value ?? "") ?? .patient }
    public var category: Enquiry.Category { Enquiry.Category(rawValue: choice(.category)?.value ?? "") ?? .other }
    public var priority: Enquiry.Priority { Enquiry.Priority(rawValue: choice(.priority)?.value ?? "") ?? .routine }
    public var flags: Flags { Flags(rawValue: choice(.flags)?.value ?? "") ?? .none }
    public var outcome: Outcome { Outcome(rawValue: choice(.outcome)?.value ?? "") ?? .resolved }
    public var channel: Enquiry.Channel { Enquiry.Channel(rawValue: choice(.channel)?.value ?? "") ?? .telephone }
    public var caller: CallerDetails {
        CallerDetails(callerType: callerType, callerName: text(.name), organisation: text(.organisation).nilIfEmptyText,
                      callerPhone: text(.phone).nilIfEmptyText)
    }

    /// The fields shown now, in order.
    public var fields: [FieldID] {
        var list: [FieldID] = [.caller, .name]
        if callerType.isProfessional { list.append(.organisation) }
        list += [.phone, .patient]
        if patient != nil && callerType.needsIdentityCheck { list += [.idName, .idBirth, .idPlace] }
        list += [.category, .summary, .priority, .flags, .channel, .outcome, .detail]
        return list
    }

    public func label(_ field: FieldID) -> String {
        switch field {
        case .caller: return "Caller"
        case .name: return "Caller's name"
        case .organisation: return "Organisation"
        case .phone: return "Call-back no."
        case .patient: return "Patient"
        case .idName: return "Says name"
        case .idBirth: return "Says born"
        case .idPlace: return "Says postcode"
        case .category: return "About"
        case .summary: return "Summary"
        case .priority: return "Priority"
        case .flags: return "Flags"
        case .channel: return "Came by"
        case .outcome: return "Outcome"
        case .detail:
            switch outcome {
            case .resolved: return "What was said"
            case .callback: return "Callback by"
            case .refer: return "Team"
            case .escalate: return "Note"
            }
        }
    }

    public func hint(_ field: FieldID, teams: [Team]) -> String {
        switch field {
        case .caller, .category, .priority, .flags, .channel, .outcome:
            return "type a letter (or ← →): " + (Self.options(field) ?? []).map { "\($0.key) \($0.label)" }.joined(separator: ", ")
        case .name: return "who is calling, as they give it"
        case .organisation: return "the practice or organisation (professionals pass the gate on it and a call-back number)"
        case .phone: return "the number to ring back"
        case .patient: return "type a name, NHS or hospital number, date of birth, phone or postcode; ↑↓ choose, Enter takes it (blank: no patient)"
        case .idName: return "the patient's name as the caller says it (do not read it to them)"
        case .idBirth: return "the patient's date of birth as the caller says it"
        case .idPlace: return "the postcode or first line of the address as the caller says it; Enter checks all three"
        case .summary: return "what the call is about, in a line"
        case .detail:
            switch outcome {
            case .resolved: return "what the caller was told (5 to 500 characters)"
            case .callback: return "blank: the default (routine one working day later, urgent 2 working hours); or HH:MM, or a date and time"
            case .refer: return "the team's code: " + teams.map(\.code).joined(separator: ", ")
            case .escalate: return "optional: a line for the Assistant Service Manager"
            }
        }
    }

    public var isChoice: Bool { Self.options(focus) != nil }
    public var hasTyping: Bool { texts.values.contains { !$0.isEmpty } || patient != nil }
    /// What the caller said, once all three are typed.
    public var identityClaim: IdentityClaim? {
        guard !text(.idName).isEmpty && !text(.idBirth).isEmpty && !text(.idPlace).isEmpty else { return nil }
        return IdentityClaim(name: text(.idName), dateOfBirth: text(.idBirth), postcodeOrAddress: text(.idPlace))
    }

    /// The field a domain refusal names.
    static func field(named name: String) -> FieldID? {
        switch name {
        case "caller name": return .name
        case "organisation": return .organisation
        case "phone": return .phone
        case "patient", "reference": return .patient
        case "name": return .idName
        case "dob", "date of birth": return .idBirth
        case "postcode", "postcode or address": return .idPlace
        case "summary": return .summary
        case "route": return .outcome
        case "team", "outcome", "callback by": return .detail
        default: return nil
        }
    }
}

extension String {
    var nilIfEmptyText: String? { isEmpty ? nil : self }
}

/// A one-line (or, for an identity check, three-line) question in an open enquiry.
public struct EnquiryPrompt: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case verify, note, calledBack, callbackLater, refer, escalate, close }
    public var kind: Kind
    public var inputs: [TextField]
    public var focus = 0
    public var error: String?
    public init(_ kind: Kind, initial: String = "") {
        self.kind = kind
        inputs = kind == .verify ? [TextField(), TextField(), TextField()] : [TextField(initial)]
    }
    public var title: String {
        switch kind {
        case .verify: return "Check the caller's identity afresh"
        case .note: return "Add a note"
        case .calledBack: return "Callback made: what was said"
        case .callbackLater: return "Callback by (blank: the default for its priority; HH:MM or a date and time)"
        case .refer: return "Refer to team (its code)"
        case .escalate: return "Escalate to the Assistant Service Manager: a line (optional)"
        case .close: return "Close: the outcome"
        }
    }
    public var labels: [String] {
        kind == .verify ? ["Says name", "Says born", "Says postcode"] : [""]
    }
}

/// One enquiry opened from the queue: its details, history and what may be said.
public struct EnquiryDetailState: Hashable, Sendable {
    public var id: Int64
    public var shown: EnquiryShown?
    public var scroll = 0
    public var prompt: EnquiryPrompt?
    /// The result of the last identity check made here.
    public var lastCheck: IdentityResult?
    public var saving = false
    public init(id: Int64) { self.id = id }
}

/// The enquiries pane (F5): the queue of open enquiries, the new-enquiry form,
/// and one enquiry opened. The keys are in AppState+Enquiries.swift.
public struct EnquiryPaneState: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case queue, form, detail }
    public var mode: Mode = .queue
    public var filter: EnquiryFilter = .mine
    public var queue: [Enquiry]?
    public var position = ListPosition()
    public var generation = 0
    public var shownGeneration = 0
    public var failure: String?
    /// Every active team (referral), and the person's own.
    public var teams: [Team] = []
    public var myTeams: [String] = []
    public var form: EnquiryForm?
    public var detail: EnquiryDetailState?
    /// Where Esc from a form opened on a record goes back to.
    public var returnsTo: PaneID?
    public init() {}

    public var isLoading: Bool { generation != shownGeneration }
    public var isTyping: Bool {
        switch mode {
        case .queue: return false
        case .form: return !(form?.isChoice ?? true)
        case .detail: return detail?.prompt != nil
        }
    }
    public var selected: Enquiry? {
        guard let queue, queue.indices.contains(position.selected) else { return nil }
        return queue[position.selected]
    }
}

// MARK: - Words

public enum EnquiryWords {
    public static func caller(_ type: Enquiry.CallerType) -> String {
        EnquiryForm.callers.first { $0.value == type.rawValue }?.label ?? type.rawValue
    }
    public static func category(_ category: Enquiry.Category) -> String {
        EnquiryForm.categories.first { $0.value == category.rawValue }?.label ?? category.rawValue
    }
    /// The queue's short forms.
    public static func shortCaller(_ type: Enquiry.CallerType) -> String {
        switch type {
        case .patient: return "Pt"
        case .relativeOrCarer: return "Rel"
        case .gpPractice: return "GP"
        case .healthProfessional: return "Prof"
        case .other: return "Other"
        }
    }
    public static func shortCategory(_ category: Enquiry.Category) -> String {
        switch category {
        case .appointmentQuery: return "appt query"
        case .changeAppointment: return "change/cancel"
        case .transport: return "transport"
        case .directions: return "directions"
        case .resultsOrClinical: return "results/clinical"
        case .medication: return "medication"
        case .accessibleInformation: return "accessible info"
        case .complaint: return "complaint"
        case .other: return "other"
        }
    }
    public static func status(_ status: Enquiry.Status) -> String {
        status.rawValue.replacingOccurrences(of: "_", with: " ")
    }
    /// `Wed 25-Nov 17:00`, or `17:00` today.
    public static func moment(_ date: Date, today: LocalDate) -> String {
        let (day, time) = CentreTime.localNow(date)
        if day == today { return time.display }
        return "\(day.weekday.short.capitalized) \(day.display.prefix(6)) \(time.display)"
    }
    /// How long ago a due time passed: `1h 20m`, `2d 3h`.
    public static func late(_ due: Date, now: Date) -> String {
        let minutes = max(0, Int(now.timeIntervalSince(due) / 60))
        if minutes >= 24 * 60 { return "\(minutes / (24 * 60))d \(minutes % (24 * 60) / 60)h" }
        return minutes >= 60 ? "\(minutes / 60)h \(minutes % 60)m" : "\(minutes)m"
    }
    /// The queue's due column: `OVERDUE 1h 20m`, `due 17:00`, `referred`.
    public static func due(_ enquiry: Enquiry, now: Date, today: LocalDate) -> (String, overdue: Bool) {
        switch enquiry.status {
        case .awaitingCallback:
            guard let due = enquiry.callbackDue else { return ("callback", false) }
            if due < now { return ("OVERDUE " + late(due, now: now), true) }
            return ("due " + moment(due, today: today), false)
        case .referred: return ("with " + (enquiry.team ?? "team"), false)
        case .escalated: return ("escalated", false)
        case .open: return ("open", false)
        case .closed: return ("closed", false)
        }
    }
    public static func identity(_ enquiry: Enquiry, now: Date) -> String {
        switch enquiry.identity(at: now) {
        case .notNeeded: return enquiry.callerType.isProfessional ? "professional: organisation and call-back number" : "no check needed"
        case .notChecked: return "identity not yet confirmed" + (enquiry.identity == .confirmed ? " (checked in an earlier contact)" : "")
        case .confirmed: return "identity confirmed" + (enquiry.identityCheckedAt.map { " at " + CentreTime.localNow($0).1.display } ?? "")
        case .mismatch: return "identity did NOT match"
        }
    }
    /// What may be said, as lines for a panel `width` cells wide.
    public static func disclosure(_ d: Disclosure, width: Int, today: LocalDate) -> [[Span]] {
        guard d.isOpen else {
            // "patient found —" and "identity not yet confirmed" each on their own line where they fit.
            let parts = ("✗ " + (d.shut ?? Disclosure.notConfirmed)).components(separatedBy: " — ")
            let text = parts.enumerated().map { $0.offset < parts.count - 1 ? $0.element + " —" : $0.element }
            return text.flatMap { Box.wrap($0, width: width) }.map { [Span($0, Style(.warning, bold: true))] }
                + Box.wrap("no appointment details", width: width).map { [Span($0, Style(.muted))] }
        }
        var lines: [[Span]] = Box.wrap("✓ may say: " + d.scopes.map(\.label).sorted().joined(separator: ", "), width: width)
            .map { [Span($0, Style(.success, bold: true))] }
        if let consent = d.consent {
            lines += Box.wrap("consent: \(consent.person) (\(consent.relationship))", width: width).map { [Span($0, Style(.muted))] }
        }
        if d.scopes.contains(.appointments) {
            if d.appointments.isEmpty { lines.append([Span("no appointments to come", Style(.muted))]) }
            for a in d.appointments.prefix(6) {
                let mode = a.mode == .faceToFace ? "" : " (\(a.mode.rawValue))"
                lines += Box.wrap("\(a.date.weekday.short.capitalized) \(a.date.display.prefix(6)) \(a.start.display) \(a.service)\(mode)"
                                  + " · \(a.site)" + (a.transport == .hospital ? " · transport booked" : ""), width: width)
                    .map { [Span($0)] }
            }
            if d.appointments.count > 6 { lines.append([Span("… \(d.appointments.count - 6) more", Style(.muted))]) }
        } else if d.scopes.contains(.transport) {
            for a in d.transport.prefix(6) {
                lines += Box.wrap("transport booked: \(a.date.display) \(a.start.display)", width: width).map { [Span($0)] }
            }
        }
        if d.scopes.contains(.generalCondition) {
            lines += Box.wrap("general condition: the key worker or clinical team answers (FrontDesk holds no clinical notes)",
                              width: width).map { [Span($0, Style(.muted))] }
        }
        return lines
    }
}
