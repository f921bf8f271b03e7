import Foundation
import FrontDeskDomain

/// Moving a patient's paper case notes (M in the record): which volume (or all),
/// where to, and a note.
public struct CaseNotesMoveState: Hashable, Sendable {
    public var patientID: Int64
    public var mrn: String
    public var patientLabel: String
    public var volumes: [CaseNoteVolume]
    /// 0: every volume; 1…: that volume.
    public var choice = 0
    /// 0 the volume, 1 where to, 2 a note.
    public var focus = 1
    public var to = TextField()
    public var note = TextField()
    public var error: String?
    public var saving = false
    public init(patientID: Int64, mrn: String, patientLabel: String, volumes: [CaseNoteVolume]) {
        self.patientID = patientID; self.mrn = mrn; self.patientLabel = patientLabel; self.volumes = volumes
        choice = volumes.count == 1 ? 1 : 0
    }
    public var volumeNumber: Int? { choice == 0 ? nil : volumes[choice - 1].number }
}

/// The case-note pull list of a date's clinics (L in the checklist pane), in terminal-digit order.
public struct PullListViewState: Hashable, Sendable {
    /// The days being prepared (on a Friday: Saturday, Sunday, Monday); ← → move among them.
    public var dates: [LocalDate]
    public var index: Int
    public var site: String?
    public var list: PullList?
    public var scroll = 0
    public init(dates: [LocalDate], site: String?) {
        self.dates = dates.isEmpty ? [LocalDate(year: 2000, month: 1, day: 1)!] : dates; self.site = site
        index = max(0, self.dates.count - 1)
    }
    public var date: LocalDate { dates[index] }
}

/// The case-notes dialogs (one overlay case).
public enum CaseNotesOverlay: Hashable, Sendable {
    case move(CaseNotesMoveState)
    case pullList(PullListViewState)
}

extension AppState {
    static let caseNotesNotAvailable = "case notes are not available here"

    public static func caseNotesBindings(_ overlay: CaseNotesOverlay) -> [KeyBinding] {
        let quit = KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit", help: "quit FrontDesk", inBar: true)
        switch overlay {
        case .move:
            return [
                KeyBinding([.enter], .confirm, label: "Move", help: "record the move (every volume chosen; audited)", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "close, nothing moved", inBar: true),
                KeyBinding([.tab, .down], .moveDown, label: "Next", help: "the next field"),
                KeyBinding([.backTab, .up], .moveUp, label: "Previous", help: "the previous field"),
                KeyBinding([.left], .previousChoice, label: "Previous volume", help: "on the volume: the previous one (or all)"),
                KeyBinding([.right], .nextChoice, label: "Next volume", help: "on the volume: the next one (or all)"),
                quit,
            ]
        case .pullList:
            return [
                KeyBinding([.escape, .enter], .back, label: "Close", help: "back to the checklist", inBar: true),
                KeyBinding([.down], .scrollDown, label: "Down", help: "scroll down"),
                KeyBinding([.up], .scrollUp, label: "Up", help: "scroll up"),
                KeyBinding([.pageDown], .pageDown, label: "Page down", help: "a page down"),
                KeyBinding([.pageUp], .pageUp, label: "Page up", help: "a page up"),
                KeyBinding([.left], .previousChoice, label: "Day before", help: "the pull list of the day before (of the days being prepared)"),
                KeyBinding([.right], .nextChoice, label: "Day after", help: "the pull list of the day after"),
                quit,
            ]
        }
    }

    // MARK: The record

    /// N on the record: move the patient's case notes.
    mutating func startNotesMove() -> [Effect] {
        guard let record, let id = record.patient.id else { return [] }
        guard let notes = record.caseNotes else {
            message = .hint(caseNotesAvailable == false ? Self.caseNotesNotAvailable : "reading where the case notes are…")
            return []
        }
        guard !notes.volumes.isEmpty else {
            message = .hint("this patient has no paper case notes (electronic record only): frontdesk notes add opens a volume")
            return []
        }
        overlay = .caseNotes(.move(CaseNotesMoveState(patientID: id, mrn: record.patient.mrn, patientLabel: record.patient.displayName,
                                                      volumes: notes.volumes)))
        message = .hint("where to: " + CaseNoteLocation.choices)
        return []
    }

    func caseNotesSection(_ state: RecordState, width: Int) -> [[Span]] {
        guard let notes = state.caseNotes else { return [] }
        var lines: [[Span]] = [[], [Span("Case notes", Style(.header))]]
        if notes.volumes.isEmpty {
            lines.append([Span("  electronic record only (no paper volumes)", Style(.muted))])
            return lines
        }
        for volume in notes.volumes {
            let (day, time) = CentreTime.localNow(volume.movedAt)
            let style = volume.location.isMissing ? Style(.alert) : Style.normal
            lines.append([Span(CellWidth.truncate("  vol \(volume.number): \(volume.location.text)", to: width), style)])
            lines.append([Span(CellWidth.truncate("      since \(day.display) \(time.display) by \(volume.movedBy) (M moves it)", to: width),
                               Style(.muted))])
        }
        return lines
    }

