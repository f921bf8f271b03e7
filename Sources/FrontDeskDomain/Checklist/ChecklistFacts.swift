import Foundation

/// What the checklist is generated from, read by the store in one snapshot:
/// the appointments of the dates asked, the tasks that complete their items,
/// the callbacks promised for the day, the patients' case-note volumes and the hand marks. The rules
/// (`ChecklistRules`) turn it into items without reading anything else.
public struct ChecklistFacts: Sendable, Hashable {
    /// An appointment that is not cancelled, with what the list shows of its patient.
    public struct Visit: Sendable, Hashable {
        public var appointment: Appointment
        /// `SMITH, Ann`, or the hospital number only for a restricted record.
        public var patientName: String
        /// The patient needs an interpreter or another communication professional.
        public var needsInterpreter: Bool
        public init(appointment: Appointment, patientName: String, needsInterpreter: Bool) {
            self.appointment = appointment; self.patientName = patientName; self.needsInterpreter = needsInterpreter
        }
    }

    /// A callback promised for the checklist's date (a `callback_due` line of an enquiry's history).
    public struct Callback: Sendable, Hashable {
        public var enquiryID: Int64
        public var patientID: Int64?
        public var patientMRN: String?
        /// `SMITH, Ann (Mrs)` (a restricted record: its hospital number only); nil: no patient.
        public var patientName: String?
        public var callerName: String
        /// The time promised (the latest promise that falls on the date).
        public var dueAt: Date
        /// The site of the desk that took the enquiry (the taker's default site); nil: every site's.
        public var siteCode: String?
        /// The callback made (or the enquiry closed) after that promise: who and when.
        public var madeBy: String?
        public var madeAt: Date?
        /// The callback promised again for another day before it was made: the new time, who
        /// re-arranged it and when. The promise is settled for this date; the new one is the other day's.
        public var movedTo: Date?
        public var movedBy: String?
        public var movedAt: Date?
        /// Referred to a team or escalated before it was made (which clears the promise): to whom,
        /// in words; who and when are in `madeBy`/`madeAt`. Settled here: the callback is theirs.
        public var handedOver: String?
        public init(enquiryID: Int64, patientID: Int64?, patientMRN: String?, callerName: String, dueAt: Date, siteCode: String?,
                    madeBy: String? = nil, madeAt: Date? = nil, movedTo: Date? = nil, movedBy: String? = nil, movedAt: Date? = nil) {
            self.enquiryID = enquiryID; self.patientID = patientID; self.patientMRN = patientMRN; self.callerName = callerName
            self.dueAt = dueAt; self.siteCode = siteCode; self.madeBy = madeBy; self.madeAt = madeAt
            self.movedTo = movedTo; self.movedBy = movedBy; self.movedAt = movedAt
        }
    }

    /// A patient's paper case notes and clinics, for the case-note items.
    public struct Notes: Sendable, Hashable {
        /// The paper volumes, by number (none: the electronic record only).
        public var volumes: [CaseNoteVolume]
        /// The patient's clinics (appointments not cancelled) on each date read,
        /// whatever the checklist's filter: notes sent to the patient's clinic at
        /// another site that day are sent. Read only when the volumes'
        /// whereabouts make it matter (`CaseNoteRules.dependsOnClinics`).
        public var clinics: [LocalDate: [CaseNoteRules.Clinic]]
        public init(volumes: [CaseNoteVolume] = [], clinics: [LocalDate: [CaseNoteRules.Clinic]] = [:]) {
            self.volumes = volumes; self.clinics = clinics
        }
    }

    /// Appointments of the checklist's date and of its preparation dates (cancelled ones left out).
    public var visits: [Visit]
    /// Interpreter, transport and to-be-booked tasks (any status), by the appointment they are for.
    public var tasks: [Int64: [DeskTask]]
    /// The pharmacy screening task of the course cycle a treatment appointment holds, by appointment.
    public var screening: [Int64: DeskTask]
    /// Appointments with outcome 2 whose patient has a later appointment booked.
    public var laterBookings: Set<Int64>
    public var callbacks: [Callback]
    /// The latest hand mark of every item id of the dates read.
    public var marks: [String: ChecklistMark]
    /// The case notes of the visits' patients who have paper volumes, by patient
    /// (a patient not here has the electronic record only).
    public var notes: [Int64: Notes]
    /// The codes of the services whose prescriptions pharmacy screens before each
    /// appointment (the service's "pharmacy screening" flag, e.g. the SACT chairs):
    /// every appointment of one is a treatment appointment with a P item.
    public var screenedServices: Set<String>

    public init(visits: [Visit] = [], tasks: [Int64: [DeskTask]] = [:], screening: [Int64: DeskTask] = [:],
                laterBookings: Set<Int64> = [], callbacks: [Callback] = [], marks: [String: ChecklistMark] = [:],
                notes: [Int64: Notes] = [:], screenedServices: Set<String> = []) {
        self.visits = visits; self.tasks = tasks; self.screening = screening; self.laterBookings = laterBookings
        self.callbacks = callbacks; self.marks = marks; self.notes = notes; self.screenedServices = screenedServices
    }
}

/// One hand mark on an item: appended to its history, never changed. The
/// item's current mark is its latest.
public struct ChecklistMark: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// Ticked: done (hand items only).
        case done
        /// Deferred, with a reason.
        case deferred
        /// A mistaken mark taken back, with a reason: the item is outstanding again (unless the data shows it done).
        case cleared
    }
    public var itemID: String
    /// The date of the clinic or callback the item is about (the id's date).
    public var itemDate: LocalDate
    public var action: Action
    public var reason: String?
    public var by: String
    public var at: Date
    public var patientID: Int64?
    /// The item's id as it was marked, when a patient merge has since moved the
    /// mark to the record kept (`N-…-s12p40` marked, now `N-…-s12p39`).
    public var mergedFrom: String?

    public init(itemID: String, itemDate: LocalDate, action: Action, reason: String?, by: String, at: Date, patientID: Int64?,
                mergedFrom: String? = nil) {
        self.itemID = itemID; self.itemDate = itemDate; self.action = action; self.reason = reason; self.by = by; self.at = at
        self.patientID = patientID; self.mergedFrom = mergedFrom
    }
}
