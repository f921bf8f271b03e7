import Foundation

/// The kind of value a setting holds, with its rule in words and how typed
/// text becomes the stored form.
public enum SettingType: Sendable, Hashable {
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// `HH:MM-HH:MM`, 24-hour, the start before the end.
    case timeRange
    /// Comma-separated ISO dates `YYYY-MM-DD`, each a real date; may be empty.
    case dateList
    /// Comma-separated `site:YYYY-MM-DD` (a site code, a real date); may be empty.
    case siteDateList

    /// The rule, as a refusal states it.
    public var rule: String {
        switch self {
        case .integer(let range):
            return "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .timeRange:
            return "must be two 24-hour times HH:MM-HH:MM, the start before the end (e.g. 08:30-17:00)"
        case .dateList:
            return "must be dates YYYY-MM-DD separated by commas, each a real date (e.g. 2026-12-25,2026-12-28), or empty for none"
        case .siteDateList:
            return "must be site:YYYY-MM-DD items separated by commas, each a site code and a real date (e.g. hub-north:2026-12-24), or empty for none"
        }
    }

    /// The stored form of `text` (trimmed, leading zeros dropped, times with
    /// two-digit hours, dates sorted without repeats), or nil when it breaks the rule.
    public func normalised(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .integer(let range):
            guard !trimmed.isEmpty, trimmed.count <= 6, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = Int(trimmed), range.contains(number) else { return nil }
            return String(number)
        case .timeRange:
            return OpeningHours(parsing: trimmed)?.text
        case .dateList:
            return Self.dates(trimmed).map { $0.map(\.iso).joined(separator: ",") }
        case .siteDateList:
            return Self.siteDates(trimmed).map { days in
                days.keys.sorted().flatMap { site in days[site]!.sorted().map { "\(site):\($0.iso)" } }.joined(separator: ",")
            }
        }
    }

    /// The days of a site-date list by site code; nil when any item is not `site:YYYY-MM-DD`.
    static func siteDates(_ text: String) -> [String: Set<LocalDate>]? {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if items.allSatisfy(\.isEmpty) { return [:] }
        var days: [String: Set<LocalDate>] = [:]
        for (index, item) in items.enumerated() {
            if item.isEmpty && index == items.count - 1 { continue }
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let date = LocalDate(iso: String(parts[1]).trimmingCharacters(in: .whitespaces)) else { return nil }
            var problems: [FieldError] = []
            let site = DiaryCode.checkCode("site", String(parts[0]), into: &problems)
            guard problems.isEmpty else { return nil }
            days[site, default: []].insert(date)
        }
        return days
    }

    /// The dates of a date list, sorted without repeats; nil when any item is not a real `YYYY-MM-DD` date.
    static func dates(_ text: String) -> [LocalDate]? {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if items.allSatisfy(\.isEmpty) { return [] }
        var dates = Set<LocalDate>()
        for (index, item) in items.enumerated() {
            // A trailing comma is forgiven; an empty item between two dates is not.
            if item.isEmpty && index == items.count - 1 { continue }
            guard let date = LocalDate(iso: item) else { return nil }
            dates.insert(date)
        }
        return dates.sorted()
    }
}

/// The centre's opening hours on a working day, in minutes after midnight.
public struct OpeningHours: Sendable, Hashable, CustomStringConvertible {
    public let opens: Int
    public let closes: Int

    public init?(opens: Int, closes: Int) {
        guard (0..<24 * 60).contains(opens), (0..<24 * 60).contains(closes), opens < closes else { return nil }
        self.opens = opens; self.closes = closes
    }

    /// `08:30-17:00` (also `8:30 - 17:00`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let opens = Self.minutes(parts[0].trimmingCharacters(in: .whitespaces)),
              let closes = Self.minutes(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(opens: opens, closes: closes)
    }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        return hour * 60 + minute
    }

    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    /// The stored form, `08:30-17:00`.
    public var text: String { Self.clock(opens) + "-" + Self.clock(closes) }
    public var description: String { text }
}

/// One setting a manager may change: its key, what it means, its default and
/// its rule. The list is data (`SettingDefinition.all`); the `setting` table
/// holds only the values that were changed.
public struct SettingDefinition: Sendable, Hashable, Identifiable {
    public let key: String
    /// What the setting does, in one line.
    public let summary: String
    public let type: SettingType
    /// The value when nobody has changed it (stored form).
    public let defaultValue: String

    public var id: String { key }
    public var rule: String { type.rule }