    /// The banner's flag when a volume is recorded missing.
    func missingNotesFlag(_ patient: Patient) -> Span? {
        guard let record, record.patient.id == patient.id, let missing = record.caseNotes?.missing, !missing.isEmpty else { return nil }
        return Span(" MISSING NOTES vol " + missing.map { String($0.number) }.joined(separator: ", ") + " ", Style(.alert))
    }

    // MARK: The checklist's pull list

    mutating func openPullList() -> [Effect] {
        guard caseNotesAvailable != false else { message = .hint(Self.caseNotesNotAvailable); return [] }
        guard let query = try? checklistQuery().get() else { return [] }
        // The notes to fetch are for the days being prepared; the next working day's first (← → the others).
        let dates = checklistPane.checklist?.preparationDates ?? [query.date.adding(days: 1)]
        let view = PullListViewState(dates: dates, site: query.filter.siteCode)
        overlay = .caseNotes(.pullList(view))
        message = .info("reading the pull list…")
        return [.caseNotes(.pullList(date: view.date, site: view.site))]
    }

    // MARK: Keys

    mutating func typeInCaseNotes(_ key: Key, _ overlay: Overlay) -> Bool {
        guard case .caseNotes(.move(var state)) = overlay else { return false }
        guard !state.saving else { return true }
        if state.focus == 1 { _ = state.to.handle(key) } else if state.focus == 2 { _ = state.note.handle(key) }
        state.error = nil
        self.overlay = .caseNotes(.move(state))
        return true
    }

    mutating func handleCaseNotesOverlay(_ binding: KeyBinding, _ notes: CaseNotesOverlay) -> [Effect] {
        if binding.action == .quit { overlay = nil; return perform(.quit) }
        switch notes {
        case .pullList(var view):
            switch binding.action {
            case .scrollDown, .pageDown:
                let limit = max(0, (view.list?.lines.count ?? 0) + 2 - max(1, size.height - 8))
                view.scroll = min(limit, view.scroll + (binding.action == .scrollDown ? 1 : max(1, size.height - 10)))
            case .scrollUp: view.scroll = max(0, view.scroll - 1)
            case .pageUp: view.scroll = max(0, view.scroll - max(1, size.height - 10))
            case .nextChoice, .previousChoice:
                let next = view.index + (binding.action == .nextChoice ? 1 : -1)
                guard view.dates.indices.contains(next) else { return [] }
                view.index = next
                view.list = nil
                view.scroll = 0
                overlay = .caseNotes(.pullList(view))
                return [.caseNotes(.pullList(date: view.date, site: view.site))]
            default: overlay = nil; message = nil; return []
            }
            overlay = .caseNotes(.pullList(view))
            return []
        case .move(var state):
            switch binding.action {
            case .moveDown: state.focus = min(2, state.focus + 1)
            case .moveUp: state.focus = max(0, state.focus - 1)
            case .nextChoice, .previousChoice:
                if state.focus == 0 {
                    let count = state.volumes.count + 1
                    state.choice = (state.choice + (binding.action == .nextChoice ? 1 : count - 1)) % count
                }
            case .confirm:
                if state.saving { return [] }
                if state.focus == 0 { state.focus = 1; break }
                state.saving = true
                overlay = .caseNotes(.move(state))
                message = .info("moving the case notes…")
                let note = state.note.text.trimmingCharacters(in: .whitespaces)
                return [.caseNotes(.move(patientID: state.patientID, mrn: state.mrn, volume: state.volumeNumber, to: state.to.text,
                                         note: note.isEmpty ? nil : note, reason: record?.reason))]
            default:
                if state.saving { return [] }
                overlay = nil
                message = .info("nothing moved")
                return []
            }
            overlay = .caseNotes(.move(state))
            return []
        }
    }

    // MARK: Answers

    mutating func caseNotesAnswered(_ call: CaseNotesCall, _ result: Result<CaseNotesAnswer, DeskFailure>) -> [Effect] {
        switch result {
        case .failure(let failure):
            if failure.message == Self.caseNotesNotAvailable {
                caseNotesAvailable = false
                if case .caseNotes? = overlay { overlay = nil }
                return []
            }
            switch call {
            case .forPatient:
                return []
            case .move:
                if case .caseNotes(.move(var state))? = overlay {
                    state.saving = false
                    state.error = failure.message
                    overlay = .caseNotes(.move(state))
                }
                message = .error(failure.message)
            case .pullList:
                if case .caseNotes(.pullList)? = overlay { overlay = nil }
                message = .error(failure.message)
            }
        case .success(let answer):
            caseNotesAvailable = true
            switch answer {
            case .record(let id, let notes):
                guard var state = record, state.patient.id == id else { return [] }
                state.caseNotes = notes
                record = state
            case .moved(let id, let moved):
                if case .caseNotes(.move)? = overlay { overlay = nil }
                guard var state = record, state.patient.id == id, var notes = state.caseNotes else { return [] }
                for volume in moved {
                    if let index = notes.volumes.firstIndex(where: { $0.number == volume.number }) { notes.volumes[index] = volume }
                }
                state.caseNotes = notes
                record = state
                let where_ = moved.first?.location.text ?? ""
                message = .success("vol " + moved.map { String($0.number) }.joined(separator: ", ") + " moved to \(where_) (audited)")
            case .pullList(let list):
                guard case .caseNotes(.pullList(var view))? = overlay, view.date == list.date, view.site == list.siteCode else { return [] }
                view.list = list
                overlay = .caseNotes(.pullList(view))
                let lines = list.lines
                let missing = lines.filter { $0.volume.location.isMissing }.count
                let sent = lines.filter { CaseNoteRules.isSent($0.volume.location, to: $0.patient.clinics.map(\.caseNoteClinic)) }.count
                message = .info("\(lines.count) volume\(lines.count == 1 ? "" : "s") in shelf order: "
                                + "\(lines.count - sent - missing) to fetch, \(sent) sent" + (missing > 0 ? ", \(missing) MISSING" : ""))
            }
        }
        return []
    }

