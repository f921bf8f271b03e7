import FrontDeskDomain
import FrontDeskUI

/// The pull list laid out for paper (A4, 80 columns, fixed pages) and as CSV.
enum PullListPrint {
    static let width = 80
    static let defaultPageLines = 60

    /// Where a volume is, short enough for the column: `library 31-06`, `clinic onc_fu@main` …
    static func now(_ l: CaseNoteLocation) -> String {
        switch l {
        case .library(let shelf): return shelf.map { "library \($0)" } ?? "library"
        case .clinic: return "clinic \(l.place ?? "")"
        case .secretary(let name): return "sec. \(name)"
        case .offsite: return "off-site store"
        case .inTransit(let to): return "transit: \(to)"
        case .missing: return "** MISSING **"
        }
    }

    /// The columns: terminal digit first, then hospital number, volume, patient, where it is now, clinic(s).
    struct Columns {
        var mrn: Int
        var volume: Int
        var name: Int
        var clinic: Int
        static let td = 8, now = 16
        init(_ list: PullList) {
            mrn = min(20, max(7, list.patients.map { CellWidth.of($0.mrn) }.max() ?? 7))
            volume = max(3, list.lines.map { CellWidth.of($0.volumeText) }.max() ?? 3)
            // With one site the clinic is `09:20 onc_fu`; across all sites `09:20 onc_fu@hub-rhyl`.
            clinic = list.siteCode == nil ? 23 : 19
            name = PullListPrint.width - (Self.td + mrn + volume + Self.now + clinic + 5)
        }
        /// These widths as the pull list's columns.
        var layout: PullListColumns { PullListColumns([Self.td, mrn, volume, name, Self.now, clinic]) }
        func row(_ cells: String...) -> String { layout.row(cells) }
    }

    static func clinic(_ c: PullListClinic, site: String?) -> String {
        site == nil ? c.text : "\(c.start) \(c.serviceCode)"
    }

    /// The body lines: one per volume, with the first (earliest) clinic it must go to; a patient's later
    /// clinics of the day on lines of their own ("then …") under their last volume; then the
    /// electronic-record-only patients.
    static func body(_ list: PullList, _ columns: Columns) -> [String] {
        var lines: [String] = []
        for p in list.patients where !p.isElectronicOnly {
            let clinics = p.clinics.map { clinic($0, site: list.siteCode) }
            for volume in p.volumes {
                let line = PullListLine(patient: p, volume: volume)
                lines.append(columns.layout.row(PullListColumns.shelfAndNumber(p)
                                                + [line.volumeText, p.listedName, now(volume.location), clinics.first ?? ""]))
            }
            for more in clinics.dropFirst() { lines.append(columns.row("", "", "", "", CellWidth.pad("", to: Columns.now - 4) + "then", more)) }
        }
        let electronic = list.electronicOnly
        if !electronic.isEmpty {
            lines.append("")
            lines.append("Electronic record only (no paper volumes to fetch): \(electronic.count) patient\(electronic.count == 1 ? "" : "s")")
            for p in electronic {
                let clinics = p.clinics.map { clinic($0, site: list.siteCode) }
                lines.append(columns.layout.row(PullListColumns.shelfAndNumber(p) + ["-", p.listedName, "electronic", clinics.first ?? ""]))
                for more in clinics.dropFirst() { lines.append(columns.row("", "", "", "", CellWidth.pad("", to: Columns.now - 4) + "then", more)) }
            }
        }
        if list.patients.isEmpty { lines.append("No booked appointments: nothing to fetch.") }
        return lines
    }

    /// Pages of `pageLines` lines, each starting with the header, separated by form feeds; every line at most 80 cells.
    static func text(_ list: PullList, printed: String, pageLines: Int = defaultPageLines) -> String {
        let columns = Columns(list)
        let body = body(list, columns)
        let headerLines = 5
        let perPage = max(1, pageLines - headerLines)
        let pageCount = max(1, (body.count + perPage - 1) / perPage)
        let site = list.siteCode.map { "site \($0)" } ?? "all sites"
        let volumes = list.lines.count, missing = list.lines.filter { $0.volume.location.isMissing }.count
        var pages: [String] = []
        for page in 0..<pageCount {
            let title = "CASE-NOTE PULL LIST  \(list.date.weekday.short.capitalized) \(list.date.display)  \(site)"
            let pageText = "page \(page + 1) of \(pageCount)"
            let gap = max(1, width - CellWidth.of(title) - CellWidth.of(pageText))
            var lines = [CellWidth.truncate(title, to: width - CellWidth.of(pageText) - 1) + String(repeating: " ", count: gap) + pageText]
            lines[0] = CellWidth.truncate(lines[0], to: width)
            let summary = "\(volumes) volume\(volumes == 1 ? "" : "s") of \(list.patients.count - list.electronicOnly.count) patients"
                + (missing > 0 ? " (\(missing) MISSING)" : "") + " · \(list.electronicOnly.count) electronic only"
            lines.append(CellWidth.truncate(summary, to: width))
            lines.append(CellWidth.truncate("printed \(printed) · shelf order: last two, middle two, first two digits", to: width))
            lines.append(columns.row("Terminal", "Hosp no", "Vol", "Patient", "Now at", "To clinic"))
            lines.append(columns.layout.rule)
            lines += body.dropFirst(page * perPage).prefix(perPage)
            pages.append(lines.joined(separator: "\n") + "\n")
        }
        return pages.joined(separator: "\u{0C}")
    }

    /// One row per volume, then one per electronic-record-only patient (volume empty).
    static func csv(_ list: PullList) -> String {
        var rows = [["terminal_digit", "hospital_number", "volume", "volumes", "name", "restricted", "location", "location_kind",
                     "missing", "clinics"]]
        func clinics(_ p: PullListPatient) -> String { p.clinics.map(\.text).joined(separator: "; ") }
        for l in list.lines {
            rows.append([l.terminalDigit.description, l.patient.mrn, String(l.volume.number), String(l.patient.volumes.count),
                         l.patient.name ?? "", l.patient.restricted ? "yes" : "no", l.volume.location.text, l.volume.location.kind.rawValue,
                         l.volume.location.isMissing ? "yes" : "no", clinics(l.patient)])
        }
        for p in list.electronicOnly {
            rows.append([p.terminalDigit.description, p.mrn, "", "0", p.name ?? "", p.restricted ? "yes" : "no", "electronic record only",
                         "electronic", "no", clinics(p)])
        }
        return rows.map(CSVWriter.row).joined(separator: "\n") + "\n"
    }
}
