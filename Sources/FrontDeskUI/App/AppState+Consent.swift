import Foundation
import FrontDeskDomain

/// Recording (C) or withdrawing (W) a patient's consent to share with a relative
/// or carer, from the record: who, how related, what may be shared; or which
/// consent and why it is withdrawn. The domain checks and audits both.
public struct ConsentDialogState: Hashable, Sendable {
    public var patientID: Int64
    public var mrn: String
    public var patientLabel: String
    public var withdrawing: Bool
    /// Recording: 0 person, 1 relationship, 2 what may be shared.
    public var focus = 0
    public var person = TextField()
    public var relationship = TextField()
    public var scopes: Set<SharingScope> = [.appointments]
    /// Withdrawing: the active consents, the one chosen, and why.
    public var choices: [SharingConsent] = []
    public var position = 0
    public var why = TextField()
    public var error: String?
    public var saving = false
    public init(patientID: Int64, mrn: String, patientLabel: String, withdrawing: Bool) {
        self.patientID = patientID; self.mrn = mrn; self.patientLabel = patientLabel; self.withdrawing = withdrawing
    }

    static let scopeKeys: [(Character, SharingScope)] = [("a", .appointments), ("t", .transport), ("g", .generalCondition)]

    /// The dialog's field a refusal names.
    static func focus(for field: String) -> Int? {
        switch field {
        case "person": return 0
        case "relationship": return 1
        case "share": return 2
        default: return nil
        }
    }
}

extension AppState {
    public static func consentDialogBindings(withdrawing: Bool) -> [KeyBinding] {
        [
            KeyBinding([.enter], .confirm, label: withdrawing ? "Withdraw" : "Record",
                       help: withdrawing ? "withdraw the consent chosen, with the reason typed (audited)"
                                         : "record the consent (every problem is named; audited)", inBar: true),
            KeyBinding([.escape], .back, label: "Cancel", help: "close, nothing recorded", inBar: true),
            KeyBinding([.down, .tab], .moveDown, label: "Next", help: withdrawing ? "the next consent" : "the next field"),
            KeyBinding([.up, .backTab], .moveUp, label: "Previous", help: withdrawing ? "the previous consent" : "the previous field"),
            KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit", help: "quit FrontDesk", inBar: true),
        ]
    }

    mutating func startConsent(withdrawing: Bool) -> [Effect]? {
        guard let record, let id = record.patient.id else { return [] }
        guard enquiriesAvailable != false, let consents = record.consents else {
            message = .hint("sharing consent is not available here")
            return []
        }
        var dialog = ConsentDialogState(patientID: id, mrn: record.patient.mrn, patientLabel: record.patient.displayName,
                                        withdrawing: withdrawing)
        if withdrawing {
            dialog.choices = consents.filter(\.isActive)
            guard !dialog.choices.isEmpty else {
                message = .hint("this patient has no consent to share to withdraw (C records one)")
                return []
            }
            message = .hint("choose the consent (↑↓), say why it is withdrawn, then Enter")
        } else {
            message = .hint("the person's name, their relationship, then what may be shared (a t g), then Enter")
        }
        overlay = .sharingConsent(dialog)
        return []
    }

    mutating func typeInConsentDialog(_ key: Key, _ overlay: Overlay) -> Bool {
        guard case .sharingConsent(var dialog) = overlay else { return false }
        guard !dialog.saving else { return true }
        if dialog.withdrawing {
            _ = dialog.why.handle(key)
        } else if dialog.focus == 2 {
            if case .char(let c) = key, let scope = ConsentDialogState.scopeKeys.first(where: { $0.0 == Character(c.lowercased()) })?.1 {
                if dialog.scopes.contains(scope) { dialog.scopes.remove(scope) } else { dialog.scopes.insert(scope) }
            } else if key == .char(" ") {
                // Space on its own does nothing here: the letters choose.
            }
        } else {
            _ = (dialog.focus == 0 ? dialog.person.handle(key) : dialog.relationship.handle(key))
        }
        if dialog.error != nil { message = .hint("Enter records it, Esc closes without recording") }
        dialog.error = nil
        self.overlay = .sharingConsent(dialog)
        return true
    }

