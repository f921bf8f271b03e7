/// The outcome of importing a file of patients.
public struct ImportReport: Sendable, Hashable {
    public struct Rejected: Sendable, Hashable, Codable {
        public var line: Int
        public var field: String
        public var reason: String
    }
    public struct Duplicate: Sendable, Hashable, Codable {
        public var line: Int
        /// `nhs_number` or `mrn`.
        public var field: String
        public var value: String
        /// The line of the file that already has it, when the clash is within the file.
        public var earlierLine: Int? = nil
    }
    /// A row that looks like a patient already held (or an earlier row): same
    /// date of birth, a similar name. Not imported unless accepted.
    public struct LikelyDuplicate: Sendable, Hashable, Codable {
        public var line: Int
        /// The hospital number of the record held, or nil when it is an earlier row.
        public var mrn: String?
        public var earlierLine: Int?
    }
    public var imported: Int
    public var rejected: [Rejected]
    public var duplicates: [Duplicate]
    public var likelyDuplicates: [LikelyDuplicate]
    /// Header columns that are not patient fields (ignored).
    public var ignoredColumns: [String]

    public var isComplete: Bool { rejected.isEmpty && duplicates.isEmpty && likelyDuplicates.isEmpty }
}

/// Turns CSV records (header first) into validated patients, reporting each bad
/// row with its line number, field and reason.
public struct PatientImport: Sendable {
    public static let columns = ["nhs_number", "mrn", "title", "family_name", "given_names", "date_of_birth", "sex",
                                 "address_line_1", "address_line_2", "town", "postcode", "phone", "email",
                                 "gp_practice_code", "gp_practice_name"]
    public static let requiredColumns = ["family_name", "given_names", "date_of_birth"]

    public struct Row: Sendable { public var line: Int; public var patient: Patient }

    public var rows: [Row] = []
    public var rejected: [ImportReport.Rejected] = []
    public var duplicates: [ImportReport.Duplicate] = []
    public var likelyDuplicates: [ImportReport.LikelyDuplicate] = []
    public var ignoredColumns: [String] = []

    /// Header-level problems (a required column missing) reject the whole file.
    public static func headerProblems(_ header: [String]) -> [FieldError] {
        let names = header.map { normalise($0) }
        return requiredColumns.filter { !names.contains($0) }.map {
            FieldError(field: $0, reason: "column is missing from the header line (required columns: \(requiredColumns.joined(separator: ", ")))")
        }
    }

