import Foundation

/// What the desk types to log an enquiry.
public struct EnquiryRequest: Sendable, Hashable {
    public var channel: Enquiry.Channel = .telephone
    public var callerType: Enquiry.CallerType
    public var callerName: String
    public var callerPhone: String?
    public var organisation: String?
    /// Hospital or NHS number of the patient it concerns (none: e.g. directions).
    public var patient: String?
    public var category: Enquiry.Category
    public var priority: Enquiry.Priority = .routine
    public var summary: String
    public var safeguarding = false
    public var aggression = false
    public var route: EnquiryRoute
    /// What the caller said to prove who they are during the call, each attempt
    /// in turn (the new-enquiry form): checked again and kept in the history.
    public var identityClaims: [IdentityClaim] = []

    public init(callerType: Enquiry.CallerType, callerName: String, callerPhone: String? = nil, organisation: String? = nil,
                patient: String? = nil, category: Enquiry.Category, priority: Enquiry.Priority = .routine, summary: String,
                safeguarding: Bool = false, aggression: Bool = false, channel: Enquiry.Channel = .telephone, route: EnquiryRoute) {
        self.callerType = callerType; self.callerName = callerName; self.callerPhone = callerPhone; self.organisation = organisation
        self.patient = patient; self.category = category; self.priority = priority; self.summary = summary
        self.safeguarding = safeguarding; self.aggression = aggression; self.channel = channel; self.route = route
    }

    /// Field rules that need nothing from the store: every problem at once.
    func check() throws {
        var problems: [FieldError] = []
        func text(_ value: String?, _ field: String, _ range: ClosedRange<Int>, required: Bool) {
            let t = value?.trimmingCharacters(in: .whitespaces) ?? ""
            if t.isEmpty { if required { problems.append(FieldError(field: field, reason: "is required")) }; return }
            if !range.contains(t.count) { problems.append(FieldError(field: field, reason: "must be \(range.lowerBound) to \(range.upperBound) characters")) }
        }
        text(callerName, "caller name", 2...100, required: true)
        text(summary, "summary", 3...1000, required: true)
        text(organisation, "organisation", 2...120, required: callerType.isProfessional)
        text(callerPhone, "phone", 6...20, required: callerType.isProfessional)
        if let phone = callerPhone?.trimmingCharacters(in: .whitespaces), !phone.isEmpty,
           !phone.allSatisfy({ $0.isNumber || " +()-".contains($0) }) {
            problems.append(FieldError(field: "phone", reason: "may contain only digits, spaces, + ( ) and -"))
        }
        if callerType.needsIdentityCheck {
            for claim in identityClaims {
                do { try claim.check() } catch let refused as ValidationError {
                    problems += refused.errors.filter { !problems.contains($0) }
                }
            }
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        try EnquiryRules.check(route, category: category, safeguarding: safeguarding, aggression: aggression)
    }
}

/// Logging enquiries and checking callers' identity (issue 7): every write in
/// one transaction with its history line and audit row.
public struct EnquiryService: Sendable {
    public let enquiries: any EnquiryRepository
    public let access: AccessControl
    public let clock: any Clock
    /// Opening hours, callback times and closure days (settings), read when needed.
    public let settings: @Sendable () throws -> Settings

    public init(enquiries: any EnquiryRepository, access: AccessControl, clock: any Clock,
                settings: @escaping @Sendable () throws -> Settings = { .defaults }) {
        self.enquiries = enquiries; self.access = access; self.clock = clock; self.settings = settings
    }

    /// The centre's working hours now (settings).
    public func workingHours() throws -> WorkingHours {
        let s = try settings()
        return WorkingHours(opening: s.openingHours, calendar: WorkingCalendar(closures: Set(s.closureDays)))
    }

    /// When a callback asked for at `at` falls due by default.
    public func defaultCallbackDue(at: Date, priority: Enquiry.Priority) throws -> Date {
        Self.defaultCallbackDue(at: at, priority: priority, hours: try workingHours(), settings: try settings())
    }

