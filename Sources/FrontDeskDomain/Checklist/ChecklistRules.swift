import Foundation

/// Which part of the diary a checklist covers: a site, a service, a clinician (all optional).
public struct ChecklistFilter: Sendable, Hashable, Codable {
    public var siteCode: String?
    public var serviceCode: String?
    public var clinicianCode: String?
    public init(siteCode: String? = nil, serviceCode: String? = nil, clinicianCode: String? = nil) {
        self.siteCode = siteCode.map(DiaryCode.normalised); self.serviceCode = serviceCode.map(DiaryCode.normalised)
        self.clinicianCode = clinicianCode.map(DiaryCode.normalised)
    }

    /// Whether an item falls in the filter. A callback belongs to no clinic: it
    /// is left out when a service or clinician is asked for, and one with no
    /// site (its taker has no default site) is in every site's checklist.
    public func admits(_ item: ChecklistItem) -> Bool {
        if item.kind == .callbackMade {
            if serviceCode != nil || clinicianCode != nil { return false }
            if let siteCode, let site = item.siteCode, site != siteCode { return false }
            return true
        }
        if let siteCode, item.siteCode != siteCode { return false }
        if let serviceCode, item.serviceCode != serviceCode { return false }
        if let clinicianCode, item.clinicianCode != clinicianCode { return false }
        return true
    }
}

/// A generated checklist: the items in the order a desk works through them,
/// and the progress.
public struct Checklist: Sendable, Hashable, Codable {
    /// The day being closed.
    public var date: LocalDate
    /// The dates whose clinics are prepared: every date after `date` up to and
    /// including the next working day (on a Friday: Saturday, Sunday, Monday).
    public var preparationDates: [LocalDate]
    public var filter: ChecklistFilter
    /// Outstanding first (an unscreened prescription for the coming treatment
    /// first of all), then by section, clinic (date, site, service, clinician,
    /// session start) and patient.
    public var items: [ChecklistItem]
    public var generatedAt: Date

    public init(date: LocalDate, preparationDates: [LocalDate], filter: ChecklistFilter, items: [ChecklistItem], generatedAt: Date) {
        self.date = date; self.preparationDates = preparationDates; self.filter = filter; self.items = items
        self.generatedAt = generatedAt
    }

    public var progress: ChecklistProgress { ChecklistProgress(items) }
    public func progress(of section: ChecklistItem.Section) -> ChecklistProgress {
        ChecklistProgress(items.filter { $0.section == section })
    }
    public var outstanding: [ChecklistItem] { items.filter { $0.state == .outstanding } }
    public func item(id: String) -> ChecklistItem? { items.first { $0.id == id } }