    static func normalise(_ column: String) -> String {
        column.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "_")
    }

    /// Validates every record after the header. Duplicates within the file are
    /// found here; duplicates of records already held are found by the caller.
    public init(records: [(line: Int, fields: [String])], today: LocalDate) {
        guard let header = records.first else { return }
        let names = header.fields.map { PatientImport.normalise($0) }
        ignoredColumns = names.filter { !PatientImport.columns.contains($0) }
        var seenNHS: [String: Int] = [:], seenMRN: [String: Int] = [:]
        for record in records.dropFirst() {
            var values: [String: String] = [:]
            for (index, name) in names.enumerated() where index < record.fields.count {
                values[name] = record.fields[index]
            }
            if record.fields.count > names.count {
                rejected.append(.init(line: record.line, field: "row", reason: "has \(record.fields.count) fields but the header has \(names.count)"))
                continue
            }
            var fields = PatientFields()
            func value(_ key: String) -> String? {
                guard var v = values[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
                // A spreadsheet cell may hold several lines (an address): join them.
                if v.contains(where: \.isNewline) {
                    let separator = key.hasPrefix("address") ? ", " : " "
                    v = v.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty }.joined(separator: separator)
                }
                return v
            }
            fields.nhsNumber = value("nhs_number")
            fields.mrn = value("mrn")
            fields.title = value("title")
            fields.familyName = value("family_name")
            fields.givenNames = value("given_names")
            fields.dateOfBirth = value("date_of_birth")
            fields.sex = value("sex")
            fields.addressLine1 = value("address_line_1")
            fields.addressLine2 = value("address_line_2")
            fields.town = value("town")
            fields.postcode = value("postcode")
            fields.phones = value("phone").map { [$0] }
            fields.email = value("email")
            fields.gpPracticeCode = value("gp_practice_code")
            fields.gpPracticeName = value("gp_practice_name")
            // The file's date formats are stricter than typing's; a wrong one is
            // reported with the row's other problems (checked on a stand-in date).
            var dateProblem: ImportReport.Rejected?
            if let dob = fields.dateOfBirth, !PatientImport.isImportDate(dob) {
                dateProblem = .init(line: record.line, field: "date_of_birth", reason: "must be YYYY-MM-DD or DD/MM/YYYY")
                fields.dateOfBirth = "1900-01-01"
            }
            switch fields.validated(over: nil, today: today) {
            case .failure(let error):
                var problems = error.errors.map { ImportReport.Rejected(line: record.line, field: $0.field, reason: $0.reason) }
                if let dateProblem { problems.removeAll { $0.field == "date_of_birth" }; problems.insert(dateProblem, at: 0) }
                rejected += problems
            case .success(let patient):
                if let dateProblem { rejected.append(dateProblem); continue }
                if let nhs = patient.nhsNumber?.digits {
                    if let earlier = seenNHS[nhs] {
                        duplicates.append(.init(line: record.line, field: "nhs_number", value: nhs, earlierLine: earlier)); continue
                    }
                    seenNHS[nhs] = record.line
                }
                if !patient.mrn.isEmpty {
                    if let earlier = seenMRN[patient.mrn.uppercased()] {
                        duplicates.append(.init(line: record.line, field: "mrn", value: patient.mrn, earlierLine: earlier)); continue
                    }
                    seenMRN[patient.mrn.uppercased()] = record.line
                }
                rows.append(Row(line: record.line, patient: patient))
            }
        }
    }

    /// The import file's date formats: `1956-03-12` or `12/03/1956`.
    static func isImportDate(_ text: String) -> Bool {
        let c = Array(text)
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { c[$0].isASCII && c[$0].isNumber } }
        if c.count == 10, c[4] == "-", c[7] == "-", digits(0..<4), digits(5..<7), digits(8..<10) { return true }
        if c.count == 10, c[2] == "/", c[5] == "/", digits(0..<2), digits(3..<5), digits(6..<10) { return true }
        return false
    }

    /// Moves rows that look like an earlier row of the file (same date of birth,
    /// similar name, no NHS number to tell them apart) to `likelyDuplicates`.
    public mutating func removeLikelyWithinFile() {
        var byBirth: [LocalDate: [Row]] = [:]
        rows.removeAll { row in
            let ours = DuplicateRule.familyWords(row.patient)
            let earlier = byBirth[row.patient.dateOfBirth, default: []].first { other in
                !(row.patient.nhsNumber != nil && other.patient.nhsNumber != nil)
                    && DuplicateRule.isLikelyDuplicate(ours, row.patient.givenNames, DuplicateRule.familyWords(other.patient), other.patient.givenNames)
            }
            if let earlier {
                likelyDuplicates.append(.init(line: row.line, mrn: nil, earlierLine: earlier.line)); return true
            }
            byBirth[row.patient.dateOfBirth, default: []].append(row)
            return false
        }
    }

    /// Moves rows that look like a record held to `likelyDuplicates` (`held`: by index into `rows`).
    public mutating func removeLikelyHeld(_ held: [Int: PatientSummary]) {
        guard !held.isEmpty else { return }
        var kept: [Row] = []
        for (index, row) in rows.enumerated() {
            if let existing = held[index] {
                likelyDuplicates.append(.init(line: row.line, mrn: existing.mrn, earlierLine: nil))
            } else {
                kept.append(row)
            }
        }
        rows = kept
        likelyDuplicates.sort { $0.line < $1.line }
    }

    /// Moves rows whose NHS or hospital number is already held to `duplicates`.
    public mutating func removeHeld(nhs: Set<String>, mrn: Set<String>) {
        rows.removeAll { row in
            if let n = row.patient.nhsNumber?.digits, nhs.contains(n) {
                duplicates.append(.init(line: row.line, field: "nhs_number", value: n)); return true
            }
            if !row.patient.mrn.isEmpty, mrn.contains(row.patient.mrn.uppercased()) {
                duplicates.append(.init(line: row.line, field: "mrn", value: row.patient.mrn)); return true
            }
            return false
        }
        duplicates.sort { $0.line < $1.line }
    }
}

extension PatientService {
    /// Imports validated rows of a CSV file: every valid, new row lands in one
    /// transaction with an audit row each; the report lists the rest.
    ///
    /// A row that looks like a patient already held, or like an earlier row (same
    /// date of birth, similar name), is reported and left out unless
    /// `acceptLikelyDuplicates`: importing the same file twice adds no one twice.
    public func importPatients(records: [(line: Int, fields: [String])], by user: ActingUser,
                               acceptLikelyDuplicates: Bool = false,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ImportReport {
        try access.require(.importPatients, user)
        if let header = records.first {
            let problems = PatientImport.headerProblems(header.fields)
            if !problems.isEmpty { throw ValidationError(problems) }
        }
        var batch = PatientImport(records: records, today: today)
        let held = try patients.existing(nhsNumbers: batch.rows.compactMap { $0.patient.nhsNumber?.digits },
                                         hospitalNumbers: batch.rows.map { $0.patient.mrn.uppercased() }.filter { !$0.isEmpty })
        batch.removeHeld(nhs: held.nhs, mrn: held.mrn)
        if !acceptLikelyDuplicates {
            batch.removeLikelyWithinFile()
            // A row with an NHS number that is not held is a different person from
            // any record with another NHS number; check the rest against the register.
            batch.removeLikelyHeld(try patients.likelyDuplicates(of: batch.rows.map(\.patient)).filter { index, existing in
                !(batch.rows[index].patient.nhsNumber != nil && existing.nhsNumber != nil)
            })
        }
        let now = clock.now
        let rows = batch.rows
        _ = try patients.registerBatch(rows.map(\.patient), progress: progress) { index, patient in
            AuditEntry(occurredAt: now, user: user.login, action: .register, patientID: patient.id,
                       patientMRN: patient.mrn, detail: "imported (file line \(rows[index].line))")
        }
        return ImportReport(imported: batch.rows.count, rejected: batch.rejected.sorted { $0.line < $1.line },
                            duplicates: batch.duplicates, likelyDuplicates: batch.likelyDuplicates.sorted { $0.line < $1.line },
                            ignoredColumns: batch.ignoredColumns)
    }
}

