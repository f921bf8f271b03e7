import Foundation
import FrontDeskDomain

/// What the checklist pane (F6) asks of the domain (one effect, `.checklist`),
/// each through `ChecklistService` with the acting user.
public enum ChecklistCall: Hashable, Sendable {
    /// The checklist of a date and filter, with the sign-off of that date and site when there is one.
    case generate(generation: Int, date: LocalDate, ChecklistFilter)
    /// Ticks a hand item done.
    case tick(item: String)
    /// Defers an item, saying why.
    case deferItem(item: String, reason: String)
    /// Takes back a mistaken tick or deferral, saying why.
    case clear(item: String, reason: String)
    /// The same mark on several items (the marked ones, in the list's order), each through the domain as for one.
    case markAll(ChecklistMarking, items: [String])
    /// Signs off a date for a site (officers).
    case signOff(date: LocalDate, site: String)
    /// Writes the checklist as plain text (as `frontdesk checklist` prints it) to a file.
    case export(date: LocalDate, ChecklistFilter)
    /// For a manager: the dates and sites in a range with clinics and no sign-off.
    case unsigned(from: LocalDate, to: LocalDate)
}

/// A mark made on every marked item at once (Space marks them): x, D or u.
public enum ChecklistMarking: Hashable, Sendable {
    case tick
    case deferItem(reason: String)
    case clear(reason: String)
}

/// What a mark on several items did: each item as it now stands, or the domain's refusal in words.
public struct ChecklistMarkReport: Hashable, Sendable {
    public struct Outcome: Hashable, Sendable {
        public var itemID: String
        /// The item as it now stands (marked).
        public var item: ChecklistItem?
        /// Why the domain refused it.
        public var failure: String?
        public init(itemID: String, item: ChecklistItem? = nil, failure: String? = nil) {
            self.itemID = itemID; self.item = item; self.failure = failure
        }
    }
    public var marking: ChecklistMarking
    public var outcomes: [Outcome]
    public init(marking: ChecklistMarking, outcomes: [Outcome]) { self.marking = marking; self.outcomes = outcomes }
    public var succeeded: [Outcome] { outcomes.filter { $0.failure == nil } }
    public var failed: [Outcome] { outcomes.filter { $0.failure != nil } }
}

/// Whether the date and site a checklist shows is signed off, as the pane says it.
public enum ChecklistSignOffState: Hashable, Sendable {
    /// Not asked: a day is signed off for a whole site, and none is chosen (or a service or clinician narrows it).
    case notAsked
    case notSignedOff
    case signedOff(ChecklistSignOff)
    /// Signed off, but the frozen report fails its check (altered since it was
    /// signed off): the domain's words. The day is signed off all the same.
    case reportFailsCheck(String)

    /// The sign-off, when there is one whose report stands.
    public var signOff: ChecklistSignOff? { if case .signedOff(let signed) = self { return signed }; return nil }
    public var isReportFailing: Bool { if case .reportFailsCheck = self { return true }; return false }
}

/// The answers to `ChecklistCall`.
public enum ChecklistAnswer: Hashable, Sendable {
    case checklist(generation: Int, Checklist, signOff: ChecklistSignOffState)
    /// An item ticked, deferred or cleared, as it now stands.
    case marked(ChecklistItem)
    /// The marked items ticked, deferred or cleared, and those refused.
    case markedAll(ChecklistMarkReport)
    case signedOff(ChecklistSignOff)
    /// The sign-off refused because items are outstanding: the domain's words and the items.
    case signOffRefused(message: String, outstanding: [ChecklistItem])
    /// The file written.
    case exported(path: String, items: Int)
    /// The dates and sites not signed off in the range asked.
    case unsigned(from: LocalDate, to: LocalDate, [ChecklistDaySite])
}

/// Where the pane's print/export writes, and how the checklist is written:
/// the executable gives the command line's own text layout and the user's home.
public struct ChecklistExport: Sendable {
    public var directory: URL
    public var text: @Sendable (Checklist) -> String
    public init(directory: URL, text: @escaping @Sendable (Checklist) -> String) {
        self.directory = directory; self.text = text
    }

