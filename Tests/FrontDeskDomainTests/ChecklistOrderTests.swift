import Foundation
import Testing
@testable import FrontDeskDomain

/// `ChecklistRules.items` orders its items through packed keys and moves them
/// into place (`arrange`); these pin that to the plain comparison of every key
/// (`sorted`) and the ids written as bytes to the interpolated form, on random items.
@Suite("Checklist order and ids: the fast paths give what the plain ones give")
struct ChecklistOrderTests {
    static let names = ["SMITH, Ann", "SMITH, Ann", "ÅSTRÖM, Eva", "O'NEILL, Seán Patrick Michael", "FD0001234", "", "jones, amy",
                        "JONES, Amy (Mrs)", "Ångström, Z", "SMITH, Anne-Marie Elizabeth"]
    static let codes = ["main", "hub-rhyl", "hub-liverpool", "onc_fu", "sact_chair", "dr_adams", "chair-01", ""]

    static func randomItems(_ rng: inout SplitMix64, count: Int) -> [ChecklistItem] {
        func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        func code() -> String? { below(6) == 0 ? nil : codes[below(codes.count)] }
        var items: [ChecklistItem] = []
        while items.count < count {
            // A run: one appointment's (or session patient's) items, sharing the clinic and the patient.
            let date = LocalDate(iso: "2026-11-24")!.adding(days: below(4))
            let site = code(), service = code(), clinician = code()
            let session: Int64? = below(5) == 0 ? nil : Int64(below(6))
            let start = ClockTime(minutes: 480 + 10 * below(40))!
            let name: String? = below(10) == 0 ? nil : names[below(names.count)]
            let patient: Int64? = below(10) == 0 ? nil : Int64(below(8))
            for _ in 0..<(1 + below(4)) {
                let kind = ChecklistItem.Kind.allCases[below(ChecklistItem.Kind.allCases.count)]
                let appointment: Int64? = below(8) == 0 ? nil : Int64(below(12))
                let enquiry: Int64? = kind == .callbackMade ? Int64(below(5)) : nil
                let subject: ChecklistItemID.Subject = kind == .callbackMade ? .enquiry(enquiry ?? 0)
                    : kind.perSession ? .sessionPatient(session: session ?? 0, patient: patient ?? 0) : .appointment(appointment ?? 0)
                var item = ChecklistItem(id: ChecklistItemID(kind: kind, date: date, subject: subject).description, kind: kind,
                                         completion: below(2) == 0 ? .data : .hand, date: date, siteCode: site, serviceCode: service,
                                         clinicianCode: clinician, sessionID: session,
                                         sessionStart: below(3) == 0 ? nil : start, start: below(4) == 0 ? nil : start.adding(minutes: 10),
                                         appointmentID: appointment, enquiryID: enquiry, patientID: patient, patientName: name,
                                         text: "item \(items.count)")
                item.state = ChecklistItem.State.allCases[below(3)]
                item.urgent = below(4) == 0
                item.notesMissing = below(5) == 0
                items.append(item)
            }
        }
        return items
    }

    @Test("arrange puts random items (runs, repeats, missing values, accents) in the order sorted gives", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func arrangeIsSorted(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let items = Self.randomItems(&rng, count: 50 + Int(rng.next() % 400))
        var arranged = items
        ChecklistRules.arrange(&arranged, marks: [:], filter: ChecklistFilter())
        #expect(arranged == ChecklistRules.sorted(items))
        // Shuffled (no runs to share ranks), and filtered to a site.
        var shuffled = items
        for i in shuffled.indices.reversed() { shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        var again = shuffled
        ChecklistRules.arrange(&again, marks: [:], filter: ChecklistFilter())
        #expect(again == ChecklistRules.sorted(shuffled))
        let site = ChecklistFilter(siteCode: "main")
        var atSite = shuffled
        ChecklistRules.arrange(&atSite, marks: [:], filter: site)
        #expect(atSite == ChecklistRules.sorted(shuffled.filter { site.admits($0) }))
    }

    @Test("ids written as bytes are the ids interpolated", arguments: [
        ChecklistItemID(kind: .attendanceRecorded, date: LocalDate(iso: "2026-11-24")!, subject: .appointment(1234)),
        ChecklistItemID(kind: .notesPrepared, date: LocalDate(iso: "0999-01-05")!, subject: .sessionPatient(session: 0, patient: 9_007_199_254)),
        ChecklistItemID(kind: .callbackMade, date: LocalDate(iso: "2026-12-31")!, subject: .enquiry(Int64.max)),
        ChecklistItemID(kind: .gpLetterSent, date: LocalDate(iso: "2026-01-01")!, subject: .appointment(-42)),
        ChecklistItemID(kind: .notesReturned, date: LocalDate(iso: "2026-06-30")!, subject: .sessionPatient(session: Int64.min, patient: 7)),
    ])
    func idBytes(id: ChecklistItemID) {
        #expect(id.description == id.spelt)
    }
}
