import Foundation

/// One line of the end-of-day checklist (issue 8): something that must be
/// true before a day can be signed off, about one appointment, one patient in
/// one session, or one enquiry.
///
/// Its `id` is derived from what it is about (`ChecklistItemID`), so the same
/// item has the same id every time the checklist is generated, and a mark
/// (done, deferred) made on it is found again.
public struct ChecklistItem: Sendable, Hashable, Codable, Identifiable {
    /// What must be true.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        // Preparation of the clinics to come (up to the next working day).
        /// Case notes located and sent to the clinic, or the electronic record
        /// prepared (referral letter, latest results, clinic letter present):
        /// one per patient per session. With paper volumes it completes itself
        /// when every volume is at (or on its way to) one of the patient's
        /// clinics that day (`CaseNoteRules.allSent`); with none (electronic
        /// record only) it is ticked by the clerk.
        case notesPrepared = "notes_prepared"
        /// The interpreter (or other communication professional) booked: the interpreter task done.
        case interpreterBooked = "interpreter_booked"
        /// Hospital transport booked: the transport task done.
        case transportBooked = "transport_booked"
        /// The prescription of a treatment appointment screened by pharmacy: its
        /// course's screening task done, or (no task) ticked when pharmacy confirms.
        case prescriptionScreened = "prescription_screened"
        // Closure of the day's own clinics.
        /// The attendance recorded (no appointment left booked or arrived after its clinic).
        case attendanceRecorded = "attendance_recorded"
        /// The outcome of an attendance recorded.
        case outcomeRecorded = "outcome_recorded"
        /// Outcome 2 (another appointment given): a later appointment is booked.
        case followUpBooked = "follow_up_booked"
        /// Outcome 3 (to be booked later): the patient is on the clinic's to-be-booked list.
        case onToBeBookedList = "on_to_be_booked_list"
        /// Case notes returned to the library, or scanned: one per patient per
        /// session. With paper volumes it completes itself when every volume is
        /// back in the library or the off-site store (or sent on to the
        /// patient's next clinic, up to the next working day); with none, the
        /// clinic's papers scanned into the electronic record, ticked by hand.
        case notesReturned = "notes_returned"
        /// The clinic letter sent to the GP, for every attendance: ticked by hand.
        case gpLetterSent = "gp_letter_sent"
        // Enquiries.
        /// A callback promised for the day made.
        case callbackMade = "callback_made"

        /// The id's first letter (`ChecklistItemID`).
        public var letter: Character {
            switch self {
            case .notesPrepared: return "N"
            case .interpreterBooked: return "I"
            case .transportBooked: return "T"
            case .prescriptionScreened: return "P"
            case .attendanceRecorded: return "A"
            case .outcomeRecorded: return "O"
            case .followUpBooked: return "F"
            case .onToBeBookedList: return "B"
            case .notesReturned: return "R"
            case .gpLetterSent: return "L"
            case .callbackMade: return "C"
            }
        }

        public init?(letter: Character) {
            guard let kind = Kind.allCases.first(where: { $0.letter == letter }) else { return nil }
            self = kind
        }

        public var section: Section {
            switch self {
            case .notesPrepared, .interpreterBooked, .transportBooked, .prescriptionScreened: return .preparation
            case .attendanceRecorded, .outcomeRecorded, .followUpBooked, .onToBeBookedList, .notesReturned, .gpLetterSent: return .closure
            case .callbackMade: return .callbacks
            }
        }

        /// How the item is about one patient in one session (notes) or one appointment or enquiry.
        public var perSession: Bool { self == .notesPrepared || self == .notesReturned }

