import ArgumentParser
import Foundation
import FrontDeskDomain

/// `patient consent add|list|withdraw`: whom a patient agrees the desk may
/// tell what (relatives and carers who ring about them), issue 7.
struct PatientConsent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "Record, list and withdraw a patient's consent to share with a relative or carer.",
        discussion: "A relative or carer who rings is told only what a consent naming them covers, after the identity check. "
            + "A withdrawn consent is kept (who, when, why), never deleted. A restricted record needs a reason (--reason; "
            + "--access-reason for withdraw) unless you opened it with one in the last 30 minutes.",
        subcommands: [ConsentAdd.self, ConsentList.self, ConsentWithdraw.self])
}

/// A consent as JSON.
struct ConsentJSON: JSONObject {
    var id: Int64; var person: String; var relationship: String; var share: [String]; var recorded_by: String
    var recorded_at: String; var active: Bool; var withdrawn_by: String?; var withdrawn_at: String?; var withdrawn_reason: String?
    init(_ c: SharingConsent) {
        id = c.id; person = c.person; relationship = c.relationship; share = c.scopes.map(\.rawValue).sorted()
        recorded_by = c.recordedBy; recorded_at = c.recordedAt.iso; active = c.isActive; withdrawn_by = c.withdrawnBy
        withdrawn_at = c.withdrawnAt.map(EnquiryText.when); withdrawn_reason = c.withdrawnReason
    }
}

enum ConsentText {
    static func line(_ c: SharingConsent) -> String {
        var text = "\(c.id)  \(c.person) (\(c.relationship)): " + c.scopes.map(\.label).sorted().joined(separator: ", ")
            + "  recorded by \(c.recordedBy) on \(c.recordedAt.display)"
        if let at = c.withdrawnAt {
            text += "  WITHDRAWN \(EnquiryText.when(at).replacingOccurrences(of: "T", with: " ")) by \(c.withdrawnBy ?? "?")"
                + (c.withdrawnReason.map { ": \($0)" } ?? "")
        }
        return text
    }

    /// `appointments,transport,general_condition`: every word checked, the refusal names the field and the choices.
    static func scopes(_ text: String) throws -> Set<SharingScope> {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        let rule = "must list what may be shared, separated by commas: " + SharingScope.allCases.map(\.rawValue).joined(separator: ", ")
        guard !words.isEmpty else { throw ValidationError(field: "share", reason: rule) }
        return Set(try words.map { word in
            guard let scope = SharingScope(rawValue: word.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")) else {
                throw ValidationError(field: "share", reason: "'\(word)' is not one of them: \(rule)")
            }
            return scope
        })
    }

    /// The hospital number of the patient a reference names (for the output; not an opening of the record).
    static func mrn(_ context: Context, _ reference: String) throws -> String {
        guard let found = try context.store.find(reference: reference) else { throw PatientError.notFound(reference) }
        return found.mrn
    }
}

struct ConsentAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a patient's consent to share with a relative or carer (audited).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @Option(help: "The person's name, as they will give it when they ring.") var person: String
    @Option(help: "How they are related (daughter, husband, carer…).") var relationship: String
    @Option(help: "What may be shared: appointments, transport, general_condition (comma-separated).") var share: String
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: output.json) {
            let scopes = try ConsentText.scopes(share)
            let why = try restricted.parsed()
            let context = try Context.open(global)
            let consent = try context.enquiries.recordConsent(patient: patient, person: person, relationship: relationship, scopes: scopes,
                                                              reason: why, by: context.user)
            let mrn = try ConsentText.mrn(context, patient)
            if output.json {
                struct Out: JSONObject { var patient: String; var consent: ConsentJSON }
                print(encodeJSON(Out(patient: mrn, consent: ConsentJSON(consent))))
            } else {
                print("Consent recorded for \(mrn): " + ConsentText.line(consent))
            }
        }
    }
}

struct ConsentList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A patient's sharing consents, withdrawn ones too (audited as a view).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: output.json) {
            let why = try restricted.parsed()
            let context = try Context.open(global)
            let (person, consents) = try context.enquiries.consents(patient: patient, reason: why, by: context.user)
            if output.json {
                struct Out: JSONObject { var patient: String; var consents: [ConsentJSON] }
                print(encodeJSON(Out(patient: person.mrn, consents: consents.map(ConsentJSON.init))))
            } else {
                print("Sharing consents of \(BookingText.patient(person)):" + (consents.isEmpty ? " none (nothing may be shared with a relative or carer)." : ""))
                consents.forEach { print("  " + ConsentText.line($0)) }
            }
        }
    }
}

struct ConsentWithdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Withdraw a patient's sharing consent: kept with who, when and why, never deleted (audited).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Hospital number or NHS number.") var patient: String
    @Option(help: "The consent's number (frontdesk patient consent list).") var id: Int64
    @Option(help: "Why it is withdrawn, in 5 to 200 characters (e.g. patient asked by phone).") var reason: String
    @Option(name: .customLong("access-reason"),
            help: ArgumentHelp("Why you open a restricted record: \(AccessReason.Kind.allCases.map(\.rawValue).joined(separator: ", ")) (other:WHY); audited.",
                               valueName: "reason"))
    var accessReason: String?
    func run() throws {
        try reporting(json: output.json) {
            let why = try accessReason.map { try AccessReason.parse($0).get() }
            let context = try Context.open(global)
            let consent = try context.enquiries.withdrawConsent(patient: patient, consent: id, because: reason, reason: why, by: context.user)
            let mrn = try ConsentText.mrn(context, patient)
            if output.json {
                struct Out: JSONObject { var patient: String; var consent: ConsentJSON }
                print(encodeJSON(Out(patient: mrn, consent: ConsentJSON(consent))))
            } else {
                print("Consent withdrawn for \(mrn): " + ConsentText.line(consent))
            }
        }
    }
}
