/// Whether an attendance is the patient's first for this course of care or a
/// follow-up (NHS Data Dictionary "FIRST ATTENDANCE").
public enum AttendanceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case first
    case followUp = "follow_up"

    public var summary: String { self == .first ? "first attendance" : "follow-up" }
}

/// How the patient and the clinician meet.
public enum ContactMode: String, Sendable, Hashable, Codable, CaseIterable {
    case faceToFace = "face_to_face"
    case telephone
    case video

    public var isRemote: Bool { self != .faceToFace }
    public var summary: String {
        switch self {
        case .faceToFace: return "face to face"
        case .telephone: return "telephone"
        case .video: return "video"
        }
    }

    public static let rule = "must be face_to_face, telephone or video"

    /// `face_to_face`, `face to face`, `f2f`, `telephone`, `phone`, `video`, in any case.
    public init?(parsing text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        switch folded {
        case "face_to_face", "f2f": self = .faceToFace
        case "telephone", "phone": self = .telephone
        case "video": self = .video
        default: return nil
        }
    }
}

/// What is offered in a clinic: oncology new patient, phlebotomy, a SACT chair …
/// with its usual length and how it is counted.
public struct Service: Sendable, Hashable, Codable {
    /// Short stable name: `onc_new`, `sact_chair`.
    public var code: String
    public var name: String
    /// The usual appointment length (5 to 480 minutes).
    public var defaultMinutes: Int
    public var attendance: AttendanceKind
    public var mode: ContactMode
    public var active: Bool
    /// A treatment whose prescription pharmacy screens before the patient comes
    /// (a SACT chair): the end-of-day checklist asks for the prescription
    /// screened before each appointment of it.
    public var pharmacyScreening: Bool

    /// Stores the values as given; call `validated()` on anything a person typed.
    public init(code: String, name: String, defaultMinutes: Int, attendance: AttendanceKind = .first,
                mode: ContactMode = .faceToFace, active: Bool = true, pharmacyScreening: Bool = false) {
        self.code = code; self.name = name; self.defaultMinutes = defaultMinutes
        self.attendance = attendance; self.mode = mode; self.active = active; self.pharmacyScreening = pharmacyScreening
    }

    public static let minutesRange = 5...480
    public static let minutesRule = "must be a whole number of minutes from 5 to 480 (8 hours)"

    /// The NHS Data Dictionary "FIRST ATTENDANCE" code (DOMAIN.md): 1 first face
    /// to face, 2 follow-up face to face, 3 first by telephone or video, 4
    /// follow-up by telephone or video.
    public var firstAttendanceCode: Int {
        switch (attendance, mode.isRemote) {
        case (.first, false): return 1
        case (.followUp, false): return 2
        case (.first, true): return 3
        case (.followUp, true): return 4
        }
    }

    /// The service with its code normalised and its name trimmed, or every
    /// problem at once (fields `code`, `name`, `minutes`).
    public func validated() -> Result<Service, ValidationError> {
        var errors: [FieldError] = []
        let code = DiaryCode.checkCode("code", code, into: &errors)
        let name = DiaryCode.checkName("name", name, into: &errors)
        if !Service.minutesRange.contains(defaultMinutes) {
            errors.append(FieldError(field: "minutes", reason: Service.minutesRule))
        }
        guard errors.isEmpty else { return .failure(ValidationError(errors)) }
        return .success(Service(code: code, name: name, defaultMinutes: defaultMinutes, attendance: attendance,
                                mode: mode, active: active, pharmacyScreening: pharmacyScreening))
    }

    /// The services of issue 5, as a cancer centre names them (for the demo
    /// centre and the tests; each centre keeps its own list).
    public static let examples: [Service] = [
        Service(code: "onc_new", name: "Oncology new patient", defaultMinutes: 40, attendance: .first),
        Service(code: "onc_fu", name: "Oncology follow-up", defaultMinutes: 20, attendance: .followUp),
        Service(code: "onc_fu_tel", name: "Oncology telephone follow-up", defaultMinutes: 15, attendance: .followUp,
                mode: .telephone),
        Service(code: "phlebotomy", name: "Phlebotomy", defaultMinutes: 10, attendance: .followUp),
        Service(code: "sact_chair", name: "SACT chair", defaultMinutes: 120, attendance: .followUp, pharmacyScreening: true),
        Service(code: "rt_planning_ct", name: "Radiotherapy planning CT", defaultMinutes: 30, attendance: .followUp),
        Service(code: "mould_room", name: "Mould room", defaultMinutes: 45, attendance: .followUp),
        Service(code: "rt_treatment", name: "Radiotherapy treatment", defaultMinutes: 15, attendance: .followUp),
        Service(code: "cns", name: "Specialist nurse", defaultMinutes: 30, attendance: .followUp),
        Service(code: "cns_video", name: "Specialist nurse video review", defaultMinutes: 20, attendance: .followUp,
                mode: .video),
    ]
}