    /// The items grouped as a pane shows them: by clinic (a session, or the
    /// callbacks of a site), then by patient; groups with an urgent item first,
    /// then those with anything outstanding, each in clinic order.
    public var groups: [ChecklistClinicGroup] {
        var order: [ChecklistClinicGroup.Key] = []
        var byKey: [ChecklistClinicGroup.Key: [ChecklistItem]] = [:]
        for item in ChecklistRules.sorted(items, outstandingFirst: false) {
            let key = ChecklistClinicGroup.Key(item)
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(item)
        }
        let groups = order.map { key -> ChecklistClinicGroup in
            let items = byKey[key]!
            var patients: [ChecklistPatientGroup] = []
            var index: [String: Int] = [:]
            for item in items {
                let who = item.patientMRN ?? "-"
                if let i = index[who] { patients[i].items.append(item) } else {
                    index[who] = patients.count
                    patients.append(ChecklistPatientGroup(patientID: item.patientID, patientMRN: item.patientMRN,
                                                          patientName: item.patientName, items: [item]))
                }
            }
            // Outstanding first (urgent first of all), each in the clinic order they came in.
            for i in patients.indices {
                patients[i].items = patients[i].items.enumerated()
                    .sorted { (ChecklistRules.pressing($0.element), $0.offset) < (ChecklistRules.pressing($1.element), $1.offset) }.map(\.element)
            }
            patients.sort { a, b in
                let (x, y) = (a.progress.outstanding > 0, b.progress.outstanding > 0)
                return x != y ? x : false
            }
            return ChecklistClinicGroup(key: key, patients: patients)
        }
        func rank(_ g: ChecklistClinicGroup) -> Int {
            g.patients.contains { $0.items.contains { $0.urgent && $0.state == .outstanding } } ? 0 : g.progress.outstanding > 0 ? 1 : 2
        }
        return groups.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}

/// One clinic of the checklist (a session of a date, or a site's callbacks) with its patients.
public struct ChecklistClinicGroup: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var section: ChecklistItem.Section
        public var date: LocalDate
        public var siteCode: String?
        public var serviceCode: String?
        public var clinicianCode: String?
        public var sessionID: Int64?
        public var sessionStart: ClockTime?
        init(_ item: ChecklistItem) {
            section = item.section; date = item.date; siteCode = item.siteCode; serviceCode = item.serviceCode
            clinicianCode = item.clinicianCode; sessionID = item.sessionID
            sessionStart = item.kind == .callbackMade ? nil : item.sessionStart
        }
        /// `Wed 25-Nov-2026 main onc_fu dr_adams 09:00` (`callbacks main` for callbacks).
        public var title: String {
            if section == .callbacks { return "callbacks" + (siteCode.map { " \($0)" } ?? " (any site)") }
            return "\(date.weekday.short.capitalized) \(date.display) " + [siteCode, serviceCode, clinicianCode, sessionStart?.display]
                .compactMap { $0 }.joined(separator: " ")
        }
    }
    public var key: Key
    public var patients: [ChecklistPatientGroup]
    public var progress: ChecklistProgress { ChecklistProgress(patients.flatMap(\.items)) }
}

/// One patient's items in a clinic group.
public struct ChecklistPatientGroup: Sendable, Hashable {
    public var patientID: Int64?
    public var patientMRN: String?
    public var patientName: String?
    public var items: [ChecklistItem]
    public var progress: ChecklistProgress { ChecklistProgress(items) }
}

/// The rules of the checklist (issue 8), from the facts to the items, with
/// no store and no clock.
public enum ChecklistRules {
    /// The dates prepared by a checklist for `date`: every date after it up to
    /// and including the next working day (Friday → Saturday, Sunday, Monday;
    /// the day before a bank holiday covers it too).
    public static func preparationDates(after date: LocalDate, calendar: WorkingCalendar) -> [LocalDate] {
        let last = calendar.nextWorkingDay(onOrAfter: date.adding(days: 1))
        var dates: [LocalDate] = []
        var day = date.adding(days: 1)
        while day <= last { dates.append(day); day = day.adding(days: 1) }
        return dates
    }

    /// The items of the checklist for `date` from the facts, filtered and in order.
    public static func items(date: LocalDate, preparationDates: [LocalDate], facts: ChecklistFacts,
                             filter: ChecklistFilter = ChecklistFilter()) -> [ChecklistItem] {
        let prepared = Set(preparationDates)
        var items: [ChecklistItem] = []
        items.reserveCapacity(facts.visits.count * 4 + facts.callbacks.count)
        // The clinic's start: the session's first appointment.
        var sessionStart: [Int64: ClockTime] = [:]
        for visit in facts.visits { if let s = visit.appointment.sessionID { sessionStart[s] = min(sessionStart[s] ?? visit.appointment.start, visit.appointment.start) } }
        var notesSeen: Set<String> = []
        for visit in facts.visits {
            let a = visit.appointment
            if prepared.contains(a.date) {
                items += preparation(visit, facts: facts, sessionStart: sessionStart, notesSeen: &notesSeen)
            } else if a.date == date {
                items += closure(visit, facts: facts, preparationDates: preparationDates, sessionStart: sessionStart, notesSeen: &notesSeen)
            }
        }
        // Due on the date at the centre (two calendar sums for the day, not two a callback).
        if !facts.callbacks.isEmpty {
            let from = CentreTime.startOfDay(date), to = CentreTime.startOfDay(date.adding(days: 1))
            for callback in facts.callbacks where callback.dueAt >= from && callback.dueAt < to {
                items.append(callbackItem(callback))
            }
        }
        arrange(&items, marks: facts.marks, filter: filter)
        return items
    }

