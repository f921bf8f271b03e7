import Foundation
import FrontDeskDomain

/// Merging a duplicate record into the one open (officers: `merge_patients`;
/// m in the record). First the duplicate's hospital or NHS number and why
/// (5 to 200 characters); the duplicate is found through search (a list row:
/// nothing is opened or audited yet); then both identities side by side to
/// confirm; then `PatientService.merge`, and the kept record is opened again.
public struct MergeDialogState: Hashable, Sendable {
    public enum Step: Hashable, Sendable {
        /// Typing the duplicate's number and the reason.
        case asking
        /// Both records side by side: Y merges.
        case confirming(PatientSummary)
    }

    /// The record open: the one kept.
    public var keep: Patient
    public var step: Step = .asking
    public var duplicate = TextField()
    public var reason = TextField()
    /// 0 the duplicate's number, 1 the reason.
    public var focus = 0
    /// The field the last problem named (`duplicate` or `reason`), drawn with ✗.
    public var errorField: String?
    /// A search or the merge is running.
    public var working = false

    public init(keep: Patient) { self.keep = keep }

    public static let fieldNames = ["duplicate", "reason"]
    public var typedNumber: String { duplicate.text.trimmingCharacters(in: .whitespaces) }
    public var why: String { reason.text.trimmingCharacters(in: .whitespaces) }
    public var isConfirming: Bool { if case .confirming = step { return true }; return false }
    /// The rule the domain checks (`PatientService.merge`), said the same way.
    public static let reasonRule = "must say why in 5 to 200 characters of plain text (e.g. same person: NHS number confirmed by PDS)"
}

extension AppState {
    static func mergeDialogBindings(_ state: MergeDialogState) -> [KeyBinding] {
        let quit = KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit", help: "quit FrontDesk", inBar: true)
        if state.isConfirming {
            return [
                KeyBinding([.char("Y"), .char("y")], .confirm, label: "Merge",
                           help: "merge the duplicate into the record kept, in one transaction: its numbers then lead to the kept "
                               + "record (audited with both identities)", inBar: true),
                KeyBinding([.escape, .char("N"), .char("n")], .back, label: "Back", help: "back to the number and the reason, nothing merged",
                           inBar: true),
                quit,
            ]
        }
        return [
            KeyBinding([.enter], .confirm, label: "Find",
                       help: "find the duplicate by its number (a search: nothing is opened) and show both records side by side", inBar: true),
            KeyBinding([.tab], .nextField, label: "Next field", help: "the next field: the duplicate's number, the reason"),
            KeyBinding([.backTab], .previousField, label: "Previous field", help: "the previous field"),
            KeyBinding([.escape], .back, label: "Cancel", help: "merge nothing", inBar: true),
            quit,
        ]
    }

    /// m in the record: the merge dialog (officers; the key is offered only to them).
    mutating func startMerge() -> [Effect] {
        guard let state = record else { return [] }
        guard session.permissions.contains(.mergePatients) else {
            let needed = Permission.mergePatients
            message = .error("merge: needs permission \(needed.rawValue) (\(needed.lowestRole.title))")
            return []
        }
        overlay = .merge(MergeDialogState(keep: state.patient))
        message = .hint("type the duplicate's hospital or NHS number, Tab, then why; Enter shows both records to confirm")
        return []
    }

    /// Keys that are no binding in the merge dialog: typed into its focused field. False for other dialogs.
    mutating func typeInMergeDialog(_ key: Key, _ overlay: Overlay) -> Bool {
        guard case .merge(var state) = overlay, !state.isConfirming else { return false }
        guard !state.working else { return true }
        var field = state.focus == 0 ? state.duplicate : state.reason
        if field.handle(key) {
            if state.focus == 0 { state.duplicate = field } else { state.reason = field }
            if state.errorField == MergeDialogState.fieldNames[state.focus] { state.errorField = nil }
            self.overlay = .merge(state)
        }
        return true
    }

