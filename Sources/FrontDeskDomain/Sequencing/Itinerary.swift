import Foundation

/// A course's appointments for the patient to take home: day by day, what,
/// when and where, in plain words. Large print (the patient's accessible
/// information need, Accessible Information Standard) puts one fact on each
/// short line, with space between days, to print at 16 point or larger.
public struct Itinerary: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var date: LocalDate
        public var start: ClockTime
        public var end: ClockTime
        public var what: String
        /// The site's name (or "by telephone" / "by video").
        public var place: String
        public var appointmentID: Int64
    }

    public var patientName: String
    public var hospitalNumber: String
    public var courseName: String
    public var courseID: Int64
    public var items: [Item]
    public var largePrint: Bool
    /// Why large print was chosen (the record's need, or asked for).
    public var largePrintReason: String?

    /// The longest line of a large-print itinerary.
    public static let largePrintWidth = 36

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// `Tuesday 15 December 2026`.
    public static func longDate(_ d: LocalDate) -> String {
        "\(dayNames[d.weekday.rawValue - 1]) \(d.day) \(monthNames[d.month - 1]) \(d.year)"
    }

    /// `9:30am`, `2pm`: the way a letter to a patient writes a time.
    public static func spokenTime(_ t: ClockTime) -> String {
        let h = t.hour % 12 == 0 ? 12 : t.hour % 12
        let suffix = t.hour < 12 ? "am" : "pm"
        return t.minute == 0 ? "\(h)\(suffix)" : "\(h):\(LocalDate.padded(t.minute, 2))\(suffix)"
    }

    /// The text to print.
    public var text: String {
        var lines: [String] = []
        let days = Dictionary(grouping: items, by: \.date).sorted { $0.key < $1.key }
        if largePrint {
            // One fact a line, at most `largePrintWidth` characters (words wrapped).
            func wrap(_ text: String, indent: String = "") -> [String] {
                var out: [String] = [], line = ""
                for word in text.split(separator: " ") {
                    let candidate = line.isEmpty ? String(word) : line + " " + word
                    if indent.count + candidate.count > Self.largePrintWidth, !line.isEmpty {
                        out.append(indent + line); line = String(word)
                    } else {
                        line = candidate
                    }
                }
                if !line.isEmpty { out.append(indent + line) }
                return out
            }
            lines += ["YOUR APPOINTMENTS", ""] + wrap(patientName) + ["Hospital number \(hospitalNumber)", ""] + wrap(courseName) + [""]
            for (date, visits) in days {
                lines += wrap(Self.longDate(date).uppercased())
                for v in visits.sorted(by: { $0.start < $1.start }) {
                    lines += wrap(Self.spokenTime(v.start), indent: "  ") + wrap(v.what, indent: "  ") + wrap(v.place, indent: "  ")
                }
                lines.append("")
            }
            lines += ["If you cannot come,", "please phone us", "as soon as you can."]
        } else {
            lines += ["Your appointments — \(courseName)", "\(patientName), hospital number \(hospitalNumber)", ""]
            for (date, visits) in days {
                lines.append(Self.longDate(date))
                for v in visits.sorted(by: { $0.start < $1.start }) {
                    lines.append("  \(Self.spokenTime(v.start)) to \(Self.spokenTime(v.end))  \(v.what), \(v.place)")
                }
                lines.append("")
            }
            lines.append("If you cannot come to an appointment, please phone us as soon as you can so that we can rearrange "
                         + "the rest of your treatment.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension SequenceService {
    /// The course's appointments still to come, for the patient (audited: it
    /// prints the patient's name). Large print when asked, or when the record
    /// says the patient needs it (nil: follow the record).
    public func itinerary(course id: Int64, largePrint: Bool? = nil, reason: AccessReason? = nil,
                          by user: ActingUser) throws -> Itinerary {
        try booking.access.require(.viewRecord, user)
        let at = booking.clock.now
        let (today, now) = booking.now
        let calendar = try booking.calendar()
        return try booking.booking.write { tx in
            guard let course = try tx.course(id: id) else { throw BookingError.notFound("course", "there is no course \(id)") }
            guard let person = try tx.patient(id: course.patientID) else { throw BookingError.notFound("course", "course \(id) has no patient") }
            let detail = try detail(tx, course, calendar: calendar)
            let needsLarge = person.accessibleNeeds.contains { $0.kind == .largePrint }
            let large = largePrint ?? needsLarge
            var sites: [String: String] = [:]
            var services: [String: Service] = [:]
            var items: [Itinerary.Item] = []
            for row in detail.rows {
                guard let a = row.appointment, row.isHeld, a.status == .booked,
                      a.date > today || (a.date == today && a.start >= now) else { continue }
                if sites[a.siteCode] == nil { sites[a.siteCode] = try tx.site(code: a.siteCode)?.name ?? a.siteCode }
                if services[a.serviceCode] == nil { services[a.serviceCode] = try tx.service(code: a.serviceCode) }
                let mode = services[a.serviceCode]?.mode
                let place = mode == .telephone ? "by telephone" : mode == .video ? "by video" : sites[a.siteCode]!
                items.append(.init(date: a.date, start: a.start, end: a.end, what: row.label, place: place, appointmentID: a.id))
            }
            try Self.opening(tx, person, reason: reason, user: user, at: at,
                             "printed the itinerary of course \(id)\(large ? " (large print)" : "")")
            return Itinerary(patientName: person.displayName, hospitalNumber: person.mrn, courseName: course.protocolName,
                             courseID: id, items: items, largePrint: large,
                             largePrintReason: largePrint == nil ? (needsLarge ? "the record's information need" : nil)
                                 : (largePrint! ? "asked for" : nil))
        }
    }
}
