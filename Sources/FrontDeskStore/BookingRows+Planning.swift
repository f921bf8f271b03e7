import GRDB
import FrontDeskDomain

/// The planner's read of free slots (`PlanningSlotReader`): the partial index of
/// free slots by service, as `freeSlots` walks it, with cached statements, the
/// columns read by position and the service code not read back at all.
extension BookingRows: PlanningSlotReader {
    static let planningColumns = "session_id, date, start_time, end_time, site_code, clinician_code, capacity, booked"

    func freeSlotsForPlanning(serviceCodes: [String], from: LocalDate, notBefore: ClockTime?, through: LocalDate,
                              limit: Int) throws -> [Slot] {
        guard limit > 0 else { return [] }
        let statement = try db.cachedStatement(sql: """
            SELECT id, \(Self.planningColumns)
            FROM slot INDEXED BY slot_free_by_service
            WHERE service_code = ? AND open = 1 AND booked < capacity AND date >= ? AND date <= ?
            ORDER BY date, start_time
            """)
        var found: [Slot] = []
        for code in serviceCodes {
            let service = DiaryCode.normalised(code)
            var reader = PlanningRowReader(service: service, from: from)
            var count = 0
            let cursor = try Row.fetchCursor(statement, arguments: [service, from.iso, through.iso])
            while let row = try cursor.next() {
                let slot = try reader.slot(row)
                if let notBefore, slot.date == from, slot.start < notBefore { continue }
                found.append(slot)
                count += 1
                if count == limit { break }
            }
        }
        return found
    }

    func firstFreeSlotsAtEachTime(serviceCodes: [String], byClinician: Set<String>, from: LocalDate, notBefore: ClockTime?,
                                  through: LocalDate) throws -> [Slot] {
        var found: [Slot] = []
        let keep = Set(byClinician.map(DiaryCode.normalised))
        // Slots earlier today are left out before choosing the first at each time.
        let free = "service_code = ? AND open = 1 AND booked < capacity AND date >= ? AND date <= ? AND (date > ? OR start_time >= ?)"
        for code in serviceCodes {
            let service = DiaryCode.normalised(code)
            let arguments: StatementArguments = [service, from.iso, through.iso, from.iso, notBefore?.display ?? "00:00"]
            var reader = PlanningRowReader(service: service, from: from)
            if keep.contains(service) {
                // A clinician's own slots: few, read whole.
                let all = try db.cachedStatement(sql: "SELECT id, \(Self.planningColumns) FROM slot INDEXED BY slot_free_by_service WHERE \(free)")
                let cursor = try Row.fetchCursor(all, arguments: arguments)
                while let row = try cursor.next() { found.append(try reader.slot(row)) }
                continue
            }
            // Grouped in index order (date, start time: no sort), the other columns
            // from the row with the lowest id (SQLite's rule for a single min()), and
            // every end time of the group to check that they agree.
            let grouped = try db.cachedStatement(sql: """
                SELECT min(id), \(Self.planningColumns), group_concat(end_time)
                FROM slot INDEXED BY slot_free_by_service WHERE \(free)
                GROUP BY date, start_time
                """)
            var mixed: [(String, String)] = []
            let cursor = try Row.fetchCursor(grouped, arguments: arguments)
            while let row = try cursor.next() {
                let slot = try reader.slot(row)
                let ends: String = row[9]
                if slot.start < slot.end && Self.allEqual(ends, to: row[4]) { found.append(slot) } else { mixed.append((row[2], row[3])) }
            }
            // Rare: slots of different lengths (or none) starting together — the lowest id of each end time,
            // every slot with no length.
            let group = try db.cachedStatement(sql: """
                SELECT id, \(Self.planningColumns) FROM slot INDEXED BY slot_free_by_service
                WHERE service_code = ? AND open = 1 AND booked < capacity AND date = ? AND start_time = ? ORDER BY id
                """)
            for (date, start) in mixed {
                var ends = Set<Int>()
                let rows = try Row.fetchCursor(group, arguments: [service, date, start])
                while let row = try rows.next() {
                    let slot = try reader.slot(row)
                    if slot.start < slot.end && !ends.insert(slot.end.minutes).inserted { continue }
                    found.append(slot)
                }
            }
        }
        return found
    }

    /// Whether every item of a comma-separated list equals `item` (stored times have no commas).
    static func allEqual(_ list: String, to item: String) -> Bool {
        let target = Array(item.utf8)
        var i = 0
        for byte in list.utf8 {
            if byte == 44 {                                         // ","
                guard i == target.count else { return false }
                i = 0
            } else {
                guard i < target.count, target[i] == byte else { return false }
                i += 1
            }
        }
        return i == target.count
    }
}

/// Reads `id, session_id, date, start_time, end_time, site_code, clinician_code,
/// capacity, booked` by position; a run of rows on one date parses it once.
struct PlanningRowReader {
    let service: String
    var lastDateText = ""
    var lastDate: LocalDate

    init(service: String, from: LocalDate) { self.service = service; lastDate = from }

    mutating func slot(_ row: Row) throws -> Slot {
        let id: Int64 = row[0]
        let dateText: String = row[2]
        if dateText != lastDateText {
            guard let date = LocalDate(iso: dateText) else { throw StoreError.unreadable(row: id, column: "date") }
            lastDate = date; lastDateText = dateText
        }
        let startText: String = row[3], endText: String = row[4]
        guard let start = Self.time(startText) else { throw StoreError.unreadable(row: id, column: "start_time") }
        guard let end = Self.time(endText) else { throw StoreError.unreadable(row: id, column: "end_time") }
        return Slot(id: id, sessionID: row[1], date: lastDate, start: start, end: end, serviceCode: service,
                    siteCode: row[5], clinicianCode: row[6], capacity: row[7], booked: row[8], open: true)
    }

    /// `HH:MM` read as five bytes (anything else as `ClockTime.parse` reads it).
    static func time(_ text: String) -> ClockTime? {
        var bytes = text.utf8.makeIterator()
        guard text.utf8.count == 5, let a = bytes.next(), let b = bytes.next(), let colon = bytes.next(), let c = bytes.next(),
              let d = bytes.next(), colon == 58, a &- 48 < 10, b &- 48 < 10, c &- 48 < 10, d &- 48 < 10 else {
            return ClockTime.parse(text)
        }
        return ClockTime(hour: Int(a - 48) * 10 + Int(b - 48), minute: Int(c - 48) * 10 + Int(d - 48))
    }
}