    /// When a callback asked for at `at` falls due by default, counted in
    /// working time from that moment: routine `callback_routine_working_days`
    /// working days (each the length of the opening hours: Tuesday 09:41 is due
    /// Wednesday 09:41), urgent `callback_urgent_working_hours` working hours.
    public static func defaultCallbackDue(at: Date, priority: Enquiry.Priority, hours: WorkingHours, settings s: Settings) -> Date {
        let (date, time) = CentreTime.localNow(at)
        let moment = WorkingHours.Moment(date: date, time: time)
        let due = priority == .urgent ? hours.urgentDue(from: moment, workingHours: s.callbackUrgentWorkingHours)
                                      : hours.routineDue(from: moment, workingDays: s.callbackRoutineWorkingDays)
        return CentreTime.startOfDay(due.date).addingTimeInterval(TimeInterval(due.minutes * 60))
    }

    /// The history line of a callback promised by `due`: `callback due Wed 25-Nov-2026 09:41`.
    public static func callbackDueLine(_ due: Date) -> String { "callback due \(text(due))" }

    /// The history line of an identity check: which answers matched (never the
    /// values) and, for a relative or carer whose answers matched, the
    /// patient's consent naming them (nil: none, nothing may be said).
    public static func identityCheckLine(_ result: IdentityResult, callerType: Enquiry.CallerType, consent: SharingConsent?) -> String {
        var detail = "identity check: \(result.matched ? "matched" : "did not match") (\(result))"
        if result.matched && callerType == .relativeOrCarer {
            detail += consent.map { "; consent to share with them (\($0.relationship)): " + $0.scopes.map(\.label).sorted().joined(separator: ", ") }
                ?? "; no consent to share with them: nothing may be said"
        }
        return detail
    }

    /// Whether an enquiry in this state asks for the caller's identity afresh
    /// when it next reaches them (a callback): a patient, relative or carer about a patient.
    static func checkedAfresh(_ e: Enquiry) -> Bool { e.callerType.needsIdentityCheck && e.patientID != nil }

