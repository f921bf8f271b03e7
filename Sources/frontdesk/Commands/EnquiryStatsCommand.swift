import ArgumentParser
import Foundation
import FrontDeskDomain

/// `frontdesk enquiry stats --from D --to D`: counts of the enquiries received
/// in a range of days (managers: the audit-reports permission).
struct EnquiryStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Counts of enquiries received in a range of days: by category, caller type and outcome; late and overdue callbacks.",
        discussion: """
            Outcome, from each enquiry's history (the furthest it went): still_open (not closed now), escalated, \
            referred, callback (a callback was promised), resolved_at_first_contact (closed when logged). Callbacks: \
            made (called-back lines), late (made after the time last promised) with the working minutes late \
            (opening hours of working days), and overdue (still awaited, due time passed). Needs permission \
            read_audit_reports (managers). Counts only: no patient is named, nothing is audited.
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "First day the enquiries were received (12/03/2026, 2026-03-12, today…).") var from: DateArgument
    @Option(help: "Last day (inclusive).") var to: DateArgument

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            let first = try from.date("from", today: today), last = try to.date("to", today: today)
            let stats = try context.enquiries.stats(from: first, to: last, by: context.user)
            if output.json {
                print(encodeJSON(StatsJSON(stats)))
            } else {
                EnquiryStatsText.lines(stats).forEach { print($0) }
            }
        }
    }

    struct StatsJSON: JSONObject {
        struct Callbacks: JSONObject {
            var made: Int; var late: Int; var late_working_minutes: Int; var longest_late_working_minutes: Int; var overdue: Int
        }
        var from: String; var to: String; var total: Int
        /// Every category, caller type and outcome, with 0 for none.
        var by_category: [String: Int]; var by_caller_type: [String: Int]; var by_outcome: [String: Int]
        var callbacks: Callbacks

        init(_ s: EnquiryStats) {
            from = s.from.iso; to = s.to.iso; total = s.total
            by_category = Dictionary(uniqueKeysWithValues: Enquiry.Category.allCases.map { ($0.rawValue, s.byCategory[$0] ?? 0) })
            by_caller_type = Dictionary(uniqueKeysWithValues: Enquiry.CallerType.allCases.map { ($0.rawValue, s.byCallerType[$0] ?? 0) })
            by_outcome = Dictionary(uniqueKeysWithValues: EnquiryStats.Outcome.allCases.map { ($0.rawValue, s.byOutcome[$0] ?? 0) })
            callbacks = Callbacks(made: s.callbacksMade, late: s.callbacksLate, late_working_minutes: s.lateWorkingMinutes,
                                  longest_late_working_minutes: s.longestLateWorkingMinutes, overdue: s.callbacksOverdue)
        }
    }
}

enum EnquiryStatsText {
    static func lines(_ s: EnquiryStats) -> [String] {
        func words(_ raw: String) -> String { raw.replacingOccurrences(of: "_", with: " ") }
        func table<T>(_ title: String, _ cases: [T], _ counts: [T: Int], _ label: (T) -> String) -> [String] {
            [title] + cases.map { "  " + TextOutput.pad(label($0), 34) + String(counts[$0] ?? 0) }
        }
        func duration(_ minutes: Int) -> String { "\(minutes / 60)h \(minutes % 60)m" }
        var lines = ["Enquiries received \(s.from.display) to \(s.to.display): \(s.total)"]
        lines += table("By category:", Enquiry.Category.allCases, s.byCategory) { words($0.rawValue) }
        lines += table("By caller type:", Enquiry.CallerType.allCases, s.byCallerType) { words($0.rawValue) }
        lines += table("By outcome:", EnquiryStats.Outcome.allCases, s.byOutcome) { $0.label }
        var callbacks = "Callbacks: \(s.callbacksMade) made, \(s.callbacksLate) late"
        if s.callbacksLate > 0 {
            callbacks += " (\(duration(s.lateWorkingMinutes)) of working time in all, the longest \(duration(s.longestLateWorkingMinutes)))"
        }
        lines.append(callbacks + ", \(s.callbacksOverdue) overdue now.")
        return lines
    }
}
