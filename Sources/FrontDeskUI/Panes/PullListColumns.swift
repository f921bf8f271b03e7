import FrontDeskDomain

/// The case-note pull list's columns, as the pane (L in the checklist) and the
/// A4 print (`frontdesk notes pull-list`) lay them out: each cell padded to its
/// column's width in screen cells (cut with `…` when longer), one space
/// between, no spaces left at the end of the line.
public struct PullListColumns: Hashable, Sendable {
    /// The columns' widths, in screen cells.
    public var widths: [Int]
    public init(_ widths: [Int]) { self.widths = widths }

    /// One line: the cells in the columns' order (a cell missing is blank).
    public func row(_ cells: [String]) -> String {
        let line = widths.enumerated().map { CellWidth.pad($0.offset < cells.count ? cells[$0.offset] : "", to: $0.element) }
            .joined(separator: " ")
        return String(line.reversed().drop { $0 == " " }.reversed())
    }

    /// The line under the headings: each column's width of dashes.
    public var rule: String { row(widths.map { String(repeating: "-", count: $0) }) }

    /// The first cells of a volume's line, the same in every layout: the shelf
    /// (terminal-digit key, `--` for a number without digits) and the hospital number.
    public static func shelfAndNumber(_ patient: PullListPatient) -> [String] {
        [patient.terminalDigit.description, patient.mrn]
    }
}
