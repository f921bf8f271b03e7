/// A place where clinics are held: the centre or one of its hubs.
public struct Site: Sendable, Hashable, Codable {
    /// Short stable name: `main`, `hub-north`.
    public var code: String
    public var name: String
    /// An inactive site keeps its history but gets no new sessions or bookings.
    public var active: Bool

    /// Stores the values as given; call `validated()` on anything a person typed.
    public init(code: String, name: String, active: Bool = true) {
        self.code = code; self.name = name; self.active = active
    }

    /// The site with its code normalised and its name trimmed, or every problem
    /// at once (fields `code`, `name`).
    public func validated() -> Result<Site, ValidationError> {
        var errors: [FieldError] = []
        let code = DiaryCode.checkCode("code", code, into: &errors)
        let name = DiaryCode.checkName("name", name, into: &errors)
        guard errors.isEmpty else { return .failure(ValidationError(errors)) }
        return .success(Site(code: code, name: name, active: active))
    }
}
