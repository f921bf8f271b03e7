import Foundation

/// Who is on the line, as the new-enquiry form has it before the call is logged.
public struct CallerDetails: Sendable, Hashable {
    public var callerType: Enquiry.CallerType
    public var callerName: String
    public var organisation: String?
    public var callerPhone: String?
    public init(callerType: Enquiry.CallerType, callerName: String, organisation: String? = nil, callerPhone: String? = nil) {
        self.callerType = callerType; self.callerName = callerName; self.organisation = organisation; self.callerPhone = callerPhone
    }
}

/// What a check during a call found: the identity result (nil when the caller
/// needs none) and what may be said now.
public struct CallCheck: Sendable, Hashable {
    public var result: IdentityResult?
    public var disclosure: Disclosure
}

extension EnquiryService {
    /// The identity gate while a call is being taken, before it is logged (the
    /// new-enquiry form): compares what the caller says with the record and
    /// says what may be told now. Each check is audited (which fields matched,
    /// never the values); the same claims go into `EnquiryRequest.identityClaims`
    /// and are checked again, and kept in the enquiry's history, when it is logged.
    /// A claim needs all three answers, the date of birth a date (refused naming
    /// `name`, `dob`, `postcode`). A restricted record is compared with a claim
    /// only with `reason` or within half an hour of this person opening it with
    /// one (break glass, audited), else `PatientError.restricted` and nothing is
    /// read; without a claim its gate stays shut (`Disclosure.restricted`) unless
    /// the same holds.
    public func checkCall(_ caller: CallerDetails, patient reference: String, claim: IdentityClaim?,
                          reason: AccessReason? = nil, by user: ActingUser) throws -> CallCheck {
        try access.require(.logEnquiries, user)
        if caller.callerType.needsIdentityCheck { try claim?.check() }
        let now = clock.now
        return try enquiries.write { tx in
            guard let patient = try tx.patient(reference: reference), let patientID = patient.id else {
                throw PatientError.notFound(reference)
            }
            if patient.restriction != nil, caller.callerType.needsIdentityCheck, claim != nil {
                try Self.opening(tx, patient, reason: reason, user: user, at: now, "identity check during a call")
            }
            var call = Enquiry(receivedAt: now, callerType: caller.callerType, callerName: caller.callerName,
                               callerPhone: caller.callerPhone?.trimmingCharacters(in: .whitespaces).nilIfEmpty,
                               organisation: caller.organisation?.trimmingCharacters(in: .whitespaces).nilIfEmpty,
                               patientID: patientID, patientMRN: patient.mrn, category: .other, summary: "",
                               identity: EnquiryRules.identity(callerType: caller.callerType, hasPatient: true), takenBy: user.login)
            var result: IdentityResult?
            if caller.callerType.needsIdentityCheck, let claim {
                let checked = IdentityGate.check(claim, against: patient)
                result = checked
                call.identity = checked.matched ? .confirmed : .mismatch
                call.identityCheckedAt = now
                try tx.appendAudit(AuditEntry(occurredAt: now, user: user.login, action: .enquiry, patientID: patientID,
                                              patientMRN: patient.mrn,
                                              detail: "identity check during a call: \(checked.matched ? "matched" : "did not match") (\(checked))"))
            }
            return CallCheck(result: result, disclosure: try Self.disclosure(of: call, tx: tx, now: now, user: user, reason: reason))
        }
    }

    /// What may be said about `enquiry` now, reading the record only when the
    /// gate opens (audited as a view saying what was opened to whom).
    static func disclosure(of enquiry: Enquiry, tx: any EnquiryTransaction, now: Date, user: ActingUser,
                           reason: AccessReason? = nil) throws -> Disclosure {
        guard let patientID = enquiry.patientID else {
            return Disclosure(shut: "no patient on this enquiry: find the patient first", scopes: [], consent: nil,
                              appointments: [], transport: [])
        }
        var consent: SharingConsent?
        if enquiry.callerType == .relativeOrCarer {
            consent = SharingConsent.covering(caller: enquiry.callerName, in: try tx.consents(patientID: patientID))
        }
        let scopes = Set(SharingScope.allCases.filter { EnquiryRules.mayDisclose(enquiry, consent: consent, scope: $0, at: now) })
        if scopes.isEmpty {
            return Disclosure(shut: shutReason(enquiry, consent: consent, at: now), scopes: [], consent: consent,
                              appointments: [], transport: [])
        }
        let whom = enquiry.callerType.rawValue.replacingOccurrences(of: "_", with: " ")
        let what = (enquiry.id == 0 ? "call being logged" : "enquiry \(enquiry.id)") + ": opened for the caller (\(whom)): "
            + scopes.map(\.label).sorted().joined(separator: ", ")
        if let patient = try tx.patient(id: patientID), patient.restriction != nil {
            do {
                try Self.opening(tx, patient, reason: reason, user: user, at: now, what)
            } catch let error as PatientError where error.isRestricted {
                return Disclosure(shut: Disclosure.restricted, scopes: [], consent: consent, appointments: [], transport: [])
            }
        } else {
            try tx.appendAudit(AuditEntry(occurredAt: now, user: user.login, action: .view, patientID: patientID,
                                          patientMRN: enquiry.patientMRN, detail: what))
        }
        var coming = try tx.comingAppointments(patientID: patientID, from: CentreTime.today(now))
        // Transport is told only within consent: without it in scope no row says whether any is booked.
        if !scopes.contains(.transport) { for i in coming.indices { coming[i].transport = nil } }
        return Disclosure(shut: nil, scopes: scopes, consent: consent,
                          appointments: scopes.contains(.appointments) ? coming : [],
                          transport: scopes.contains(.transport) ? coming.filter { $0.transport == .hospital } : [])
    }
}

extension EnquiryRules {
    /// A callback time as typed: `HH:MM` (today), or a date in any accepted
    /// form then the time (`25/11/2026 10:00`, `2026-11-25T10:00`).
    public static func callbackMoment(_ text: String, today: LocalDate) throws -> Date {
        let words = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "T", with: " ")
            .split(separator: " ").map(String.init)
        let date = words.count == 2 ? LocalDate.parse(words[0]) : (words.count == 1 ? today : nil)
        guard let date, let time = words.last.flatMap(ClockTime.parse) else {
            throw ValidationError(field: "callback by", reason: "must be a time (HH:MM, today) or a date and a time (25/11/2026 10:00)")
        }
        return CentreTime.startOfDay(date).addingTimeInterval(TimeInterval(time.minutes * 60))
    }
}
