import Foundation

/// A realistic history of enquiries for the demo database (`frontdesk demo
/// seed`): the last four weeks of calls, visits, emails and letters — most
/// closed with their outcomes, callbacks made (a few late), referrals,
/// escalations, some still awaiting a callback (two overdue for the demo
/// user), a safeguarding concern escalated — and a few sharing consents.
///
/// The history lies in the past, which the service's clock cannot write, so
/// the rows are written here directly in one transaction, with the same
/// routing rules (`EnquiryRules.check`), due times (working hours) and history
/// lines as the live service writes, and one audit row for the whole seed (as
/// the demo centre has). Deterministic for a seed, a day and the patients.
extension EnquiryService {
    /// What the demo seed wrote.
    public struct DemoReport: Sendable, Hashable {
        public var enquiries = 0
        /// Not closed now, and of those callbacks overdue now.
        public var open = 0
        public var overdue = 0
        public var consents = 0
        public init() {}
    }

    /// How long ago the history starts (calendar days before today).
    public static let demoHistoryDays = 28

    /// Seeds the history for the patients given (ids of living records, e.g.
    /// the demo centre's); the demo user takes the calls.
    public func seedDemo(seed: UInt64, patientIDs: [Int64], by user: ActingUser) throws -> DemoReport {
        try access.require(.logEnquiries, user)
        let hours = try workingHours()
        let s = try settings()
        let now = clock.now
        return try enquiries.write { tx in
            var demo = DemoEnquiries(rng: SplitMix64(seed: seed &+ 0x7E_2026), hours: hours, settings: s, now: now, user: user.login,
                                     patientIDs: patientIDs)
            return try demo.write(tx, seed: seed)
        }
    }
}

/// The generator behind `EnquiryService.seedDemo`.
struct DemoEnquiries {
    var rng: SplitMix64
    let hours: WorkingHours
    let settings: Settings
    let now: Date
    let user: String
    let patientIDs: [Int64]

    /// Who answers a clinical question in the demo's history (the team's member).
    static let teamMembers = ["clinical": "dr.demo", "specialist_nurses": "keyworker.demo"]

    static let givenNames = ["Aoife", "Sarah", "James", "Priya", "Tom", "Grace", "Mohammed", "Chloe", "David", "Fatima", "Liam", "Joan"]
    static let relationships = ["daughter", "son", "wife", "husband", "partner", "carer", "sister", "brother"]
    static let practices = ["Riverside Surgery", "Parkfield Medical Centre", "Moreton Health Centre", "Church Road Practice",
                            "The Village Surgery"]
    static let professionals = [("District nurse Hughes", "Wirral Community Trust"), ("Macmillan nurse Patel", "St John's Hospice"),
                                ("Pharmacist Owen", "Boots, Grange Road"), ("Ward sister Kelly", "Arrowe Park Hospital")]
    static let others = ["Taxi firm", "A neighbour", "Volunteer driver", "Solicitor's office", "Interpreting service"]

    static func summaries(_ c: Enquiry.Category) -> [String] {
        switch c {
        case .appointmentQuery: return ["asks the date and time of the next appointment", "asks which clinic the review is in",
                                        "asks whether the appointment is by telephone", "letter not received: asks for the time"]
        case .changeAppointment: return ["asks to move next week's appointment (holiday)", "cannot come on Tuesday: asks for another day",
                                         "asks to cancel: feeling too unwell", "asks for a later time (school run)"]
        case .transport: return ["asks whether hospital transport is booked", "transport did not arrive this morning",
                                 "asks for a wheelchair on transport", "asks about parking for blue badge holders"]
        case .directions: return ["asks where the chemotherapy day unit is", "asks how to get to the north hub by bus",
                                  "asks where to park", "asks which entrance for radiotherapy"]
        case .resultsOrClinical: return ["wants the result of last week's scan", "asks whether the blood results are back",
                                         "new pain since treatment: asks for advice"]
        case .medication: return ["ran out of anti-sickness tablets", "asks whether to take tablets before chemotherapy",
                                  "prescription not ready at the pharmacy"]
        case .accessibleInformation: return ["asks for letters in large print", "needs a Polish interpreter at the next visit",
                                             "asks for appointment letters by email"]
        case .complaint: return ["unhappy about the waiting time in clinic", "complains a letter went to the wrong address",
                                 "unhappy with how a call was handled"]
        case .other: return ["asks about the support group", "returning a lost umbrella", "asks about volunteering"]
        }
    }

