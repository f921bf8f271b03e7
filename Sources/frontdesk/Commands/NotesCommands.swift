import ArgumentParser
import Foundation
import FrontDeskDomain
import FrontDeskStore

/// `notes add|move|where|pull-list`: paper case-note volumes, where they are,
/// and the day's pull list (issue 8, Docs/CASE-NOTES.md).
struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes", abstract: "Paper case-note volumes: add, move, where they are, and the day's pull list.",
        discussion: "LOCATION is one of: \(CaseNoteLocation.choices). A restricted record needs --reason "
            + "unless you opened it with one in the last 30 minutes. See Docs/CASE-NOTES.md.",
        subcommands: [NotesAdd.self, NotesMove.self, NotesWhere.self, NotesPullList.self])
}

extension Context {
    var caseNotes: CaseNoteService {
        CaseNoteService(notes: CaseNoteStore(database, clock: booking.clock), access: booking.access, clock: booking.clock)
    }
}

/// A location as JSON: `{"kind": "clinic", "place": "onc_fu@main", "text": "clinic onc_fu @ main", "typed": "clinic:onc_fu@main"}`.
struct LocationJSON: JSONObject {
    var kind: String; var place: String?; var text: String; var typed: String
    init(_ l: CaseNoteLocation) { kind = l.kind.rawValue; place = l.place; text = l.text; typed = l.typed }
}

struct VolumeJSON: JSONObject {
    var number: Int; var location: LocationJSON; var missing: Bool; var moved_at: String; var moved_by: String
    init(_ v: CaseNoteVolume) {
        number = v.number; location = LocationJSON(v.location); missing = v.location.isMissing
        moved_at = EnquiryText.when(v.movedAt); moved_by = v.movedBy
    }
}

struct MovementJSON: JSONObject {
    var volume: Int; var from: LocationJSON?; var to: LocationJSON; var by: String; var at: String; var note: String?
    init(_ m: CaseNoteMovement) {
        volume = m.volumeNumber; from = m.from.map(LocationJSON.init); to = LocationJSON(m.to); by = m.by
        at = EnquiryText.when(m.at); note = m.note
    }
}

enum NotesText {
    static func when(_ date: Date) -> String {
        let (day, time) = CentreTime.localNow(date)
        return "\(day.display) \(time.display)"
    }

    static func volume(_ v: CaseNoteVolume) -> String {
        "volume \(v.number)  " + TextOutput.pad(v.location.text, 36) + "  since \(when(v.movedAt)) (\(v.movedBy))"
    }

    static func movement(_ m: CaseNoteMovement) -> String {
        "\(when(m.at))  volume \(m.volumeNumber)  \(m.from?.text ?? "(opened)") → \(m.to.text)  by \(m.by)" + (m.note.map { "  “\($0)”" } ?? "")
    }

    static func name(_ p: Patient) -> String { "\(p.familyName.uppercased()), \(p.givenNames), \(p.mrn)" }

    /// `--to`/`--location` with `--shelf`, refused naming the field and listing the choices.
    static func location(_ text: String, shelf: String?, field: String) throws -> CaseNoteLocation {
        try CaseNoteLocation.parse(text, shelf: shelf, field: field).get()
    }
}

struct NotesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Open a new paper case-note volume for a patient (numbered after their last), audited.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @Option(help: ArgumentHelp("Where the new volume is: \(CaseNoteLocation.choices).", valueName: "location")) var location = "library"
    @Option(help: "The library shelf (with --location library).") var shelf: String?
    @Option(help: "A note for the history (at most 200 characters).") var note: String?
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: output.json) {
            let place = try NotesText.location(location, shelf: shelf, field: "location")
            let why = try restricted.parsed()
            let context = try Context.open(global)
            let volume = try context.caseNotes.addVolume(patient: patient, at: place, note: note, reason: why, by: context.user)
            if output.json {
                struct Out: JSONObject { var patient: String; var volume: VolumeJSON }
                print(encodeJSON(Out(patient: volume.patientMRN, volume: VolumeJSON(volume))))
            } else {
                print("Volume \(volume.number) of \(volume.patientMRN) opened at \(volume.location.text).")
            }
        }
    }
}

struct NotesMove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Record that a volume (or, without --volume, every volume) of a patient's case notes moved.",
        discussion: "LOCATION is one of: \(CaseNoteLocation.choices). Each volume moved gets a line in its history (from, to, who, when, note); all in one transaction.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @Option(help: "The volume number (default: every volume).") var volume: Int?
    @Option(help: ArgumentHelp("Where it went: \(CaseNoteLocation.choices).", valueName: "location")) var to: String
    @Option(help: "The library shelf (with --to library).") var shelf: String?
    @Option(help: "A note for the history (at most 200 characters).") var note: String?
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: output.json) {
            let place = try NotesText.location(to, shelf: shelf, field: "to")
            if let volume, volume < 1 { throw ValidationError(field: "volume", reason: "must be a volume number, 1 or more") }
            let why = try restricted.parsed()
            let context = try Context.open(global)
            let moved = try context.caseNotes.move(patient: patient, volume: volume, to: place, note: note, reason: why, by: context.user)
            let mrn = moved.first?.patientMRN ?? patient
            if output.json {
                struct Out: JSONObject { var patient: String; var moved: [VolumeJSON] }
                print(encodeJSON(Out(patient: mrn, moved: moved.map(VolumeJSON.init))))
            } else {
                let which = moved.count == 1 ? "Volume \(moved[0].number)" : "Volumes " + moved.map { String($0.number) }.joined(separator: ", ")
                print("\(which) of \(mrn) moved to \(place.text).")
            }
        }
    }
}

