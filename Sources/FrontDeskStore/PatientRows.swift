import Foundation
import GRDB
import FrontDeskDomain

/// Reading and writing patient rows (the `patient` table and its child tables),
/// with cached statements so that bulk loads stay fast.
enum PatientRows {
    // ISO8601DateFormatter is thread-safe once configured.
    nonisolated(unsafe) static let isoFormatter: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()

    static func timestamp(_ date: Date) -> String { isoFormatter.string(from: date) }
    static func date(_ text: String) -> Date? { fastDate(text) ?? isoFormatter.date(from: text) }

    /// `2026-11-30T05:01:53.123Z`, the form `timestamp` writes, read without a
    /// formatter (a list of hundreds of appointments reads one per row; the
    /// formatter costs tens of microseconds a call). Nil for any other form.
    static func fastDate(_ text: String) -> Date? {
        // The string's own bytes when it has them in one piece (no copy); else a copy.
        if let date = text.utf8.withContiguousStorageIfAvailable({ fastDate(bytes: $0) }) { return date }
        return fastDate(bytes: Array(text.utf8.prefix(25)))
    }

    static func fastDate<Bytes: RandomAccessCollection>(bytes: Bytes) -> Date? where Bytes.Element == UInt8, Bytes.Index == Int {
        guard bytes.count == 24 else { return nil }
        guard bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
              bytes[19] == 46, bytes[23] == 90 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let digit = Int(bytes[i]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let millis = number(20, 3),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        // Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second) + Double(millis) / 1000
        return Date(timeIntervalSince1970: seconds)
    }

    /// The derived search columns of a patient.
    struct SearchKeys {
        var familyKey: String
        var givenKey: String
        var familyWords: [String]
        var otherWords: [String]
        var otherJoined: Set<String>
        /// The sounds-like key of each family word, in the same order (`-` for none).
        var familySounds: [String]
        /// Stored form: `KEY/word` for each family word (` SMT/smith -/o BRN/brien `),
        /// so SQL can count the words of a key that do not start with a prefix.
        var storedSounds: String {
            SearchWords.encode(zip(familySounds, familyWords).map { "\($0)/\($1)" })
        }

        /// The distinct keys, for the sounds-like index.
        var distinctSounds: [String] {
            var seen = Set<String>()
            return familySounds.filter { $0 != SearchWords.noSound && seen.insert($0).inserted }
        }

        init(_ patient: Patient) {
            let words = patient.searchWords
            familyKey = NameFolding.key(patient.familyName)
            // given_key sorts by the given names as written: their folded parts in order.
            givenKey = patient.givenNames.split(whereSeparator: { $0.isWhitespace })
                .map { NameFolding.fold(String($0)) }.joined(separator: " ")
            familyWords = words.family
            otherWords = words.other
            otherJoined = words.otherJoined
            familySounds = words.family.map { SoundsLike.key($0) ?? SearchWords.noSound }
        }

        /// Family words not reachable from a `family_key` prefix: every word but
        /// the first and the joined form (a prefix of either is a prefix of `family_key`).
        var laterFamilyWords: [String] {
            Array(familyWords.dropFirst().filter { $0 != familyKey })
        }
    }

    static let insertSQL = """
        INSERT INTO patient (id, mrn, mrn_key, nhs_number, nhs_number_status, title, family_name, given_names,
            preferred_name, date_of_birth, sex, address_line_1, address_line_2, town, postcode, postcode_district,
            email, gp_practice_code, gp_practice_name, next_of_kin_name, next_of_kin_relationship, next_of_kin_phone,
            key_worker, date_of_death, created_at, updated_at, family_key, given_key, family_words, other_words, family_sounds)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let updateSQL = """
        UPDATE patient SET mrn = ?, mrn_key = ?, nhs_number = ?, nhs_number_status = ?, title = ?, family_name = ?,
            given_names = ?, preferred_name = ?, date_of_birth = ?, sex = ?, address_line_1 = ?, address_line_2 = ?,
            town = ?, postcode = ?, postcode_district = ?, email = ?, gp_practice_code = ?, gp_practice_name = ?,
            next_of_kin_name = ?, next_of_kin_relationship = ?, next_of_kin_phone = ?, key_worker = ?, date_of_death = ?,
            updated_at = ?, family_key = ?, given_key = ?, family_words = ?, other_words = ?, family_sounds = ?
        WHERE id = ?
        """

    static func columnValues(_ p: Patient) -> [SQLValue] {
        [.text(p.mrn), .text(p.mrn.uppercased()), .text(p.nhsNumber?.digits), .text(p.nhsNumberStatus.rawValue),
         .text(p.title), .text(p.familyName), .text(p.givenNames), .text(p.preferredName), .text(p.dateOfBirth.iso),
         .text(p.sex.rawValue), .text(p.addressLine1), .text(p.addressLine2), .text(p.town), .text(p.postcode?.value),
         .text(p.postcode?.outward), .text(p.email), .text(p.gpPractice?.code), .text(p.gpPractice?.name),
         .text(p.nextOfKin?.name), .text(p.nextOfKin?.relationship), .text(p.nextOfKin?.phone), .text(p.keyWorker),
         .text(p.dateOfDeath?.iso)]
    }

    static func keyValues(_ keys: SearchKeys) -> [SQLValue] {
        [.text(keys.familyKey), .text(keys.givenKey), .text(SearchWords.encode(keys.familyWords)),
         .text(SearchWords.encode(keys.otherWords)), .text(keys.storedSounds)]
    }

    /// Inserts the patient and its child rows; returns the new id.
    static func insert(_ db: Database, _ p: Patient, at now: Date) throws -> Int64 {
        try insert(db, p, stamp: timestamp(now))
    }

    /// `stamp`: the UTC timestamp text, computed once for a batch.
    static func insert(_ db: Database, _ p: Patient, stamp: String) throws -> Int64 {
        let keys = SearchKeys(p)
        let statement = try db.cachedStatement(sql: insertSQL)
        let given: SQLValue = p.id.map { .int($0) } ?? .null
        try statement.run(db, [given] + columnValues(p) + [.text(stamp), .text(stamp)] + keyValues(keys))
        let id = db.lastInsertedRowID
        try insertChildren(db, p, id: id, keys: keys)
        return id
    }

    static func update(_ db: Database, _ p: Patient, at now: Date) throws {
        guard let id = p.id else { preconditionFailure("update of a patient without id") }
        let keys = SearchKeys(p)
        // The search entries are keyed by word, not by patient: remove the old
        // ones by their keys, read from the row before it changes.
        if let old = try Row.fetchOne(db, sql: "SELECT family_key, given_key, date_of_birth, family_words, other_words, family_sounds FROM patient WHERE id = ?", arguments: [id]) {
            let familyKey: String = old["family_key"]
            let words = SearchWords.decode(old["family_words"]).dropFirst().filter { $0 != familyKey }
                + SearchWords.decode(old["other_words"])
            for word in Set(words) {
                try db.execute(sql: "DELETE FROM patient_name_word WHERE kind IN (1, 2, 3) AND word = ? AND family_key = ? AND patient_id = ?",
                               arguments: [word, familyKey, id])
            }
            let sounds = Set(SearchWords.decode(old["family_sounds"]).map { String($0.prefix { $0 != "/" }) })
            for sound in sounds where sound != SearchWords.noSound {
                try db.execute(sql: "DELETE FROM patient_name_sound WHERE sound = ? AND family_key = ? AND given_key = ? AND date_of_birth = ? AND patient_id = ?",
                               arguments: [sound, familyKey, old["given_key"], old["date_of_birth"], id])
            }
        }
        let statement = try db.cachedStatement(sql: updateSQL)
        try statement.run(db, columnValues(p) + [.text(timestamp(now))] + keyValues(keys) + [.int(id)])
        for table in ["patient_previous_name", "patient_phone", "patient_alert", "patient_accessible_need"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE patient_id = ?", arguments: [id])
        }
        try insertChildren(db, p, id: id, keys: keys)
    }

    static func insertChildren(_ db: Database, _ p: Patient, id: Int64, keys: SearchKeys) throws {
        let dob = p.dateOfBirth.iso
        if !p.previousFamilyNames.isEmpty {
            let s = try db.cachedStatement(sql: "INSERT INTO patient_previous_name (patient_id, position, family_name) VALUES (?, ?, ?)")
            for (i, name) in p.previousFamilyNames.enumerated() { try s.run(db, [.int(id), .int(i), .text(name)]) }
        }
        if !p.phones.isEmpty {
            let s = try db.cachedStatement(sql: "INSERT INTO patient_phone (patient_id, position, number, number_key, kind) VALUES (?, ?, ?, ?, ?)")
            for (i, phone) in p.phones.enumerated() {
                try s.run(db, [.int(id), .int(i), .text(phone.number), .text(phone.key), .text(phone.kind.rawValue)])
            }
        }
        if !p.alerts.isEmpty {
            let s = try db.cachedStatement(sql: "INSERT INTO patient_alert (patient_id, position, kind, note) VALUES (?, ?, ?, ?)")
            for (i, alert) in p.alerts.enumerated() { try s.run(db, [.int(id), .int(i), .text(alert.kind.rawValue), .text(alert.note)]) }
        }
        if !p.accessibleNeeds.isEmpty {
            let s = try db.cachedStatement(sql: "INSERT INTO patient_accessible_need (patient_id, position, need_group, need, language) VALUES (?, ?, ?, ?, ?)")
            for (i, need) in p.accessibleNeeds.enumerated() {
                try s.run(db, [.int(id), .int(i), .text(need.kind.group.rawValue), .text(need.kind.rawValue), .text(need.language)])
            }
        }
        let copied: [SQLValue] = [.text(keys.familyKey), .text(keys.givenKey), .text(dob), .int(id),
                                  .text(SearchWords.encode(keys.familyWords)), .text(SearchWords.encode(keys.otherWords)),
                                  .text(keys.storedSounds), .text(p.postcode?.outward), .text(p.mrn.uppercased())]
        let wordStatement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO patient_name_word (kind, word, family_key, given_key, date_of_birth, patient_id, family_words, other_words, family_sounds, postcode_district, mrn_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for word in keys.laterFamilyWords { try wordStatement.run(db, [.int(1), .text(word)] + copied) }
        for word in keys.otherWords {
            try wordStatement.run(db, [.int(keys.otherJoined.contains(word) ? 3 : 2), .text(word)] + copied)
        }
        let sounds = keys.distinctSounds
        if !sounds.isEmpty {
            let s = try db.cachedStatement(sql: "INSERT OR IGNORE INTO patient_name_sound (sound, family_key, given_key, date_of_birth, patient_id, family_words, other_words, family_sounds, postcode_district, mrn_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for sound in sounds { try s.run(db, [.text(sound)] + copied) }
        }
    }

    /// The whole record with its child rows.
    static func fetch(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> Patient? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM patient WHERE \(condition)", arguments: arguments) else {
            return nil
        }
        let id: Int64 = row["id"]
        let previous = try String.fetchAll(db, sql: "SELECT family_name FROM patient_previous_name WHERE patient_id = ? ORDER BY position", arguments: [id])
        let phones = try Row.fetchAll(db, sql: "SELECT number, number_key, kind FROM patient_phone WHERE patient_id = ? ORDER BY position", arguments: [id])
            .map { PatientPhone(number: $0["number"], key: $0["number_key"], kind: PhoneKind(rawValue: $0["kind"]) ?? .other) }
        let alerts = try Row.fetchAll(db, sql: "SELECT kind, note FROM patient_alert WHERE patient_id = ? ORDER BY position", arguments: [id])
            .map { PatientAlert(kind: AlertKind(rawValue: $0["kind"]) ?? .other, note: $0["note"]) }
        let needs = try Row.fetchAll(db, sql: "SELECT need, language FROM patient_accessible_need WHERE patient_id = ? ORDER BY position", arguments: [id])
            .compactMap { row -> AccessibleNeed? in
                guard let kind = AccessibleNeedKind(rawValue: row["need"]) else { return nil }
                return AccessibleNeed(kind: kind, language: row["language"])
            }
        let nhsDigits: String? = row["nhs_number"]
        let gpCode: String? = row["gp_practice_code"]
        let kinName: String? = row["next_of_kin_name"]
        let postcode: String? = row["postcode"]
        let death: String? = row["date_of_death"]
        var patient = Patient(
            id: id, mrn: row["mrn"], nhsNumber: nhsDigits.map { NHSNumber(stored: $0) },
            nhsNumberStatus: NHSNumberStatus(rawValue: row["nhs_number_status"]) ?? .traceRequired,
            title: row["title"], familyName: row["family_name"], givenNames: row["given_names"],
            preferredName: row["preferred_name"], previousFamilyNames: previous,
            dateOfBirth: try storedDate(row, "date_of_birth", id: id), sex: Sex(rawValue: row["sex"]) ?? .unknown,
            addressLine1: row["address_line_1"], addressLine2: row["address_line_2"], town: row["town"],
            postcode: postcode.map { Postcode(stored: $0) }, phones: phones, email: row["email"],
            gpPractice: gpCode.map { GPPractice(code: $0, name: row["gp_practice_name"]) },
            nextOfKin: kinName.map { NextOfKin(name: $0, relationship: row["next_of_kin_relationship"], phone: row["next_of_kin_phone"]) },
            keyWorker: row["key_worker"], dateOfDeath: try death.map { _ in try storedDate(row, "date_of_death", id: id) },
            alerts: alerts, accessibleNeeds: needs)
        if let restriction = try Row.fetchOne(db, sql: "SELECT * FROM patient_restriction WHERE patient_id = ?", arguments: [id]) {
            patient.restriction = Restriction(reason: restriction["reason"], restrictedBy: restriction["restricted_by"],
                                              restrictedAt: date(restriction["restricted_at"]) ?? Date(timeIntervalSince1970: 0))
        }
        patient.mergedDuplicates = try String.fetchAll(db, sql: """
            SELECT p.mrn FROM patient_merge m JOIN patient p ON p.id = m.duplicate_id WHERE m.kept_id = ? ORDER BY m.merged_at, p.id
            """, arguments: [id])
        return patient
    }

    static let summaryColumns = """
        id, mrn, nhs_number, title, family_name, given_names, date_of_birth, sex, postcode, date_of_death,
        EXISTS (SELECT 1 FROM patient_restriction r WHERE r.patient_id = patient.id) AS restricted
        """

    /// A list row. A restricted record comes out masked here, so no list,
    /// dialog or error can show more than its hospital number.
    static func summary(_ row: Row, match: MatchTier) throws -> PatientSummary {
        let nhsDigits: String? = row["nhs_number"]
        let summary = PatientSummary(
            id: row["id"], mrn: row["mrn"], nhsNumber: nhsDigits.map { NHSNumber(stored: $0) }, title: row["title"],
            familyName: row["family_name"], givenNames: row["given_names"],
            dateOfBirth: try storedDate(row, "date_of_birth", id: row["id"]), sex: Sex(rawValue: row["sex"]) ?? .unknown,
            postcode: row["postcode"], match: match,
            dateOfDeath: row["date_of_death"] == nil ? nil : try storedDate(row, "date_of_death", id: row["id"]))
        return (row["restricted"] as Bool? ?? false) ? summary.masked() : summary
    }

    /// A stored date, or a clear error naming the row and column (never a crash).
    static func storedDate(_ row: Row, _ column: String, id: Int64) throws -> LocalDate {
        let text: String? = row[column]
        guard let text, let date = LocalDate(iso: text) else { throw StoreError.unreadable(row: id, column: column) }
        return date
    }
}

extension PatientRows {
    /// Whether this person opened the patient's record with a break-glass reason since `since` (`RecordOpening`).
    static func brokeGlass(_ db: Database, patientID: Int64, user: String, since: Date) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT 1 FROM audit_event WHERE action = 'break_glass' AND patient_id = ? AND user_login = ? AND occurred_at >= ? LIMIT 1
            """, arguments: [patientID, user, timestamp(since)]) ?? false
    }
}
