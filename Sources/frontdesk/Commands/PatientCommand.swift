import ArgumentParser
import Foundation
import FrontDeskDomain

struct PatientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patient", abstract: "Register, find, show and edit patients.",
        subcommands: [PatientAdd.self, PatientSearch.self, PatientShow.self, PatientEdit.self,
                      PatientRestrict.self, PatientUnrestrict.self, PatientMerge.self, PatientPreferences.self, PatientConsent.self])
}

/// The record's fields as options, shared by `add` and `edit`.
struct PatientFieldOptions: ParsableArguments {
    @Option(help: "Hospital number (default: the next FD number).") var mrn: String?
    @Option(name: [.customLong("nhs"), .customLong("nhs-number")], help: "NHS number, with or without spaces.") var nhs: String?
    @Option(help: "Title, e.g. Mrs.") var title: String?
    @Option(name: [.customLong("family"), .customLong("family-name")], help: "Family name (surname).") var family: String?
    @Option(name: [.customLong("given"), .customLong("given-names")], help: "Given names.") var given: String?
    @Option(name: [.customLong("preferred"), .customLong("preferred-name")], help: "Preferred name.") var preferred: String?
    @Option(name: .customLong("previous-name"), help: "A previous family name (repeat for several; '' clears).") var previousNames: [String] = []
    @Option(name: [.customLong("dob"), .customLong("date-of-birth")], help: "Date of birth: 12/03/1956, 12-Mar-1956, 1956-03-12, 12031956.") var dob: String?
    @Option(help: "female, male, other or unknown (F, M, O, U).") var sex: String?
    @Option(name: .customLong("address1"), help: "Address line 1.") var address1: String?
    @Option(name: .customLong("address2"), help: "Address line 2.") var address2: String?
    @Option(help: "Town.") var town: String?
    @Option(help: "Postcode, any case, with or without the space.") var postcode: String?
    @Option(name: .customLong("phone"), help: "Phone number, optionally kind:number (home, mobile, work, other); repeat for several; '' clears.") var phones: [String] = []
    @Option(help: "Email address.") var email: String?
    @Option(name: .customLong("gp-code"), help: "Registered GP practice code (ODS), e.g. N81013.") var gpCode: String?
    @Option(name: .customLong("gp-name"), help: "Registered GP practice name.") var gpName: String?
    @Option(name: .customLong("kin-name"), help: "Next of kin's name.") var kinName: String?
    @Option(name: .customLong("kin-relationship"), help: "Next of kin's relationship.") var kinRelationship: String?
    @Option(name: .customLong("kin-phone"), help: "Next of kin's phone.") var kinPhone: String?
    @Option(name: .customLong("key-worker"), help: "Key worker / specialist nurse.") var keyWorker: String?
    @Option(name: .customLong("date-of-death"), help: "Date of death.") var dateOfDeath: String?
    @Option(name: .customLong("alert"), help: "Alert kind[:note] (\(AlertKind.allCases.map(\.rawValue).joined(separator: ", "))); repeat; '' clears.") var alerts: [String] = []
    @Option(name: .customLong("need"), help: "Accessible-information need (\(AccessibleNeedKind.allCases.map(\.rawValue).joined(separator: ", ")); interpreter:LANGUAGE); repeat; '' clears.") var needs: [String] = []

    var fields: PatientFields {
        var f = PatientFields()
        f.mrn = mrn; f.nhsNumber = nhs; f.title = title; f.familyName = family; f.givenNames = given
        f.preferredName = preferred; f.dateOfBirth = dob; f.sex = sex; f.addressLine1 = address1
        f.addressLine2 = address2; f.town = town; f.postcode = postcode; f.email = email
        f.gpPracticeCode = gpCode; f.gpPracticeName = gpName; f.nextOfKinName = kinName
        f.nextOfKinRelationship = kinRelationship; f.nextOfKinPhone = kinPhone; f.keyWorker = keyWorker
        f.dateOfDeath = dateOfDeath
        func list(_ values: [String]) -> [String]? { values.isEmpty ? nil : values.filter { !$0.isEmpty } }
        f.previousFamilyNames = list(previousNames)
        f.phones = list(phones)
        f.alerts = list(alerts)
        f.accessibleNeeds = list(needs)
        return f
    }
}

struct PatientAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a new patient.",
        discussion: "Required: --family, --given, --dob. A likely duplicate (same date of birth, similar name) is refused unless --confirm-not-duplicate; the same NHS or hospital number is always refused.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var record: PatientFieldOptions
    @Flag(name: .customLong("confirm-not-duplicate"), help: "Register even though a likely duplicate exists (you checked it is a different person).")
    var confirmNotDuplicate = false

    func run() throws {
        try reporting(json: output.json) {
            // Check the fields before a new database file is made for them.
            _ = try record.fields.validated(over: nil, today: CentreTime.today(Date())).get()
            let context = try Context.open(global)
            let patient = try context.service.register(record.fields, by: context.user, acceptLikelyDuplicates: confirmNotDuplicate)
            if output.json {
                print(encodeJSON(PatientJSON(patient, today: context.service.today)))
            } else {
                print("Registered \(patient.displayName), hospital number \(patient.mrn).")
                print(TextOutput.record(patient, today: context.service.today))
            }
        }
    }
}