        /// Short words for lists: `notes prepared`, `attendance recorded` …
        public var label: String {
            switch self {
            case .notesPrepared: return "notes prepared"
            case .interpreterBooked: return "interpreter booked"
            case .transportBooked: return "transport booked"
            case .prescriptionScreened: return "prescription screened"
            case .attendanceRecorded: return "attendance recorded"
            case .outcomeRecorded: return "outcome recorded"
            case .followUpBooked: return "follow-up booked"
            case .onToBeBookedList: return "on to-be-booked list"
            case .notesReturned: return "notes returned"
            case .gpLetterSent: return "GP letter sent"
            case .callbackMade: return "callback made"
            }
        }
    }

    /// The part of the checklist an item belongs to.
    public enum Section: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// The clinics after the checklist's date up to and including the next working day.
        case preparation
        /// The checklist date's own clinics.
        case closure
        /// Callbacks promised for the checklist's date.
        case callbacks

        public static func < (a: Section, b: Section) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// How an item is completed.
    public enum Completion: String, Sendable, Hashable, Codable {
        /// The data shows it (attendance recorded, task done …): it completes
        /// itself and can only be deferred by hand, never ticked.
        case data
        /// Nothing in the data shows it (notes, letters): ticked by hand.
        case hand
    }

    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case outstanding
        case done
        /// Left undone on purpose, with a reason: settled for the sign-off.
        case deferred

        public var isSettled: Bool { self != .outstanding }
    }

    public var id: String
    public var kind: Kind
    public var completion: Completion
    public var state: State
    /// The date of the clinic (or the callback) the item is about.
    public var date: LocalDate
    public var siteCode: String?
    public var serviceCode: String?
    public var clinicianCode: String?
    public var sessionID: Int64?
    /// The clinic's (session's) start, else the appointment's, for ordering.
    public var sessionStart: ClockTime?
    public var start: ClockTime?
    public var appointmentID: Int64?
    /// The task that completes a data item (interpreter, transport, screening, to-be-booked).
    public var taskID: Int64?
    public var enquiryID: Int64?
    public var patientID: Int64?
    public var patientMRN: String?
    /// `SMITH, Ann` (a restricted record: its hospital number only).
    public var patientName: String?
    /// What to do, in words.
    public var text: String
    /// How it stands in the data, in words (`task 41 open`, `DNA`, `no outcome yet`).
    public var detail: String
    /// An unscreened prescription for a treatment before the next working day is over: shown first.
    public var urgent: Bool
    /// A case-note item of a patient with a volume recorded missing: shown
    /// first within its clinic, its text saying MISSING.
    public var notesMissing: Bool {
        get { notesMissingFlag ?? false }
        set { notesMissingFlag = newValue ? true : nil }
    }
    /// Stored as an optional so that reports frozen before it existed still read.
    var notesMissingFlag: Bool?
    /// Who settled it and when: the hand mark, or the data (the task closed, the callback made) when known.
    public var settledBy: String?
    public var settledAt: Date?
    /// Why it was deferred.
    public var deferReason: String?

    public init(id: String, kind: Kind, completion: Completion, state: State = .outstanding, date: LocalDate,
                siteCode: String? = nil, serviceCode: String? = nil, clinicianCode: String? = nil, sessionID: Int64? = nil,
                sessionStart: ClockTime? = nil, start: ClockTime? = nil, appointmentID: Int64? = nil, taskID: Int64? = nil,
                enquiryID: Int64? = nil, patientID: Int64? = nil, patientMRN: String? = nil, patientName: String? = nil,
                text: String, detail: String = "", urgent: Bool = false, settledBy: String? = nil, settledAt: Date? = nil,
                deferReason: String? = nil) {
        self.id = id; self.kind = kind; self.completion = completion; self.state = state; self.date = date
        self.siteCode = siteCode; self.serviceCode = serviceCode; self.clinicianCode = clinicianCode; self.sessionID = sessionID
        self.sessionStart = sessionStart; self.start = start; self.appointmentID = appointmentID; self.taskID = taskID
        self.enquiryID = enquiryID; self.patientID = patientID; self.patientMRN = patientMRN; self.patientName = patientName
        self.text = text; self.detail = detail; self.urgent = urgent; self.settledBy = settledBy; self.settledAt = settledAt
        self.deferReason = deferReason
    }

    public var section: Section { kind.section }
}

/// The stable id of a checklist item: `K-YYYYMMDD-subject`.
///
/// - `K`, one letter for the kind: N notes prepared, I interpreter, T transport,
///   P prescription, A attendance, O outcome, F follow-up booked, B to-be-booked
///   list, R notes returned, L GP letter, C callback;
/// - the date of the clinic (or callback) the item is about — not the
///   checklist's date, so Monday's preparation item has the same id on
///   Friday's, Saturday's and Sunday's checklists;
/// - the subject: `a<appointment>` for an appointment's item, `s<session>p<patient>`
///   for one patient in one session (notes; `a<appointment>` when the
///   appointment has no session), `e<enquiry>` for a callback.
///
/// Ids are typed in any case (`n-20261125-s12p345`) and shown in upper case letters.
public struct ChecklistItemID: Sendable, Hashable, CustomStringConvertible {
    public enum Subject: Sendable, Hashable {
        case appointment(Int64)
        case sessionPatient(session: Int64, patient: Int64)
        case enquiry(Int64)
    }
    public var kind: ChecklistItem.Kind
    public var date: LocalDate
    public var subject: Subject

