import Foundation

/// One coming appointment as the desk may read it to a caller.
public struct DisclosedAppointment: Sendable, Hashable {
    public var date: LocalDate
    public var start: ClockTime
    public var service: String
    public var site: String
    public var clinician: String
    public var mode: ContactMode
    /// The transport booked for it — only when `transport` is in what may be
    /// shared with this caller; nil otherwise (the record's answer is not read out).
    public var transport: TransportNeed?
    public init(date: LocalDate, start: ClockTime, service: String, site: String, clinician: String,
                mode: ContactMode, transport: TransportNeed?) {
        self.date = date; self.start = start; self.service = service; self.site = site; self.clinician = clinician
        self.mode = mode; self.transport = transport
    }
}

/// What the desk may tell the caller of an enquiry now: the gate (open, or shut
/// and why) and, only when open, the coming appointments and transport within
/// what may be shared.
public struct Disclosure: Sendable, Hashable {
    /// Nil when the gate is open; otherwise why nothing may be said, in words
    /// ("patient found — identity not yet confirmed").
    public var shut: String?
    /// What may be shared with this caller.
    public var scopes: Set<SharingScope>
    /// The relative's or carer's recorded consent (nil for others).
    public var consent: SharingConsent?
    /// Coming appointments (only with `appointments` in scope).
    public var appointments: [DisclosedAppointment]
    /// Coming appointments' transport (only with `transport` in scope).
    public var transport: [DisclosedAppointment]

    public var isOpen: Bool { shut == nil }

    public init(shut: String?, scopes: Set<SharingScope>, consent: SharingConsent?, appointments: [DisclosedAppointment],
                transport: [DisclosedAppointment]) {
        self.shut = shut; self.scopes = scopes; self.consent = consent; self.appointments = appointments; self.transport = transport
    }

    public static let notConfirmed = "patient found — identity not yet confirmed"
    /// A restricted record asked for without a reason: nothing of it is read.
    public static let restricted = "restricted record — it opens only with a reason (break glass): nothing may be said until then"
}

extension EnquiryService {
    /// What may be said to the caller of an enquiry now. The gate opens for a
    /// patient whose details matched in this contact, a relative or carer whose
    /// details matched and whom the patient's consent names (within what it
    /// covers), and a GP practice or professional with organisation and
    /// call-back number. When it opens the record's appointments are read:
    /// audited as a view, saying what was opened to whom.
    ///
    /// A restricted record opens only with `reason` (one of the break-glass
    /// reasons, as `--reason` takes it: `enquiry`, `other:why`…), or within
    /// half an hour of this person opening it with one; audited as break-glass
    /// access. Without either the gate stays shut (`Disclosure.restricted`):
    /// nothing of the record is read.
    public func disclosure(enquiry id: Int64, reason: String? = nil, by user: ActingUser) throws -> Disclosure {
        try access.require(.logEnquiries, user)
        let why: AccessReason? = try reason.map { text in
            switch AccessReason.parse(text) {
            case .success(let parsed): return parsed
            case .failure(let problem): throw ValidationError(field: problem.field, reason: problem.reason)
            }
        }
        let now = clock.now
        return try enquiries.write { tx in
            guard let enquiry = try tx.enquiry(id: id) else { throw ValidationError(field: "enquiry", reason: "there is no enquiry \(id)") }
            return try Self.disclosure(of: enquiry, tx: tx, now: now, user: user, reason: why)
        }
    }

    /// Why nothing may be said, in the words the pane shows.
    static func shutReason(_ enquiry: Enquiry, consent: SharingConsent?, at now: Date) -> String {
        switch enquiry.callerType {
        case .gpPractice, .healthProfessional:
            return "a professional caller needs an organisation and a call-back number"
        case .other:
            return "this caller is not the patient, a relative or carer, or a professional: nothing about the patient may be said"
        case .patient, .relativeOrCarer:
            switch enquiry.identity(at: now) {
            case .mismatch: return "identity did not match — nothing may be said"
            case .notChecked, .notNeeded: return Disclosure.notConfirmed
            case .confirmed:
                return consent == nil ? "identity confirmed, but the patient's record has no consent to share with \(enquiry.callerName)"
                                      : "the patient's consent does not cover this"
            }
        }
    }
}
