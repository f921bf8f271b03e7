import Foundation
import FrontDeskDomain

/// A one-line question in the checklist pane: why an item is deferred or a
/// mark taken back, or the confirmation of a sign-off (no words asked).
public struct ChecklistPrompt: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case deferItem, clear, signOff }
    public var kind: Kind
    /// The item asked about (defer, clear).
    public var itemID: String?
    /// The marked items asked about (defer, clear), in the list's order: when there are any, `itemID` is nil.
    public var itemIDs: [String] = []
    public var input = TextField()
    public var error: String?
    /// The question, in words.
    public var title: String
    public init(_ kind: Kind, itemID: String? = nil, itemIDs: [String] = [], title: String) {
        self.kind = kind; self.itemID = itemID; self.itemIDs = itemIDs; self.title = title
    }
    public var asksWords: Bool { kind != .signOff }
}

/// What the domain refused, in a box under the list until the next key that
/// moves on: a sign-off (the outstanding items), or the marked items a mark
/// could not be made on (each with why).
public struct ChecklistRefusal: Hashable, Sendable {
    public var message: String
    /// The items outstanding (a sign-off refused).
    public var outstanding: [ChecklistItem]
    /// The box's title and its lines (wrapped to the box).
    public var title: String
    public var lines: [String]

    /// A sign-off refused while items are outstanding.
    public init(message: String, outstanding: [ChecklistItem]) {
        self.message = message; self.outstanding = outstanding
        title = "Not signed off: \(outstanding.count) outstanding (Esc closes)"
        lines = [outstanding.map { "\($0.id) \($0.kind.label)" }.joined(separator: ", ")]
    }

    /// Marked items refused: each with the domain's words.
    public init(title: String, refused: [String]) {
        message = title; outstanding = []; self.title = title; lines = refused
    }
}

/// One line of the checklist as the pane lists it: a section's heading, a
/// clinic, a patient, or an item (only items are chosen).
public enum ChecklistLine: Hashable, Sendable {
    case section(String, ChecklistProgress, urgent: Bool)
    case clinic(String, ChecklistProgress)
    case patient(String, ChecklistProgress)
    case item(ChecklistItem)

    public var item: ChecklistItem? { if case .item(let item) = self { return item }; return nil }
}

/// The checklist pane (F6): the end-of-day checklist of a date, narrowed by
/// site, service and clinician (typed like the clinics pane's filters), its
/// items grouped by clinic and patient with their progress, ticked, deferred
/// and signed off. The keys are in AppState+Checklist.swift.
public struct ChecklistPaneState: Hashable, Sendable, DiaryFilterPane {
    /// Where the keys go: the list, or one of the filter fields.
    public typealias Focus = DiaryFilterFocus

    public var focus: Focus = .list
    /// Blank: today.
    public var date = TextField()
    public var site = TextField()
    public var service = TextField()
    public var clinician = TextField()
    /// The field whose value was refused (drawn with ✗; the message line says why).
    public var errorField: Focus?

    /// The checklist shown; its lines and items are worked out once, when it arrives.
    public var checklist: Checklist? {
        didSet { lines = Self.lines(checklist, outstandingOnly: outstandingOnly); items = lines.compactMap(\.item) }
    }
    /// Only the items still to do are listed (A toggles): at the end of the day, what is left among thousands done.
    /// Headings keep the whole progress.
    public var outstandingOnly = false {
        didSet { lines = Self.lines(checklist, outstandingOnly: outstandingOnly); items = lines.compactMap(\.item) }
    }
    public private(set) var lines: [ChecklistLine] = []
    /// The items in the order the lines list them (the selection moves among these).
    public private(set) var items: [ChecklistItem] = []
    /// Whether the date and site shown is signed off (and its frozen report stands).
    public var signOff = ChecklistSignOffState.notAsked
    /// The sign-off of the date and site shown, when there is one whose report stands.
    public var signedOff: ChecklistSignOff? { signOff.signOff }
    public var generation = 0
    public var shownGeneration = 0
    public var failure: String?
    /// The selection, among the items (headings are not chosen).
    public var position = ListPosition()
    /// The ids of the marked items (Space): x, D and u act on all of them.
    public var marked: Set<String> = []
    /// The first line drawn.
    public var top = 0
    public var prompt: ChecklistPrompt?
    /// The last sign-off refused, shown until the next key that moves on.
    public var refusal: ChecklistRefusal?
    /// A mark, sign-off or export sent and not answered yet.
    public var saving = false
    /// After a mark the list is read again with the item settled further down:
    /// the selection stays where it was (on the next item to do) instead of following it.
    public var holdPosition = false
    /// Where Esc goes.
    public var returnsTo: PaneID = .lookup
    /// The date and site fields have been given today and the desk's site.
    public var prepared = false
    /// The day the date field was given by default: while left as it was, it follows
    /// today (a desk left open overnight shows the new day's checklist).
    public var givenDay: LocalDate?
    public init() {}

    public var isTyping: Bool { focus != .list || (prompt?.asksWords ?? false) }
    public var isLoading: Bool { generation != shownGeneration }

