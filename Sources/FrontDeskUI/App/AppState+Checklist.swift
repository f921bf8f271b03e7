import Foundation
import FrontDeskDomain

/// The checklist pane (F6): its keys, what they do, the answers and the drawing
/// (the state and words are in Panes/ChecklistPane.swift). Letters act only
/// while the list has the keys; in a filter field or a prompt they are typed.
extension AppState {
    static let checklistNotAvailable = PatientDesk.checklistNotAvailable
    /// How far back U looks for days not signed off.
    static let unsignedDays = 28

    static let checklistGlobalBinding = KeyBinding([.function(6)], .checklist, label: "Checklist",
                                                   help: "end-of-day checklist: tick, defer, sign off")

    /// The pane's keys: in the list, typing in a filter, or in a prompt. `signOff`: the
    /// person may sign a day off (officers, managers); `pullList`: case notes give a pull list.
    public static func checklistBindings(typing: Bool, prompt: ChecklistPrompt.Kind? = nil, signOff: Bool = false,
                                         pullList: Bool = false, unsigned: Bool = false) -> [KeyBinding] {
        if let prompt {
            return [
                KeyBinding([.enter], .confirm, label: prompt == .signOff ? "Sign off" : "Record",
                           help: prompt == .signOff ? "sign the day off for the site (who, when and the audit trail's hash are kept)"
                               : "record it (with who and when, in the item's history)", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "close the question, nothing recorded", inBar: true),
            ]
        }
        if typing { return diaryFilterTypingBindings }
        var list = [
            KeyBinding([.char("x")], .tickItem, label: "Done",
                       help: "tick the selected item (or every marked one) done (notes, GP letter, a prescription pharmacy confirmed); "
                           + "an item the data shows completes itself and is refused, saying how", inBar: true),
            KeyBinding([.char("D")], .deferItem, label: "Defer",
                       help: "defer the selected item (or every marked one), saying why (5 to 200 characters): settled for the sign-off, "
                           + "shown with the reason",
                       inBar: true),
            KeyBinding([.enter], .openSelected, label: "Open",
                       help: "open the item's patient record; an attendance or outcome: its clinic's day list (F3) at the "
                           + "appointment, to record it (Esc comes back); a callback: the enquiry in F5"),
            KeyBinding([.char("u")], .clearMark, label: "Undo mark",
                       help: "take back a mistaken tick or deferral (on the selected item or every marked one), saying why"),
            KeyBinding([.char("A")], .outstandingOnly, label: "Outstanding only",
                       help: "list only the items still outstanding, or all of them again (the progress counts them all)"),
            KeyBinding([.char(" ")], .toggleMark, label: "Mark",
                       help: "mark or unmark the item and go to the next (x, D and u then act on every marked item; Esc clears the marks)"),
        ]
        if signOff {
            list.append(KeyBinding([.char("O")], .signOff, label: "Sign off",
                                   help: "officers: sign off the date for the site when every item is done or deferred "
                                       + "(otherwise the outstanding ones are listed)", inBar: true))
        }
        if unsigned {
            list.append(KeyBinding([.char("U")], .unsignedDays, label: "Not signed off",
                                   help: "managers: the days of the last four weeks, and their sites, that held clinics and were not "
                                       + "signed off (frontdesk checklist unsigned)"))
        }
        if pullList {
            list.append(KeyBinding([.char("L")], .pullList, label: "Pull list",
                                   help: "the case-note pull list of the day's clinics, in shelf (terminal-digit) order"))
        }
        list += [
            KeyBinding([.ctrl("p")], .exportChecklist, label: "Print",
                       help: "print/export: write the checklist as plain text (as frontdesk checklist prints it) to a file in your home directory"),
            KeyBinding([.left], .previousDay, label: "Day before", help: "the checklist of the day before"),
            KeyBinding([.right], .nextDay, label: "Day after", help: "the checklist of the day after"),
            KeyBinding([.down], .moveDown, label: "Down", help: "select the next item"),
            KeyBinding([.up], .moveUp, label: "Up", help: "select the previous item"),
            KeyBinding([.pageDown], .pageDown, label: "Page down", help: "move the selection a page down"),
            KeyBinding([.pageUp], .pageUp, label: "Page up", help: "move the selection a page up"),
            KeyBinding([.home], .first, label: "First", help: "select the first item (the most pressing)"),
            KeyBinding([.end], .last, label: "Last", help: "select the last item"),
        ]
        list += diaryFilterEntryBindings
        list.append(KeyBinding([.escape], .back, label: "Back", help: "close a refusal, or clear the marks; otherwise back to where you were"))
        return list
    }

