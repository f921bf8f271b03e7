import Foundation

extension CaseNoteService {
    /// What the demo seeding made.
    public struct DemoReport: Sendable, Hashable {
        public var patients = 0
        public var volumes = 0
        public var electronicOnly = 0
        public var missing = 0
        public var atSecretaries = 0
        public var offsite = 0
        public init() {}
    }

    /// The secretaries' offices the demo's notes wander to.
    static let demoSecretaries = ["Dr Hughes's secretary", "Dr Patel's secretary", "Mr Evans's secretary", "Breast team secretaries",
                                  "Lung MDT coordinator", "Haematology secretaries"]

    /// Realistic case notes for the demo's patients, deterministic for a seed:
    /// about one in eight has none (electronic record only), most have one
    /// volume, some two or three (the older volumes mostly in the off-site
    /// store); the current volume is on its terminal-digit shelf in the
    /// library, or at a secretary's office (about one in twenty), in transit
    /// (one in a hundred) or missing (about one in seventy). Each volume's
    /// history starts when it was opened, years ago, with a later movement when
    /// it is not in the library. One transaction and one audit row.
    public func seedDemo(seed: UInt64, patientIDs: [Int64], by user: ActingUser) throws -> DemoReport {
        try access.require(.manageClinics, user)
        let now = clock.now
        var rng = SplitMix64(seed: seed &+ 0xCA5E_2026)
        func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        return try notes.write { tx in
            var report = DemoReport()
            for id in patientIDs {
                guard let patient = try tx.patient(id: id), try tx.volumes(patientID: id).isEmpty else { continue }
                report.patients += 1
                let roll = below(100)
                let count = roll < 12 ? 0 : roll < 77 ? 1 : roll < 94 ? 2 : 3
                if count == 0 { report.electronicOnly += 1; continue }
                let key = TerminalDigit(patient.mrn)
                let shelf = key.key.map { String($0.prefix(5)) }
                // When each volume was opened: years ago, each later one some months after the one before.
                var openings = [now.addingTimeInterval(-Double(365 + below(3650)) * 86_400)]
                for _ in 1..<count {
                    openings.append(min(openings.last!.addingTimeInterval(Double(200 + below(500)) * 86_400), now.addingTimeInterval(-2 * 86_400)))
                }
                for number in 1...count {
                    let current = number == count
                    let home: CaseNoteLocation = .library(shelf: shelf)
                    var location = home
                    if !current { location = below(2) == 0 ? .offsite : home }
                    else {
                        let where_ = below(1000)
                        if where_ < 14 { location = .missing }
                        else if where_ < 24 { location = .inTransit(to: "library") }
                        else if where_ < 74 { location = .secretary(name: Self.demoSecretaries[below(Self.demoSecretaries.count)]) }
                    }
                    let opened = openings[number - 1]
                    var volume = CaseNoteVolume(patientID: id, patientMRN: patient.mrn, number: number, location: home, movedAt: opened,
                                                movedBy: user.login)
                    volume.id = try tx.insertVolume(volume)
                    try tx.appendMovement(CaseNoteMovement(volumeID: volume.id!, volumeNumber: number, from: nil, to: home,
                                                           by: user.login, at: opened, note: "volume \(number) opened"))
                    if location != home {
                        // An older volume goes off-site a few weeks after the next one is opened.
                        let moved = location == .offsite ? min(openings[number].addingTimeInterval(Double(7 + below(60)) * 86_400), now.addingTimeInterval(-86_400))
                                                         : now.addingTimeInterval(-Double(1 + below(20)) * 86_400 - Double(below(28_800)))
                        try tx.setLocation(volumeID: volume.id!, location, at: moved, by: user.login)
                        try tx.appendMovement(CaseNoteMovement(volumeID: volume.id!, volumeNumber: number, from: home, to: location,
                                                               by: user.login, at: moved,
                                                               note: location.isMissing ? "not on the shelf when pulled for clinic" : nil))
                    }
                    switch location {
                    case .missing: report.missing += 1
                    case .secretary: report.atSecretaries += 1
                    case .offsite: report.offsite += 1
                    default: break
                    }
                    report.volumes += 1
                }
            }
            try tx.appendAudit(AuditEntry(occurredAt: now, user: user.login, action: .bulk, patientID: nil,
                                          detail: "demo case notes: \(report.volumes) volumes for \(report.patients - report.electronicOnly) patients "
                                              + "(\(report.electronicOnly) electronic only, \(report.missing) missing), seed \(seed)"))
            return report
        }
    }
}
