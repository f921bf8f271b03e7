/// One invalid value: the field it belongs to and the rule it broke, in words.
public struct FieldError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public let field: String
    public let reason: String
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
    public var description: String { "\(field): \(reason)" }
}

/// Every invalid value of a form at once, so a clerk fixes them in one go.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(field: String, reason: String) { self.errors = [FieldError(field: field, reason: reason)] }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
