/// Filling a demo database with synthetic patients (never a live one: the
/// command refuses a database that is not marked as a demo).
extension PatientService {
    /// Names every demo database shows, so a newcomer can try the hard cases.
    public static let showcaseNames: [(title: String, family: String, given: String, sex: Sex)] = [
        ("Mr", "O'Brien", "Patrick", .male),
        ("Mrs", "Smith-Jones", "Mary Anne", .female),
        ("Mr", "Ó Súilleabháin", "Seán", .male),
        ("Ms", "Østergaard", "Kirsten", .female),
        ("Mr", "李", "小龙", .male),
        ("Miss", "Evans", "Siân", .female),
        ("Mr", "Smyth", "John", .male),
        ("Mrs", "Thomson", "Margaret", .female),
        ("Mr", "Thompson", "James", .male),
        ("Mrs", "Łukaszewicz", "Zofia", .female),
    ]

    /// Registers `count` synthetic patients numbered from `first` (default: the
    /// next free FD number, so repeated seeds never collide), in
    /// transactions of `batchSize`, with one audit entry for the whole seed.
    /// Returns the number registered.
    @discardableResult
    public func seedDemo(count: Int, seed: UInt64, first: Int? = nil, by user: ActingUser, batchSize: Int = 20_000,
                         progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Int {
        try access.require(.registerPatient, user)
        let population = DemoPopulation(seed: seed, today: today)
        let first = try first ?? patients.nextHospitalNumberValue()
        // Into an empty register no number can already be held.
        let mayCollide = try patients.count() > 0
        var done = 0
        var n = first
        while done < count {
            let size = min(batchSize, count - done)
            var batch: [Patient] = []
            batch.reserveCapacity(size)
            for _ in 0..<size {
                var patient = population.patient(number: n)
                if n <= Self.showcaseNames.count {
                    let show = Self.showcaseNames[n - 1]
                    patient.title = show.title
                    patient.familyName = show.family
                    patient.givenNames = show.given
                    patient.sex = show.sex
                    patient.preferredName = nil
                    patient.previousFamilyNames = []
                }
                batch.append(patient)
                n += 1
            }
            // Another seed's population may already hold some of these NHS numbers:
            // those synthetic patients go without one ("trace required").
            let held = mayCollide
                ? try patients.existing(nhsNumbers: batch.compactMap { $0.nhsNumber?.digits }, hospitalNumbers: []).nhs : []
            if !held.isEmpty {
                for i in batch.indices where batch[i].nhsNumber.map({ held.contains($0.digits) }) == true {
                    batch[i].nhsNumber = nil
                    batch[i].nhsNumberStatus = .traceRequired
                }
            }
            let base = done
            _ = try patients.registerBatch(batch, progress: progress.map { report in
                { @Sendable partial, _ in report(base + partial, count) }
            }) { _, _ in nil }
            done += size
        }
        try audit.append(AuditEntry(occurredAt: clock.now, user: user.login, action: .bulk, patientID: nil,
                                    detail: "demo seed: \(count) synthetic patients from number \(first), seed \(seed)"))
        return count
    }
}
