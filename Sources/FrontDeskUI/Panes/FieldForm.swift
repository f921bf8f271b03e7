import FrontDeskDomain

/// A small form of named text fields (the clinic set-up's and the staff
/// section's add and change forms): the focused field, a value by name,
/// typing into the focused field, and marking the fields a refusal names.
public protocol FieldForm {
    var fields: [FormField] { get set }
    var focus: Int { get set }
    /// The field a refusal's field name points at, if any.
    func index(ofError name: String) -> Int?
}

extension FieldForm {
    public var focused: FormField { fields[focus] }
    public func value(_ name: String) -> String { fields.first { $0.name == name }?.value ?? "" }

    /// Marks each field with its first problem; returns the problems in field order.
    public mutating func mark(_ problems: [FieldError]) -> [FieldError] {
        for index in fields.indices { fields[index].error = problems.first { self.index(ofError: $0.field) == index }?.reason }
        return problems.sorted { (index(ofError: $0.field) ?? 999) < (index(ofError: $1.field) ?? 999) }
    }

    /// A key typed into the focused field; an edit clears its error mark.
    public mutating func type(_ key: Key) {
        if fields[focus].input.handle(key) { fields[focus].error = nil }
    }
}