    /// `frontdesk-checklist-2026-11-24-main.txt`.
    public static func fileName(_ date: LocalDate, _ filter: ChecklistFilter) -> String {
        "frontdesk-checklist-" + ([date.iso] + [filter.siteCode, filter.serviceCode, filter.clinicianCode].compactMap { $0 })
            .joined(separator: "-") + ".txt"
    }
}

extension PatientDesk {
    static let checklistNotAvailable = "the checklist is not available here"

    func checklistService() throws -> ChecklistService {
        guard let checklist else { throw DeskFailure(message: Self.checklistNotAvailable) }
        return checklist
    }

    public func checklistDesk(_ call: ChecklistCall) throws -> ChecklistAnswer {
        let service = try checklistService()
        switch call {
        case .generate(let generation, let date, let filter):
            let list = try service.generate(date: date, filter: filter, by: user)
            // Only a whole site is signed off: with a site and no narrower filter, say whether it is.
            var signOff = ChecklistSignOffState.notAsked
            if let site = filter.siteCode, filter.serviceCode == nil, filter.clinicianCode == nil {
                do {
                    signOff = .signedOff(try service.signedOff(date: date, site: site, by: user))
                } catch let none as ChecklistError where none.kind == .notFound && none.field == "date" {
                    signOff = .notSignedOff
                } catch let altered as ChecklistError where altered.field == "report" {
                    // Signed off, and its report altered since: said, never taken for a day not signed off.
                    signOff = .reportFailsCheck(altered.description)
                }
            }
            return .checklist(generation: generation, list, signOff: signOff)
        case .unsigned(let from, let to):
            return .unsigned(from: from, to: to, try service.notSignedOff(from: from, to: to, by: user))
        case .tick(let item):
            return .marked(try service.tick(item: item, by: user))
        case .deferItem(let item, let reason):
            return .marked(try service.deferItem(item: item, reason: reason, by: user))
        case .clear(let item, let reason):
            return .marked(try service.clearMark(item: item, reason: reason, by: user))
        case .markAll(let marking, let items):
            var outcomes: [ChecklistMarkReport.Outcome] = []
            for id in items {
                do {
                    let item: ChecklistItem
                    switch marking {
                    case .tick: item = try service.tick(item: id, by: user)
                    case .deferItem(let reason): item = try service.deferItem(item: id, reason: reason, by: user)
                    case .clear(let reason): item = try service.clearMark(item: id, reason: reason, by: user)
                    }
                    outcomes.append(.init(itemID: id, item: item))
                } catch let words as ValidationError where words.errors.contains(where: { $0.field == "reason" }) {
                    // One reason for every item, refused before anything was marked: asked again.
                    throw words
                } catch {
                    outcomes.append(.init(itemID: id, failure: DeskFailure(error).message))
                }
            }
            return .markedAll(ChecklistMarkReport(marking: marking, outcomes: outcomes))
        case .signOff(let date, let site):
            do {
                return .signedOff(try service.signOff(date: date, site: site, by: user))
            } catch let refusal as ChecklistError where !refusal.outstanding.isEmpty {
                return .signOffRefused(message: refusal.description, outstanding: refusal.outstanding)
            }
        case .export(let date, let filter):
            guard let checklistExport else {
                throw DeskFailure(message: "export: not available here; from a shell: " + ChecklistWords.command(date, filter))
            }
            let list = try service.generate(date: date, filter: filter, by: user)
            let url = checklistExport.directory.appendingPathComponent(ChecklistExport.fileName(date, filter))
            // Patient names leave the database: the file is the user's alone (0600), and the export is audited.
            let manager = FileManager.default
            try? manager.removeItem(at: url)
            guard manager.createFile(atPath: url.path, contents: Data(checklistExport.text(list).utf8),
                                     attributes: [.posixPermissions: 0o600]) else {
                throw DeskFailure(message: "export: could not write \(url.path)")
            }
            try service.recordExport(list, to: url.path, by: user)
            return .exported(path: url.path, items: list.items.count)
        }
    }
}