    static let resolved = ["told the date and time from the diary", "gave directions and the parking information",
                           "explained the appointment is by telephone", "resent the appointment letter", "moved the appointment as asked",
                           "confirmed the transport booking", "noted the need on the record and told the caller"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var roll = Int.random(in: 0..<items.reduce(0) { $0 + $1.1 }, using: &rng)
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1].0
    }

    func date(_ m: WorkingHours.Moment) -> Date { CentreTime.startOfDay(m.date).addingTimeInterval(TimeInterval(m.minutes * 60)) }
    func moment(_ d: Date) -> WorkingHours.Moment {
        let (day, time) = CentreTime.localNow(d)
        return WorkingHours.Moment(date: day, time: time)
    }
    /// `minutes` of working time after `d`.
    func after(_ d: Date, _ minutes: Int) -> Date { date(hours.adding(workingMinutes: minutes, to: moment(d))) }

    /// One enquiry's history as it is built.
    struct Draft {
        var enquiry: Enquiry
        var events: [EnquiryEvent] = []
        /// The callback's due time when one was promised (kept after it was made).
        var promised: Date?
        mutating func add(_ at: Date, _ user: String, _ kind: EnquiryEvent.Kind, to: Enquiry.Status, _ detail: String,
                          dueAt: Date? = nil) {
            events.append(EnquiryEvent(enquiryID: 0, at: at, user: user, kind: kind, fromStatus: kind == .logged ? nil : enquiry.status,
                                       toStatus: to, detail: detail, dueAt: dueAt))
            enquiry.status = to
        }
    }

    mutating func write(_ tx: any EnquiryTransaction, seed: UInt64) throws -> EnquiryService.DemoReport {
        var report = EnquiryService.DemoReport()
        let today = CentreTime.today(now)
        var patients: [Int64: Patient] = [:]
        func patient(_ id: Int64) throws -> Patient? {
            if let known = patients[id] { return known }
            let found = try tx.patient(id: id)
            patients[id] = found
            return found
        }

        // Sharing consents first: patients with appointments coming, so a relative's call has something to open.
        var consented: [(patient: Patient, consent: SharingConsent)] = []
        let wanted: [(String, String, Set<SharingScope>, Bool)] = [
            ("daughter", "Sarah", [.appointments, .transport], false),
            ("husband", "David", [.appointments, .generalCondition], false),
            ("son", "Tom", [.appointments], true),
        ]
        var candidates = patientIDs.prefix(400).makeIterator()
        for (relationship, given, scopes, withdrawn) in wanted {
            while let id = candidates.next() {
                guard let p = try patient(id), p.dateOfDeath == nil, p.restriction == nil,
                      try !tx.comingAppointments(patientID: id, from: today).isEmpty else { continue }
                let recorded = today.adding(days: -Int.random(in: 60...400, using: &rng))
                var consent = SharingConsent(person: "\(given) \(p.familyName)", relationship: relationship, scopes: scopes,
                                             recordedBy: user, recordedAt: recorded)
                consent.id = try tx.insertConsent(consent, patientID: id)
                if withdrawn {
                    let at = date(WorkingHours.Moment(date: hours.calendar.nextWorkingDay(onOrAfter: today.adding(days: -20)), minutes: 10 * 60 + 15))
                    try tx.withdrawConsent(id: consent.id, by: user, at: at, reason: "patient asked at the desk: tell him nothing for now")
                    consent.withdrawnBy = user; consent.withdrawnAt = at
                }
                consented.append((p, consent))
                report.consents += 1
                break
            }
        }

        // The calls, day by day in working hours; today's only before now.
        var drafts: [Draft] = []
        var day = today.adding(days: -EnquiryService.demoHistoryDays)
        while day <= today {
            defer { day = day.adding(days: 1) }
            guard hours.calendar.isWorkingDay(day) else { continue }
            let count = Int.random(in: 10...18, using: &rng)
            var times = (0..<count).map { _ in Int.random(in: hours.opening.opens..<(hours.opening.closes - 5), using: &rng) }
            times.sort()
            for minutes in times {
                let received = date(WorkingHours.Moment(date: day, minutes: minutes))
                guard received < now else { continue }
                if let draft = try call(received: received, patient: patient) { drafts.append(draft) }
            }
        }
        // A few fixed scenes the demo shows: the consented daughter's call, a safeguarding concern, verbal aggression.
        if let (p, consent) = consented.first, let received = recent(workingDaysAgo: 1, at: 11 * 60 + 5) {
            drafts.append(relativeWithConsent(p, consent, received: received))
        }
        if let received = recent(workingDaysAgo: 2, at: 14 * 60 + 20), let id = patientIDs.dropFirst(7).first, let p = try patient(id) {
            var d = Draft(enquiry: Enquiry(receivedAt: received, callerType: .relativeOrCarer, callerName: "Joan \(p.familyName)",
                                           callerPhone: "07700 900461", patientID: id, patientMRN: p.mrn, category: .complaint,
                                           summary: "worried her father is not eating and is alone at home since the last cycle",
                                           safeguarding: true, identity: .notChecked, takenBy: user))
            d.add(received, user, .logged, to: .open, "logged: relative or carer · complaint · routine · SAFEGUARDING")
            d.add(received, user, .escalated, to: .escalated, "escalated to the Assistant Service Manager: safeguarding concern raised by daughter")
            drafts.append(d)
        }
        if let received = recent(workingDaysAgo: 6, at: 15 * 60 + 40) {
            var d = Draft(enquiry: Enquiry(receivedAt: received, channel: .faceToFace, callerType: .other, callerName: "A visitor",
                                           category: .complaint, summary: "shouted at reception about the car park charges",
                                           aggression: true, takenBy: user))
            d.add(received, user, .logged, to: .open, "logged: other · complaint · routine · VERBAL AGGRESSION")
            d.add(received, user, .escalated, to: .escalated, "escalated to the Assistant Service Manager")
            let closed = after(received, 120)
            d.enquiry.outcome = "manager spoke to the visitor; security informed; incident form completed"
            d.add(closed, user, .closed, to: .closed, "closed: " + d.enquiry.outcome!)
            drafts.append(d)
        }

        // Two callbacks the demo user promised are overdue now: the last two due before now are left unmade
        // (every other callback due before now was made: the generator sees to it).
        let dueBefore = drafts.indices.filter { drafts[$0].promised.map { $0 < now } ?? false }
        for i in dueBefore.sorted(by: { drafts[$0].promised! > drafts[$1].promised! }).prefix(2) {
            let promisedAt = drafts[i].events.first { $0.kind == .callbackDue }?.at ?? now
            drafts[i].events.removeAll { $0.at > promisedAt }
            drafts[i].enquiry.status = .awaitingCallback
            drafts[i].enquiry.callbackDue = drafts[i].promised
            drafts[i].enquiry.outcome = nil
            // Awaiting the callback: the caller is verified afresh when it is made (as the service leaves it).
            let e = drafts[i].enquiry
            drafts[i].enquiry.identity = EnquiryRules.identity(callerType: e.callerType, hasPatient: e.patientID != nil)
        }
        drafts.sort { $0.enquiry.receivedAt < $1.enquiry.receivedAt }
        for d in drafts {
            let id = try tx.insertEnquiry(d.enquiry)
            for var event in d.events {
                event.enquiryID = id
                try tx.appendEvent(event)
            }
            report.enquiries += 1
            if d.enquiry.status != .closed { report.open += 1 }
            if d.enquiry.status == .awaitingCallback, let due = d.enquiry.callbackDue, due < now { report.overdue += 1 }
        }
        try tx.appendAudit(AuditEntry(occurredAt: now, user: user, action: .bulk, patientID: nil,
                                      detail: "demo enquiries: \(report.enquiries) enquiries over \(EnquiryService.demoHistoryDays) days "
                                        + "(\(report.open) open, \(report.overdue) callbacks overdue), \(report.consents) sharing consents, seed \(seed)"))
        return report
    }

    /// A moment on the working day `n` working days before today (nil when not yet past).
    func recent(workingDaysAgo n: Int, at minutes: Int) -> Date? {
        var day = CentreTime.today(now)
        for _ in 0..<n {
            day = day.adding(days: -1)
            while !hours.calendar.isWorkingDay(day) { day = day.adding(days: -1) }
        }
        let at = date(WorkingHours.Moment(date: day, minutes: minutes))
        return at < now ? at : nil
    }

    /// The consented daughter rings: identity matched, the consent found, told the next appointment and transport.
    func relativeWithConsent(_ p: Patient, _ consent: SharingConsent, received: Date) -> Draft {
        var d = Draft(enquiry: Enquiry(receivedAt: received, callerType: .relativeOrCarer, callerName: consent.person, callerPhone: "07700 900318",
                                       patientID: p.id, patientMRN: p.mrn, category: .transport,
                                       summary: "asks whether transport is booked for the next appointment", identity: .notChecked,
                                       takenBy: user))
        d.add(received, user, .logged, to: .open, "logged: relative or carer · transport · routine")
        let checked = received.addingTimeInterval(60)
        d.enquiry.identity = .confirmed
        d.enquiry.identityCheckedAt = checked
        d.add(checked, user, .identityChecked, to: .open,
              EnquiryService.identityCheckLine(IdentityResult(name: true, dateOfBirth: true, postcodeOrAddress: true),
                                               callerType: .relativeOrCarer, consent: consent))
        d.enquiry.outcome = "told her the date and time of the next appointment and that hospital transport is booked"
        d.add(checked.addingTimeInterval(180), user, .closed, to: .closed, "resolved at first contact: " + d.enquiry.outcome!)
        return d
    }

    /// One call: who, about what, how it was routed and what followed, up to now.
    mutating func call(received: Date, patient: (Int64) throws -> Patient?) throws -> Draft? {
        let caller: Enquiry.CallerType = weighted([(.patient, 40), (.relativeOrCarer, 24), (.gpPractice, 15), (.healthProfessional, 9), (.other, 12)])
        var category: Enquiry.Category = weighted([(.appointmentQuery, 30), (.changeAppointment, 17), (.transport, 12), (.directions, 9),
                                                   (.resultsOrClinical, 7), (.medication, 4), (.accessibleInformation, 4), (.complaint, 5),
                                                   (.other, 8)])
        if caller == .other && category.isClinical { category = .directions }
        let channel: Enquiry.Channel = caller.isProfessional ? weighted([(.telephone, 85), (.email, 15)])
            : weighted([(.telephone, 78), (.faceToFace, 13), (.email, 7), (.letter, 2)])
        let priority: Enquiry.Priority = chance(category == .transport || category.isClinical ? 30 : 8) ? .urgent : .routine
        var p: Patient?
        if !patientIDs.isEmpty && !(caller == .other && chance(60)) && !(category == .directions && chance(50)) {
            p = try patient(pick(patientIDs))
            if p?.dateOfDeath != nil || p?.restriction != nil { p = nil }
        }
        var name: String, phone: String? = "07700 9\(String(format: "%05d", Int.random(in: 0..<100_000, using: &rng)))", organisation: String?
        switch caller {
        case .patient: name = p.map { "\($0.givenNames.split(separator: " ").first ?? "") \($0.familyName)" } ?? "\(pick(Self.givenNames)) Jones"
        case .relativeOrCarer: name = "\(pick(Self.givenNames)) \(p?.familyName ?? "Jones")"
        case .gpPractice:
            name = "Dr \(pick(["Hale", "Shah", "Okafor", "Morgan", "Lewis"]))"; organisation = pick(Self.practices); phone = "0151 555 0\(Int.random(in: 100...199, using: &rng))"
        case .healthProfessional:
            let (who, org) = pick(Self.professionals); name = who; organisation = org; phone = "0151 555 0\(Int.random(in: 200...299, using: &rng))"
        case .other: name = pick(Self.others)
        }
        if channel == .letter { phone = nil }
        var d = Draft(enquiry: Enquiry(receivedAt: received, channel: channel, callerType: caller, callerName: name, callerPhone: phone,
                                       organisation: organisation, patientID: p?.id, patientMRN: p?.mrn, category: category, priority: priority,
                                       summary: pick(Self.summaries(category)),
                                       identity: EnquiryRules.identity(callerType: caller, hasPatient: p != nil), takenBy: user))
        let what = "\(caller.rawValue.replacingOccurrences(of: "_", with: " ")) · \(category.rawValue.replacingOccurrences(of: "_", with: " ")) · \(priority.rawValue)"
        d.add(received, user, .logged, to: .open, "logged: " + what)
        var at = received
        // The identity check of a patient or relative, most of the time, and mostly matching.
        if d.enquiry.identity == .notChecked && chance(85) {
            at = at.addingTimeInterval(60)
            let matched = chance(93)
            let result = IdentityResult(name: true, dateOfBirth: matched || chance(50), postcodeOrAddress: matched ? true : false)
            d.enquiry.identity = result.matched ? .confirmed : .mismatch
            d.enquiry.identityCheckedAt = at
            d.add(at, user, .identityChecked, to: .open, EnquiryService.identityCheckLine(result, callerType: caller, consent: nil))
        }

        // The first routing, by the rules the service keeps.
        let route: EnquiryRoute
        if category.isClinical {
            route = .refer(team: chance(55) ? "clinical" : "specialist_nurses")
        } else {
            let team: String = [.transport: "transport", .changeAppointment: "secretaries", .appointmentQuery: "secretaries",
                                .complaint: "pals", .other: "pals"][category] ?? "front_desk"
            route = weighted([(.resolved(outcome: pick(Self.resolved)), 56), (.callback(by: nil), 28), (.refer(team: team), 10),
                              (.escalate, category == .complaint ? 20 : 3)])
        }
        try EnquiryRules.check(route, category: category, safeguarding: false, aggression: false)
        at = at.addingTimeInterval(120)
        switch route {
        case .resolved(let outcome):
            d.enquiry.outcome = outcome
            d.add(at, user, .closed, to: .closed, "resolved at first contact: \(outcome)")
            return d
        case .callback:
            let due = EnquiryService.defaultCallbackDue(at: received, priority: priority, hours: hours, settings: settings)
            d.enquiry.callbackDue = due
            d.promised = due
            // A callback is a new contact: verified afresh (as the service leaves it).
            if caller.needsIdentityCheck && p != nil { d.enquiry.identity = .notChecked }
            d.add(at, user, .callbackDue, to: .awaitingCallback, EnquiryService.callbackDueLine(due), dueAt: due)
            // Made on time mostly; a few late (in working time).
            let window = max(30, hours.workingMinutes(from: moment(received), to: moment(due)) - 5)
            var made = chance(82) ? after(received, Int.random(in: 20...window, using: &rng)) : after(due, Int.random(in: 10...300, using: &rng))
            // Not yet due: still awaited. Due already: made (only the two chosen below are left overdue).
            if made >= now && due < now { made = after(received, 20) }
            guard made < now else { return d }
            if chance(25) {
                d.add(after(received, 15), user, .note, to: .awaitingCallback, "left a message on the answerphone")
            }
            var detail = "called back: " + pick(["gave the date and time", "confirmed the change", "explained the next steps",
                                                 "transport confirmed with the caller"])
            if made > due {
                let late = hours.workingMinutes(from: moment(due), to: moment(made))
                detail += " (late: \(late / 60)h \(late % 60)m of working time after \(EnquiryService.text(due)))"
            }
            d.enquiry.callbackDue = nil
            if caller.needsIdentityCheck && p != nil { d.enquiry.identity = .notChecked }
            d.add(made, user, .calledBack, to: .open, detail)
            let closed = made.addingTimeInterval(TimeInterval(Int.random(in: 2...20, using: &rng) * 60))
            guard closed < now else { return d }
            d.enquiry.outcome = pick(Self.resolved)
            d.add(closed, user, .closed, to: .closed, "closed: " + d.enquiry.outcome!)
        case .refer(let team):
            d.enquiry.team = team
            d.add(at, user, .referred, to: .referred, "referred to \(team)")
            let answered = after(received, Int.random(in: 240...1200, using: &rng))
            guard answered < now else { return d }
            d.enquiry.outcome = category.isClinical ? pick(["key worker rang the patient with the result", "nurse specialist gave advice by phone",
                                                            "consultant's secretary arranged an earlier review"])
                                                    : pick(["team dealt with it and told the caller", "team rang the caller back"])
            d.add(answered, Self.teamMembers[team] ?? user, .closed, to: .closed, "closed: " + d.enquiry.outcome!)
        case .escalate:
            d.add(at, user, .escalated, to: .escalated, "escalated to the Assistant Service Manager")
            let handled = after(received, Int.random(in: 120...900, using: &rng))
            guard handled < now else { return d }
            d.enquiry.outcome = "Assistant Service Manager spoke to the caller and apologised"
            d.add(handled, user, .closed, to: .closed, "closed: " + d.enquiry.outcome!)
        }
        return d
    }
}