    public init(kind: ChecklistItem.Kind, date: LocalDate, subject: Subject) {
        self.kind = kind; self.date = date; self.subject = subject
    }

    public var description: String {
        // Written as bytes into the string's own storage: a checklist makes over ten thousand ids.
        guard (0...9999).contains(date.year), let letter = kind.letter.asciiValue else { return spelt }
        return String(unsafeUninitializedCapacity: 64) { buffer in
            var n = 0
            func put(_ byte: UInt8) { buffer[n] = byte; n += 1 }
            func digits(_ value: Int, width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                while divisor > 0 { put(UInt8(48 + value / divisor % 10)); divisor /= 10 }
            }
            func number(_ value: Int64) {
                if value < 0 { put(45) }
                var magnitude = value.magnitude, divisor: UInt64 = 1
                while magnitude / divisor >= 10 { divisor *= 10 }
                while divisor > 0 { put(UInt8(48 + magnitude / divisor)); magnitude %= divisor; divisor /= 10 }
            }
            put(letter); put(45)
            digits(date.year, width: 4); digits(date.month, width: 2); digits(date.day, width: 2)
            put(45)
            switch subject {
            case .appointment(let id): put(97); number(id)                                    // a
            case .sessionPatient(let session, let patient): put(115); number(session); put(112); number(patient)   // s, p
            case .enquiry(let id): put(101); number(id)                                       // e
            }
            return n
        }
    }

    /// `description` through string interpolation (a date outside the years 0 to 9999).
    var spelt: String {
        let day = LocalDate.padded(date.year, 4) + LocalDate.padded(date.month, 2) + LocalDate.padded(date.day, 2)
        let what: String
        switch subject {
        case .appointment(let id): what = "a\(id)"
        case .sessionPatient(let session, let patient): what = "s\(session)p\(patient)"
        case .enquiry(let id): what = "e\(id)"
        }
        return "\(kind.letter)-\(day)-\(what)"
    }

    public static let rule = "must be a checklist item id as the checklist shows it, e.g. A-20261124-a1234 or N-20261125-s12p345"

    /// Reads an id as typed (any case, spaces around it ignored); nil when it is not one.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 1, let letter = parts[0].uppercased().first,
              let kind = ChecklistItem.Kind(letter: letter), parts[1].count == 8, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        let d = String(parts[1])
        guard let date = LocalDate(iso: "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))") else { return nil }
        let subject = parts[2].lowercased()
        func number(_ s: Substring) -> Int64? {
            guard !s.isEmpty, s.count <= 18, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int64(s)
        }
        if subject.hasPrefix("a"), let id = number(subject.dropFirst()) {
            self.init(kind: kind, date: date, subject: .appointment(id))
        } else if subject.hasPrefix("e"), let id = number(subject.dropFirst()), kind == .callbackMade {
            self.init(kind: kind, date: date, subject: .enquiry(id))
        } else if subject.hasPrefix("s"), let p = subject.firstIndex(of: "p"),
                  let session = number(subject[subject.index(after: subject.startIndex)..<p]),
                  let patient = number(subject[subject.index(after: p)...]), kind.perSession {
            self.init(kind: kind, date: date, subject: .sessionPatient(session: session, patient: patient))
        } else {
            return nil
        }
    }
}

/// How far a checklist has got: `37/52 done`. Deferred items count as
/// settled (they are in the `done` figure, and said separately).
public struct ChecklistProgress: Sendable, Hashable, Codable {
    public var total: Int
    /// Done by the data or by hand.
    public var done: Int
    /// Deferred with a reason.
    public var deferred: Int

    public init(total: Int, done: Int, deferred: Int) { self.total = total; self.done = done; self.deferred = deferred }

    public init(_ items: [ChecklistItem]) {
        self.init(total: items.count, done: items.filter { $0.state == .done }.count,
                  deferred: items.filter { $0.state == .deferred }.count)
    }

    /// Done or deferred.
    public var settled: Int { done + deferred }
    public var outstanding: Int { total - settled }
    public var isComplete: Bool { outstanding == 0 }

    /// `37/52 done`, or `37/52 done (3 deferred)`: the first figure counts the deferred items.
    public var text: String { "\(settled)/\(total) done" + (deferred > 0 ? " (\(deferred) deferred)" : "") }
}