    var checklistPaneKeys: [KeyBinding] {
        Self.checklistBindings(typing: checklistPane.focus != .list, prompt: checklistPane.prompt?.kind,
                               signOff: session.permissions.contains(.signOffChecklist), pullList: caseNotesAvailable == true,
                               unsigned: session.permissions.contains(.readAuditReports))
    }

    var checklistTitle: String {
        guard let shown = checklistPane.checklist else { return "Checklist" }
        return "Checklist · " + AppState.dayText(shown.date) + (shown.filter.siteCode.map { " · " + $0 } ?? "")
    }

    /// Rows of the list (PgUp/PgDn move by this): the pane less the filters, the status line and four lines below.
    public var checklistListRows: Int { max(1, size.height - 5 - 2 - 4) }

    // MARK: Opening

    /// F6: the checklist of today (the desk's site first), read afresh.
    mutating func openChecklist() -> [Effect] {
        switch pane {
        case .checklist:
            return checklistPane.prompt == nil ? reloadChecklist() : []
        case .form:
            if form?.isChanged == true {
                message = .hint("save the form (Ctrl-S) or leave it (Esc) before opening the checklist")
                return []
            }
            checklistPane.returnsTo = resolvedReturn(formReturnsTo)
            form = nil
        case .settings:
            checklistPane.returnsTo = settingsPane.returnsTo
        case .audit:
            checklistPane.returnsTo = auditPane.returnsTo
        case .lookup, .record, .clinics, .booking, .sequence, .enquiries:
            checklistPane.returnsTo = pane
        }
        pane = .checklist
        checklistPane.focus = .list
        checklistPane.refusal = nil
        message = nil
        followToday()
        if !checklistPane.prepared {
            checklistPane.date.set(today.display)
            checklistPane.givenDay = today
            // The desk's own site first (staff set-site); Tab and ↑ ↓ change it.
            if let site = session.siteCode, checklistPane.site.text.isEmpty { checklistPane.site.set(site) }
            checklistPane.prepared = true
        }
        return (clinicsPane.setup == nil ? [.loadClinicSetup] : []) + reloadChecklist()
    }

    /// The date and filter the fields ask for, or the field that is wrong and why.
    func checklistQuery() -> Result<(date: LocalDate, filter: ChecklistFilter), FilterError<ChecklistPaneState.Focus>> {
        checklistPane.filterValues(today: today, setup: clinicsPane.setup).map { v in
            (v.date, ChecklistFilter(siteCode: v.siteCode, serviceCode: v.serviceCode, clinicianCode: v.clinicianCode))
        }
    }

    /// Reads the checklist the filters name; `quietly`: a filter being typed that names nothing yet is not an error.
    mutating func reloadChecklist(quietly: Bool = false) -> [Effect] {
        switch checklistQuery() {
        case .failure(let wrong):
            if !quietly {
                checklistPane.errorField = wrong.focus
                message = .error(wrong.problem.description)
            }
            return []
        case .success(let query):
            checklistPane.errorField = nil
            checklistPane.generation += 1
            return [.checklist(.generate(generation: checklistPane.generation, date: query.date, query.filter))]
        }
    }

    /// A date field left as it was given follows today; true when it moved.
    @discardableResult
    mutating func followToday() -> Bool {
        guard let given = checklistPane.givenDay, given != today, checklistPane.date.text == given.display else { return false }
        checklistPane.date.set(today.display)
        checklistPane.givenDay = today
        return true
    }

    /// Once a minute while the pane is shown: the checklist read again (other desks tick and record too).
    mutating func checklistTick() -> [Effect] {
        if pane == .checklist, followToday(), checklistPane.prompt == nil, overlay == nil, lock == nil { return reloadChecklist() }
        guard pane == .checklist, overlay == nil, lock == nil, checklistPane.prompt == nil, !checklistPane.saving,
              !checklistPane.isLoading, checklistPane.checklist != nil else { return [] }
        return reloadChecklist(quietly: true)
    }

