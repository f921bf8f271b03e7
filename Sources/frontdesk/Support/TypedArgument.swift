import ArgumentParser

/// A domain value read from what people type (`init?(parsing:)`), as a
/// command-line value: the same words are accepted, and help lists the raw
/// values unless the type names its own.
protocol TypedArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {
    init?(parsing text: String)
}

extension TypedArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
