import Foundation

/// The three roles of the front desk (from the job description). Each role
/// has every permission of the one below it.
public enum StaffRole: String, Sendable, Codable, CaseIterable, Comparable {
    case clerk
    case officer
    case manager

    /// The job title, as staff know it.
    public var title: String {
        switch self {
        case .clerk: return "Patient Services Clerk"
        case .officer: return "Patient Services Officer"
        case .manager: return "Assistant Service Manager"
        }
    }

    /// What this role may do.
    public var permissions: Set<Permission> {
        Set(Permission.allCases.filter { $0.lowestRole <= self })
    }

    public func may(_ permission: Permission) -> Bool { permission.lowestRole <= self }

    public static func < (a: StaffRole, b: StaffRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Accepts `clerk`, `officer`, `manager` and the job titles, in any case.
    public init?(parsing text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let role = StaffRole(rawValue: folded) { self = role; return }
        guard let role = StaffRole.allCases.first(where: { $0.title.lowercased() == folded }) else { return nil }
        self = role
    }
}

/// Every action that needs a permission, checked in one place (`AccessControl`).
/// The matrix is in Docs/SECURITY.md and tested as a table.
public enum Permission: String, Sendable, Codable, CaseIterable {
    // Patient Services Clerk and above.
    case searchPatients = "search_patients"
    case viewRecord = "view_record"
    case registerPatient = "register_patient"
    case editDemographics = "edit_demographics"
    case bookAppointments = "book_appointments"
    case checkIn = "check_in"
    case logEnquiries = "log_enquiries"
    case tickChecklist = "tick_checklist"
    // Patient Services Officer and above.
    case overbookSlot = "overbook_slot"
    case overrideSequenceRule = "override_sequence_rule"
    case cancelClinicSession = "cancel_clinic_session"
    case undoAttendance = "undo_attendance"
    case mergePatients = "merge_patients"
    case signOffChecklist = "sign_off_checklist"
    case manageEscalatedEnquiries = "manage_escalated_enquiries"
    case restrictRecords = "restrict_records"
    case importPatients = "import_patients"
    // Assistant Service Manager.
    case manageStaff = "manage_staff"
    case manageTeams = "manage_teams"
    case manageSettings = "manage_settings"
    case manageClinics = "manage_clinics"
    case manageProtocols = "manage_protocols"
    case readAuditReports = "read_audit_reports"

    /// The least senior role that has this permission.
    public var lowestRole: StaffRole {
        switch self {
        case .searchPatients, .viewRecord, .registerPatient, .editDemographics, .bookAppointments, .checkIn,
             .logEnquiries, .tickChecklist:
            return .clerk
        case .overbookSlot, .overrideSequenceRule, .cancelClinicSession, .undoAttendance, .mergePatients,
             .signOffChecklist, .manageEscalatedEnquiries, .restrictRecords, .importPatients:
            return .officer
        case .manageStaff, .manageTeams, .manageSettings, .manageClinics, .manageProtocols, .readAuditReports:
            return .manager
        }
    }

    /// What the permission allows, in words (for refusals and Docs/SECURITY.md).
    public var summary: String {
        switch self {
        case .searchPatients: return "search for patients"
        case .viewRecord: return "open a patient's record"
        case .registerPatient: return "register a new patient"
        case .editDemographics: return "change a patient's details"
        case .bookAppointments: return "book, move and cancel appointments"
        case .checkIn: return "check patients in and record attendances"
        case .logEnquiries: return "log enquiries and callbacks"
        case .tickChecklist: return "tick items of the end-of-day checklist"
        case .overbookSlot: return "overbook a full slot, with a reason"
        case .overrideSequenceRule: return "override a treatment-sequence rule, with a reason"
        case .cancelClinicSession: return "cancel a clinic session"
        case .undoAttendance: return "undo a recorded check-in, attendance or did-not-attend, or reinstate a cancellation made in error"
        case .mergePatients: return "merge duplicate patient records"
        case .signOffChecklist: return "sign off the end-of-day checklist"
        case .manageEscalatedEnquiries: return "manage enquiries escalated to the team"
        case .restrictRecords: return "mark a record restricted, or lift the restriction"
        case .importPatients: return "import patients from a file"
        case .manageStaff: return "add staff, change roles and deactivate staff"
        case .manageTeams: return "create teams and change their members"
        case .manageSettings: return "change settings"
        case .manageClinics: return "set up sites, services, clinicians and resources, and clinic templates"
        case .manageProtocols: return "import and change treatment protocols"
        case .readAuditReports: return "read the audit reports"
        }
    }
}

/// A team that owns work (referred enquiries, tasks). It may have FrontDesk
/// users as members, or none: the desk then acts on its behalf.
public struct Team: Sendable, Hashable, Codable {
    /// Short stable name: `front_desk`, `pharmacy`.
    public var code: String
    public var name: String
    public var active: Bool

    public init(code: String, name: String, active: Bool = true) {
        self.code = code; self.name = name; self.active = active
    }

    /// The teams every database starts with.
    public static let standard: [Team] = [
        Team(code: "front_desk", name: "Front desk"),
        Team(code: "specialist_nurses", name: "Specialist nurses (key workers)"),
        Team(code: "secretaries", name: "Consultants' secretaries"),
        Team(code: "pharmacy", name: "Pharmacy"),
        Team(code: "transport", name: "Transport"),
        Team(code: "pals", name: "Patient advice and liaison (PALS)"),
        Team(code: "clinical", name: "Clinical team"),
    ]

    public static let codeRule = "must be 2 to 40 lower-case letters, digits or underscores, starting with a letter (e.g. front_desk)"

    public static func isCode(_ text: String) -> Bool {
        guard (2...40).contains(text.count), let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// A person who uses FrontDesk: an OS login with a role.
public struct StaffMember: Sendable, Hashable, Codable {
    /// The OS login of the person's own account (never a shared one).
    public var login: String
    public var displayName: String
    public var role: StaffRole
    /// Codes of the teams the person belongs to.
    public var teams: [String]
    public var active: Bool
    /// The site the person usually works at (code): the desk's site on the top
    /// line and the clinics pane's first choice.
    public var defaultSite: String?

    public init(login: String, displayName: String, role: StaffRole, teams: [String] = [], active: Bool = true,
                defaultSite: String? = nil) {
        self.login = login; self.displayName = displayName; self.role = role; self.teams = teams; self.active = active
        self.defaultSite = defaultSite
    }

    public static let loginRule = "must be an OS login name: 1 to 32 letters, digits, '.', '_' or '-', not starting with '-'"

    public static func isLogin(_ text: String) -> Bool {
        guard (1...32).contains(text.count), text.first != "-" else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
    }
}

extension Permission {
    /// The permission matrix as a Markdown table (Docs/SECURITY.md holds exactly this).
    public static var matrixMarkdown: String {
        var text = "| permission | what it allows | clerk | officer | manager |\n|---|---|:-:|:-:|:-:|\n"
        for permission in allCases {
            let marks = StaffRole.allCases.map { permission.lowestRole <= $0 ? "✓" : "·" }
            text += "| `\(permission.rawValue)` | \(permission.summary) | " + marks.joined(separator: " | ") + " |\n"
        }
        return text
    }
}