    /// Logs an enquiry with its first routing: resolved there and then, a callback
    /// due by a time (the default for its priority when none is given), referred
    /// to a team, or escalated.
    ///
    /// The identity claims made during the call are checked again and kept in
    /// the history; against a restricted record only with `reason` (or this
    /// person's break-glass opening in the last half hour), else it is refused
    /// (`PatientError.restricted`) and nothing is written. A callback is a new
    /// contact: when the call is routed to one, the caller's identity is asked
    /// afresh then (`not_checked`), whatever this call's checks found.
    public func log(_ request: EnquiryRequest, reason: AccessReason? = nil, by user: ActingUser) throws -> Enquiry {
        try access.require(.logEnquiries, user)
        try request.check()
        let at = clock.now
        var due: Date?
        if case .callback(let by) = request.route {
            if let by, by <= at { throw ValidationError(field: "callback by", reason: "must be later than now") }
            due = try by ?? defaultCallbackDue(at: at, priority: request.priority)
        }
        if case .refer(let team) = request.route, try !access.staff.teams().contains(where: { $0.code == team && $0.active }) {
            throw ValidationError(field: "team", reason: "there is no team '\(team)' (frontdesk team list shows them)")
        }
        return try enquiries.write { tx in
            var patient: Patient?
            if let reference = request.patient?.trimmingCharacters(in: .whitespaces), !reference.isEmpty {
                guard let found = try tx.patient(reference: reference) else { throw PatientError.notFound(reference) }
                patient = found
            }
            let status = EnquiryRules.status(after: request.route)
            var enquiry = Enquiry(
                receivedAt: at, channel: request.channel, callerType: request.callerType,
                callerName: request.callerName.trimmingCharacters(in: .whitespaces),
                callerPhone: request.callerPhone?.trimmingCharacters(in: .whitespaces).nilIfEmpty,
                organisation: request.organisation?.trimmingCharacters(in: .whitespaces).nilIfEmpty,
                patientID: patient?.id, patientMRN: patient?.mrn, category: request.category, priority: request.priority,
                summary: request.summary.trimmingCharacters(in: .whitespaces), safeguarding: request.safeguarding,
                aggression: request.aggression, status: status,
                identity: EnquiryRules.identity(callerType: request.callerType, hasPatient: patient != nil), callbackDue: due,
                team: { if case .refer(let team) = request.route { return team }; return nil }(), takenBy: user.login,
                outcome: { if case .resolved(let outcome) = request.route { return outcome.trimmingCharacters(in: .whitespaces) }; return nil }())
            if let patient, patient.restriction != nil, request.callerType.needsIdentityCheck, !request.identityClaims.isEmpty {
                try Self.opening(tx, patient, reason: reason, user: user, at: at, "identity check while logging a call")
            }
            enquiry.id = try tx.insertEnquiry(enquiry)
            var checks: [String] = []
            if let patient, let patientID = patient.id, request.callerType.needsIdentityCheck {
                for claim in request.identityClaims {
                    let result = IdentityGate.check(claim, against: patient)
                    enquiry.identity = result.matched ? .confirmed : .mismatch
                    enquiry.identityCheckedAt = at
                    let consent = result.matched && request.callerType == .relativeOrCarer
                        ? SharingConsent.covering(caller: enquiry.callerName, in: try tx.consents(patientID: patientID)) : nil
                    checks.append(Self.identityCheckLine(result, callerType: request.callerType, consent: consent))
                }
                // Each callback is verified afresh: routed to one, the check of this call does not carry over.
                if case .callback = request.route, Self.checkedAfresh(enquiry) { enquiry.identity = .notChecked }
                if !checks.isEmpty { try tx.updateEnquiry(enquiry) }
            }
            let what = "\(request.callerType.rawValue.replacingOccurrences(of: "_", with: " ")) · "
                + "\(request.category.rawValue.replacingOccurrences(of: "_", with: " ")) · \(request.priority.rawValue)"
                + (request.safeguarding ? " · SAFEGUARDING" : "") + (request.aggression ? " · VERBAL AGGRESSION" : "")
            try tx.appendEvent(EnquiryEvent(enquiryID: enquiry.id, at: at, user: user.login, kind: .logged, fromStatus: nil,
                                            toStatus: .open, detail: "logged: " + what))
            for detail in checks {
                try tx.appendEvent(EnquiryEvent(enquiryID: enquiry.id, at: at, user: user.login, kind: .identityChecked,
                                                fromStatus: .open, toStatus: .open, detail: detail))
            }
            let routed: (EnquiryEvent.Kind, String)
            switch request.route {
            case .resolved(let outcome): routed = (.closed, "resolved at first contact: \(outcome)")
            case .callback: routed = (.callbackDue, Self.callbackDueLine(due!))
            case .refer(let team): routed = (.referred, "referred to \(team)")
            case .escalate: routed = (.escalated, "escalated to the Assistant Service Manager")
            }
            try tx.appendEvent(EnquiryEvent(enquiryID: enquiry.id, at: at, user: user.login, kind: routed.0, fromStatus: .open,
                                            toStatus: status, detail: routed.1, dueAt: due))
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .enquiry, patientID: patient?.id,
                                          patientMRN: patient?.mrn, detail: "logged enquiry \(enquiry.id) (\(what)), \(routed.1.prefix(60))"))
            return enquiry
        }
    }

    /// What an identity check found.
    public struct Verification: Sendable, Hashable {
        public var enquiry: Enquiry
        public var result: IdentityResult
        /// For a relative or carer whose details matched: the patient's consent naming them (nil: nothing may be shared).
        public var consent: SharingConsent?
    }

    /// Compares what the caller says with the patient's record: the gate opens
    /// only on a match; a mismatch is recorded and keeps it shut. Each check is
    /// kept in the history (which fields matched, never the values) and audited.
    /// All three answers are needed, the date of birth a date (refused naming
    /// `name`, `dob`, `postcode`); a closed enquiry takes no check. A restricted
    /// record is compared only with `reason` (or this person's break-glass
    /// opening in the last half hour), audited as break-glass; otherwise
    /// `PatientError.restricted` and nothing is written.
    public func verify(enquiry id: Int64, _ claim: IdentityClaim, reason: AccessReason? = nil, by user: ActingUser) throws -> Verification {
        try access.require(.logEnquiries, user)
        try claim.check()
        let at = clock.now
        return try enquiries.write { tx in
            guard var enquiry = try tx.enquiry(id: id) else { throw ValidationError(field: "enquiry", reason: "there is no enquiry \(id)") }
            try Self.notClosed(enquiry)
            guard let patientID = enquiry.patientID, let patient = try tx.patient(id: patientID) else {
                throw ValidationError(field: "enquiry", reason: "enquiry \(id) concerns no patient: there is nothing to check")
            }
            guard enquiry.callerType.needsIdentityCheck else {
                throw ValidationError(field: "enquiry", reason: "a \(enquiry.callerType.rawValue.replacingOccurrences(of: "_", with: " ")) "
                                      + "passes on organisation and call-back number, not an identity check")
            }
            if patient.restriction != nil {
                try Self.opening(tx, patient, reason: reason, user: user, at: at, "identity check of enquiry \(id)")
            }
            let result = IdentityGate.check(claim, against: patient)
            enquiry.identity = result.matched ? .confirmed : .mismatch
            enquiry.identityCheckedAt = at
            let consent = result.matched && enquiry.callerType == .relativeOrCarer
                ? SharingConsent.covering(caller: enquiry.callerName, in: try tx.consents(patientID: patientID)) : nil
            let detail = Self.identityCheckLine(result, callerType: enquiry.callerType, consent: consent)
            try tx.updateEnquiry(enquiry)
            try tx.appendEvent(EnquiryEvent(enquiryID: id, at: at, user: user.login, kind: .identityChecked, fromStatus: enquiry.status,
                                            toStatus: enquiry.status, detail: detail))
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .enquiry, patientID: patientID,
                                          patientMRN: patient.mrn, detail: "enquiry \(id): " + detail))
            return Verification(enquiry: enquiry, result: result, consent: consent)
        }
    }

    static func text(_ date: Date) -> String {
        let (day, time) = CentreTime.localNow(date)
        return "\(day.weekday.short.capitalized) \(day.display) \(time.display)"
    }
}

