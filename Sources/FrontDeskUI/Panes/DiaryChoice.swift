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

/// Where the keys go in a pane with the diary's filter line (the clinics pane,
/// the checklist): the list, or the date, site, service or clinician field.
public enum DiaryFilterFocus: Int, Hashable, Sendable, CaseIterable {
    case list, date, site, service, clinician

    public var fieldName: String {
        switch self {
        case .list: return "list"
        case .date: return "date"
        case .site: return "site"
        case .service: return "service"
        case .clinician: return "clinician"
        }
    }
    var choice: DiaryChoice? {
        switch self {
        case .site: return .site
        case .service: return .service
        case .clinician: return .clinician
        case .list, .date: return nil
        }
    }
}

/// What a date, site, service and clinician filter line names.
public struct DiaryFilterValues: Hashable, Sendable {
    public var date: LocalDate
    public var siteCode: String?
    public var serviceCode: String?
    public var clinicianCode: String?
}

/// A pane with the diary's filter line: the fields, where the keys are and the field refused.
protocol DiaryFilterPane {
    var date: TextField { get set }
    var site: TextField { get set }
    var service: TextField { get set }
    var clinician: TextField { get set }
    var focus: DiaryFilterFocus { get set }
    var errorField: DiaryFilterFocus? { get set }
}

extension DiaryFilterPane {
    public subscript(field focus: DiaryFilterFocus) -> TextField {
        get {
            switch focus {
            case .date: return date
            case .site: return site
            case .service: return service
            case .clinician: return clinician
            case .list: return TextField()
            }
        }
        set {
            switch focus {
            case .date: date = newValue
            case .site: site = newValue
            case .service: service = newValue
            case .clinician: clinician = newValue
            case .list: break
            }
        }
    }

    /// What the fields name (blank date: today; blank code: all), or the field that names nothing and why.
    func filterValues(today: LocalDate, setup: ClinicSetup?) -> Result<DiaryFilterValues, FilterError<DiaryFilterFocus>> {
        let typed = date.text.trimmingCharacters(in: .whitespaces)
        var day = today
        if !typed.isEmpty {
            guard let parsed = LocalDate.parse(typed) else {
                return .failure(FilterError(.date, FieldError(field: "date", reason: "is not a date: type it as \(LocalDate.acceptedFormats) (blank is today)")))
            }
            day = parsed
        }
        var codes: [String?] = []
        for focus in [DiaryFilterFocus.site, .service, .clinician] {
            switch focus.choice!.resolve(self[field: focus].text, setup: setup) {
            case .success(let code): codes.append(code)
            case .failure(let problem): return .failure(FilterError(focus, problem))
            }
        }
        return .success(DiaryFilterValues(date: day, siteCode: codes[0], serviceCode: codes[1], clinicianCode: codes[2]))
    }

    /// Draws the filter line from `x` on row `y` (a refused field marked ✗, an empty code shown as "all");
    /// `cursor`: the focused field shows the cursor (no dialog over it).
    func renderFilters(_ buffer: inout ScreenBuffer, _ inside: Rect, x: inout Int, y: Int, cursor: Bool) {
        for (label, focus, width) in [("Date", DiaryFilterFocus.date, 12), ("Site", .site, 8), ("Service", .service, 10),
                                      ("Clinician", .clinician, 10)] {
            let error = errorField == focus
            let shown = (x == inside.x ? "" : "  ") + (error ? "✗ " : "") + label + " "
            let style = Style(error ? .error : (self.focus == focus ? .title : .normal))
            x += buffer.put(shown, x: x, y: y, limit: max(0, inside.maxX - x), style: style)
            let cells = min(width, max(0, inside.maxX - x))
            var text = self[field: focus]
            if focus != .date && text.isEmpty && self.focus != focus { text = TextField("all") }
            text.render(into: &buffer, Rect(x: x, y: y, width: cells, height: 1), focused: cursor && self.focus == focus)
            x += cells
        }
    }
}