    // MARK: Drawing

    func renderCaseNotesOverlay(_ notes: CaseNotesOverlay, _ buffer: inout ScreenBuffer, _ area: Rect) {
        switch notes {
        case .move(let state):
            var lines: [[Span]] = [[Span("Patient: " + state.patientLabel + " · " + state.mrn, Style(.muted))], []]
            let volume = state.choice == 0 ? "every volume (\(state.volumes.count))"
                : "vol \(state.volumes[state.choice - 1].number), now \(state.volumes[state.choice - 1].location.text)"
            func field(_ index: Int, _ label: String, _ value: String) {
                let on = state.focus == index
                lines.append([Span(CellWidth.pad(label, to: 10), Style(on ? .title : .muted, bold: on)),
                              Span(value + (on && index > 0 ? "▏" : ""), on ? Style(.fieldFocused) : .normal)])
            }
            field(0, "Volume", (state.focus == 0 ? "◂ " : "") + volume + (state.focus == 0 ? " ▸" : ""))
            field(1, "To", state.to.text)
            field(2, "Note", state.note.text)
            lines.append([])
            lines += Box.wrap("to: " + CaseNoteLocation.choices, width: 60).map { [Span($0, Style(.muted))] }
            if let error = state.error { lines += Box.wrap("✗ " + error, width: 60).map { [Span($0, Style(.error))] } }
            dialog(&buffer, area, title: "Move case notes", lines: lines)
        case .pullList(let view):
            let box = area
            buffer.fill(box, with: Cell(" ", style: Style(.dialog)))
            let title = "Pull list · \(view.date.weekday.short.capitalized) \(view.date.display)" + (view.site.map { " · \($0)" } ?? " · all sites")
                + (view.dates.count > 1 ? " · ← → day \(view.index + 1) of \(view.dates.count)" : "")
            let inside = Box.frame(&buffer, box, title: title, style: Style(.frame), titleStyle: Style(.title)).inset(dx: 1, dy: 0)
            guard let list = view.list else {
                buffer.put([Span("reading…", Style(.muted))], in: inside, row: 0)
                return
            }
            // The print's columns (PullListColumns), fitted to the width: shelf, number and volume, then
            // where the volume is now and the clinic; the patient's name too when there is room (100 columns on).
            let rest = max(2, inside.width - 24)
            let named = rest >= 72
            let name = named ? 22 : 0
            let now = min(32, max(1, (rest - name - (named ? 1 : 0)) / 2))
            let clinic = max(1, rest - name - (named ? 1 : 0) - now - 1)
            let columns = PullListColumns(named ? [8, 10, 3, name, now, clinic] : [8, 10, 3, now, clinic])
            let headings = named ? ["Shelf", "Hosp no", "Vol", "Patient", "Now", "Clinic"] : ["Shelf", "Hosp no", "Vol", "Now", "Clinic"]
            var lines: [[Span]] = [[Span(columns.row(headings), Style(.header))]]
            for line in list.lines {
                let clinics = line.patient.clinics
                let clinicText = (clinics.first?.text ?? "") + (clinics.count > 1 ? " +\(clinics.count - 1)" : "")
                let where_ = line.volume.location.isMissing ? "MISSING" : line.volume.location.text
                let row = columns.row(PullListColumns.shelfAndNumber(line.patient) + [line.volumeText]
                                      + (named ? [line.patient.listedName] : []) + [where_, clinicText])
                lines.append([Span(CellWidth.truncate(row, to: inside.width), line.volume.location.isMissing ? Style(.alert, bold: true) : .normal)])
            }
            if lines.count == 1 { lines.append([Span("no paper volumes to fetch for this day", Style(.muted))]) }
            let electronic = list.electronicOnly.count
            if electronic > 0 { lines.append([Span("\(electronic) patient\(electronic == 1 ? "" : "s") electronic record only (prepare it)",
                                                   Style(.muted))]) }
            let room = inside.height
            let scroll = min(view.scroll, max(0, lines.count - room))
            for (index, spans) in lines.dropFirst(scroll).prefix(room).enumerated() { buffer.put(spans, in: inside, row: index) }
        }
    }
}
