import Foundation
import FrontDeskDomain
import FrontDeskUI

/// Human-readable forms, following the display conventions of UI.md.
enum TextOutput {
    static func record(_ p: Patient, today: LocalDate) -> String {
        var lines: [String] = []
        let born = p.dateOfDeath == nil ? p.dateOfBirth.displayWithAge(on: today) : p.dateOfBirth.display
        lines.append("\(p.displayName)   born \(born)   \(p.sex.rawValue)")
        lines.append("NHS number \(p.nhsNumber?.formatted ?? "none") (\(p.nhsNumberStatus.label))   hospital number \(p.mrn)")
        for alert in p.alerts {
            lines.append("!! ALERT: \(alert.kind.label)" + (alert.note.map { " - \($0)" } ?? ""))
        }
        for need in p.accessibleNeeds {
            lines.append("!! ACCESSIBLE INFORMATION: \(need.label)")
        }
        if let death = p.dateOfDeath { lines.append("!! DECEASED \(death.display)") }
        if let restriction = p.restriction { lines.append("!! RESTRICTED RECORD (\(restriction.reason)): this opening is audited and reported") }
        if !p.mergedDuplicates.isEmpty { lines.append("Merged from: " + p.mergedDuplicates.joined(separator: ", ")) }
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append(label.padding(toLength: 18, withPad: " ", startingAt: 0) + value) }
        }
        add("Preferred name", p.preferredName)
        add("Previous names", p.previousFamilyNames.isEmpty ? nil : p.previousFamilyNames.joined(separator: ", "))
        let address = [p.addressLine1, p.addressLine2, p.town, p.postcode?.value].compactMap { $0 }.joined(separator: ", ")
        add("Address", address)
        for phone in p.phones { add("Phone (\(phone.kind.rawValue))", PhoneNumber.display(phone.key)) }
        add("Email", p.email)
        if let gp = p.gpPractice { add("GP practice", gp.code + (gp.name.map { " \($0)" } ?? "")) }
        if let kin = p.nextOfKin {
            add("Next of kin", [kin.name, kin.relationship.map { "(\($0))" }, kin.phone].compactMap { $0 }.joined(separator: " "))
        }
        add("Key worker", p.keyWorker)
        return lines.joined(separator: "\n")
    }

    static func results(_ results: SearchResults, today: LocalDate) -> String {
        if results.results.isEmpty { return "No patients match." }
        var lines: [String] = []
        for s in results.results {
            let mark = s.match == .soundsLike ? "~" : " "
            if s.restricted {
                lines.append([mark + pad("restricted record", 34), pad("", 18), pad("", 12), s.mrn].joined(separator: " "))
                continue
            }
            let name = s.displayName
            lines.append([mark + pad(name, 34), pad(s.bornText(today: today), 18),
                          pad(s.nhsNumber?.formatted ?? "-", 12), pad(s.mrn, 11), s.postcode ?? ""].joined(separator: " "))
        }
        if results.results.contains(where: { $0.match == .soundsLike }) { lines.append("~ sounds like") }
        if !results.moreText.isEmpty { lines.append(results.moreText) }
        return lines.joined(separator: "\n")
    }

    /// Pads to a width in characters (the full terminal measurement comes with the TUI).
    static func pad(_ text: String, _ width: Int) -> String {
        // Measured in terminal cells, so CJK names keep the columns aligned.
        let cells = CellWidth.of(text)
        return cells >= width ? text : text + String(repeating: " ", count: width - cells)
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let enabled = isatty(2) != 0
    private var lastDrawn = -1

    init(_ label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write("\r\(label) \(bar) \(percent)% (\(done)/\(total))")
        if done >= total { FileHandle.standardError.write("\n") }
    }
}
