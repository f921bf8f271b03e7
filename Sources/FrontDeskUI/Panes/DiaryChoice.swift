import FrontDeskDomain

/// A filter field naming a site, service or clinician: people type a code or
/// part of a name, or step through the choices with ↑ and ↓. What they typed
/// is resolved against the clinic set-up; with no set-up read, a code is
/// taken as typed (the service checks it).
public enum DiaryChoice: String, Hashable, Sendable {
    case site, service, clinician

    /// The choices: code and name.
    public func options(_ setup: ClinicSetup?) -> [(code: String, name: String)] {
        guard let setup else { return [] }
        switch self {
        case .site: return setup.sites.map { ($0.code, $0.name) }
        case .service: return setup.services.map { ($0.code, $0.name) }
        case .clinician: return setup.clinicians.map { ($0.code, $0.name) }
        }
    }

    /// The code `text` names: nil for blank (all), or why it names none or several.
    public func resolve(_ text: String, setup: ClinicSetup?) -> Result<String?, FieldError> {
        let typed = DiaryCode.normalised(text)
        guard !typed.isEmpty else { return .success(nil) }
        let options = options(setup)
        guard !options.isEmpty else { return .success(typed) }
        if options.contains(where: { $0.code == typed }) { return .success(typed) }
        let matches = options.filter { $0.code.hasPrefix(typed) || $0.name.lowercased().contains(typed) }
        if matches.count == 1 { return .success(matches[0].code) }
        if matches.isEmpty {
            return .failure(FieldError(field: rawValue, reason: "no \(rawValue) matches '\(text.trimmingCharacters(in: .whitespaces))' (↑ and ↓ step through them)"))
        }
        let shown = matches.prefix(4).map(\.code).joined(separator: ", ") + (matches.count > 4 ? " …" : "")
        return .failure(FieldError(field: rawValue, reason: "'\(text.trimmingCharacters(in: .whitespaces))' matches \(matches.count): \(shown) (type more)"))
    }

    /// The code after (or before) the one typed, blank ("all") first when `allowAll`.
    public func step(_ text: String, by delta: Int, setup: ClinicSetup?, allowAll: Bool) -> String {
        let codes = (allowAll ? [""] : []) + options(setup).map(\.code)
        guard !codes.isEmpty else { return text }
        let current = (try? resolve(text, setup: setup).get()) ?? nil
        guard let index = codes.firstIndex(of: current ?? "") else { return codes[delta > 0 ? 0 : codes.count - 1] }
        return codes[(index + delta + codes.count) % codes.count]
    }

    /// The name of a code, for summaries (the code itself when unknown).
    public func name(_ code: String, setup: ClinicSetup?) -> String {
        options(setup).first { $0.code == code }?.name ?? code
    }
}

/// A filter field whose value names nothing: which field, and why.
public struct FilterError<Focus: Hashable & Sendable>: Error, Hashable {
    public var focus: Focus
    public var problem: FieldError
    public init(_ focus: Focus, _ problem: FieldError) { self.focus = focus; self.problem = problem }
}