// MARK: - The lifecycle: notes, callbacks, referral, escalation, closing

extension EnquiryService {
    /// One change of an enquiry, with its history line and audit row, in one transaction.
    func change(_ id: Int64, by user: ActingUser, _ body: (inout Enquiry, any EnquiryTransaction) throws -> (EnquiryEvent.Kind, String))
        throws -> Enquiry {
        try access.require(.logEnquiries, user)
        let at = clock.now
        return try enquiries.write { tx in
            guard var enquiry = try tx.enquiry(id: id) else { throw ValidationError(field: "enquiry", reason: "there is no enquiry \(id)") }
            let from = enquiry.status
            let (kind, detail) = try body(&enquiry, tx)
            try tx.updateEnquiry(enquiry)
            try tx.appendEvent(EnquiryEvent(enquiryID: id, at: at, user: user.login, kind: kind, fromStatus: from,
                                            toStatus: enquiry.status, detail: detail,
                                            dueAt: kind == .callbackDue ? enquiry.callbackDue : nil))
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .enquiry, patientID: enquiry.patientID,
                                          patientMRN: enquiry.patientMRN, detail: "enquiry \(id): \(kind.rawValue.replacingOccurrences(of: "_", with: " "))"))
            return enquiry
        }
    }

    /// An escalated enquiry is the Assistant Service Manager's: only those who
    /// manage escalated enquiries (officers, managers) refer it on, promise a
    /// callback on it or close it; anyone may add a note or record a callback.
    /// Read before the transaction (the staff are read from the same database).
    func escalatedOwner(_ user: ActingUser) throws -> (Enquiry) throws -> Void {
        let refusal: AccessError?
        do { try access.require(.manageEscalatedEnquiries, user); refusal = nil } catch let error as AccessError { refusal = error }
        return { e in if e.status == .escalated, let refusal { throw refusal } }
    }

    static func notClosed(_ e: Enquiry) throws {
        if e.status == .closed { throw ValidationError(field: "enquiry", reason: "enquiry \(e.id) is closed: log a new one") }
    }

    static func words(_ text: String, _ field: String) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard (3...1000).contains(t.count) else { throw ValidationError(field: field, reason: "must be 3 to 1000 characters") }
        return t
    }

    /// Adds a note to the history (nothing is overwritten).
    public func note(enquiry id: Int64, _ text: String, by user: ActingUser) throws -> Enquiry {
        let words = try Self.words(text, "note")
        return try change(id, by: user) { e, _ in try Self.notClosed(e); return (.note, words) }
    }

    /// Records that the caller was rung back (what was said). Awaiting a
    /// callback, the enquiry is open again until closed with its outcome; a
    /// referred or escalated one keeps its status (the team or the Assistant
    /// Service Manager rang back, and still owns it). Late callbacks are
    /// counted in working minutes; the next contact is verified afresh.
    public func calledBack(enquiry id: Int64, _ text: String, by user: ActingUser) throws -> Enquiry {
        let words = try Self.words(text, "note")
        let now = clock.now
        let hours = try workingHours()
        return try change(id, by: user) { e, _ in
            try Self.notClosed(e)
            var detail = "called back: " + words
            if let due = e.callbackDue, due < now {
                let (dd, dt) = CentreTime.localNow(due), (nd, nt) = CentreTime.localNow(now)
                let late = hours.workingMinutes(from: .init(date: dd, time: dt), to: .init(date: nd, time: nt))
                detail += " (late: \(late / 60)h \(late % 60)m of working time after \(Self.text(due)))"
            }
            if e.status == .awaitingCallback { e.status = .open }
            e.callbackDue = nil
            // The next contact is verified afresh.
            if Self.checkedAfresh(e) { e.identity = .notChecked }
            return (.calledBack, detail)
        }
    }

    /// A callback promised by a time (the default for the priority when none).
    /// The callback is a new contact: the caller is verified afresh then.
    public func promiseCallback(enquiry id: Int64, by due: Date? = nil, user: ActingUser) throws -> Enquiry {
        let now = clock.now
        if let due, due <= now { throw ValidationError(field: "callback by", reason: "must be later than now") }
        let owner = try escalatedOwner(user)
        return try change(id, by: user) { e, _ in
            try Self.notClosed(e)
            try owner(e)
            try EnquiryRules.check(.callback(by: due), category: e.category, safeguarding: e.safeguarding, aggression: e.aggression)
            let when = try due ?? defaultCallbackDue(at: now, priority: e.priority)
            e.status = .awaitingCallback
            e.callbackDue = when
            if Self.checkedAfresh(e) { e.identity = .notChecked }
            return (.callbackDue, Self.callbackDueLine(when))
        }
    }

    /// Hands the enquiry to a team, which owns it from then.
    public func refer(enquiry id: Int64, to team: String, note: String? = nil, by user: ActingUser) throws -> Enquiry {
        guard try access.staff.teams().contains(where: { $0.code == team && $0.active }) else {
            throw ValidationError(field: "team", reason: "there is no team '\(team)' (frontdesk team list shows them)")
        }
        let owner = try escalatedOwner(user)
        return try change(id, by: user) { e, _ in
            try Self.notClosed(e)
            try owner(e)
            try EnquiryRules.check(.refer(team: team), category: e.category, safeguarding: e.safeguarding, aggression: e.aggression)
            e.status = .referred
            e.team = team
            e.callbackDue = nil
            return (.referred, "referred to \(team)" + (note.map { ": \($0)" } ?? ""))
        }
    }

    /// To the Assistant Service Manager, who owns it from then (as a team does
    /// once referred: a callback promised before is theirs to make, no longer timed).
    public func escalate(enquiry id: Int64, note: String? = nil, by user: ActingUser) throws -> Enquiry {
        try change(id, by: user) { e, _ in
            try Self.notClosed(e)
            e.status = .escalated
            e.callbackDue = nil
            return (.escalated, "escalated to the Assistant Service Manager" + (note.map { ": \($0)" } ?? ""))
        }
    }

    /// Closes the enquiry with its outcome. A clinical question closes only with
    /// the answer of the team it was referred to, recorded by one of its members;
    /// an escalated one only by someone who manages escalated enquiries.
    public func close(enquiry id: Int64, outcome: String, by user: ActingUser) throws -> Enquiry {
        let teams = Set(try access.staff.staffMember(login: user.login)?.teams ?? [])
        let owner = try escalatedOwner(user)
        return try change(id, by: user) { e, _ in
            try EnquiryRules.checkClose(e, outcome: outcome, byTeamOf: teams)
            try owner(e)
            e.status = .closed
            e.outcome = outcome.trimmingCharacters(in: .whitespaces)
            e.callbackDue = nil
            return (.closed, "closed: " + e.outcome!)
        }
    }
}

