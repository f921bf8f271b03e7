/// The professional role of whoever (or whatever) holds a clinic.
public enum ClinicianRole: String, Sendable, Hashable, Codable, CaseIterable {
    case consultant
    case registrar
    case specialistNurse = "specialist_nurse"
    case nurse
    case radiographer
    case phlebotomist
    case pharmacist
    /// Not a person: a chemotherapy chair, a linear accelerator, a room.
    case resource

    public var title: String {
        switch self {
        case .consultant: return "Consultant"
        case .registrar: return "Registrar"
        case .specialistNurse: return "Clinical nurse specialist"
        case .nurse: return "Nurse"
        case .radiographer: return "Radiographer"
        case .phlebotomist: return "Phlebotomist"
        case .pharmacist: return "Pharmacist"
        case .resource: return "Resource (chair, linac, room)"
        }
    }

    public var isResource: Bool { self == .resource }

    public static let rule =
        "must be consultant, registrar, specialist_nurse, nurse, radiographer, phlebotomist, pharmacist or resource"

    /// The raw value in any case, with spaces or hyphens for underscores
    /// (`Specialist nurse`), or `cns`.
    public init?(parsing text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if folded == "cns" { self = .specialistNurse; return }
        guard let role = ClinicianRole(rawValue: folded) else { return nil }
        self = role
    }
}

/// A clinician or a resource that holds clinics: a consultant, a nurse, a
/// chemotherapy chair, a linear accelerator.
public struct Clinician: Sendable, Hashable, Codable {
    /// Short stable name: `dr_patel`, `chair-01`, `linac-2`.
    public var code: String
    public var name: String
    public var role: ClinicianRole
    public var active: Bool

    /// Stores the values as given; call `validated()` on anything a person typed.
    public init(code: String, name: String, role: ClinicianRole, active: Bool = true) {
        self.code = code; self.name = name; self.role = role; self.active = active
    }

    /// The clinician with code normalised and name trimmed, or every problem at
    /// once (fields `code`, `name`).
    public func validated() -> Result<Clinician, ValidationError> {
        var errors: [FieldError] = []
        let code = DiaryCode.checkCode("code", code, into: &errors)
        let name = DiaryCode.checkName("name", name, into: &errors)
        guard errors.isEmpty else { return .failure(ValidationError(errors)) }
        return .success(Clinician(code: code, name: name, role: role, active: active))
    }
}
