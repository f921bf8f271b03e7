import Foundation

/// The one door to the end-of-day checklist (issue 8): generating it, hand
/// marks (tick, defer, clear), the sign-off and its frozen report, and the
/// days not signed off. Every call names the acting user; every mark and
/// sign-off is audited in the same transaction.
public struct ChecklistService: Sendable {
    public let checklist: any ChecklistRepository
    public let access: AccessControl
    public let clock: any Clock
    /// Closure days besides bank holidays (settings): the next working day skips them.
    public let closureDays: @Sendable () throws -> Set<LocalDate>

    public init(checklist: any ChecklistRepository, access: AccessControl, clock: any Clock,
                closureDays: @escaping @Sendable () throws -> Set<LocalDate> = { [] }) {
        self.checklist = checklist; self.access = access; self.clock = clock; self.closureDays = closureDays
    }

    /// Today at the centre.
    public var today: LocalDate { CentreTime.today(clock.now) }

    /// The dates whose clinics the checklist for `date` prepares.
    public func preparationDates(after date: LocalDate) throws -> [LocalDate] {
        ChecklistRules.preparationDates(after: date, calendar: WorkingCalendar(closures: try closureDays()))
    }

    // MARK: generating

    /// The checklist for a date (closing its clinics, preparing those up to the
    /// next working day, its callbacks), optionally for one site, service or
    /// clinician. A list, like the clinic day list: reading it opens no record
    /// and is not audited (marks and sign-offs are).
    public func generate(date: LocalDate, filter: ChecklistFilter = ChecklistFilter(), by user: ActingUser) throws -> Checklist {
        try access.require(.searchPatients, user)
        let preparation = try preparationDates(after: date)
        let at = clock.now
        return try checklist.read { tx in
            try Self.checkCodes(tx, filter)
            return try Self.generate(tx, date: date, preparation: preparation, filter: filter, at: at)
        }
    }

    static func generate(_ tx: any ChecklistReader, date: LocalDate, preparation: [LocalDate], filter: ChecklistFilter,
                         at: Date) throws -> Checklist {
        let facts = try tx.facts(ChecklistFactsQuery(date: date, preparationDates: preparation, filter: filter))
        return Checklist(date: date, preparationDates: preparation, filter: filter,
                         items: ChecklistRules.items(date: date, preparationDates: preparation, facts: facts, filter: filter),
                         generatedAt: at)
    }

    static func checkCodes(_ tx: any ChecklistReader, _ filter: ChecklistFilter) throws {
        if let site = filter.siteCode, try !tx.siteExists(site) {
            throw ChecklistError(.notFound, field: "site", "there is no site '\(site)' (frontdesk site list shows them)")
        }
        if let service = filter.serviceCode, try !tx.serviceExists(service) {
            throw ChecklistError(.notFound, field: "service", "there is no service '\(service)' (frontdesk service list shows them)")
        }
        if let clinician = filter.clinicianCode, try !tx.clinicianExists(clinician) {
            throw ChecklistError(.notFound, field: "clinician",
                                 "there is no clinician '\(clinician)' (frontdesk clinician list shows them)")
        }
    }

    // MARK: marks

    /// Ticks a hand item done (who and when recorded). An item the data shows
    /// is refused: it completes itself when the data changes.
    public func tick(item id: String, by user: ActingUser) throws -> ChecklistItem {
        try access.require(.tickChecklist, user)
        return try mark(id, .done, reason: nil, user)
    }

    /// Defers an item, with a reason (5 to 200 characters): settled for the
    /// sign-off, and shown with the reason. Any item may be deferred.
    public func deferItem(item id: String, reason: String, by user: ActingUser) throws -> ChecklistItem {
        try access.require(.tickChecklist, user)
        let why = try PatientService.statedReason(reason, example: "notes missing, temporary set made up")
        return try mark(id, .deferred, reason: why, user)
    }

    /// Takes back a mistaken tick or deferral, with a reason: the item stands as the data shows it.
    public func clearMark(item id: String, reason: String, by user: ActingUser) throws -> ChecklistItem {
        try access.require(.tickChecklist, user)
        let why = try PatientService.statedReason(reason, example: "ticked the wrong patient")
        return try mark(id, .cleared, reason: why, user)
    }