    // MARK: Keys

    /// The checklist's filter line: the clinics pane's.
    static var checklistFilterKeys: DiaryFilterKeys<ChecklistPaneState> {
        DiaryFilterKeys(pane: \.checklistPane, listName: "checklist", shows: "the checklist") { $0.reloadChecklist(quietly: $1) }
    }

    /// The checklist pane's own actions; nil for the global ones (help, patients, quit…).
    mutating func performInChecklist(_ action: Action) -> [Effect]? {
        if let prompt = checklistPane.prompt { return performInChecklistPrompt(action, prompt) }
        if action != .back, checklistPane.refusal != nil, ![.help, .redraw, .lock].contains(action) { checklistPane.refusal = nil }
        if let effects = performInDiaryFilter(action, Self.checklistFilterKeys) { return effects }
        let count = checklistPane.items.count
        func move(_ change: (inout ListPosition) -> Void) {
            change(&checklistPane.position)
            revealChecklistSelection()
        }
        switch action {
        case .moveDown: move { $0.move(by: 1, count: count) }
        case .moveUp: move { $0.move(by: -1, count: count) }
        case .pageDown: move { [rows = checklistListRows] in $0.move(by: rows, count: count) }
        case .pageUp: move { [rows = checklistListRows] in $0.move(by: -rows, count: count) }
        case .first: move { $0.moveTo(0, count: count) }
        case .last: move { $0.moveTo(count - 1, count: count) }
        case .back:
            if checklistPane.refusal != nil {
                checklistPane.refusal = nil
                message = nil
            } else if !checklistPane.marked.isEmpty {
                message = .info("\(checklistPane.marked.count) mark\(checklistPane.marked.count == 1 ? "" : "s") cleared")
                checklistPane.marked = []
            } else {
                pane = resolvedReturn(checklistPane.returnsTo)
                message = nil
            }
        case .previousDay, .nextDay:
            let shown = (try? checklistQuery().get())?.date ?? today
            checklistPane.date.set(shown.adding(days: action == .nextDay ? 1 : -1).display)
            checklistPane.marked = []
            checklistPane.position = ListPosition()
            checklistPane.top = 0
            return reloadChecklist()
        case .openSelected:
            guard let item = checklistPane.selected else { message = .hint("no item is selected"); return [] }
            if item.kind == .callbackMade, let id = item.enquiryID {
                // The callback: the enquiry itself, in F5.
                enquiriesPane.detail = EnquiryDetailState(id: id)
                enquiriesPane.mode = .detail
                enquiriesPane.returnsTo = nil
                pane = .enquiries
                message = .hint("enquiry \(id): k records the callback made; F6 goes back to the checklist")
                return [.enquiry(.show(id: id))]
            }
            if [.attendanceRecorded, .outcomeRecorded].contains(item.kind), let id = item.appointmentID {
                // Attendance and outcome are recorded on the clinic's day list (F3): there, at the appointment.
                return openClinicDay(appointment: id, date: item.date, site: item.siteCode, service: item.serviceCode,
                                     clinician: item.clinicianCode)
            }
            guard let mrn = item.patientMRN else { message = .hint("\(item.id) concerns no patient"); return [] }
            return [.open(reference: mrn)]
        case .toggleMark:
            guard let item = checklistPane.selected else { message = .hint("no item to mark"); return [] }
            if checklistPane.marked.contains(item.id) { checklistPane.marked.remove(item.id) } else { checklistPane.marked.insert(item.id) }
            move { $0.move(by: 1, count: count) }
            message = .info("\(checklistPane.marked.count) marked: x ticks, D defers, u takes back the marks on every marked item; "
                            + "Esc clears the marks")
        case .tickItem:
            let marked = checklistPane.markedItems
            if !marked.isEmpty {
                return sendChecklist(.markAll(.tick, items: marked.map(\.id)), saying: "ticking \(ChecklistWords.items(marked.count))…")
            }
            guard let item = checklistPane.selected else { message = .hint("no item is selected"); return [] }
            return sendChecklist(.tick(item: item.id), saying: "ticking \(item.id)…")
        case .deferItem:
            let marked = checklistPane.markedItems
            if !marked.isEmpty { return askReason(.deferItem, marked, "Defer", example: "notes missing, temporary set made up") }
            guard let item = checklistPane.selected else { message = .hint("no item is selected"); return [] }
            if item.state == .done {
                message = .error("item: \(item.id) is done (by \(item.settledBy ?? "the data")): there is nothing to defer")
                return []
            }
            checklistPane.prompt = ChecklistPrompt(.deferItem, itemID: item.id,
                                                   title: "Defer \(item.id) (\(item.kind.label)): why (5 to 200 characters)")
            message = .hint("say why it is left, e.g. notes missing, temporary set made up; Enter records it, Esc cancels")
        case .clearMark:
            let marked = checklistPane.markedItems
            if !marked.isEmpty { return askReason(.clear, marked, "Take back the marks on", example: "ticked the wrong clinic") }
            guard let item = checklistPane.selected else { message = .hint("no item is selected"); return [] }
            if item.state == .outstanding {
                message = .hint("\(item.id) has no tick or deferral to take back")
                return []
            }
            checklistPane.prompt = ChecklistPrompt(.clear, itemID: item.id,
                                                   title: "Take back the mark on \(item.id): why (5 to 200 characters)")
            message = .hint("say why the mark was wrong, e.g. ticked the wrong patient; Enter records it, Esc cancels")
        case .signOff:
            return askSignOff()
        case .exportChecklist:
            guard let query = try? checklistQuery().get() else { return reloadChecklist() }
            return sendChecklist(.export(date: query.date, query.filter), saying: "writing the checklist…")
        case .pullList:
            return openPullList()
        case .outstandingOnly:
            let chosen = checklistPane.selected?.id
            checklistPane.outstandingOnly.toggle()
            let items = checklistPane.items
            checklistPane.position.moveTo(chosen.flatMap { id in items.firstIndex { $0.id == id } } ?? 0, count: items.count)
            checklistPane.top = 0
            revealChecklistSelection()
            let left = items.count
            message = .info(checklistPane.outstandingOnly
                ? "only the \(left) outstanding item\(left == 1 ? "" : "s") listed; A lists them all again"
                : "every item listed; A lists only the outstanding ones")
            return []
        case .unsignedDays:
            let to = today.adding(days: -1)
            return sendChecklist(.unsigned(from: to.adding(days: -(Self.unsignedDays - 1)), to: to), saying: "reading the days not signed off…")
        default:
            return nil
        }
        return []
    }

