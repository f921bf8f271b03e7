/// The demo cancer centre: a main site and two hubs, the clinics a regional
/// cancer centre runs (oncology new and follow-up clinics per tumour site,
/// telephone follow-ups, specialist nurses, phlebotomy, SACT chairs,
/// radiotherapy planning CT, the mould room, treatment on linear
/// accelerators …), the clinicians and resources who hold them, and the
/// weekly session templates. Everything here is invented: no real hospital,
/// clinician or resource is named.
///
/// A pure value: `DemoCentreSeeder` stores it, generates two years of
/// sessions from its templates (`SessionGeneration`) and fills them with
/// bookings (`DemoCentreBookings`).
public struct DemoCentre: Sendable {
    public var sites: [Site]
    public var services: [Service]
    public var clinicians: [Clinician]
    /// Without ids; each valid from `validFrom`.
    public var templates: [SessionTemplate]

    /// The services whose appointments are booked months ahead (follow-up
    /// surveillance), as opposed to treatment and first appointments, booked
    /// a few weeks ahead at most.
    public var bookedFarAhead: Set<String>

    /// The demo centre, its templates valid from `validFrom`.
    public static func standard(validFrom: LocalDate) -> DemoCentre {
        var b = Builder(validFrom: validFrom)
        b.build()
        return DemoCentre(sites: b.sites, services: b.services, clinicians: b.clinicians, templates: b.templates,
                          bookedFarAhead: b.farAhead)
    }

    /// Site codes.
    public static let centre = "centre"
    public static let liverpoolHub = "hub-liverpool"
    public static let walesHub = "hub-rhyl"

    /// The tumour sites with their own new-patient and follow-up clinics:
    /// (code prefix, name, has a telephone follow-up clinic).
    public static let tumourSites: [(code: String, name: String, telephone: Bool)] = [
        ("breast", "Breast", true), ("lung", "Lung", true), ("colorectal", "Colorectal", true),
        ("upper_gi", "Upper GI", false), ("urology", "Urology", true), ("gynae", "Gynaecology", false),
        ("head_neck", "Head and neck", false), ("haem", "Haemato-oncology", true), ("skin", "Skin and melanoma", false),
    ]
}

extension DemoCentre {
    /// Builds the centre in a fixed order, so codes and template order (and so
    /// the generated diary) are the same every time.
    struct Builder {
        let validFrom: LocalDate
        var sites: [Site] = []
        var services: [Service] = []
        var clinicians: [Clinician] = []
        var templates: [SessionTemplate] = []
        var farAhead: Set<String> = []

        init(validFrom: LocalDate) { self.validFrom = validFrom }

        static func t(_ h: Int, _ m: Int) -> ClockTime { ClockTime(hour: h, minute: m)! }
        static let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        static let monToFri = Set(weekdays)

        mutating func template(_ service: String, _ site: String, _ clinician: String, _ days: Set<Weekday>,
                               _ start: ClockTime, _ end: ClockTime, slot: Int, capacity: Int = 1) {
            templates.append(SessionTemplate(serviceCode: service, siteCode: site, clinicianCode: clinician, weekdays: days,
                                             start: start, end: end, slotMinutes: slot, capacity: capacity, validFrom: validFrom))
        }

        mutating func person(_ code: String, _ name: String, _ role: ClinicianRole) -> String {
            clinicians.append(Clinician(code: code, name: name, role: role))
            return code
        }