// MARK: - The queue and consent

extension EnquiryService {
    /// The queue: open enquiries by when they fall due (filters: mine, a team,
    /// escalated, overdue, a patient; see `EnquiryQuery.Order`). Listing is not
    /// opening: not audited — except a restricted patient's list
    /// (`patientID`), which needs `reason` (or this person's break-glass
    /// opening in the last half hour) and is audited as break-glass; without
    /// one, `PatientError.restricted`. An unknown `team` is refused naming `team`.
    public func queue(_ query: EnquiryQuery, reason: AccessReason? = nil, by user: ActingUser) throws -> [Enquiry] {
        try access.require(.logEnquiries, user)
        if let team = query.team, try !access.staff.teams().contains(where: { $0.code == team }) {
            throw ValidationError(field: "team", reason: "there is no team '\(team)' (frontdesk team list shows them)")
        }
        let at = clock.now
        return try enquiries.write { tx in
            if let patientID = query.patientID, let patient = try tx.patient(id: patientID), patient.restriction != nil {
                try Self.opening(tx, patient, reason: reason, user: user, at: at, "listed the patient's enquiries")
            }
            return try tx.enquiries(query)
        }
    }

    /// How many callbacks this person took that are overdue now (the top line).
    public func overdueCallbacks(of user: ActingUser) throws -> Int {
        try queue(EnquiryQuery(overdueAt: clock.now, takenBy: user.login, limit: 1000), by: user).count
    }