    /// D or u with items marked: one reason asked for all of them.
    private mutating func askReason(_ kind: ChecklistPrompt.Kind, _ marked: [ChecklistItem], _ doing: String, example: String) -> [Effect] {
        checklistPane.prompt = ChecklistPrompt(kind, itemIDs: marked.map(\.id),
                                               title: "\(doing) the \(ChecklistWords.items(marked.count)) marked: why (5 to 200 characters)")
        message = .hint("one reason for every marked item, e.g. \(example); Enter records it, Esc cancels")
        return []
    }

    private mutating func sendChecklist(_ call: ChecklistCall, saying: String) -> [Effect] {
        if checklistPane.saving { message = .info("still working…"); return [] }
        checklistPane.saving = true
        message = .info(saying)
        return [.checklist(call)]
    }

    /// O: sign off the date for the site shown, confirmed first (Enter); the domain
    /// refuses while items are outstanding, and they are listed.
    private mutating func askSignOff() -> [Effect] {
        guard session.permissions.contains(.signOffChecklist) else {
            message = .error("access: only an officer or a manager may sign off the end-of-day checklist")
            return []
        }
        guard let query = try? checklistQuery().get() else { return reloadChecklist() }
        guard let site = query.filter.siteCode else {
            checklistPane.focus = .site
            checklistPane.errorField = .site
            message = .error("site: a day is signed off for one site: type it here (↑ ↓ step through them), then O")
            return []
        }
        if case .reportFailsCheck(let words) = checklistPane.signOff, checklistPane.checklist?.filter.siteCode == site,
           checklistPane.checklist?.date == query.date {
            // Signed off already, its report altered: nothing to sign again.
            message = .error(words)
            return []
        }
        let progress = checklistPane.checklist.map { " (\($0.progress.text))" } ?? ""
        let narrowed = query.filter.serviceCode != nil || query.filter.clinicianCode != nil ? ", every service and clinician" : ""
        checklistPane.prompt = ChecklistPrompt(.signOff, title: "Sign off \(AppState.dayText(query.date)) at \(site)\(narrowed)\(progress)?")
        message = .hint("Enter signs the day off for \(site) (who, when and the audit hash are kept); Esc cancels")
        return []
    }

