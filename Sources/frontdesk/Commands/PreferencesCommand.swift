import ArgumentParser
import Foundation
import FrontDeskDomain

/// `patient preferences`: when a patient can come, for planning courses.
struct PatientPreferences: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preferences",
        abstract: "Show or set when a patient can come (days, times, dates away): every course plan honours them.",
        discussion: "With no option, shows them. Each option given replaces that part; --clear removes them all. "
            + "Changes are audited.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @Option(name: .customLong("unavailable-days"), help: "Days the patient cannot come: mon,fri or sat-sun (\"\" for none).")
    var unavailableDays: String?
    @Option(name: .customLong("not-before"), help: "No appointment starting before this time, e.g. 10:00 (\"\" for none).")
    var notBefore: String?
    @Option(name: .customLong("not-after"), help: "Every appointment finished by this time, e.g. 15:30 (\"\" for none).")
    var notAfter: String?
    @Option(help: "Dates away, e.g. 2026-12-20..2027-01-03,2027-02-14 (\"\" for none).") var away: String?
    @Flag(help: "Remove every preference.") var clear = false
    @OptionGroup var restricted: RestrictedReason

    func run() throws {
        try reporting(json: output.json) {
            let why = try restricted.parsed()
            let context = try Context.open(global)
            let sequence = context.sequence
            var (person, preferences) = try sequence.preferences(patient: patient, reason: why, by: context.user)
            let changing = clear || [unavailableDays, notBefore, notAfter, away].contains { $0 != nil }
            if changing {
                if clear && [unavailableDays, notBefore, notAfter, away].contains(where: { $0 != nil }) {
                    throw BookingError(field: "clear", "removes every preference: give it alone")
                }
                // Each option replaces its part of the preferences as they are when written.
                (person, preferences) = try sequence.changePreferences(patient: patient, reason: why, by: context.user) { current in
                    var fields = clear ? BookingPreferences.Fields() : current
                    if let unavailableDays { fields.unavailableDays = unavailableDays }
                    if let notBefore { fields.notBefore = notBefore }
                    if let notAfter { fields.notAfter = notAfter }
                    if let away { fields.away = away }
                    return fields
                }
            }
            if output.json {
                struct Out: JSONObject {
                    var patient: String; var unavailable_days: [String]; var not_before: String?; var not_after: String?
                    var away: [[String]]; var summary: String
                }
                print(encodeJSON(Out(patient: person.mrn, unavailable_days: preferences.unavailableWeekdays.sorted().map(\.short),
                                     not_before: preferences.notBefore?.display, not_after: preferences.notAfter?.display,
                                     away: preferences.unavailableDates.map { [$0.from.iso, $0.through.iso] },
                                     summary: preferences.summary)))
            } else {
                print("Booking preferences of \(BookingText.patient(person)): \(preferences.summary)")
            }
        }
    }
}
