import ArgumentParser
import Foundation
import FrontDeskDomain

// The clinic set-up: sites, services, clinicians and resources (managers add
// them; everyone may list them). Codes are short and stable: clinics, templates
// and bookings refer to them.

struct SiteJSON: JSONObject {
    var code: String; var name: String; var active: Bool
    init(_ s: Site) { code = s.code; name = s.name; active = s.active }
}

struct ServiceJSON: JSONObject {
    var code: String; var name: String; var minutes: Int; var attendance: String; var mode: String; var active: Bool
    var pharmacy_screening: Bool
    init(_ s: Service) {
        code = s.code; name = s.name; minutes = s.defaultMinutes; attendance = s.attendance.rawValue
        mode = s.mode.rawValue; active = s.active; pharmacy_screening = s.pharmacyScreening
    }
}

struct ClinicianJSON: JSONObject {
    var code: String; var name: String; var role: String; var role_title: String; var active: Bool
    init(_ c: Clinician) { code = c.code; name = c.name; role = c.role.rawValue; role_title = c.role.title; active = c.active }
}

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "The centre and its hubs, where clinics are held.", subcommands: [SiteAdd.self, SiteList.self])
}

struct SiteAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a site (managers).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Short stable code: lower-case letters, digits, _ or - (e.g. main, hub-north).") var code: String
    @Option(help: "The site's name.") var name: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let site = try context.diary.addSite(Site(code: code, name: name), by: context.user)
            if output.json { print(encodeJSON(SiteJSON(site))) } else { print("Added site \(site.code): \(site.name)") }
        }
    }
}

struct SiteList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every site.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let sites = try context.diary.sites(by: context.user)
            if output.json {
                struct List: JSONObject { var sites: [SiteJSON] }
                print(encodeJSON(List(sites: sites.map(SiteJSON.init))))
            } else if sites.isEmpty {
                print("No sites yet (frontdesk site add --code CODE --name NAME).")
            } else {
                for site in sites { print(TextOutput.pad(site.code, 16) + " " + site.name + (site.active ? "" : "  INACTIVE")) }
            }
        }
    }
}

struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service", abstract: "What clinics offer (oncology new patient, phlebotomy, SACT chair …).",
        subcommands: [ServiceAdd.self, ServiceList.self, ServiceSet.self])
}

extension ContactMode: TypedArgument {}

struct ServiceAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a service (managers).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Short stable code (e.g. onc-new, phlebotomy).") var code: String
    @Option(help: "The service's name.") var name: String
    @Option(help: "Default appointment length in minutes (5 to 480).") var minutes: Int
    @Flag(name: .customLong("follow-up"), help: "A follow-up attendance (default: a first attendance).") var followUp = false
    @Option(help: "face_to_face (default), telephone or video.") var mode: ContactMode = .faceToFace
    @Flag(name: .customLong("pharmacy-screening"),
          help: "A treatment whose prescription pharmacy screens before each appointment (a SACT chair): the checklist asks for it.")
    var pharmacyScreening = false
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let service = try context.diary.addService(
                Service(code: code, name: name, defaultMinutes: minutes, attendance: followUp ? .followUp : .first, mode: mode,
                        pharmacyScreening: pharmacyScreening),
                by: context.user)
            if output.json { print(encodeJSON(ServiceJSON(service))) } else {
                print("Added service \(service.code): \(service.name), \(service.defaultMinutes) minutes, \(service.attendance.summary), \(service.mode.summary)"
                      + (service.pharmacyScreening ? ", pharmacy screening" : ""))
            }
        }
    }
}

struct ServiceSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change a service (managers): whether pharmacy screens its prescriptions.",
        discussion: "With --pharmacy-screening every appointment of the service gets a 'prescription screened' item on the "
            + "end-of-day checklist before it (urgent while outstanding); --no-pharmacy-screening takes it off. Audited.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The service's code (frontdesk service list).") var code: String
    @Flag(inversion: .prefixedNo, help: "Whether pharmacy screens the prescription before each appointment (a SACT chair).")
    var pharmacyScreening: Bool
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let service = try context.diary.setPharmacyScreening(service: code, pharmacyScreening, by: context.user)
            if output.json { print(encodeJSON(ServiceJSON(service))) } else {
                print("Service \(service.code): pharmacy screening " + (service.pharmacyScreening ? "on" : "off") + ".")
            }
        }
    }
}

struct ServiceList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every service.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let services = try context.diary.services(by: context.user)
            if output.json {
                struct List: JSONObject { var services: [ServiceJSON] }
                print(encodeJSON(List(services: services.map(ServiceJSON.init))))
            } else if services.isEmpty {
                print("No services yet (frontdesk service add --code CODE --name NAME --minutes N).")
            } else {
                for s in services {
                    print(TextOutput.pad(s.code, 16) + " " + TextOutput.pad(s.name, 34) + " " + TextOutput.pad("\(s.defaultMinutes) min", 8)
                          + " " + TextOutput.pad(s.attendance.summary, 16) + " "
                          + (s.pharmacyScreening ? TextOutput.pad(s.mode.summary, 12) + " pharmacy screening" : s.mode.summary)
                          + (s.active ? "" : "  INACTIVE"))
                }
            }
        }
    }
}

struct ClinicianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinician", abstract: "Clinicians and resources who hold clinics (diary entries, not FrontDesk users).",
        subcommands: [ClinicianAdd.self, ClinicianList.self])
}

extension ClinicianRole: TypedArgument {}

struct ClinicianAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a clinician or a resource (managers).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Short stable code (e.g. dr-okafor, chair-3, linac-2).") var code: String
    @Option(help: "The name as the diary shows it.") var name: String
    @Option(help: "Professional role: \(ClinicianRole.allCases.map(\.rawValue).joined(separator: ", ")).") var role: ClinicianRole
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let clinician = try context.diary.addClinician(Clinician(code: code, name: name, role: role), by: context.user)
            if output.json { print(encodeJSON(ClinicianJSON(clinician))) } else {
                print("Added \(clinician.role.isResource ? "resource" : "clinician") \(clinician.code): \(clinician.name) (\(clinician.role.title))")
            }
        }
    }
}

struct ClinicianList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every clinician and resource.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let clinicians = try context.diary.clinicians(by: context.user)
            if output.json {
                struct List: JSONObject { var clinicians: [ClinicianJSON] }
                print(encodeJSON(List(clinicians: clinicians.map(ClinicianJSON.init))))
            } else if clinicians.isEmpty {
                print("No clinicians yet (frontdesk clinician add --code CODE --name NAME --role ROLE).")
            } else {
                for c in clinicians {
                    print(TextOutput.pad(c.code, 16) + " " + TextOutput.pad(c.name, 30) + " " + c.role.title + (c.active ? "" : "  INACTIVE"))
                }
            }
        }
    }
}