    public init(key: String, summary: String, type: SettingType, defaultValue: String) {
        precondition(type.normalised(defaultValue) == defaultValue, "the default of \(key) breaks its own rule")
        self.key = key; self.summary = summary; self.type = type; self.defaultValue = defaultValue
    }

    /// The stored form of `text`, or the refusal naming the setting and its rule.
    public func validated(_ text: String) throws -> String {
        guard let value = type.normalised(text) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            throw ValidationError(field: key, reason: rule + " (got '\(shown)')")
        }
        return value
    }

    /// How a value reads in the audit trail and on screen: the empty list is "(none)".
    public func shown(_ value: String) -> String { value.isEmpty ? "(none)" : value }

    // MARK: The settings

    public static let idleLockMinutes = SettingDefinition(
        key: "idle_lock_minutes",
        summary: "minutes without a key press before the terminal UI locks the screen",
        type: .integer(1...120), defaultValue: "5")
    public static let callbackRoutineWorkingDays = SettingDefinition(
        key: "callback_routine_working_days",
        summary: "working days within which a routine callback is due",
        type: .integer(1...10), defaultValue: "1")
    public static let callbackUrgentWorkingHours = SettingDefinition(
        key: "callback_urgent_working_hours",
        summary: "working hours within which an urgent callback is due",
        type: .integer(1...24), defaultValue: "2")
    public static let openingHours = SettingDefinition(
        key: "opening_hours",
        summary: "the centre's opening hours on a working day (HH:MM-HH:MM)",
        type: .timeRange, defaultValue: "08:30-17:00")
    public static let closureDays = SettingDefinition(
        key: "closure_days",
        summary: "days every site is closed besides weekends (bank holidays, closures), as YYYY-MM-DD",
        type: .dateList, defaultValue: "")

    public static let siteClosureDays = SettingDefinition(
        key: "site_closure_days",
        summary: "days one site is closed while the others open, as site:YYYY-MM-DD (no sessions there)",
        type: .siteDateList, defaultValue: "")

    /// Every setting, in the order they are listed.
    public static let all: [SettingDefinition] = [
        idleLockMinutes, callbackRoutineWorkingDays, callbackUrgentWorkingHours, openingHours, closureDays, siteClosureDays,
    ]

    public static func named(_ key: String) -> SettingDefinition? { all.first { $0.key == key } }
}

/// A setting's value as stored: who changed it last, and when.
public struct StoredSetting: Sendable, Hashable {
    public var value: String
    public var changedBy: String
    public var changedAt: Date
    public init(value: String, changedBy: String, changedAt: Date) {
        self.value = value; self.changedBy = changedBy; self.changedAt = changedAt
    }
}

/// A setting as listed: its definition, the value in force, and the last change.
public struct SettingValue: Sendable, Hashable {
    public var definition: SettingDefinition
    /// The value in force: the stored one when it keeps the rule, else the default.
    public var value: String
    /// The last change, if anyone changed it.
    public var stored: StoredSetting?

    public init(definition: SettingDefinition, stored: StoredSetting?) {
        self.definition = definition
        self.stored = stored
        value = stored.flatMap { definition.type.normalised($0.value) } ?? definition.defaultValue
    }

    public var key: String { definition.key }
    /// True when the value in force differs from the default.
    public var isChanged: Bool { value != definition.defaultValue }
}

/// Every setting's value in force, typed, for the parts of FrontDesk that use them.
public struct Settings: Sendable, Hashable {
    public var values: [SettingValue]

    public init(values: [SettingValue]) { self.values = values }

    /// Every setting at its default.
    public static let defaults = Settings(values: SettingDefinition.all.map { SettingValue(definition: $0, stored: nil) })

    public subscript(_ definition: SettingDefinition) -> String {
        values.first { $0.key == definition.key }?.value ?? definition.defaultValue
    }

    private func integer(_ definition: SettingDefinition) -> Int {
        Int(self[definition]) ?? Int(definition.defaultValue)!
    }

    public var idleLockMinutes: Int { integer(.idleLockMinutes) }
    public var callbackRoutineWorkingDays: Int { integer(.callbackRoutineWorkingDays) }
    public var callbackUrgentWorkingHours: Int { integer(.callbackUrgentWorkingHours) }
    public var openingHours: OpeningHours {
        OpeningHours(parsing: self[.openingHours]) ?? OpeningHours(parsing: SettingDefinition.openingHours.defaultValue)!
    }
    public var closureDays: [LocalDate] { SettingType.dates(self[.closureDays]) ?? [] }
    /// Each site's own closure days (besides `closureDays`, which close every site).
    public var siteClosureDays: [String: Set<LocalDate>] { SettingType.siteDates(self[.siteClosureDays]) ?? [:] }
}