    /// The acting user's teams (the staff record): "my team" in the queue.
    public func myTeams(_ user: ActingUser) throws -> Set<String> {
        Set(try access.member(user).teams)
    }

    /// Records a patient's consent to share with a relative or carer: who, how
    /// related, what may be shared. Audited; a restricted record needs `reason`
    /// (or this person's break-glass opening of it in the last half hour).
    public func recordConsent(patient reference: String, person: String, relationship: String, scopes: Set<SharingScope>,
                              reason: AccessReason? = nil, by user: ActingUser) throws -> SharingConsent {
        try access.require(.editDemographics, user)
        var problems: [FieldError] = []
        let name = person.trimmingCharacters(in: .whitespaces), related = relationship.trimmingCharacters(in: .whitespaces)
        if !(2...100).contains(name.count) { problems.append(FieldError(field: "person", reason: "must be 2 to 100 characters")) }
        else if IdentityGate.words(name).count < 2 {
            problems.append(FieldError(field: "person", reason: "must give the given and the family name (e.g. Aoife Byrne): "
                                       + "a caller is covered when every word of it is in the name they give"))
        }
        if !(2...50).contains(related.count) { problems.append(FieldError(field: "relationship", reason: "must be 2 to 50 characters (e.g. daughter)")) }
        if scopes.isEmpty {
            problems.append(FieldError(field: "share", reason: "must name what may be shared: "
                                       + SharingScope.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        let at = clock.now
        return try enquiries.write { tx in
            let (patient, id) = try Self.patient(tx, reference)
            if patient.restriction != nil { try Self.opening(tx, patient, reason: reason, user: user, at: at, "recorded a sharing consent") }
            var consent = SharingConsent(person: name, relationship: related, scopes: scopes, recordedBy: user.login,
                                         recordedAt: CentreTime.today(at))
            consent.id = try tx.insertConsent(consent, patientID: id)
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .edit, patientID: id, patientMRN: patient.mrn,
                                          detail: "sharing consent \(consent.id) recorded (\(related)): "
                                            + scopes.map(\.label).sorted().joined(separator: ", ")))
            return consent
        }
    }

    /// A patient's sharing consents, withdrawn ones too (oldest first). Reading
    /// them opens part of the record: audited as a view, or for a restricted
    /// record as break-glass access with `reason` (or within half an hour of
    /// this person opening it with one).
    public func consents(patient reference: String, reason: AccessReason? = nil,
                         by user: ActingUser) throws -> (patient: PatientSummary, consents: [SharingConsent]) {
        try access.require(.viewRecord, user)
        let at = clock.now
        return try enquiries.write { tx in
            let (patient, id) = try Self.patient(tx, reference)
            try Self.opening(tx, patient, reason: reason, user: user, at: at, "listed sharing consents")
            return (patient.summaryForLists, try tx.consents(patientID: id))
        }
    }

    /// Withdraws a patient's consent (the patient asked): kept with who, when
    /// and why, never deleted; from then on it covers nobody. Audited; a
    /// restricted record needs `reason` like any change to it.
    public func withdrawConsent(patient reference: String, consent consentID: Int64, because why: String,
                                reason: AccessReason? = nil, by user: ActingUser) throws -> SharingConsent {
        try access.require(.editDemographics, user)
        let words = why.trimmingCharacters(in: .whitespaces)
        guard (5...200).contains(words.count) else {
            throw ValidationError(field: "reason", reason: "must say why the consent is withdrawn in 5 to 200 characters "
                                  + "(e.g. patient asked by phone on 24-Nov)")
        }
        let at = clock.now
        return try enquiries.write { tx in
            let (patient, id) = try Self.patient(tx, reference)
            if patient.restriction != nil { try Self.opening(tx, patient, reason: reason, user: user, at: at, "withdrew a sharing consent") }
            guard var consent = try tx.consents(patientID: id).first(where: { $0.id == consentID }) else {
                throw ValidationError(field: "id", reason: "\(patient.mrn) has no sharing consent \(consentID) (frontdesk patient consent list \(patient.mrn))")
            }
            if let when = consent.withdrawnAt {
                throw ValidationError(field: "id", reason: "consent \(consentID) was already withdrawn by \(consent.withdrawnBy ?? "?") on "
                                      + CentreTime.today(when).display)
            }
            try tx.withdrawConsent(id: consentID, by: user.login, at: at, reason: words)
            consent.withdrawnBy = user.login; consent.withdrawnAt = at; consent.withdrawnReason = words
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .edit, patientID: id, patientMRN: patient.mrn,
                                          detail: "sharing consent \(consentID) withdrawn (\(consent.relationship)): \(words)"))
            return consent
        }
    }

    /// The patient a hospital or NHS number names (a merged duplicate's leads to the record kept).
    static func patient(_ tx: any EnquiryTransaction, _ reference: String) throws -> (Patient, Int64) {
        guard let patient = try tx.patient(reference: reference), let id = patient.id else { throw PatientError.notFound(reference) }
        return (patient, id)
    }

    /// How long a break-glass opening lets the same person go on (as for courses).
    public static let breakGlassMinutes = RecordOpening.breakGlassMinutes

    /// Audits opening part of a patient's record (`RecordOpening`).
    static func opening(_ tx: any EnquiryTransaction, _ person: Patient, reason: AccessReason?, user: ActingUser, at: Date,
                        _ what: String) throws {
        try RecordOpening.audit(person, reason: reason, user: user, at: at, what, brokeGlass: tx.brokeGlass, append: tx.appendAudit)
    }
}

extension EnquiryService {
    /// An enquiry with its whole history (names the patient it concerns: audited
    /// as a view). About a restricted record only with `reason` (or this
    /// person's break-glass opening in the last half hour), audited as
    /// break-glass; otherwise `PatientError.restricted`.
    public func show(enquiry id: Int64, reason: AccessReason? = nil, by user: ActingUser) throws -> (enquiry: Enquiry, history: [EnquiryEvent]) {
        try access.require(.logEnquiries, user)
        let at = clock.now
        return try enquiries.write { tx in
            guard let enquiry = try tx.enquiry(id: id) else { throw ValidationError(field: "enquiry", reason: "there is no enquiry \(id)") }
            if let patientID = enquiry.patientID {
                if let patient = try tx.patient(id: patientID), patient.restriction != nil {
                    try Self.opening(tx, patient, reason: reason, user: user, at: at, "opened enquiry \(id)")
                } else {
                    try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .view, patientID: patientID,
                                                  patientMRN: enquiry.patientMRN, detail: "opened enquiry \(id)"))
                }
            }
            return (enquiry, try tx.events(enquiryID: id))
        }
    }
}