    private mutating func performInChecklistPrompt(_ action: Action, _ prompt: ChecklistPrompt) -> [Effect]? {
        switch action {
        case .back:
            checklistPane.prompt = nil
            message = .info("nothing recorded")
            return []
        case .confirm:
            let words = prompt.input.text.trimmingCharacters(in: .whitespaces)
            switch prompt.kind {
            case .deferItem where !prompt.itemIDs.isEmpty:
                return sendChecklist(.markAll(.deferItem(reason: words), items: prompt.itemIDs),
                                     saying: "deferring \(ChecklistWords.items(prompt.itemIDs.count))…")
            case .clear where !prompt.itemIDs.isEmpty:
                return sendChecklist(.markAll(.clear(reason: words), items: prompt.itemIDs),
                                     saying: "taking back the marks on \(ChecklistWords.items(prompt.itemIDs.count))…")
            case .deferItem:
                guard let id = prompt.itemID else { return [] }
                return sendChecklist(.deferItem(item: id, reason: words), saying: "deferring \(id)…")
            case .clear:
                guard let id = prompt.itemID else { return [] }
                return sendChecklist(.clear(item: id, reason: words), saying: "taking back the mark on \(id)…")
            case .signOff:
                guard let query = try? checklistQuery().get(), let site = query.filter.siteCode else { return [] }
                return sendChecklist(.signOff(date: query.date, site: site), saying: "signing off…")
            }
        case .quit, .help, .redraw, .lock:
            // The global keys still work over a question (it stays open).
            return nil
        default:
            return []
        }
    }

    /// Keys that are no binding: typed into the prompt or the focused filter (the checklist reloads as you type).
    mutating func typeInChecklist(_ key: Key) -> [Effect] {
        if var prompt = checklistPane.prompt {
            guard prompt.asksWords else { return [] }
            _ = prompt.input.handle(key)
            prompt.error = nil
            checklistPane.prompt = prompt
            return []
        }
        return typeInDiaryFilter(key, Self.checklistFilterKeys)
    }

    /// Keeps the selected item on screen, with the headings just above it where they fit.
    mutating func revealChecklistSelection() {
        let lines = checklistPane.lines
        let rows = checklistListRows
        guard let line = lineIndex(ofItem: checklistPane.position.selected, in: lines) else { checklistPane.top = 0; return }
        var first = line
        while first > 0, lines[first - 1].item == nil, line - first < 3 { first -= 1 }
        if checklistPane.position.selected == 0 { first = 0 }
        // The last item: the lines after it too (an empty section's heading).
        if checklistPane.position.selected == checklistPane.items.count - 1 { checklistPane.top = max(0, lines.count - rows) }
        if first < checklistPane.top { checklistPane.top = first }
        if line >= checklistPane.top + rows { checklistPane.top = line - rows + 1 }
        checklistPane.top = max(0, min(checklistPane.top, max(0, lines.count - rows)))
    }

    func lineIndex(ofItem index: Int, in lines: [ChecklistLine]) -> Int? {
        var seen = -1
        for (offset, line) in lines.enumerated() where line.item != nil {
            seen += 1
            if seen == index { return offset }
        }
        return nil
    }

    // MARK: Answers

