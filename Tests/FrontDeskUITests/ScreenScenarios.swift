import FrontDeskDomain
import FrontDeskUI

/// The screens the snapshot, style and tiny-area tests look at, each reached
/// by keys as a clerk would reach it.
enum Scenario: String, CaseIterable, Sendable, CustomStringConvertible {
    case start
    case lookupSmith
    case lookupCJK
    case record
    case help
    case formWithError
    case likelyDuplicate
    case confirmDiscard

    var description: String { rawValue }

    func harness(size: Size = standardSize) throws -> Harness {
        let h = try Harness(size: size)
        switch self {
        case .start:
            break
        case .lookupSmith:
            h.type("smith")
        case .lookupCJK:
            h.type("李")
        case .record:
            h.type("9434765919")
            h.press(.enter)
        case .help:
            h.type("smith")
            h.press(.function(1))
        case .formWithError:
            h.press(.function(7))
            h.goToField("nhs_number")
            h.type("943 476 5918")
            h.press(.tab)
        case .likelyDuplicate:
            h.registerLikelyDuplicateOfSmith()
        case .confirmDiscard:
            h.press(.function(7))
            h.type("Jones")
            h.press(.escape)
        }
        return h
    }
}

extension Harness {
    /// F7, then the same family name, given initial and date of birth as the
    /// seeded John Smith, then Ctrl-S: the possible-duplicate dialog opens.
    func registerLikelyDuplicateOfSmith() {
        press(.function(7))
        fill("family_name", "Smith")
        fill("given_names", "Jon")
        fill("date_of_birth", "12/03/1956")
        press(.ctrl("s"))
    }
}
