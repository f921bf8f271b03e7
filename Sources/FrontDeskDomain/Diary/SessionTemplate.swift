/// When a clinic is held: a service at a site by a clinician (or resource), on
/// some weekdays, from `start` to `end`, cut into equal slots of
/// `slotMinutes`, each taking `capacity` patients, between `validFrom` and
/// `validTo` (inclusive; open-ended without it). Sessions are generated from
/// templates for a date range (`SessionGeneration`).
///
/// Field names in errors are the snake_case names of the CSV import and JSON:
/// `service`, `site`, `clinician`, `days`, `start`, `end`, `slot_minutes`,
/// `capacity`, `valid_from`, `valid_to`.
public struct SessionTemplate: Sendable, Hashable, Codable {
    /// The store's id, nil until stored.
    public var id: Int64?
    public var serviceCode: String
    public var siteCode: String
    public var clinicianCode: String
    public var weekdays: Set<Weekday>
    public var start: ClockTime
    public var end: ClockTime
    public var slotMinutes: Int
    /// Patients per slot.
    public var capacity: Int
    public var validFrom: LocalDate
    public var validTo: LocalDate?

    /// Stores the values as given; call `validated()` on anything a person typed.
    public init(id: Int64? = nil, serviceCode: String, siteCode: String, clinicianCode: String, weekdays: Set<Weekday>,
                start: ClockTime, end: ClockTime, slotMinutes: Int, capacity: Int = 1,
                validFrom: LocalDate, validTo: LocalDate? = nil) {
        self.id = id; self.serviceCode = serviceCode; self.siteCode = siteCode; self.clinicianCode = clinicianCode
        self.weekdays = weekdays; self.start = start; self.end = end; self.slotMinutes = slotMinutes
        self.capacity = capacity; self.validFrom = validFrom; self.validTo = validTo
    }

    public static let slotMinutesRange = 5...480
    public static let capacityRange = 1...20
    public static let slotMinutesRule = "must be a whole number of minutes from 5 to 480"
    public static let capacityRule = "must be from 1 to 20 patients per slot"

    /// The template with its codes normalised, or every problem at once.
    public func validated() -> Result<SessionTemplate, ValidationError> {
        var errors: [FieldError] = []
        var template = self
        template.serviceCode = DiaryCode.checkCode("service", serviceCode, into: &errors)
        template.siteCode = DiaryCode.checkCode("site", siteCode, into: &errors)
        template.clinicianCode = DiaryCode.checkCode("clinician", clinicianCode, into: &errors)
        SessionTemplate.checkRules(weekdays: weekdays, start: start, end: end, slotMinutes: slotMinutes,
                                   capacity: capacity, validFrom: validFrom, validTo: validTo, into: &errors)
        return errors.isEmpty ? .success(template) : .failure(ValidationError(errors))
    }

    /// The rules between typed values. A nil value was given but did not parse:
    /// its problem is already reported, and rules that need it are skipped.
    static func checkRules(weekdays: Set<Weekday>?, start: ClockTime?, end: ClockTime?, slotMinutes: Int?,
                           capacity: Int?, validFrom: LocalDate?, validTo: LocalDate?, into errors: inout [FieldError]) {
        func fail(_ field: String, _ reason: String) { errors.append(FieldError(field: field, reason: reason)) }
        if let weekdays, weekdays.isEmpty { fail("days", Weekday.listRule) }
        if let start, let end, end <= start { fail("end", "must be after the start (\(start))") }
        if let slotMinutes {
            if !slotMinutesRange.contains(slotMinutes) {
                fail("slot_minutes", slotMinutesRule)
            } else if let start, let end, end > start {
                let length = start.minutes(until: end)
                if slotMinutes > length {
                    fail("slot_minutes", "must not be longer than the session: \(start) to \(end) is \(length) minutes")
                } else if length % slotMinutes != 0 {
                    // Refuse a remainder rather than drop or shorten a slot: the
                    // diary then shows exactly the hours the clinic runs.
                    let slots = length / slotMinutes
                    let shorter = start.adding(minutes: slots * slotMinutes)!
                    var ends = shorter.display
                    if let longer = shorter.adding(minutes: slotMinutes) { ends += " or \(longer)" }
                    fail("slot_minutes", "must divide the session into whole slots: \(start) to \(end) is \(length) minutes, "
                         + "\(length % slotMinutes) over \(slots) slots of \(slotMinutes); end at \(ends) instead, "
                         + "or choose another slot length")
                }
            }
        }
        if let capacity, !capacityRange.contains(capacity) { fail("capacity", capacityRule) }
        if let validFrom, let validTo, validTo < validFrom {
            fail("valid_to", "must not be before valid_from (\(validFrom.display))")
        }
    }

