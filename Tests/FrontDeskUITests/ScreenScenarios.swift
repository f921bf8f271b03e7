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
    /// F3 on a seeded clinic: today's list.
    case clinicDay
    /// The clinic list, Evans (09:40) selected, i: the check-in confirmation.
    case checkInConfirm
    /// Smith's record, Tab to the appointments section (today's and last week's, with their trails).
    case recordAppointments
    /// Smith's record, b, the service typed: the next free slots.
    case bookingSlots
    /// The booking summary of the first free slot, filled in: urgent, GP referral,
    /// hospital transport with a wheelchair, and a note being typed.
    case bookingConfirm
    /// F3 on a seeded clinic, then k: the front desk's open tasks (two overdue).
    case clinicTasks

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
        case .clinicDay:
            try h.seedClinic()
            h.press(.function(3))
        case .checkInConfirm:
            try h.seedClinic()
            h.press(.function(3))
            h.selectClinicRow("Evans")
            h.press(.char("i"))
        case .recordAppointments:
            try h.seedClinic()
            h.type("9434765919")
            h.press(.enter)
            h.openAppointmentsSection()
        case .bookingSlots:
            try h.seedClinic()
            h.type("9434765919")
            h.press(.enter, .char("b"))
            h.type("follow")
        case .bookingConfirm:
            try h.seedClinic()
            h.type("9434765919")
            h.press(.enter, .char("b"))
            h.type("follow")
            h.press(.enter, .enter)                 // the slots, then the summary of the first
            h.press(.down, .tab, .tab, .down)       // urgent; attendance as the service's; referral GP
            h.press(.tab, .char("h"), .tab, .char("w"), .char("w"))   // hospital transport; w walking, w again wheelchair
            h.press(.tab)
            h.type("Needs a side room; wife comes too")
        case .clinicTasks:
            try h.seedClinic()
            h.press(.function(3), .char("k"))
        }
        return h
    }
}

extension Harness {
    /// Tab through the record's sections until the appointments section has the keys.
    func openAppointmentsSection() {
        for _ in 0..<10 where state.record?.appointmentFocus == nil { press(.tab) }
    }

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