struct PatientSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Find patients as you would type in the search box.",
        discussion: "QUERY may hold an NHS number, hospital number, date of birth, phone number, postcode or outward code, and name words (prefixes, any order). Every part must match. See Docs/SEARCH.md.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "What to search for (quote it, or give several words).") var query: [String]
    @Option(help: "At most this many rows (default 50).") var limit: Int = 50

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ArgumentParser.ValidationError("--limit must be between 1 and 1000") }
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ArgumentParser.ValidationError("QUERY must not be empty") }
    }

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let results = try context.service.search(query.joined(separator: " "), limit: limit, by: context.user)
            if output.json {
                print(encodeJSON(SearchJSON(results: results.results.map(SummaryJSON.init), more: results.more, more_capped: results.moreCapped)))
            } else {
                print(TextOutput.results(results, today: context.service.today))
            }
        }
    }
}

struct PatientShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Open a patient's whole record (recorded in the audit trail).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @Option(help: ArgumentHelp("Why you open a restricted record: \(AccessReason.Kind.allCases.map(\.rawValue).joined(separator: ", ")) (other:WHY); audited.",
                               valueName: "reason"))
    var reason: String?

    func run() throws {
        try reporting(json: output.json) {
            let why = try reason.map { try AccessReason.parse($0).get() }
            let context = try Context.open(global)
            let record = try context.service.open(patient, by: context.user, reason: why)
            if output.json {
                print(encodeJSON(PatientJSON(record, today: context.service.today)))
            } else {
                print(TextOutput.record(record, today: context.service.today))
            }
        }
    }
}

struct PatientEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change fields of a patient's record.",
        discussion: "Only the options given change; an empty value ('') clears an optional field. The same checks as registration apply.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @OptionGroup var record: PatientFieldOptions
    @Flag(name: .customLong("confirm-not-duplicate"), help: "Save even though a likely duplicate exists.")
    var confirmNotDuplicate = false
    @Option(help: ArgumentHelp("Why you change a restricted record (as for show); audited.", valueName: "reason"))
    var reason: String?

    func run() throws {
        try reporting(json: output.json) {
            let why = try reason.map { try AccessReason.parse($0).get() }
            let fields = record.fields
            if fields.isEmpty {
                throw CommandFailure(message: "edit: give at least one field to change (see --help)", code: .refused)
            }
            let context = try Context.open(global)
            let (patient, changed) = try context.service.edit(self.patient, fields, by: context.user,
                                                              acceptLikelyDuplicates: confirmNotDuplicate, reason: why)
            if output.json {
                // The record is printed only when it was saved (and audited): an
                // edit that changes nothing opens nothing.
                struct Edited: JSONObject { var changed: [String]; var patient: PatientJSON? }
                print(encodeJSON(Edited(changed: changed,
                                        patient: changed.isEmpty ? nil : PatientJSON(patient, today: context.service.today))))
            } else {
                print(changed.isEmpty ? "Nothing changed." : "Changed \(changed.joined(separator: ", ")) of \(patient.displayName), hospital number \(patient.mrn).")
            }
        }
    }
}


/// What `patient restrict` and `unrestrict` print: the same keys either way.
func printRestriction(_ record: Patient, json: Bool) {
    if json {
        struct Done: JSONObject { var mrn: String; var restricted: Bool; var reason: String? }
        print(encodeJSON(Done(mrn: record.mrn, restricted: record.restriction != nil, reason: record.restriction?.reason)))
    } else if record.restriction != nil {
        print("\(record.mrn) is restricted: search lists it masked, and it opens only with a reason.")
    } else {
        print("\(record.mrn) is no longer restricted.")
    }
}

struct PatientRestrict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restrict",
        abstract: "Mark a record restricted: listed masked, opened only with a reason (officers and managers).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @Option(help: "Why (e.g. member of staff; safeguarding case).") var reason: String

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            printRestriction(try context.service.restrict(patient, reason: reason, by: context.user), json: output.json)
        }
    }
}

struct PatientUnrestrict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unrestrict", abstract: "Lift a record's restriction (officers and managers).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @Option(help: "Why the restriction is no longer needed.") var reason: String

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            printRestriction(try context.service.unrestrict(patient, reason: reason, by: context.user), json: output.json)
        }
    }
}

struct PatientMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a duplicate record into the one kept (officers and managers).",
        discussion: """
            Everything that refers to the duplicate moves to the record kept, in one
            transaction (appointments, tasks, courses, enquiries, sharing consents; dates
            away join the kept booking preferences). The duplicate's hospital and NHS numbers stay findable: they lead
            to the record kept. The merge is audited with both identities.
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The record to keep (hospital number or NHS number).") var keep: String
    @Option(help: "The duplicate to merge into it.") var duplicate: String
    @Option(help: "Why they are the same person (e.g. NHS number confirmed by PDS).") var reason: String

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let kept = try context.service.merge(keep: keep, duplicate: duplicate, reason: reason, by: context.user)
            // Hospital numbers only: merging is not opening (patient show does that, audited).
            if output.json {
                struct Done: JSONObject { var kept_mrn: String; var merged: [String]; var restricted: Bool }
                print(encodeJSON(Done(kept_mrn: kept.mrn, merged: kept.mergedDuplicates, restricted: kept.restriction != nil)))
            } else {
                print("Merged \(duplicate) into \(kept.mrn). Its numbers now lead to \(kept.mrn).")
            }
        }
    }
}
