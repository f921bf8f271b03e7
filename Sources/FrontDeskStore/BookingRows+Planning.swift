import GRDB
import FrontDeskDomain

/// The planner's read of free slots (`PlanningSlotReader`): the partial index of
/// free slots by service, as `freeSlots` walks it, with one cached statement,
/// the columns read by position and the service code not read back at all.
extension BookingRows: PlanningSlotReader {
    func freeSlotsForPlanning(serviceCodes: [String], from: LocalDate, notBefore: ClockTime?, through: LocalDate,
                              limit: Int) throws -> [Slot] {
        guard limit > 0 else { return [] }
        let statement = try db.cachedStatement(sql: """
            SELECT id, session_id, date, start_time, end_time, site_code, clinician_code, capacity, booked
            FROM slot INDEXED BY slot_free_by_service
            WHERE service_code = ? AND open = 1 AND booked < capacity AND date >= ? AND date <= ?
            ORDER BY date, start_time
            """)
        var found: [Slot] = []
        for code in serviceCodes {
            let service = DiaryCode.normalised(code)
            var count = 0
            var lastDateText = "", lastDate = from
            let cursor = try Row.fetchCursor(statement, arguments: [service, from.iso, through.iso])
            while let row = try cursor.next() {
                let id: Int64 = row[0]
                let dateText: String = row[2]
                if dateText != lastDateText {
                    guard let date = LocalDate(iso: dateText) else { throw StoreError.unreadable(row: id, column: "date") }
                    lastDate = date; lastDateText = dateText
                }
                let startText: String = row[3], endText: String = row[4]
                guard let start = ClockTime.parse(startText) else { throw StoreError.unreadable(row: id, column: "start_time") }
                guard let end = ClockTime.parse(endText) else { throw StoreError.unreadable(row: id, column: "end_time") }
                if let notBefore, lastDate == from, start < notBefore { continue }
                found.append(Slot(id: id, sessionID: row[1], date: lastDate, start: start, end: end, serviceCode: service,
                                  siteCode: row[5], clinicianCode: row[6], capacity: row[7], booked: row[8], open: true))
                count += 1
                if count == limit { break }
            }
        }
        return found
    }
}