    mutating func handleMergeDialog(_ binding: KeyBinding, _ dialog: MergeDialogState) -> [Effect] {
        var state = dialog
        if binding.action == .quit { overlay = nil; return perform(.quit) }
        if state.working {
            message = .info(state.isConfirming ? "merging…" : "finding the duplicate…")
            return []
        }
        switch (state.step, binding.action) {
        case (.asking, .nextField), (.asking, .previousField):
            state.focus = 1 - state.focus
            overlay = .merge(state)
            message = nil
        case (.asking, .confirm):
            func refuse(_ field: Int, _ reason: String) -> [Effect] {
                state.errorField = MergeDialogState.fieldNames[field]
                state.focus = field
                overlay = .merge(state)
                message = .error("\(MergeDialogState.fieldNames[field]): \(reason)")
                return []
            }
            if state.typedNumber.isEmpty { return refuse(0, "is required: type the other record's hospital or NHS number") }
            if !(5...200).contains(state.why.count) { return refuse(1, MergeDialogState.reasonRule) }
            state.working = true
            state.errorField = nil
            overlay = .merge(state)
            message = .info("finding \(state.typedNumber)…")
            return [.findMergeCandidate(reference: state.typedNumber)]
        case (.confirming(let duplicate), .confirm):
            state.working = true
            overlay = .merge(state)
            message = .info("merging \(duplicate.mrn) into \(state.keep.mrn)…")
            return [.merge(keep: state.keep.mrn, duplicate: duplicate.mrn, reason: state.why)]
        case (.confirming, _):
            state.step = .asking
            overlay = .merge(state)
            message = .info("nothing merged: change the number or the reason, or Esc to leave")
        default:
            overlay = nil
            message = .info("nothing merged")
        }
        return []
    }

    /// The answer to `.findMergeCandidate`: both records side by side, or why not.
    mutating func mergeCandidateFound(_ result: Result<PatientSummary, DeskFailure>) -> [Effect] {
        guard case .merge(var state)? = overlay else { return [] }
        state.working = false
        switch result {
        case .success(let found) where found.id == state.keep.id:
            state.errorField = "duplicate"
            state.focus = 0
            message = .error("duplicate: \(state.typedNumber) is this record (or was merged into it): type the other record's number")
        case .success(let found):
            state.step = .confirming(found)
            message = .warning("check that both are the same person: Y merges \(found.mrn) into \(state.keep.mrn) (audited), Esc goes back")
        case .failure(let failure):
            state.errorField = "duplicate"
            state.focus = 0
            message = .error(failure.message)
        }
        overlay = .merge(state)
        return []
    }

    /// The answer to `.merge`: the kept record opened again, or the refusal in words.
    mutating func merged(_ result: Result<Patient, DeskFailure>) -> [Effect] {
        guard case .merge(var state)? = overlay else { return [] }
        switch result {
        case .success(let kept):
            overlay = nil
            let duplicate: String
            if case .confirming(let found) = state.step { duplicate = found.mrn } else { duplicate = "the duplicate" }
            message = .success("merged \(duplicate) into \(kept.mrn): its numbers now lead to this record (recorded in the audit trail)")
            // Opened again through the audited door, with the reason it was opened for (a restricted record).
            let reason = record?.reason
            openingReason = reason
            return [.open(reference: kept.mrn, reason: reason)]
        case .failure(let failure):
            state.working = false
            state.step = .asking
            let field = failure.fieldErrors.first?.field == "reason" ? 1 : 0
            state.errorField = MergeDialogState.fieldNames[field]
            state.focus = field
            overlay = .merge(state)
            message = .error(failure.message)
            return []
        }
    }

    // MARK: Drawing

    static let mergeNumberLabel = "Duplicate's hospital or NHS number "
    static let mergeReasonLabel = "Why (5 to 200 characters)         "