    mutating func checklistAnswered(_ call: ChecklistCall, _ result: Result<ChecklistAnswer, DeskFailure>) -> [Effect] {
        switch result {
        case .failure(let failure):
            switch call {
            case .generate(let generation, _, _):
                guard generation == checklistPane.generation else { return [] }
                checklistPane.shownGeneration = generation
                checklistPane.failure = failure.message
                if pane == .checklist { message = .error(failure.message) }
            case .deferItem, .clear, .markAll:
                checklistPane.saving = false
                if var prompt = checklistPane.prompt { prompt.error = failure.message; checklistPane.prompt = prompt }
                message = .error(failure.message)
            case .tick, .signOff, .export, .unsigned:
                checklistPane.saving = false
                checklistPane.prompt = nil
                message = .error(failure.message)
                // Another desk may have changed the item meanwhile.
                if case .tick = call { return reloadChecklist(quietly: true) }
            }
            return []
        case .success(let answer):
            switch answer {
            case .checklist(let generation, let list, let signOff):
                guard generation == checklistPane.generation else { return [] }
                checklistPane.shownGeneration = generation
                let previous = checklistPane.selected?.id
                let sameDay = checklistPane.checklist?.date == list.date
                // Marks stay on the items still listed for the same date and filters; another date or filter clears them.
                let sameQuery = sameDay && checklistPane.checklist?.filter == list.filter
                checklistPane.marked = sameQuery ? checklistPane.marked.intersection(list.items.map(\.id)) : []
                checklistPane.checklist = list
                if case .reportFailsCheck(let words) = signOff, checklistPane.signOff != signOff, pane == .checklist {
                    message = .error(words)
                }
                checklistPane.signOff = signOff
                checklistPane.failure = nil
                let items = checklistPane.items
                let follow = checklistPane.holdPosition && sameDay ? nil : previous
                checklistPane.holdPosition = false
                let keep = follow.flatMap { id in items.firstIndex { $0.id == id } } ?? (sameDay ? checklistPane.position.selected : 0)
                checklistPane.position.moveTo(keep, count: items.count)
                revealChecklistSelection()
            case .marked(let item):
                checklistPane.saving = false
                checklistPane.prompt = nil
                let how: String
                switch item.state {
                case .done: how = "done"
                case .deferred: how = "deferred: " + (item.deferReason ?? "")
                case .outstanding: how = "mark taken back: outstanding"
                }
                message = .success("\(item.id) \(item.kind.label) · \(how)")
                // Settled, it moves down among the done: the selection stays put, on the next one to do.
                checklistPane.holdPosition = item.state.isSettled
                return reloadChecklist(quietly: true)
            case .markedAll(let report):
                checklistPane.saving = false
                checklistPane.prompt = nil
                for outcome in report.succeeded { checklistPane.marked.remove(outcome.itemID) }
                checklistPane.holdPosition = !report.succeeded.isEmpty
                let text = ChecklistWords.report(report, listed: checklistPane.items)
                let failed = report.failed
                if !failed.isEmpty { checklistPane.refusal = ChecklistRefusal(title: ChecklistWords.refusedTitle(report), refused: failed.compactMap(\.failure)) }
                message = failed.isEmpty ? .success(text) : (report.succeeded.isEmpty ? .error(text) : .warning(text))
                return reloadChecklist(quietly: true)
            case .signedOff(let signed):
                checklistPane.saving = false
                checklistPane.prompt = nil
                checklistPane.refusal = nil
                message = .success("signed off \(AppState.dayText(signed.date)) at \(signed.siteCode) by \(signed.signedBy): "
                                   + "\(signed.report.progress.text); audit row \(signed.auditRowID)")
                return reloadChecklist(quietly: true)
            case .signOffRefused(let words, let outstanding):
                checklistPane.saving = false
                checklistPane.prompt = nil
                checklistPane.refusal = ChecklistRefusal(message: words, outstanding: outstanding)
                message = .error("not signed off: \(outstanding.count) outstanding (below); each must be done or deferred")
                // The first outstanding one chosen, to start on.
                if let first = outstanding.first, let index = checklistPane.items.firstIndex(where: { $0.id == first.id }) {
                    checklistPane.position.moveTo(index, count: checklistPane.items.count)
                    revealChecklistSelection()
                }
                return reloadChecklist(quietly: true)
            case .unsigned(let from, let to, let days):
                checklistPane.saving = false
                let range = "\(AppState.dayText(from)) to \(AppState.dayText(to))"
                if days.isEmpty {
                    checklistPane.refusal = nil
                    message = .success("every day from \(range) that held clinics is signed off")
                } else {
                    // One line a day, its sites; the box under the list (Esc closes), as a refusal's.
                    let byDay = Dictionary(grouping: days, by: \.date)
                    let lines = byDay.keys.sorted().map { day in
                        AppState.dayText(day) + ": " + (byDay[day] ?? []).map(\.siteCode).sorted().joined(separator: ", ")
                    }
                    checklistPane.refusal = ChecklistRefusal(title: "Not signed off, \(range): \(byDay.count) day\(byDay.count == 1 ? "" : "s") "
                                                                 + "(Esc closes)", refused: lines)
                    message = .warning("\(days.count) day\(days.count == 1 ? "" : "s") and site\(days.count == 1 ? "" : "s") not signed off "
                                       + "from \(range): type a date (Tab) to see its checklist")
                }
            case .exported(let path, let count):
                checklistPane.saving = false
                message = .success("checklist written to \(path) (\(count) item\(count == 1 ? "" : "s"))")
            }
            return []
        }
    }