    mutating func handleConsentDialog(_ binding: KeyBinding, _ state: ConsentDialogState) -> [Effect] {
        var dialog = state
        switch binding.action {
        case .quit:
            overlay = nil
            return perform(.quit)
        case .moveDown, .moveUp:
            let delta = binding.action == .moveDown ? 1 : -1
            if dialog.withdrawing { dialog.position = max(0, min(dialog.choices.count - 1, dialog.position + delta)) }
            else { dialog.focus = max(0, min(2, dialog.focus + delta)) }
            overlay = .sharingConsent(dialog)
            return []
        case .confirm:
            if dialog.saving { return [] }
            if !dialog.withdrawing && dialog.focus < 2 {
                dialog.focus += 1
                overlay = .sharingConsent(dialog)
                return []
            }
            dialog.saving = true
            overlay = .sharingConsent(dialog)
            let reason = record?.reason
            if dialog.withdrawing {
                let chosen = dialog.choices[dialog.position]
                message = .info("withdrawing the consent…")
                return [.enquiry(.withdrawConsent(patientID: dialog.patientID, mrn: dialog.mrn, id: chosen.id,
                                                  why: dialog.why.text, reason: reason))]
            }
            message = .info("recording the consent…")
            return [.enquiry(.recordConsent(patientID: dialog.patientID, mrn: dialog.mrn, person: dialog.person.text,
                                            relationship: dialog.relationship.text, scopes: dialog.scopes, reason: reason))]
        default:
            if dialog.saving { return [] }
            overlay = nil
            message = .info("nothing recorded")
            return []
        }
    }

    func renderConsentDialog(_ state: ConsentDialogState, _ buffer: inout ScreenBuffer, _ area: Rect) {
        var lines: [[Span]] = [[Span("Patient: " + state.patientLabel + " · " + state.mrn, Style(.muted))], []]
        if state.withdrawing {
            for (index, consent) in state.choices.enumerated() {
                let on = index == state.position
                lines.append([Span((on ? "▸ " : "  ") + "\(consent.person) (\(consent.relationship)): "
                                   + consent.scopes.map(\.label).sorted().joined(separator: ", "),
                                   on ? Style(.selection, bold: true) : .normal)])
            }
            lines.append([])
            lines.append([Span("Why:  ", Style(.muted)), Span(state.why.text + (state.saving ? "" : "▏"))])
        } else {
            func field(_ index: Int, _ label: String, _ value: String) {
                let on = state.focus == index
                lines.append([Span(CellWidth.pad(label, to: 14), Style(on ? .title : .muted, bold: on)),
                              Span(value + (on ? "▏" : ""), on ? Style(.fieldFocused) : .normal)])
            }
            field(0, "Person", state.person.text)
            field(1, "Relationship", state.relationship.text)
            let on = state.focus == 2
            for (index, (key, scope)) in ConsentDialogState.scopeKeys.enumerated() {
                lines.append([Span(CellWidth.pad(index == 0 ? "May be told" : "", to: 14), Style(on ? .title : .muted, bold: on)),
                              Span((state.scopes.contains(scope) ? "[x] " : "[ ] ") + "\(key)  \(scope.label)",
                                   on ? Style(.fieldFocused) : .normal)])
            }
            lines.append([])
            lines.append([Span("a t g tick or untick. A relative or carer whose identity matches", Style(.muted))])
            lines.append([Span("is told only what is ticked.", Style(.muted))])
        }
        if let error = state.error { lines.append([Span("✗ " + error, Style(.error))]) }
        dialog(&buffer, area, title: state.withdrawing ? "Withdraw a consent to share" : "Consent to share with a relative or carer",
               lines: lines)
    }

    func consentSection(_ state: RecordState, width: Int) -> [[Span]] {
        guard let consents = state.consents else { return [] }
        var lines: [[Span]] = [[], [Span("Sharing consent (relatives and carers)", Style(.header))]]
        if consents.isEmpty { lines.append([Span("  none recorded: nothing about the patient is shared with relatives (C records one)",
                                                 Style(.muted))]) }
        for consent in consents {
            let what = consent.scopes.map(\.label).sorted().joined(separator: ", ")
            if consent.isActive {
                lines.append([Span(CellWidth.truncate("  \(consent.person) (\(consent.relationship)): \(what)", to: width))])
                lines.append([Span(CellWidth.truncate("      recorded \(consent.recordedAt.display) by \(consent.recordedBy)", to: width),
                                   Style(.muted))])
            } else {
                let when = consent.withdrawnAt.map { " " + CentreTime.today($0).display } ?? ""
                lines.append([Span(CellWidth.truncate("  withdrawn: \(consent.person) (\(consent.relationship)): \(what)", to: width),
                                   Style(.muted))])
                lines.append([Span(CellWidth.truncate("      withdrawn\(when) by \(consent.withdrawnBy ?? "")"
                                                      + (consent.withdrawnReason.map { ": " + $0 } ?? ""), to: width), Style(.muted))])
            }
        }
        return lines
    }
}