        mutating func build() {
            let centre = DemoCentre.centre, liverpool = DemoCentre.liverpoolHub, rhyl = DemoCentre.walesHub
            let t = Builder.t
            sites = [
                Site(code: centre, name: "Mersey and Dee Cancer Centre"),
                Site(code: liverpool, name: "Liverpool city hub"),
                Site(code: rhyl, name: "North Wales hub, Rhyl"),
            ]

            // Services: the general examples first, then each tumour site's clinics, then the rest.
            services = Service.examples
            for tumour in DemoCentre.tumourSites {
                services.append(Service(code: tumour.code + "_new", name: "\(tumour.name) oncology new patient",
                                        defaultMinutes: 40, attendance: .first))
                services.append(Service(code: tumour.code + "_fu", name: "\(tumour.name) oncology follow-up",
                                        defaultMinutes: 20, attendance: .followUp))
                farAhead.insert(tumour.code + "_fu")
                if tumour.telephone {
                    services.append(Service(code: tumour.code + "_tel", name: "\(tumour.name) telephone follow-up",
                                            defaultMinutes: 15, attendance: .followUp, mode: .telephone))
                    farAhead.insert(tumour.code + "_tel")
                }
            }
            services += [
                Service(code: "sact_short", name: "SACT chair, short infusion", defaultMinutes: 30, attendance: .followUp,
                        pharmacyScreening: true),
                Service(code: "rt_review", name: "Radiotherapy on-treatment review", defaultMinutes: 15, attendance: .followUp),
                Service(code: "acute_onc", name: "Acute oncology assessment", defaultMinutes: 30, attendance: .first),
                Service(code: "picc", name: "PICC line care", defaultMinutes: 30, attendance: .followUp),
                Service(code: "pharm_review", name: "Pharmacist pre-SACT review", defaultMinutes: 20, attendance: .followUp),
                Service(code: "late_effects", name: "Late effects clinic", defaultMinutes: 30, attendance: .followUp),
            ]
            farAhead.formUnion(["onc_fu", "onc_fu_tel", "late_effects", "cns_video"])

            let (mon, tue, wed, thu, fri) = (Weekday.monday, Weekday.tuesday, Weekday.wednesday, Weekday.thursday, Weekday.friday)
            let week = Builder.weekdays

            // Consultants: two per tumour site, each with a new-patient morning at the
            // centre and two follow-up afternoons (one of them at a hub).
            let consultants: [(String, String)] = [
                ("dr-okafor", "Dr Amara Okafor"), ("dr-pritchard", "Dr Rhys Pritchard"),
                ("dr-raman", "Dr Priya Raman"), ("dr-kelly", "Dr Siobhan Kelly"),
                ("dr-nowak", "Dr Tomasz Nowak"), ("dr-garside", "Dr Helen Garside"),
                ("dr-mensah", "Dr Kwame Mensah"), ("dr-macleod", "Dr Fiona MacLeod"),
                ("dr-qureshi", "Dr Imran Qureshi"), ("dr-hughes", "Dr Catrin Hughes"),
                ("dr-chen", "Dr Mei Lin Chen"), ("dr-lloyd", "Dr Gareth Lloyd"),
                ("dr-haddad", "Dr Nadia Haddad"), ("dr-brennan", "Dr Owen Brennan"),
                ("dr-desai", "Dr Sunita Desai"), ("dr-papadopoulos", "Dr Eleni Papadopoulos"),
                ("dr-whitfield", "Dr James Whitfield"), ("dr-gallagher", "Dr Aoife Gallagher"),
            ]
            for (i, tumour) in DemoCentre.tumourSites.enumerated() {
                for k in 0..<2 {
                    let index = i * 2 + k
                    let code = person(consultants[index].0, consultants[index].1, .consultant)
                    let newDay = week[index % 5], fuDay = week[(index + 2) % 5], hubDay = week[(index + 4) % 5]
                    template(tumour.code + "_new", centre, code, [newDay], t(9, 0), t(12, 20), slot: 40)
                    template(tumour.code + "_fu", centre, code, [fuDay], t(13, 30), t(17, 10), slot: 20)
                    template(tumour.code + "_fu", index % 3 == 2 ? rhyl : liverpool, code, [hubDay], t(13, 30), t(17, 10), slot: 20)
                }
            }
            // General (acute and unknown primary) oncologists.
            let general = [person("dr-adeyemi", "Dr Samuel Adeyemi", .consultant), person("dr-ellison", "Dr Ruth Ellison", .consultant)]
            template("onc_new", centre, general[0], [mon, wed], t(9, 0), t(12, 20), slot: 40)
            template("onc_fu", centre, general[0], [thu], t(13, 30), t(17, 10), slot: 20)
            template("onc_new", liverpool, general[1], [tue], t(9, 0), t(12, 20), slot: 40)
            template("onc_fu", centre, general[1], [fri], t(13, 30), t(17, 10), slot: 20)
            template("onc_fu_tel", centre, general[1], [mon, thu], t(9, 0), t(13, 0), slot: 15)
            template("acute_onc", centre, general[0], [tue, fri], t(13, 0), t(17, 0), slot: 30, capacity: 2)

            // Registrars: follow-up mornings for the busiest tumour sites.
            let registrars: [(String, String, String)] = [
                ("dr-ashworth", "Dr Ben Ashworth", "breast"), ("dr-rahman", "Dr Layla Rahman", "lung"),
                ("dr-eze", "Dr Chidi Eze", "colorectal"), ("dr-roberts", "Dr Hannah Roberts", "urology"),
                ("dr-menon", "Dr Arjun Menon", "haem"), ("dr-doyle", "Dr Kate Doyle", "gynae"),
            ]
            for (i, (code, name, tumour)) in registrars.enumerated() {
                _ = person(code, name, .registrar)
                template(tumour + "_fu", centre, code, [week[i % 5], week[(i + 3) % 5]], t(9, 0), t(12, 40), slot: 20)
            }

            // Clinical nurse specialists: one per tumour site (telephone follow-ups
            // and nurse-led clinics), and acute oncology, PICC and late effects.
            let nurses: [(String, String)] = [
                ("cns-parry", "Joanne Parry"), ("cns-henshaw", "Mark Henshaw"), ("cns-rowlands", "Bethan Rowlands"),
                ("cns-oyelaran", "Grace Oyelaran"), ("cns-kirkby", "Paul Kirkby"), ("cns-ali", "Zainab Ali"),
                ("cns-byrne", "Niamh Byrne"), ("cns-tran", "Lucy Tran"), ("cns-cowley", "Sarah Cowley"),
            ]
            for (i, tumour) in DemoCentre.tumourSites.enumerated() {
                let code = person(nurses[i].0, nurses[i].1, .specialistNurse)
                template("cns", i % 3 == 1 ? liverpool : centre, code, [week[i % 5], week[(i + 2) % 5]], t(9, 0), t(13, 0), slot: 30)
                template("cns_video", centre, code, [week[(i + 4) % 5]], t(14, 0), t(16, 0), slot: 20)
                if tumour.telephone {
                    template(tumour.code + "_tel", centre, code, [week[(i + 1) % 5], week[(i + 3) % 5]], t(9, 0), t(13, 0), slot: 15)
                }
            }
            let acute = person("cns-evans", "Dafydd Evans", .specialistNurse)
            template("acute_onc", centre, acute, [mon, wed], t(9, 0), t(17, 0), slot: 30, capacity: 2)
            template("acute_onc", rhyl, acute, [thu], t(9, 0), t(13, 0), slot: 30)
            let picc = person("cns-kowalska", "Marta Kowalska", .specialistNurse)
            template("picc", centre, picc, Builder.monToFri, t(8, 30), t(12, 30), slot: 30, capacity: 2)
            let late = person("cns-foster", "Angela Foster", .specialistNurse)
            template("late_effects", centre, late, [thu], t(13, 30), t(16, 30), slot: 30)
            template("late_effects", liverpool, late, [tue], t(13, 30), t(16, 30), slot: 30)

            // Phlebotomy: three phlebotomists at the centre, two at Liverpool, one at Rhyl.
            let phlebotomists: [(String, String, String)] = [
                ("phleb-jones", "Tracey Jones", centre), ("phleb-ward", "Kelly Ward", centre),
                ("phleb-zielinska", "Agnieszka Zielinska", centre), ("phleb-morgan", "Lisa Morgan", liverpool),
                ("phleb-osei", "Abena Osei", liverpool), ("phleb-williams", "Eirian Williams", rhyl),
            ]
            for (code, name, site) in phlebotomists {
                _ = person(code, name, .phlebotomist)
                if site == rhyl {
                    template("phlebotomy", site, code, Builder.monToFri, t(8, 30), t(14, 30), slot: 10, capacity: 2)
                } else {
                    template("phlebotomy", site, code, Builder.monToFri, t(8, 0), t(17, 0), slot: 10, capacity: 2)
                }
            }

            // Pharmacists: pre-SACT reviews.
            for (i, (code, name)) in [("pharm-shah", "Deepa Shah"), ("pharm-jenkins", "Iwan Jenkins")].enumerated() {
                _ = person(code, name, .pharmacist)
                template("pharm_review", i == 0 ? centre : liverpool, code, [week[i], week[i + 2], week[i + 3]], t(9, 0), t(12, 20), slot: 20)
            }

            // Radiographers: on-treatment review afternoons.
            let radiographers: [(String, String)] = [
                ("rad-lowe", "Chris Lowe"), ("rad-griffiths", "Emma Griffiths"), ("rad-karim", "Faisal Karim"),
                ("rad-dunn", "Rachel Dunn"), ("rad-lacey", "Stephen Lacey"), ("rad-price", "Yvonne Price"),
            ]
            for (i, (code, name)) in radiographers.enumerated() {
                _ = person(code, name, .radiographer)
                template("rt_review", i == 5 ? liverpool : centre, code, [week[i % 5], week[(i + 2) % 5]], t(13, 0), t(16, 0), slot: 15)
            }

            // SACT chairs: 18 at the centre (the last four for short infusions), 8 at Liverpool, 4 at Rhyl.
            for n in 1...18 {
                let code = person("chair-\(n < 10 ? "0" : "")\(n)", "SACT chair \(n), day unit", .resource)
                if n <= 14 {
                    template("sact_chair", centre, code, Builder.monToFri, t(8, 0), t(18, 0), slot: 120)
                } else {
                    template("sact_short", centre, code, Builder.monToFri, t(8, 30), t(17, 30), slot: 30)
                }
            }
            for n in 1...8 {
                let code = person("lpool-chair-\(n)", "SACT chair \(n), Liverpool hub", .resource)
                template("sact_chair", liverpool, code, Builder.monToFri, t(8, 0), t(18, 0), slot: 120)
            }
            for n in 1...4 {
                let code = person("rhyl-chair-\(n)", "SACT chair \(n), Rhyl hub", .resource)
                template("sact_chair", rhyl, code, Builder.monToFri, t(8, 30), t(16, 30), slot: 120)
            }

            // Linear accelerators: eight at the centre (08:00–20:00), two at Liverpool, one at Rhyl.
            for n in 1...11 {
                let site = n <= 8 ? centre : n <= 10 ? liverpool : rhyl
                let code = person("linac-\(n)", "Linear accelerator \(n)", .resource)
                if site == centre {
                    template("rt_treatment", site, code, Builder.monToFri, t(8, 0), t(20, 0), slot: 15)
                } else {
                    template("rt_treatment", site, code, Builder.monToFri, t(8, 0), t(18, 0), slot: 15)
                }
            }
            // Planning CT scanners and the mould room.
            for n in 1...2 {
                let code = person("ct-sim-\(n)", "Planning CT scanner \(n)", .resource)
                template("rt_planning_ct", centre, code, Builder.monToFri, t(8, 30), t(16, 30), slot: 30)
            }
            let mould = person("mould-room", "Mould room", .resource)
            template("mould_room", centre, mould, Builder.monToFri, t(9, 0), t(16, 30), slot: 45)
        }
    }
}