    // MARK: Drawing

    func renderChecklist(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard !inside.isEmpty else { return }
        let state = checklistPane
        // The filters on one line, as the clinics pane has them.
        var x = inside.x
        let y = inside.y
        state.renderFilters(&buffer, inside, x: &x, y: y, cursor: overlay == nil && state.prompt == nil)
        let status = checklistStatus
        buffer.put([status], in: Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: 1), row: 0)

        let listTop = 2
        let bottom = 4
        let listHeight = max(0, inside.height - listTop - bottom)
        let lines = state.lines
        let idWidth = min(21, state.items.map { CellWidth.of($0.id) }.max() ?? 0)
        let selectedLine = lineIndex(ofItem: state.position.selected, in: lines)
        for (offset, line) in lines.dropFirst(state.top).prefix(listHeight).enumerated() {
            let row = Rect(x: inside.x, y: inside.y + listTop + offset, width: inside.width, height: 1)
            let chosen = selectedLine == state.top + offset && state.focus == .list && state.prompt == nil
            buffer.put(checklistSpans(line, idWidth: idWidth, width: inside.width, chosen: chosen), in: row, row: 0)
        }
        if state.checklist != nil, state.items.isEmpty, listHeight > 0 {
            buffer.put([Span("Nothing on the checklist for these filters · ← → another day", Style(.muted))],
                       in: Rect(x: inside.x, y: inside.y + listTop + lines.count, width: inside.width, height: 1), row: 0)
        }
        let box = Rect(x: inside.x, y: inside.maxY - bottom, width: inside.width, height: bottom)
        if let prompt = state.prompt {
            buffer.fill(box, with: Cell(" ", style: Style(.dialog)))
            let content = Box.frame(&buffer, box, title: prompt.title, style: Style(.frame), titleStyle: Style(.title)).inset(dx: 1, dy: 0)
            if prompt.asksWords {
                prompt.input.render(into: &buffer, Rect(x: content.x, y: content.y, width: content.width, height: 1),
                                    focused: overlay == nil)
            } else {
                buffer.put("Enter signs off · Esc cancels", x: content.x, y: content.y, limit: content.width, style: Style(.muted))
            }
            if let error = prompt.error, content.height > 1 {
                buffer.put("✗ " + error, x: content.x, y: content.y + 1, limit: content.width, style: Style(.error))
            }
        } else if let refusal = state.refusal {
            buffer.fill(box, with: Cell(" ", style: Style(.dialog)))
            let content = Box.frame(&buffer, box, title: refusal.title,
                                    style: Style(.frame), titleStyle: Style(.warning, bold: true)).inset(dx: 1, dy: 0)
            let listed = refusal.lines.flatMap { Box.wrap($0, width: max(1, content.width)) }
            for (index, text) in listed.prefix(content.height).enumerated() {
                buffer.put(text, x: content.x, y: content.y + index, limit: content.width, style: Style(.warning))
            }
        } else if let item = state.selected {
            var detail: [Span] = []
            let who = [item.patientName, item.patientMRN.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
            let urgent = item.urgent && item.state == .outstanding ? "URGENT, delays treatment · " : ""
            let parts = [urgent + item.text + (who.isEmpty ? "" : " · " + who),
                         "how it stands: " + (item.detail.isEmpty ? ChecklistWords.state(item, today: today) : item.detail)
                             + " · " + ChecklistWords.completion(item)]
            var lines: [String] = []
            for part in parts { lines += Box.wrap(part, width: max(1, inside.width)) }
            for (index, text) in lines.prefix(bottom).enumerated() {
                detail = [Span(text, Style(index == 0 && !urgent.isEmpty ? .alert : .muted, bold: index == 0 && !urgent.isEmpty))]
                buffer.put(detail, in: Rect(x: box.x, y: box.y + index, width: box.width, height: 1), row: 0)
            }
        }
    }