    /// An item's marks, oldest first (not audited: no patient details).
    public func history(item id: String, by user: ActingUser) throws -> [ChecklistMark] {
        try access.require(.searchPatients, user)
        let parsed = try Self.parse(id)
        return try checklist.read { try $0.marks(itemID: parsed.description) }
    }

    static func parse(_ id: String) throws -> ChecklistItemID {
        guard let parsed = ChecklistItemID(parsing: id) else { throw ValidationError(field: "item", reason: ChecklistItemID.rule) }
        return parsed
    }

    /// The item as it stands now, generated from the data of its own date (a
    /// closure item with the dates up to the next working day after it too, as
    /// notes sent on to the patient's next clinic count as returned).
    static func current(_ tx: any ChecklistReader, _ parsed: ChecklistItemID, following: [LocalDate], at: Date) throws -> ChecklistItem {
        let preparation = parsed.kind.section == .preparation ? [parsed.date] : parsed.kind == .notesReturned ? following : []
        let facts = try tx.facts(ChecklistFactsQuery(date: parsed.date, preparationDates: preparation, filter: ChecklistFilter()))
        let id = parsed.description
        guard let item = ChecklistRules.items(date: parsed.date, preparationDates: preparation, facts: facts).first(where: { $0.id == id }) else {
            throw ChecklistError(.notFound, field: "item", "there is no item \(id) on the checklist: its appointment, session or callback "
                                 + "is not (or no longer) there — a cancelled appointment leaves the list")
        }
        return item
    }