    func renderMergeDialog(_ state: MergeDialogState, _ buffer: inout ScreenBuffer, _ area: Rect) {
        let keep = state.keep
        func keys(_ pairs: [(String, String)]) -> [Span] {
            pairs.flatMap { [Span(" \($0.0) ", Style(.keyName)), Span(" \($0.1)   ")] }
        }
        switch state.step {
        case .asking:
            let width = max(40, min(area.width - 6, 70))
            var lines: [[Span]] = [
                [Span("Merge a duplicate record into this one? (officers; audited)", Style(.warning, bold: true))],
                [Span("  Kept: " + CellWidth.truncate("\(keep.displayName) · \(keep.mrn)"
                                                    + (keep.nhsNumber.map { " · NHS \($0.formatted)" } ?? ""), to: width - 8))],
                [],
            ]
            for (index, label) in [Self.mergeNumberLabel, Self.mergeReasonLabel].enumerated() {
                let wrong = state.errorField == MergeDialogState.fieldNames[index]
                let focused = index == state.focus
                lines.append([Span(wrong ? "✗ " : (focused ? "▸ " : "  "), Style(wrong ? .error : .title)),
                              Span(label, Style(wrong ? .error : (focused ? .title : .normal))),
                              Span(String(repeating: " ", count: max(0, width - CellWidth.of(label) - 2)))])
            }
            lines.append([Span("  e.g. same person: NHS number confirmed by PDS", Style(.muted))])
            lines.append([])
            lines.append(keys([("Enter", state.working ? "finding…" : "show both"), ("Tab", "next field"), ("Esc", "cancel")]))
            let content = dialog(&buffer, area, title: "Merge duplicate", lines: lines)
            for (index, label) in [Self.mergeNumberLabel, Self.mergeReasonLabel].enumerated() {
                guard let at = buffer.find(label) else { continue }
                let x = at.x + CellWidth.of(label)
                let field = index == 0 ? state.duplicate : state.reason
                field.render(into: &buffer, Rect(x: x, y: at.y, width: max(0, content.maxX - x), height: 1),
                             focused: index == state.focus && !state.working)
            }
        case .confirming(let dup):
            let column = max(16, min(27, (area.width - 6 - 14) / 2))
            func row(_ label: String, _ kept: String, _ other: String, style: Style = .normal) -> [Span] {
                [Span("  " + CellWidth.pad(label, to: 12), Style(.muted)),
                 Span(CellWidth.pad(CellWidth.truncate(kept, to: column), to: column) + "  ", style),
                 Span(CellWidth.truncate(other, to: column), style)]
            }
            let hidden = "(restricted: hidden)"
            var lines: [[Span]] = [
                [Span("Merge this duplicate into the record kept?", Style(.warning, bold: true))],
                [],
                row("", "Kept (this record)", "Duplicate (merged into it)", style: Style(.header)),
                row("Name", keep.displayName, dup.restricted ? "restricted record" : dup.displayName),
                row("Born", keep.dateOfDeath == nil ? keep.dateOfBirth.displayWithAge(on: today) : keep.dateOfBirth.display + " died",
                    dup.restricted ? hidden : dup.bornText(today: today)),
                row("NHS number", keep.nhsNumber?.formatted ?? "—", dup.restricted ? hidden : (dup.nhsNumber?.formatted ?? "—")),
                row("Hosp no", keep.mrn, dup.mrn),
                row("Postcode", keep.postcode?.value ?? "—", dup.restricted ? hidden : (dup.postcode ?? "—")),
                [],
            ]
            for part in Box.wrap("Why: " + state.why, width: 2 * column + 14).prefix(2) { lines.append([Span("  " + part)]) }
            lines.append([Span("  The duplicate's numbers will lead to the kept record; its history moves there.", Style(.muted))])
            lines.append([])
            lines.append(keys([("Y", state.working ? "merging…" : "merge"), ("Esc", "back")]))
            while lines.count + 2 > area.height, let blank = lines.firstIndex(where: \.isEmpty) { lines.remove(at: blank) }
            dialog(&buffer, area, title: "Merge duplicate: confirm", lines: lines)
        }
    }
}