    /// What the status line says of a day signed off whose frozen report fails its check (the message line has the domain's words).
    static let checklistReportFailsCheck = "Signed-off report fails its check — tell the information governance lead"

    /// The line under the filters: the progress, the sign-off, that it is being read, or what went wrong.
    var checklistStatus: Span {
        let state = checklistPane
        if let failure = state.failure { return Span("Error: " + failure, Style(.error)) }
        guard let list = state.checklist else { return Span("Reading the checklist…", Style(.muted)) }
        // A report that fails its check first of all: it must be seen at any width.
        var text = state.signOff.isReportFailing ? Self.checklistReportFailsCheck + " · " : ""
        text += "\(list.progress.text) overall"
        switch state.signOff {
        case .signedOff(let signed):
            text += " · SIGNED OFF by \(signed.signedBy) at " + EnquiryWords.moment(signed.signedAt, today: today)
        case .notSignedOff:
            text += list.progress.isComplete ? " · ready to sign off" : " · \(list.progress.outstanding) outstanding"
        case .notAsked, .reportFailsCheck:
            break
        }
        if state.outstandingOnly { text += " · outstanding only (A: all)" }
        if !state.marked.isEmpty { text += " · \(state.marked.count) marked" }
        if state.isLoading || state.saving { text += " · reading…" }
        let style: Style
        switch state.signOff {
        case .signedOff: style = Style(.success, bold: true)
        case .reportFailsCheck: style = Style(.error, bold: true)
        case .notSignedOff, .notAsked: style = Style(.muted)
        }
        return Span(CellWidth.truncate(text, to: max(1, size.width - 4)), style)
    }

    /// One line of the list: a heading with its progress, or an item with its id, what it is and its state in words.
    func checklistSpans(_ line: ChecklistLine, idWidth: Int, width: Int, chosen: Bool) -> [Span] {
        switch line {
        case .section(let title, let progress, let urgent):
            let marker = urgent ? "! " : ""
            return [Span(CellWidth.truncate(marker + title + " · " + progress.text, to: width),
                         urgent ? Style(.alert, bold: true) : Style(.header, bold: true))]
        case .clinic(let title, let progress):
            return [Span(CellWidth.truncate(" " + title, to: width), Style(.title, bold: true)),
                    Span(CellWidth.truncate(" · " + progress.text, to: max(0, width - CellWidth.of(" " + title))), Style(.muted))]
        case .patient(let who, let progress):
            let name = "   " + who
            return [Span(CellWidth.truncate(name, to: width)),
                    Span(CellWidth.truncate(" · " + progress.text, to: max(0, width - CellWidth.of(name))), Style(.muted))]
        case .item(let item):
            // Missing case notes are said on the line, as an alert, not only in the detail below.
            let missing = item.notesMissing && item.state == .outstanding
            let urgent = item.urgent && item.state == .outstanding
            let marked = checklistPane.marked.contains(item.id)
            // A marked item (Space) has * before its state, and is bold.
            let text = (marked ? " * " : "   ") + item.state.mark + (urgent || missing ? " !" : "  ") + CellWidth.pad(item.id, to: idWidth)
                + "  " + CellWidth.pad(item.kind.label, to: 21) + " " + ChecklistWords.state(item, today: today)
                + (missing ? " · NOTES MISSING" : "")
            let role: Role = chosen ? .selection : (urgent || missing ? .alert : (item.state == .outstanding ? .normal : .muted))
            return [Span(CellWidth.pad(text, to: width), Style(role, bold: urgent || missing || chosen || marked))]
        }
    }
}