    func mark(_ id: String, _ action: ChecklistMark.Action, reason: String?, _ user: ActingUser) throws -> ChecklistItem {
        let parsed = try Self.parse(id)
        let at = clock.now
        let following = parsed.kind == .notesReturned ? try preparationDates(after: parsed.date) : []
        return try checklist.write { tx in
            let item = try Self.current(tx, parsed, following: following, at: at)
            try Self.refuseIfSignedOff(tx, item)
            let latest = try tx.marks(itemID: item.id).last
            switch action {
            case .done:
                if item.completion == .data {
                    throw ChecklistError(field: "item", "\(item.id) (\(item.kind.label)) completes itself when the data shows it — "
                                         + Self.howToComplete(item) + "; it cannot be ticked, only deferred with a reason")
                }
                if item.state == .done {
                    throw ChecklistError(field: "item", "\(item.id) is already done (by \(item.settledBy ?? "?"))")
                }
            case .deferred:
                if item.state == .done {
                    throw ChecklistError(field: "item", "\(item.id) is done (by \(item.settledBy ?? "the data")): there is nothing to defer")
                }
            case .cleared:
                guard let latest, latest.action != .cleared else {
                    throw ChecklistError(field: "item", "\(item.id) has no tick or deferral to take back")
                }
            }
            let mark = ChecklistMark(itemID: item.id, itemDate: item.date, action: action, reason: reason, by: user.login, at: at,
                                     patientID: item.patientID)
            try tx.appendMark(mark)
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .checklist, patientID: item.patientID,
                                          patientMRN: item.patientMRN,
                                          detail: "checklist item \(item.id) (\(item.kind.label)) \(action.rawValue)"
                                              + (reason.map { ": \($0)" } ?? "")))
            var base = item
            if action == .cleared, item.completion == .hand || item.state == .deferred {
                // Back to how the data shows it.
                base.state = .outstanding; base.settledBy = nil; base.settledAt = nil; base.deferReason = nil
                return base
            }
            return ChecklistRules.applyMark(base, mark)
        }
    }

    /// An item of a date and site already signed off (its clinic's site; a
    /// callback with no site, any site's sign-off of its date) is not marked:
    /// the frozen report stands. A preparation item is its clinic's date's: it
    /// may still be marked after the evening before was signed off.
    static func refuseIfSignedOff(_ tx: any ChecklistReader, _ item: ChecklistItem) throws {
        let site = item.siteCode.map(DiaryCode.normalised)
        guard let signed = try tx.signatures(date: item.date).first(where: { site == nil || $0.siteCode == site }) else { return }
        throw ChecklistError(field: "item", "\(item.id) is on the checklist of \(item.date.display) at \(signed.siteCode), which was signed off "
                             + "by \(signed.signedBy) at \(moment(signed.signedAt)): the frozen report stands, and nothing more is marked "
                             + "on a day signed off (frontdesk checklist report --date \(item.date.iso) --site \(signed.siteCode))")
    }

    /// `24-Nov-2026 17:30`, at the centre.
    static func moment(_ instant: Date) -> String {
        let parts = CentreTime.calendar.dateComponents([.hour, .minute], from: instant)
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0
        return CentreTime.today(instant).display + " " + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// What completes a data item, in words.
    static func howToComplete(_ item: ChecklistItem) -> String {
        let a = item.appointmentID.map(String.init) ?? "?"
        switch item.kind {
        case .attendanceRecorded: return "record the attendance (frontdesk appointment attend|dna|late-not-seen \(a))"
        case .outcomeRecorded: return "record the outcome (frontdesk appointment outcome \(a) 1|2|3)"
        case .followUpBooked: return "book the patient's next appointment"
        case .onToBeBookedList: return "the to-be-booked entry made when outcome 3 is recorded"
        case .interpreterBooked, .transportBooked, .prescriptionScreened:
            return "mark its task done (frontdesk task done \(item.taskID.map(String.init) ?? "ID"))"
        case .callbackMade: return "record the callback (frontdesk enquiry called-back \(item.enquiryID.map(String.init) ?? "ID"))"
        case .notesPrepared:
            return "move the volumes to the clinic (frontdesk notes move \(item.patientMRN ?? "PATIENT") --to clinic:\(item.serviceCode ?? "SERVICE")@\(item.siteCode ?? "SITE"))"
        case .notesReturned:
            return "return the volumes to the library (frontdesk notes move \(item.patientMRN ?? "PATIENT") --to library)"
        case .gpLetterSent: return "tick it"
        }
    }

    // MARK: sign-off

    /// An officer signs off a date for a site when every item of that date and
    /// site is done or deferred (refused otherwise, listing what is
    /// outstanding). Records who, when and the audit trail's latest hash (the
    /// sign-off's own audit row), and freezes the checklist as a report.
    public func signOff(date: LocalDate, site: String, by user: ActingUser) throws -> ChecklistSignOff {
        try access.require(.signOffChecklist, user)
        let siteCode = DiaryCode.normalised(site)
        let today = self.today
        if date > today {
            throw ChecklistError(field: "date", "\(date.display) is still to come: a day is signed off on the day or after")
        }
        let preparation = try preparationDates(after: date)
        let at = clock.now
        return try checklist.write { tx in
            let filter = ChecklistFilter(siteCode: siteCode)
            try Self.checkCodes(tx, filter)
            if let done = try tx.signOff(date: date, siteCode: siteCode) {
                throw ChecklistError(field: "date", "\(date.display) at \(siteCode) was already signed off by \(done.signedBy) "
                                     + "(frontdesk checklist report --date \(date.iso) --site \(siteCode))")
            }
            let report = try Self.generate(tx, date: date, preparation: preparation, filter: filter, at: at)
            let outstanding = report.outstanding
            if !outstanding.isEmpty {
                let listed = outstanding.prefix(10).map { "\($0.id) \($0.kind.label)" }.joined(separator: ", ")
                throw ChecklistError(field: "checklist", "\(outstanding.count) item\(outstanding.count == 1 ? " is" : "s are") outstanding "
                                     + "for \(date.display) at \(siteCode) (\(report.progress.text)): \(listed)"
                                     + (outstanding.count > 10 ? ", …" : "") + " — each must be done or deferred with a reason",
                                     outstanding: outstanding)
            }
            let digest = try tx.reportDigest(report)
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .checklist, patientID: nil,
                                          detail: "signed off the checklist for \(date.display) at \(siteCode): \(report.progress.text)"
                                              + "; \(Self.reportSealPrefix)\(digest)"))
            guard let head = try tx.latestAudit() else {
                throw ChecklistError(field: "audit", "the audit trail is empty after the sign-off was recorded")
            }
            let signOff = ChecklistSignOff(date: date, siteCode: siteCode, signedBy: user.login, signedAt: at, auditRowID: head.id,
                                           auditHash: head.hash, report: report)
            try tx.insertSignOff(signOff)
            return signOff
        }
    }

    /// The sign-off of a date and site with its frozen report.
    public func signedOff(date: LocalDate, site: String, by user: ActingUser) throws -> ChecklistSignOff {
        try access.require(.searchPatients, user)
        let siteCode = DiaryCode.normalised(site)
        return try checklist.read { tx in
            try Self.checkCodes(tx, ChecklistFilter(siteCode: siteCode))
            guard let seal = try tx.seal(date: date, siteCode: siteCode) else {
                throw ChecklistError(.notFound, field: "date", "\(date.display) at \(siteCode) has not been signed off")
            }
            guard let done = try tx.signOff(date: date, siteCode: siteCode) else {
                throw ChecklistError(.notFound, field: "date", "\(date.display) at \(siteCode) has not been signed off")
            }
            try Self.verify(seal, done)
            return Self.masked(done, restricted: try tx.restricted(patientIDs: Array(Set(done.report.items.compactMap(\.patientID))).sorted()))
        }
    }

    /// The report as it is shown now: a patient restricted since the sign-off
    /// (or merged into a restricted record since) is shown by the hospital
    /// number only, as the live checklist shows a restricted record — nobody
    /// sees a restricted name without opening the record with a reason. The
    /// stored report is left as it was sealed (its SHA-256 is checked first);
    /// only what is shown is masked.
    static func masked(_ signOff: ChecklistSignOff, restricted: Set<Int64>) -> ChecklistSignOff {
        guard !restricted.isEmpty else { return signOff }
        var shown = signOff
        for i in shown.report.items.indices {
            guard let patient = shown.report.items[i].patientID, restricted.contains(patient),
                  shown.report.items[i].patientName != nil else { continue }
            shown.report.items[i].patientName = shown.report.items[i].patientMRN
        }
        return shown
    }

    /// How the sign-off's audit row records the SHA-256 of the frozen report.
    static let reportSealPrefix = "report sha256 "

    /// The stored report must be the one the sign-off's audit row sealed: its
    /// SHA-256 as recorded in the row's detail, and the row's hash as the sign-off kept it.
    static func verify(_ seal: ChecklistSeal, _ done: ChecklistSignOff) throws {
        let recorded = seal.auditDetail.flatMap { detail in
            detail.range(of: reportSealPrefix, options: .backwards).map { String(detail[$0.upperBound...]) }
        }
        guard let recorded, recorded == seal.reportDigest, seal.auditHash == done.auditHash else {
            let why = seal.auditDetail == nil ? "its audit row \(done.auditRowID) is not in the audit trail"
                : recorded == nil ? "its audit row \(done.auditRowID) records no SHA-256 of the report"
                : recorded != seal.reportDigest ? "its SHA-256 (\(seal.reportDigest)) is not the one audit row \(done.auditRowID) "
                    + "recorded when it was signed off (\(recorded ?? ""))"
                : "audit row \(done.auditRowID)'s hash is not the one kept at the sign-off"
            throw ChecklistError(field: "report", "the frozen report of \(done.date.display) at \(done.siteCode) (signed off by "
                                 + "\(done.signedBy)) has been altered since: \(why) — it cannot be relied on; check the "
                                 + "trail (frontdesk audit verify) and tell the information governance lead")
        }
    }

    /// For a manager: the dates in a range (at most 366 days) and the sites that
    /// held clinics then but have no sign-off, earliest first.
    public func notSignedOff(from: LocalDate, to: LocalDate, by user: ActingUser) throws -> [ChecklistDaySite] {
        try access.require(.readAuditReports, user)
        if to < from { throw ValidationError(field: "to", reason: "must be on or after the from date (\(from.display))") }
        if from.adding(days: 366) < to { throw ValidationError(field: "to", reason: "must be at most 366 days after the from date") }
        return try checklist.read { try $0.notSignedOff(from: from, to: to) }
    }
}
