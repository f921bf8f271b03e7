import Foundation
import Testing

/// A demo database of 500 synthetic patients (so the top line says DEMO) plus
/// a few known patients registered through the real command line.
struct TestDatabase {
    /// A patient registered for the tests, as the command line reported it.
    struct Known {
        var mrn: String
        var nhsNumber: String?
    }

    let path: String
    /// SMITH, John: NHS 943 476 5919, a safeguarding alert and a Polish interpreter.
    let smith: Known
    /// EVANS, Siân (no title: the demo population has an `EVANS, Siân (Miss)` of its own).
    let evans: Known
    /// 李, 小龙: a CJK family and given name.
    let li: Known

    /// Makes `<directory>/e2e.sqlite` with the real binary.
    static func make(in directory: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> TestDatabase {
        try requireBuiltBinary(sourceLocation: sourceLocation)
        let path = directory.appendingPathComponent("e2e.sqlite").path
        let seeded = try runFrontdesk(["demo", "seed", "--db", path, "--patients", "500", "--seed", "1"], home: directory)
        try #require(seeded.status == 0, "demo seed failed: \(seeded)", sourceLocation: sourceLocation)

        func add(_ arguments: [String]) throws -> Known {
            let added = try runFrontdesk(["patient", "add", "--db", path, "--json"] + arguments, home: directory)
            try #require(added.status == 0, "patient add \(arguments) failed: \(added)", sourceLocation: sourceLocation)
            let json = try added.json(sourceLocation: sourceLocation)
            let mrn = try #require(json["mrn"] as? String, "no mrn in \(added)", sourceLocation: sourceLocation)
            return Known(mrn: mrn, nhsNumber: json["nhs_number"] as? String)
        }
        let smith = try add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956", "--nhs", "943 476 5919",
                             "--alert", "safeguarding_concern", "--need", "interpreter:Polish"])
        let evans = try add(["--family", "Evans", "--given", "Siân", "--dob", "01/02/1970"])
        let li = try add(["--family", "李", "--given", "小龙", "--dob", "27/11/1940"])
        return TestDatabase(path: path, smith: smith, evans: evans, li: li)
    }
}

/// Whether ten digits pass the NHS Modulus 11 check.
func isValidNHSNumber(_ text: String) -> Bool {
    let digits = text.compactMap(\.wholeNumberValue)
    guard digits.count == 10, text.filter(\.isNumber).count == 10 else { return false }
    let sum = zip(digits.prefix(9), (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
    let check = 11 - sum % 11
    if check == 10 { return false }
    return (check == 11 ? 0 : check) == digits[9]
}
