import Foundation
import FrontDeskDomain

extension AppState {
    /// Draws the whole screen. Pure: the same state always gives the same buffer.
    public func render() -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        guard let layout = ShellLayout.make(size) else {
            renderTooSmall(&buffer)
            return buffer
        }
        // Locked: nothing of the pane underneath is drawn (AppState+Lock.swift).
        if let lock {
            renderLocked(&buffer, layout, lock)
            return buffer
        }
        renderTopLine(&buffer, layout.top)
        // One column of space inside the frame, as the UI.md sketch shows.
        let inside = Box.frame(&buffer, layout.pane, title: paneTitle).inset(dx: 1, dy: 0)
        switch pane {
        case .lookup: renderLookup(&buffer, inside)
        case .record: renderRecord(&buffer, inside)
        case .form: renderForm(&buffer, inside)
        case .settings: renderSettings(&buffer, inside)
        case .audit: renderAudit(&buffer, inside)
        case .clinics: renderClinics(&buffer, inside)
        case .booking: renderBooking(&buffer, inside)
        case .sequence: renderSequence(&buffer, inside)
        case .enquiries: renderEnquiries(&buffer, inside)
        case .checklist: renderChecklist(&buffer, inside)
        }
        MessageLine.render(into: &buffer, layout.message, message: shownMessage)
        FunctionKeyBar.render(into: &buffer, layout.bar, bindings: barBindings)
        if let overlay {
            buffer.cursor = nil
            renderOverlay(overlay, &buffer, Self.overlayArea(layout))
        }
        return buffer
    }

    /// Dialogs and help sit inside the pane's frame.
    static func overlayArea(_ layout: ShellLayout) -> Rect { layout.pane.inset(1) }

    var paneTitle: String {
        switch pane {
        case .lookup: return "Patient lookup"
        case .record: return record.map { "Patient record · " + $0.patient.mrn } ?? "Patient record"
        case .form: return form?.title ?? "Patient details"
        case .settings: return settingsTitle
        case .audit: return auditTitle
        case .clinics: return clinicsTitle
        case .booking: return bookingTitle
        case .sequence: return sequenceTitle
        case .enquiries: return enquiriesTitle
        case .checklist: return checklistTitle
        }
    }

    /// The message, or in a form the focused field's hint.
    var shownMessage: Message? {
        if let message { return message }
        if pane == .form, overlay == nil, let form { return .hint(form.focused.label + ": " + form.focused.hint) }
        return nil
    }

    func renderTooSmall(_ buffer: inout ScreenBuffer) {
        let lines = Box.wrap(ShellLayout.tooSmallText, width: size.width) + ["(now \(size.width)x\(size.height))"]
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < size.height {
            let x = max(0, (size.width - CellWidth.of(line)) / 2)
            buffer.put(line, x: x, y: top + index, style: Style(index == 0 ? .warning : .muted))
        }
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// `Mon 30-Nov-2026 09:41`, in the centre's time zone.
    public var clockText: String {
        let calendar = CentreTime.calendar
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: now)
        let day = Self.weekdays[((parts.weekday ?? 1) - 1) % 7]
        let hour = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return "\(day) \(today.display) \(hour)"
    }

    func renderTopLine(_ buffer: inout ScreenBuffer, _ rect: Rect) {
        let style = Style(.topLine)
        buffer.fill(rect, with: Cell(" ", style: style))
        var left = ["FrontDesk"]
        if let label = session.databaseLabel { left.append(label) }
        if let site = session.site { left.append(site) }
        left.append(lock == nil ? pane.title : "Locked")
        let who = session.role.map { "\(session.user) (\($0))" } ?? session.user
        var overdue = enquiryOverdue.map { $0 > 0 ? "\($0) OVERDUE CALLBACK\($0 == 1 ? "" : "S") · " : "" } ?? ""
        let leftWidth = CellWidth.of(" " + left.joined(separator: " · "))
        if !overdue.isEmpty, leftWidth + CellWidth.of(overdue + who + "  " + clockText + " ") + 1 > rect.width {
            overdue = "\(enquiryOverdue ?? 0) OVERDUE · "
        }
        let right = overdue + who + "  " + clockText + " "
        let rightWidth = CellWidth.of(right)
        buffer.put(" " + left.joined(separator: " · "), x: rect.x, y: rect.y, limit: max(0, rect.width - rightWidth - 1), style: style)
        buffer.put(right, x: max(rect.x, rect.maxX - rightWidth), y: rect.y, style: style)
    }

    // MARK: Lookup

    static let lookupColumns = [
        TableColumn("", width: 1),
        TableColumn("Name"),
        TableColumn("Born", width: 17),
        TableColumn("NHS number", width: 12),
        TableColumn("Hosp no", width: 10),
        TableColumn("Postcode", width: 8),
    ]

    func lookupRow(_ patient: PatientSummary) -> TableRow {
        // A restricted record: its hospital number and nothing else (the store masked it).
        if patient.restricted {
            return TableRow([patient.match == .soundsLike ? "~" : " ", "restricted record", "", "", patient.mrn, ""],
                            style: Style(.warning))
        }
        return TableRow([
            patient.match == .soundsLike ? "~" : " ",
            patient.displayName,
            patient.bornText(today: today),
            patient.nhsNumber?.formatted ?? "",
            patient.mrn,
            patient.postcode ?? "",
        ])
    }

    /// The line under the search field: what to type, or what was found.
    var lookupStatus: Span {
        if let failure = lookup.failure { return Span("Error: " + failure, Style(.error)) }
        if lookup.query.text.trimmingCharacters(in: .whitespaces).isEmpty {
            return Span("Type a name, NHS number, hospital number, date of birth, phone or postcode", Style(.muted))
        }
        if lookup.isSearching && lookup.shownQuery != lookup.query.text && lookup.results.isEmpty {
            return Span("Searching…", Style(.muted))
        }
        let shown = lookup.results.count
        if shown == 0 {
            return Span("No patient matches: try NHS number, date of birth or postcode; F7 registers", Style(.warning))
        }
        var text = shown == 1 ? "1 patient" : "\(shown) patients"
        if lookup.more > 0 {
            text += lookup.moreCapped ? " · \(lookup.more)+ more: type more to narrow" : " · \(lookup.more) more: type more to narrow"
        }
        if lookup.results.contains(where: { $0.match == .soundsLike }) { text += " · ~ sounds like (spelt differently)" }
        if lookup.isSearching { text += " · searching…" }
        return Span(text, Style(.muted))
    }

    func renderLookup(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard !inside.isEmpty else { return }
        let label = "Search "
        buffer.put(label, x: inside.x, y: inside.y, limit: inside.width, style: Style(.title))
        let labelWidth = CellWidth.of(label)
        let field = Rect(x: inside.x + labelWidth, y: inside.y, width: min(60, inside.width - labelWidth), height: 1)
        lookup.query.render(into: &buffer, field, focused: lookup.focus == .search && overlay == nil)
        buffer.put([lookupStatus], in: inside, row: 1)
        let table = Rect(x: inside.x, y: inside.y + 3, width: inside.width, height: inside.height - 3)
        var position = lookup.position
        Table.render(into: &buffer, table, columns: Self.lookupColumns, rows: lookup.results.map(lookupRow),
                     position: &position, selectionVisible: true)
    }

    // MARK: Record

    static let recordLabelWidth = 20

    /// The banner: who this is, and what must not be missed. Items wrap as
    /// whole items onto further lines, so nothing is cut off at 80 columns.
    public func bannerLines(_ patient: Patient, width: Int) -> [[Span]] {
        var identity = [Span(patient.displayName, Style(.title, bold: true)),
                        Span("Born " + patient.dateOfBirth.displayWithAge(on: today)),
                        Span(patient.sex.rawValue.capitalized),
                        Span("NHS " + (patient.nhsNumber?.formatted ?? "not known")),
                        Span("Hosp no " + patient.mrn)]
        if patient.nhsNumber == nil { identity[3].style = Style(.warning) }
        var flags: [Span] = []
        if let died = patient.dateOfDeath { flags.append(Span(" DECEASED \(died.display) ", Style(.alert))) }
        if let missing = missingNotesFlag(patient) { flags.append(missing) }
        for alert in patient.alerts {
            flags.append(Span(" ALERT " + alert.kind.label + (alert.note.map { ": " + $0 } ?? "") + " ", Style(.alert)))
        }
        for need in patient.accessibleNeeds {
            flags.append(Span(" NEEDS " + need.label + " ", Style(.warning, bold: true)))
        }
        if let restriction = patient.restriction {
            let why = record?.reason.map { "opened for: \($0)" } ?? "opened with a reason"
            flags.insert(contentsOf: [Span(" RESTRICTED RECORD (\(restriction.reason)) ", Style(.alert)),
                                      Span(why + " (reported to the manager)", Style(.warning))], at: 0)
        }
        if flags.isEmpty { flags = [Span("No alerts · no accessible-information needs recorded", Style(.muted))] }
        return Self.wrapItems(identity, width: width, gap: 3) + Self.wrapItems(flags, width: width, gap: 1)
    }

    /// Lays items out left to right, starting a new line when the next does not fit.
    static func wrapItems(_ items: [Span], width: Int, gap: Int) -> [[Span]] {
        var lines: [[Span]] = []
        var line: [Span] = []
        var used = 0
        for item in items {
            let cells = CellWidth.of(item.text)
            if !line.isEmpty && used + gap + cells > width {
                lines.append(line); line = []; used = 0
            }
            if !line.isEmpty { line.append(Span(String(repeating: " ", count: gap))); used += gap }
            line.append(Span(CellWidth.truncate(item.text, to: max(1, width)), item.style))
            used += cells
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Rows of the record below its banner at this screen size.
    func recordBodyHeight(_ patient: Patient) -> Int {
        let innerWidth = max(1, size.width - 4)
        // The pane's inside is the screen less the top line, message line, bar and frame.
        return max(1, size.height - 5 - bannerLines(patient, width: innerWidth).count - 1)
    }

    /// The record's sections, as lines of spans.
    public func recordLines(_ patient: Patient) -> [[Span]] {
        var state = record ?? RecordState(patient: patient)
        state.patient = patient
        return recordContent(state).lines
    }

    /// The record's sections, and the line of each appointment in them.
    func recordContent(_ state: RecordState) -> (lines: [[Span]], rows: [Int]) {
        let patient = state.patient
        var lines: [[Span]] = []
        func section(_ title: String) {
            if !lines.isEmpty { lines.append([]) }
            lines.append([Span(title, Style(.header))])
        }
        func row(_ label: String, _ value: String?, _ style: Style = .normal) {
            let shown = (value?.isEmpty == false) ? value! : "—"
            lines.append([Span("  " + CellWidth.pad(label, to: Self.recordLabelWidth - 2), Style(.muted)),
                          Span(shown, value?.isEmpty == false ? style : Style(.muted))])
        }
        section("Demographics")
        row("Family name", patient.familyName.uppercased())
        row("Given names", patient.givenNames)
        row("Title", patient.title)
        row("Preferred name", patient.preferredName)
        row("Previous names", patient.previousFamilyNames.map { $0.uppercased() }.joined(separator: ", "))
        row("Date of birth", patient.dateOfBirth.displayWithAge(on: today))
        row("Sex", patient.sex.rawValue.capitalized)
        row("NHS number", patient.nhsNumber.map { "\($0.formatted)  (status \(patient.nhsNumberStatus.rawValue): \(patient.nhsNumberStatus.label))" }
            ?? "not known (status \(patient.nhsNumberStatus.rawValue): \(patient.nhsNumberStatus.label))")
        row("Hospital number", patient.mrn)
        if let died = patient.dateOfDeath { row("Date of death", died.display, Style(.alert)) }

        section("Contact and next of kin")
        let address = [patient.addressLine1, patient.addressLine2, patient.town].compactMap { $0 }.joined(separator: ", ")
        row("Address", address)
        row("Postcode", patient.postcode?.value)
        if patient.phones.isEmpty { row("Phone", nil) }
        for phone in patient.phones { row("Phone (\(phone.kind.rawValue))", phone.number) }
        row("Email", patient.email)
        if let kin = patient.nextOfKin {
            row("Next of kin", kin.name + (kin.relationship.map { " (\($0))" } ?? ""))
            row("Next of kin phone", kin.phone)
        } else {
            row("Next of kin", nil)
        }

        section("GP practice")
        row("Practice", patient.gpPractice.map { $0.code + ($0.name.map { "  " + $0 } ?? "") })

        section("Key worker")
        row("Key worker", patient.keyWorker)

        section("Alerts and accessible-information needs")
        if patient.alerts.isEmpty && patient.accessibleNeeds.isEmpty { lines.append([Span("  none recorded", Style(.muted))]) }
        for alert in patient.alerts {
            lines.append([Span("  ALERT ", Style(.alert)), Span(" " + alert.kind.label + (alert.note.map { ": " + $0 } ?? ""))])
        }
        for need in patient.accessibleNeeds {
            lines.append([Span("  NEED  ", Style(.warning, bold: true)), Span(" " + need.label + "  (" + need.kind.group.rawValue.replacingOccurrences(of: "_", with: " ") + ")")])
        }

        let appointments = appointmentSections(state, width: max(1, size.width - 4))
        let offset = lines.count
        return (lines + appointments.lines + courseSection(state, width: max(1, size.width - 4))
                + caseNotesSection(state, width: max(1, size.width - 4)) + consentSection(state, width: max(1, size.width - 4)) + enquirySection(state, width: max(1, size.width - 4)), appointments.rows.map { $0 + offset })
    }

    func renderRecord(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard let record, !inside.isEmpty else { return }
        let banner = bannerLines(record.patient, width: inside.width)
        for (index, spans) in banner.enumerated() { buffer.put(spans, in: inside, row: index) }
        let ruleRow = banner.count
        if ruleRow < inside.height {
            for x in inside.x..<inside.maxX { buffer.set(x, inside.y + ruleRow, Cell("─", style: Style(.frame))) }
        }
        let body = Rect(x: inside.x, y: inside.y + ruleRow + 1, width: inside.width, height: inside.height - ruleRow - 1)
        let lines = recordLines(record.patient)
        let scroll = min(record.scroll, max(0, lines.count - body.height))
        for (offset, spans) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            buffer.put(spans, in: body, row: offset)
        }
        if lines.count - scroll > body.height, body.height > 0 {
            let more = "↓ more (PgDn)"
            buffer.put(more, x: body.maxX - CellWidth.of(more), y: body.maxY - 1, style: Style(.muted))
        }
    }

    // MARK: Form

    static let formLabelWidth = 24

    func renderForm(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard let form, !inside.isEmpty else { return }
        buffer.line("* required · Tab/↓ next · Shift-Tab/↑ back · Ctrl-S save · Esc cancel",
                    in: inside, row: 0, style: Style(.muted))
        let body = Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2)
        // Rows of each field: one, plus its error wrapped below the input (at most three lines).
        let errorWidth = max(1, body.width - Self.formLabelWidth)
        let errorLines = form.fields.map { field in
            field.error.map { Array(Box.wrap("✗ " + field.name + " " + $0, width: errorWidth).prefix(3)) } ?? []
        }
        var starts: [Int] = []
        var total = 0
        for lines in errorLines { starts.append(total); total += 1 + lines.count }
        let focusStart = starts[form.focus], focusEnd = focusStart + 1 + errorLines[form.focus].count
        var top = min(form.top, focusStart)
        if focusEnd > top + body.height { top = focusEnd - body.height }
        top = max(0, top)
        let fieldWidth = min(50, max(0, body.width - Self.formLabelWidth))
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.focus && overlay == nil
            for (offset, line) in errorLines[index].enumerated() {
                let y = starts[index] + 1 + offset - top
                guard y >= 0, y < body.height else { continue }
                buffer.put(line, x: body.x + Self.formLabelWidth, y: body.y + y, limit: errorWidth, style: Style(.error))
            }
            let y = starts[index] - top
            guard y >= 0, y < body.height else { continue }
            let mark = field.error != nil ? "✗ " : (index == form.focus ? "▸ " : "  ")
            let label = mark + field.label + (field.required ? " *" : "")
            buffer.put(CellWidth.pad(label, to: Self.formLabelWidth - 1), x: body.x, y: body.y + y, limit: Self.formLabelWidth - 1,
                       style: Style(field.error != nil ? .error : (index == form.focus ? .title : .normal)))
            field.input.render(into: &buffer, Rect(x: body.x + Self.formLabelWidth, y: body.y + y, width: fieldWidth, height: 1),
                               focused: focused)
        }
        if total - top > body.height, body.height > 0 {
            let more = "↓ more fields"
            buffer.put(more, x: body.maxX - CellWidth.of(more), y: body.maxY - 1, style: Style(.muted))
        }
    }

    // MARK: Overlays

    func renderOverlay(_ overlay: Overlay, _ buffer: inout ScreenBuffer, _ area: Rect) {
        switch overlay {
        case .breakGlass(let choosing):
            var lines: [[Span]] = [
                [Span("\(choosing.mrn) is a restricted record.", Style(.warning, bold: true))],
                [Span("Open it only if you need to. Your reason is audited and reported to the manager.")],
                [],
            ]
            for kind in AccessReason.Kind.allCases {
                let chosen = kind == choosing.choice
                lines.append([Span(chosen ? " ▸ " : "   ", Style(chosen ? .selection : .normal)),
                              Span(CellWidth.pad(kind.label, to: 52), Style(chosen ? .selection : .normal))])
            }
            lines.append([])
            lines.append([Span(choosing.choice == .other ? "Why (required): " : "Words (optional): ", Style(.title))])
            dialog(&buffer, area, title: "Restricted record", lines: lines + [[], [
                Span(" Enter ", Style(.keyName)), Span(" open    "), Span(" ↑↓ ", Style(.keyName)), Span(" reason    "),
                Span(" Esc ", Style(.keyName)), Span(" cancel")]])
            // The words field sits on its line inside the dialog.
            if let at = buffer.find(choosing.choice == .other ? "Why (required): " : "Words (optional): ") {
                let x = at.x + 18
                choosing.note.render(into: &buffer, Rect(x: x, y: at.y, width: max(0, min(40, area.maxX - x - 2)), height: 1), focused: true)
            }
        case .checkIn, .cancelAppointments, .appointmentReason, .walkIn, .confirmBooking, .overbook, .closeTask, .cancelSession:
            renderAppointmentOverlay(overlay, &buffer, area)
        case .staffActive(let state):
            renderStaffActive(state, &buffer, area)
        case .merge(let state):
            renderMergeDialog(state, &buffer, area)
        case .confirmCourse, .courseOverride, .stopCourse, .courseBooked, .itinerary, .courseReplan, .bookingPreferences:
            renderCourseOverlay(overlay, &buffer, area)
        case .sharingConsent(let state):
            renderConsentDialog(state, &buffer, area)
        case .caseNotes(let notes):
            renderCaseNotesOverlay(notes, &buffer, area)
        case .help(let scroll):
            HelpOverlay.render(into: &buffer, area, title: pane.title, sections: helpSections, scroll: scroll)
        case .likelyDuplicates(let candidates):
            var lines: [[Span]] = [
                [Span("These existing records look like the same person:", Style(.warning, bold: true))], [],
            ]
            for candidate in candidates.prefix(8) where candidate.restricted {
                lines.append([Span("  " + CellWidth.pad("restricted record", to: 24), Style(.warning)),
                              Span(" " + CellWidth.pad("(details hidden)", to: 17)), Span("  " + CellWidth.pad("", to: 12)),
                              Span("  " + candidate.mrn)])
            }
            for candidate in candidates.prefix(8) where !candidate.restricted {
                lines.append([Span("  " + CellWidth.pad(candidate.displayName, to: 24)),
                              Span(" " + candidate.bornText(today: today)),
                              Span("  " + (candidate.nhsNumber?.formatted ?? "no NHS number")),
                              Span("  " + candidate.mrn)])
            }
            if candidates.count > 8 { lines.append([Span("  … and \(candidates.count - 8) more", Style(.muted))]) }
            lines.append([])
            lines.append([Span("Check them first: a duplicate record splits a patient's history.")])
            lines.append([Span(" S ", Style(.keyName)), Span(" save as a new patient anyway    "),
                          Span(" Esc ", Style(.keyName)), Span(" back to the form")])
            dialog(&buffer, area, title: "Possible duplicate", lines: lines)
        case .confirmDiscard(let then):
            let what = then == .quit ? "Quit and discard the changes to this form?" : "Leave the form and discard the changes?"
            dialog(&buffer, area, title: "Unsaved changes", lines: [
                [Span(what, Style(.warning, bold: true))], [],
                [Span(" Y ", Style(.keyName)), Span(" discard the changes    "), Span(" N ", Style(.keyName)),
                 Span(" or "), Span(" Esc ", Style(.keyName)), Span(" keep editing")],
            ])
        }
    }

    @discardableResult
    func dialog(_ buffer: inout ScreenBuffer, _ area: Rect, title: String, lines: [[Span]]) -> Rect {
        let width = min(area.width - 2, max(50, lines.map { $0.reduce(0) { $0 + CellWidth.of($1.text) } }.max() ?? 0) + 4)
        let box = area.centred(Size(width: width, height: lines.count + 2))
        buffer.fill(box, with: Cell(" ", style: Style(.dialog)))
        let inside = Box.frame(&buffer, box, title: title, style: Style(.frame), titleStyle: Style(.title))
        let content = inside.inset(dx: 1, dy: 0)
        for (index, spans) in lines.enumerated() { buffer.put(spans, in: content, row: index) }
        return content
    }
}