    /// The number of slots in each session.
    public var slotCount: Int { slotMinutes > 0 ? start.minutes(until: end) / slotMinutes : 0 }

    /// The slots of each session, earliest first.
    public var slots: [PlannedSlot] {
        (0..<max(slotCount, 0)).map { index in
            let slotStart = start.adding(minutes: index * slotMinutes)!
            return PlannedSlot(start: slotStart, end: slotStart.adding(minutes: slotMinutes)!, capacity: capacity)
        }
    }

    /// Whether `date` is within `validFrom` ... `validTo`.
    public func isValid(on date: LocalDate) -> Bool {
        date >= validFrom && (validTo.map { date <= $0 } ?? true)
    }

    /// Whether the template asks for a session on `date` (its weekday, within
    /// its validity), before bank holidays and closures are considered.
    public func runs(on date: LocalDate) -> Bool { weekdays.contains(date.weekday) && isValid(on: date) }
}

/// A session template as a person types it (command line, CSV import): every
/// value text, every problem reported at once, parsing and rules together.
public struct SessionTemplateFields: Sendable, Equatable {
    public var service: String
    public var site: String
    public var clinician: String
    /// `mon,wed,fri`, `mon-fri`.
    public var days: String
    /// `09:00`.
    public var start: String
    public var end: String
    public var slotMinutes: String
    public var capacity: String
    /// Any form `LocalDate.parse` reads.
    public var validFrom: String
    /// Empty or nil: open-ended.
    public var validTo: String?

    public init(service: String, site: String, clinician: String, days: String, start: String, end: String,
                slotMinutes: String, capacity: String = "1", validFrom: String, validTo: String? = nil) {
        self.service = service; self.site = site; self.clinician = clinician; self.days = days
        self.start = start; self.end = end; self.slotMinutes = slotMinutes; self.capacity = capacity
        self.validFrom = validFrom; self.validTo = validTo
    }

    public func validated() -> Result<SessionTemplate, ValidationError> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ reason: String) { errors.append(FieldError(field: field, reason: reason)) }
        func time(_ field: String, _ text: String) -> ClockTime? {
            if text.trimmingCharacters(in: .whitespaces).isEmpty { fail(field, "is required"); return nil }
            guard let parsed = ClockTime.parse(text) else { fail(field, ClockTime.rule); return nil }
            return parsed
        }
        func number(_ field: String, _ text: String, rule: String) -> Int? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { fail(field, "is required"); return nil }
            guard trimmed.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(trimmed) else { fail(field, rule); return nil }
            return value
        }
        func date(_ field: String, _ text: String) -> LocalDate? {
            guard let parsed = LocalDate.parse(text) else {
                fail(field, "is not a date: type it as \(LocalDate.acceptedFormats)"); return nil
            }
            return parsed
        }

        let service = DiaryCode.checkCode("service", self.service, into: &errors)
        let site = DiaryCode.checkCode("site", self.site, into: &errors)
        let clinician = DiaryCode.checkCode("clinician", self.clinician, into: &errors)
        let weekdays = Weekday.parseList(self.days)
        if weekdays == nil { fail("days", Weekday.listRule) }
        let start = time("start", self.start)
        let end = time("end", self.end)
        let slotMinutes = number("slot_minutes", self.slotMinutes, rule: SessionTemplate.slotMinutesRule)
        let capacity = number("capacity", self.capacity, rule: SessionTemplate.capacityRule)
        var validFrom: LocalDate?
        if self.validFrom.trimmingCharacters(in: .whitespaces).isEmpty { fail("valid_from", "is required") }
        else { validFrom = date("valid_from", self.validFrom) }
        var validTo: LocalDate?
        if let text = self.validTo, !text.trimmingCharacters(in: .whitespaces).isEmpty { validTo = date("valid_to", text) }
        SessionTemplate.checkRules(weekdays: weekdays, start: start, end: end, slotMinutes: slotMinutes, capacity: capacity,
                                   validFrom: validFrom, validTo: validTo, into: &errors)
        guard errors.isEmpty, let weekdays, let start, let end, let slotMinutes, let capacity, let validFrom else {
            return .failure(ValidationError(errors))
        }
        return .success(SessionTemplate(serviceCode: service, siteCode: site, clinicianCode: clinician, weekdays: weekdays,
                                        start: start, end: end, slotMinutes: slotMinutes, capacity: capacity,
                                        validFrom: validFrom, validTo: validTo))
    }
}