    /// The lines drawn: the urgent prescriptions first (they delay treatment),
    /// then the day being closed (its clinics and callbacks), then the
    /// preparation of the days up to the next working day; within each, the
    /// domain's groups (clinics, then patients, outstanding first).
    static func lines(_ checklist: Checklist?, outstandingOnly: Bool = false) -> [ChecklistLine] {
        guard let checklist else { return [] }
        let groups = checklist.groups
        func isUrgent(_ group: ChecklistClinicGroup) -> Bool {
            group.patients.contains { $0.items.contains { $0.urgent && $0.state == .outstanding } }
        }
        var lines: [ChecklistLine] = []
        func add(_ list: [ChecklistClinicGroup]) {
            for group in list where !outstandingOnly || group.progress.outstanding > 0 {
                lines.append(.clinic(group.key.title, group.progress))
                for patient in group.patients where !outstandingOnly || patient.progress.outstanding > 0 {
                    let who = [patient.patientName, patient.patientMRN].compactMap { $0 }.joined(separator: " ")
                    lines.append(.patient(who.isEmpty ? "no patient" : who, patient.progress))
                    lines += patient.items.filter { !outstandingOnly || $0.state == .outstanding }.map(ChecklistLine.item)
                }
            }
        }
        let urgent = groups.filter(isUrgent)
        if !urgent.isEmpty {
            lines.append(.section("URGENT: prescriptions not screened for the coming treatment",
                                  ChecklistProgress(urgent.flatMap { $0.patients.flatMap(\.items) }), urgent: true))
            add(urgent)
        }
        let day = groups.filter { $0.key.section != .preparation }
        lines.append(.section("Closing \(AppState.dayText(checklist.date))",
                              ChecklistProgress(checklist.items.filter { $0.section != .preparation }), urgent: false))
        add(day)
        let preparing = groups.filter { $0.key.section == .preparation && !isUrgent($0) }
        lines.append(.section("Preparing " + checklist.preparationDates.map(AppState.dayText).joined(separator: ", ")
                              + (urgent.isEmpty ? "" : " (urgent ones above)"), checklist.progress(of: .preparation), urgent: false))
        add(preparing)
        return lines
    }

    public var selected: ChecklistItem? {
        return items.indices.contains(position.selected) ? items[position.selected] : nil
    }

    /// The marked items, in the list's order.
    public var markedItems: [ChecklistItem] { marked.isEmpty ? [] : items.filter { marked.contains($0.id) } }
}

// MARK: - Words

public enum ChecklistWords {
    /// The state in words: `outstanding`, `done by clerk1 at 16:05`, `deferred by clerk1: notes missing…`.
    public static func state(_ item: ChecklistItem, today: LocalDate) -> String {
        item.settledWords { " at " + EnquiryWords.moment($0, today: today) }
    }

    /// `3 items`, `1 item`.
    public static func items(_ count: Int) -> String { "\(count) item\(count == 1 ? "" : "s")" }

    /// What a mark on the marked items did, in words: `2 ticked; 1 can't be ticked
    /// (attendance recorded — record it, or defer)`; `listed`: the items as
    /// the pane had them, for what the refused ones are.
    public static func report(_ report: ChecklistMarkReport, listed: [ChecklistItem]) -> String {
        let done = report.succeeded.count
        var parts: [String]
        switch report.marking {
        case .tick: parts = ["\(done) ticked"]
        case .deferItem: parts = ["\(done) deferred"]
        case .clear: parts = ["\(done) mark\(done == 1 ? "" : "s") taken back"]
        }
        let kinds = Dictionary(listed.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var refused = report.failed
        if report.marking == .tick {
            // Items the data completes are never ticked: said with what to do instead.
            let data = refused.filter { kinds[$0.itemID]?.completion == .data }
            if !data.isEmpty {
                var labels: [String] = []
                for outcome in data { if let label = kinds[outcome.itemID]?.kind.label, !labels.contains(label) { labels.append(label) } }
                // The data completes them: recorded where they happen, or deferred.
                parts.append("\(data.count) can't be ticked (\(labels.joined(separator: ", ")) — record "
                             + (data.count == 1 ? "it" : "them") + ", or defer)")
                refused.removeAll { outcome in data.contains { $0.itemID == outcome.itemID } }
            }
        }
        if !refused.isEmpty { parts.append("\(refused.count) refused") }
        return parts.joined(separator: "; ")
    }

    /// The title of the box that lists the marked items refused: `Not ticked: 1 of 3, still marked (Esc closes)`.
    public static func refusedTitle(_ report: ChecklistMarkReport) -> String {
        let what: String
        switch report.marking {
        case .tick: what = "Not ticked"
        case .deferItem: what = "Not deferred"
        case .clear: what = "Marks not taken back"
        }
        return "\(what): \(report.failed.count) of \(report.outcomes.count), still marked (Esc closes)"
    }

    /// How an item is completed, for the line under the list.
    public static func completion(_ item: ChecklistItem) -> String {
        switch item.completion {
        case .hand: return "ticked by hand (x)"
        case .data: return "completes itself from the data; it can only be deferred (D)"
        }
    }

    /// The command that prints the same checklist, for a file: `frontdesk checklist --date 2026-11-24 --site main > …`.
    public static func command(_ date: LocalDate, _ filter: ChecklistFilter) -> String {
        var words = ["frontdesk checklist --date \(date.iso)"]
        if let site = filter.siteCode { words.append("--site \(site)") }
        if let service = filter.serviceCode { words.append("--service \(service)") }
        if let clinician = filter.clinicianCode { words.append("--clinician \(clinician)") }
        return words.joined(separator: " ") + " > " + ChecklistExport.fileName(date, filter)
    }
}