struct NotesWhere: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "where", abstract: "Where a patient's case-note volumes are, with every movement (audited as a view).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: output.json) {
            let why = try restricted.parsed()
            let context = try Context.open(global)
            let record = try context.caseNotes.whereAre(patient: patient, reason: why, by: context.user)
            let p = record.patient
            if output.json {
                struct Out: JSONObject {
                    var patient: String; var terminal_digit: String; var electronic_only: Bool; var missing: Bool
                    var volumes: [VolumeJSON]; var history: [MovementJSON]
                }
                print(encodeJSON(Out(patient: p.mrn, terminal_digit: TerminalDigit(p.mrn).description, electronic_only: record.isElectronicOnly,
                                     missing: !record.missing.isEmpty, volumes: record.volumes.map(VolumeJSON.init),
                                     history: record.history.map(MovementJSON.init))))
                return
            }
            print("Case notes of \(NotesText.name(p)) (terminal digit \(TerminalDigit(p.mrn))):")
            if record.isElectronicOnly { print("  electronic record only: no paper volumes."); return }
            record.volumes.forEach { print("  " + NotesText.volume($0)) }
            if !record.missing.isEmpty { print("  MISSING: volume " + record.missing.map { String($0.number) }.joined(separator: ", ")) }
            print("History:")
            record.history.forEach { print("  " + NotesText.movement($0)) }
        }
    }
}

struct NotesPullList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull-list", abstract: "The case-note volumes to fetch for a day's clinics, in terminal-digit order.",
        discussion: """
            One line per volume of every patient with a booked or arrived appointment that day (of the site, when
            given), in terminal-digit order of the hospital number, with where the volume is now and the clinic(s)
            it must go to. Patients with no paper volumes are listed after them as electronic record only.
            Plain text is laid out for printing on A4: 80 columns, pages of --page-lines lines separated by form
            feeds, each with a header (date, site, page n of m). Restricted records are listed by hospital number only.
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The clinic date (default: the next working day).") var date: DateArgument?
    @Option(help: "Only this site's clinics.") var site: String?
    @Flag(help: "Print CSV instead of text (one row per volume; electronic-record-only patients last).") var csv = false
    @Option(help: "Lines per printed page (20 to 200).") var pageLines = PullListPrint.defaultPageLines

    func validate() throws {
        guard (20...200).contains(pageLines) else { throw ArgumentParser.ValidationError("--page-lines must be between 20 and 200") }
        if csv && output.json { throw ArgumentParser.ValidationError("give --json or --csv, not both") }
    }

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            let day = try date?.date("date", today: today)
                ?? WorkingCalendar(closures: try context.booking.closureDays()).nextWorkingDay(onOrAfter: today.adding(days: 1))
            let list = try context.caseNotes.pullList(date: day, siteCode: site, by: context.user)
            if output.json {
                print(encodeJSON(PullListJSON(list)))
            } else if csv {
                print(PullListPrint.csv(list), terminator: "")
            } else {
                print(PullListPrint.text(list, printed: NotesText.when(context.booking.clock.now),
                                         pageLines: pageLines), terminator: "")
            }
        }
    }
}

struct PullListJSON: JSONObject {
    struct Clinic: JSONObject {
        var appointment_id: Int64; var time: String; var site: String; var service: String; var clinician: String; var status: String
        init(_ c: PullListClinic) {
            appointment_id = c.appointmentID; time = c.start.display; site = c.siteCode; service = c.serviceCode
            clinician = c.clinicianCode; status = c.status.rawValue
        }
    }
    struct Line: JSONObject {
        var terminal_digit: String; var hospital_number: String; var name: String?; var restricted: Bool
        var volume: Int; var volumes: Int; var location: LocationJSON; var missing: Bool; var clinics: [Clinic]
        init(_ l: PullListLine) {
            terminal_digit = l.terminalDigit.description; hospital_number = l.patient.mrn; name = l.patient.name
            restricted = l.patient.restricted; volume = l.volume.number; volumes = l.patient.volumes.count
            location = LocationJSON(l.volume.location); missing = l.volume.location.isMissing; clinics = l.patient.clinics.map(Clinic.init)
        }
    }
    struct Electronic: JSONObject {
        var terminal_digit: String; var hospital_number: String; var name: String?; var restricted: Bool; var clinics: [Clinic]
        init(_ p: PullListPatient) {
            terminal_digit = p.terminalDigit.description; hospital_number = p.mrn; name = p.name; restricted = p.restricted
            clinics = p.clinics.map(Clinic.init)
        }
    }
    var date: String; var site: String?; var patients: Int; var volumes: Int
    var lines: [Line]; var electronic_only: [Electronic]
    init(_ list: PullList) {
        let lines = list.lines
        date = list.date.iso; site = list.siteCode; patients = list.patients.count; volumes = lines.count
        self.lines = lines.map(Line.init); electronic_only = list.electronicOnly.map(Electronic.init)
    }
}