    /// The one order of checklist items: outstanding first, an urgent one
    /// (`pressing`) first of all (`outstandingFirst`; without it, clinic order
    /// alone), then section, clinic (date, site, service, clinician, session
    /// start, session), an outstanding case-note item of missing notes first
    /// within its clinic, patient (name, id), kind, appointment, enquiry.
    /// Sorted through small integer keys (an item is a large value: moving
    /// thousands of them about while sorting costs more than the rest).
    public static func sorted(_ items: [ChecklistItem], outstandingFirst: Bool = true) -> [ChecklistItem] {
        func ranks(_ values: [String]) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: Array(Set(values)).sorted().enumerated().map { ($1, $0) })
        }
        let sites = ranks(items.map { $0.siteCode ?? "" }), services = ranks(items.map { $0.serviceCode ?? "" })
        let clinicians = ranks(items.map { $0.clinicianCode ?? "" }), names = ranks(items.map { $0.patientName ?? "" })
        let kinds = Dictionary(uniqueKeysWithValues: ChecklistItem.Kind.allCases.enumerated().map { ($1, $0) })
        let sections = Dictionary(uniqueKeysWithValues: ChecklistItem.Section.allCases.enumerated().map { ($1, $0) })
        let keys: [[Int]] = items.map { i in
            [outstandingFirst ? pressing(i) : 0, sections[i.section]!, i.date.dayNumber, sites[i.siteCode ?? ""]!,
             services[i.serviceCode ?? ""]!, clinicians[i.clinicianCode ?? ""]!, i.sessionStart?.minutes ?? i.start?.minutes ?? 0,
             Int(i.sessionID ?? 0), i.notesMissing && i.state == .outstanding ? 0 : 1, names[i.patientName ?? ""]!, Int(i.patientID ?? 0), kinds[i.kind]!, Int(i.appointmentID ?? 0),
             Int(i.enquiryID ?? 0)]
        }
        let order = items.indices.sorted { a, b in keys[a].lexicographicallyPrecedes(keys[b]) }
        return order.map { items[$0] }
    }

    static func base(_ kind: ChecklistItem.Kind, _ a: Appointment, _ visit: ChecklistFacts.Visit, subject: ChecklistItemID.Subject,
                     completion: ChecklistItem.Completion, _ sessionStart: [Int64: ClockTime], text: String) -> ChecklistItem {
        ChecklistItem(id: ChecklistItemID(kind: kind, date: a.date, subject: subject).description, kind: kind, completion: completion,
                      date: a.date, siteCode: a.siteCode, serviceCode: a.serviceCode, clinicianCode: a.clinicianCode,
                      sessionID: a.sessionID, sessionStart: a.sessionID.flatMap { sessionStart[$0] } ?? a.start, start: a.start,
                      appointmentID: a.id, patientID: a.patientID, patientMRN: a.patientMRN, patientName: visit.patientName, text: text)
    }

    static func notesSubject(_ a: Appointment) -> ChecklistItemID.Subject {
        a.sessionID.map { .sessionPatient(session: $0, patient: a.patientID) } ?? .appointment(a.id)
    }

    /// An item completed by a task: done when the task is done.
    static func byTask(_ item: ChecklistItem, _ task: DeskTask?, missing: String) -> ChecklistItem {
        var item = item
        guard let task else { item.detail = missing; return item }
        item.taskID = task.id
        switch task.status {
        case .done:
            item.state = .done; item.settledBy = task.closedBy; item.settledAt = task.closedAt
            item.detail = "task \(task.id) done"
        case .open: item.detail = "task \(task.id) open, due \(task.dueText)"
        case .cancelled: item.detail = "task \(task.id) cancelled" + (task.closeNote.map { ": \($0)" } ?? "")
        }
        return item
    }

    static func preparation(_ visit: ChecklistFacts.Visit, facts: ChecklistFacts, sessionStart: [Int64: ClockTime],
                            notesSeen: inout Set<String>) -> [ChecklistItem] {
        let a = visit.appointment
        var items: [ChecklistItem] = []
        // Case notes: one per patient per session.
        let notes = preparedNotes(visit, facts: facts, sessionStart)
        if notesSeen.insert(notes.id).inserted { items.append(notes) }
        let tasks = facts.tasks[a.id] ?? []
        func latest(_ kind: DeskTask.Kind) -> DeskTask? {
            tasks.filter { $0.kind == kind }.max { ($0.status != .cancelled ? 1 : 0, $0.id) < ($1.status != .cancelled ? 1 : 0, $1.id) }
        }
        let interpreter = latest(.interpreter)
        if visit.needsInterpreter || interpreter != nil {
            items.append(byTask(base(.interpreterBooked, a, visit, subject: .appointment(a.id), completion: .data, sessionStart,
                                     text: "interpreter booked for appointment \(a.id) at \(a.start.display)"),
                                interpreter, missing: "no interpreter task: book one and record it (frontdesk task list --patient \(a.patientMRN))"))
        }
        let transport = latest(.transport)
        if a.transport == .hospital || transport != nil {
            items.append(byTask(base(.transportBooked, a, visit, subject: .appointment(a.id), completion: .data, sessionStart,
                                     text: "hospital transport (\(a.mobility?.rawValue ?? "walking")) booked for appointment \(a.id) at \(a.start.display)"),
                                transport, missing: "no transport task: book it and record it"))
        }
        // A treatment appointment: one of a service pharmacy screens for (its flag, e.g. a SACT chair), or
        // one that holds a course step with a pharmacy task in its cycle, whatever its service.
        let screening = facts.screening[a.id]
        if screening != nil || facts.screenedServices.contains(a.serviceCode) {
            var item = base(.prescriptionScreened, a, visit, subject: .appointment(a.id), completion: screening != nil ? .data : .hand,
                            sessionStart, text: "prescription screened by pharmacy for \(a.serviceCode) appointment \(a.id) at \(a.start.display)")
            if let screening {
                item = byTask(item, screening, missing: "")
            } else {
                item.detail = "no screening task: tick when pharmacy confirms"
            }
            item.urgent = true
            items.append(item)
        }
        return items
    }

    static func closure(_ visit: ChecklistFacts.Visit, facts: ChecklistFacts, preparationDates: [LocalDate], sessionStart: [Int64: ClockTime],
                        notesSeen: inout Set<String>) -> [ChecklistItem] {
        let a = visit.appointment
        var items: [ChecklistItem] = []
        var attendance = base(.attendanceRecorded, a, visit, subject: .appointment(a.id), completion: .data, sessionStart,
                              text: "attendance recorded for appointment \(a.id) at \(a.start.display)")
        attendance.detail = a.status.label
        if a.status.isAttendanceRecorded { attendance.state = .done }
        items.append(attendance)
        if a.status.isSeen {
            var outcome = base(.outcomeRecorded, a, visit, subject: .appointment(a.id), completion: .data, sessionStart,
                               text: "outcome of attendance recorded for appointment \(a.id)")
            outcome.detail = a.outcome.map { "outcome \($0.rawValue): \($0.label)" } ?? "no outcome yet"
            if a.outcome != nil { outcome.state = .done }
            items.append(outcome)
            if a.outcome == .anotherAppointmentGiven {
                var follow = base(.followUpBooked, a, visit, subject: .appointment(a.id), completion: .data, sessionStart,
                                  text: "a later appointment booked (outcome 2: another appointment given)")
                let booked = facts.laterBookings.contains(a.id)
                follow.detail = booked ? "later appointment booked" : "no later appointment booked"
                if booked { follow.state = .done }
                items.append(follow)
            }
            if a.outcome == .toBeBooked {
                let listed = (facts.tasks[a.id] ?? []).filter { $0.kind == .toBeBooked && $0.status != .cancelled }.max { $0.id < $1.id }
                var entry = base(.onToBeBookedList, a, visit, subject: .appointment(a.id), completion: .data, sessionStart,
                                 text: "on the \(a.serviceCode) to-be-booked list (outcome 3: to be booked later)")
                entry.taskID = listed?.id
                entry.detail = listed.map { "to-be-booked task \($0.id) \($0.status.rawValue)" } ?? "not on the to-be-booked list"
                if let listed { entry.state = .done; entry.settledBy = listed.createdBy; entry.settledAt = listed.createdAt }
                items.append(entry)
            }
            items.append(base(.gpLetterSent, a, visit, subject: .appointment(a.id), completion: .hand, sessionStart,
                              text: "clinic letter for appointment \(a.id) sent to the GP"))
        }
        let returned = returnedNotes(visit, facts: facts, preparationDates: preparationDates, sessionStart)
        if notesSeen.insert(returned.id).inserted { items.append(returned) }
        return items
    }

    /// Case notes located and sent to the clinic. With paper volumes, a data
    /// item: done when every volume is at (or on its way to) one of the
    /// patient's clinics that day (`CaseNoteRules.allSent`, the pull list's
    /// rule), outstanding with where they are otherwise. With none, the
    /// electronic record prepared, ticked by hand.
    static func preparedNotes(_ visit: ChecklistFacts.Visit, facts: ChecklistFacts,
                              _ sessionStart: [Int64: ClockTime]) -> ChecklistItem {
        notesItem(.notesPrepared, visit, facts: facts, sessionStart,
                  electronic: ("electronic record prepared (referral letter, latest results, clinic letter present)",
                               "no paper case notes (electronic record only): tick when prepared"),
                  paper: "case notes located and sent to the clinic") { volumes, clinics in
            CaseNoteRules.allSent(volumes, to: clinics[visit.appointment.date] ?? []) ? "sent: " : nil
        }
    }

    /// Case notes returned. With paper volumes, a data item: done when every
    /// volume is back in the library or the off-site store, or sent on to one
    /// of the patient's clinics of the days prepared (up to the next working
    /// day: the next clinic's "sent" counts as returned). With none, the
    /// clinic's papers scanned into the electronic record, ticked by hand.
    static func returnedNotes(_ visit: ChecklistFacts.Visit, facts: ChecklistFacts, preparationDates: [LocalDate],
                              _ sessionStart: [Int64: ClockTime]) -> ChecklistItem {
        notesItem(.notesReturned, visit, facts: facts, sessionStart,
                  electronic: ("the clinic's papers scanned into the electronic record (no paper case notes)",
                               "electronic record only: tick when scanned"),
                  paper: "case notes returned to the library or the off-site store") { volumes, clinics in
            let onward = preparationDates.flatMap { clinics[$0] ?? [] }
            guard volumes.allSatisfy({ CaseNoteRules.isBack($0.location) || CaseNoteRules.isSent($0.location, to: onward) }) else { return nil }
            return volumes.allSatisfy { CaseNoteRules.isBack($0.location) } ? "returned: " : "returned or sent on to the next clinic: "
        }
    }

    /// One case-note item of a patient's session: a hand item (`electronic`: its text and detail)
    /// when the patient has no paper volumes; otherwise a data item, done when `settled` gives the
    /// words that go before where the volumes are (nil: outstanding), its text saying MISSING volumes.
    static func notesItem(_ kind: ChecklistItem.Kind, _ visit: ChecklistFacts.Visit, facts: ChecklistFacts,
                          _ sessionStart: [Int64: ClockTime], electronic: (text: String, detail: String), paper: String,
                          settled: ([CaseNoteVolume], [LocalDate: [CaseNoteRules.Clinic]]) -> String?) -> ChecklistItem {
        let a = visit.appointment
        guard let notes = facts.notes[a.patientID], !notes.volumes.isEmpty else {
            var item = base(kind, a, visit, subject: notesSubject(a), completion: .hand, sessionStart, text: electronic.text)
            item.detail = electronic.detail
            return item
        }
        let volumes = notes.volumes
        var item = base(kind, a, visit, subject: notesSubject(a), completion: .data, sessionStart, text: missingText(paper, volumes))
        let at = CaseNoteRules.whereText(volumes)
        if let words = settled(volumes, notes.clinics) {
            settleByVolumes(&item, volumes)
            item.detail = words + at
        } else {
            item.detail = at
        }
        item.notesMissing = volumes.contains { $0.location.isMissing }
        return item
    }

    /// `vol 1`, `vols 1, 2`.
    static func volumesText(_ volumes: [CaseNoteVolume]) -> String {
        (volumes.count == 1 ? "vol " : "vols ") + volumes.map { String($0.number) }.joined(separator: ", ")
    }

    /// The text, with ` — vol 2 MISSING: find it or make up a temporary set` when a volume is missing.
    static func missingText(_ text: String, _ volumes: [CaseNoteVolume]) -> String {
        guard volumes.contains(where: { $0.location.isMissing }) else { return text }
        let missing = volumes.filter { $0.location.isMissing }
        return text + " — \(volumesText(missing)) MISSING: find \(missing.count == 1 ? "it" : "them") or make up a temporary set"
    }

    /// Done by the data: who moved a volume last, and when.
    static func settleByVolumes(_ item: inout ChecklistItem, _ volumes: [CaseNoteVolume]) {
        item.state = .done
        if let last = volumes.max(by: { $0.movedAt < $1.movedAt }) { item.settledBy = last.movedBy; item.settledAt = last.movedAt }
    }

    static func callbackItem(_ c: ChecklistFacts.Callback) -> ChecklistItem {
        let due = CentreTime.localNow(c.dueAt)
        var item = ChecklistItem(id: ChecklistItemID(kind: .callbackMade, date: due.date, subject: .enquiry(c.enquiryID)).description,
                                 kind: .callbackMade, completion: .data, date: due.date, siteCode: c.siteCode, start: due.time,
                                 enquiryID: c.enquiryID, patientID: c.patientID, patientMRN: c.patientMRN, patientName: c.patientName,
                                 text: "callback to \(c.callerName) for enquiry \(c.enquiryID), due \(due.time.display)")
        if let by = c.madeBy {
            item.state = .done; item.settledBy = by; item.settledAt = c.madeAt
            item.detail = c.handedOver.map { $0 + ": the callback is theirs now" } ?? "called back"
        } else if let moved = c.movedTo {
            // Promised again for another day before it was made: settled here, an item of that day's checklist.
            let to = CentreTime.localNow(moved)
            item.state = .done; item.settledBy = c.movedBy; item.settledAt = c.movedAt
            item.detail = "callback re-arranged for \(to.date.weekday.short.capitalized) \(to.date.display) \(to.time.display) "
                + "(\(ChecklistItemID(kind: .callbackMade, date: to.date, subject: .enquiry(c.enquiryID))))"
        } else {
            item.detail = "callback not made yet"
        }
        return item
    }

    /// The item with its hand mark: a hand item ticked is done; any item
    /// deferred is deferred, unless the data has since shown it done (the
    /// data wins); a cleared mark leaves it as the data shows.
    public static func applyMark(_ item: ChecklistItem, _ mark: ChecklistMark?) -> ChecklistItem {
        guard let mark, item.state != .done else { return item }
        var item = item
        switch mark.action {
        case .done where item.completion == .hand:
            item.state = .done; item.settledBy = mark.by; item.settledAt = mark.at
        case .deferred:
            item.state = .deferred; item.settledBy = mark.by; item.settledAt = mark.at; item.deferReason = mark.reason
        case .done, .cleared: break
        }
        return item
    }

    /// How pressing an item is: 0 an urgent one outstanding, 1 another outstanding, 2 settled.
    public static func pressing(_ item: ChecklistItem) -> Int { item.state == .outstanding ? (item.urgent ? 0 : 1) : 2 }
}
