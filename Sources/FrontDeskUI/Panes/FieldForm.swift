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

/// A settings section of lists read from the store with a form to add to them
/// (clinic set-up; staff and teams): how lists arrive and how keys reach the form.
public protocol ListsSection {
    associatedtype List: CaseIterable & Hashable
    associatedtype Lists
    associatedtype Form: FieldForm
    var lists: Lists? { get set }
    var positions: [List: ListPosition] { get set }
    var loading: Bool { get set }
    var failure: String? { get set }
    var form: Form? { get set }
    func count(_ list: List) -> Int
}

extension ListsSection {
    /// The lists as read (each list's selection kept in range), or why not: the failure, to show.
    mutating func loaded(_ result: Result<Lists, DeskFailure>) -> String? {
        loading = false
        switch result {
        case .success(let read):
            lists = read
            failure = nil
            for list in List.allCases {
                var position = positions[list] ?? ListPosition()
                position.moveTo(position.selected, count: count(list))
                positions[list] = position
            }
            return nil
        case .failure(let problem):
            failure = problem.message
            return problem.message
        }
    }

    /// A key that is no binding, typed into the open form; false when no form is open.
    mutating func typeInForm(_ key: Key) -> Bool {
        guard var open = form else { return false }
        open.type(key)
        form = open
        return true
    }
}
