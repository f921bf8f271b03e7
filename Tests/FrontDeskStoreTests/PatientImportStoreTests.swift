import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

@Suite("Importing patients into the register")
struct PatientImportStoreTests {
    static func records(_ csv: String) throws -> [(line: Int, fields: [String])] {
        try CSVReader(text: csv).lineFields
    }

    @Test func importingTheSameFileTwiceAddsNoOneTwice() throws {
        let fx = try Fixture()
        let csv = "family_name,given_names,date_of_birth\nRepeat,Rhiannon,1966-06-06\nOther,Owen,1970-01-01\n"
        let first = try fx.service.importPatients(records: Self.records(csv), by: clerk)
        #expect(first.imported == 2)
        #expect(first.isComplete)
        let second = try fx.service.importPatients(records: Self.records(csv), by: clerk)
        #expect(second.imported == 0)
        #expect(second.likelyDuplicates.map(\.line) == [2, 3])
        #expect(second.likelyDuplicates.map(\.mrn) == ["FD0000001", "FD0000002"])
        #expect(try fx.store.count() == 2)
        // Accepted after checking: imported.
        let third = try fx.service.importPatients(records: Self.records(csv), by: clerk, acceptLikelyDuplicates: true)
        #expect(third.imported == 2)
    }

    @Test func aRowLikeAnEarlierRowOfTheFileIsHeldBack() throws {
        let fx = try Fixture()
        let csv = "family_name,given_names,date_of_birth\nSmith,John,1956-03-12\nSmyth,Jon,12/03/1956\n"
        let report = try fx.service.importPatients(records: Self.records(csv), by: clerk)
        #expect(report.imported == 1)
        #expect(report.likelyDuplicates.first?.line == 3)
        #expect(report.likelyDuplicates.first?.earlierLine == 2)
    }

    @Test func differentNHSNumbersAreDifferentPeople() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John", "12/03/1956", nhs: "9434765919")
        let csv = "nhs_number,family_name,given_names,date_of_birth\n4010232137,Smith,John,1956-03-12\n"
        let report = try fx.service.importPatients(records: Self.records(csv), by: clerk)
        #expect(report.imported == 1)
        #expect(report.likelyDuplicates.isEmpty)
    }

    @Test func generatedHospitalNumbersStepOverOnesGivenLaterInTheFile() throws {
        let fx = try Fixture()
        let csv = "mrn,family_name,given_names,date_of_birth\n,Autonumber,Alan,1960-01-01\nFD0000001,Explicit,Erin,1961-01-01\n"
        let report = try fx.service.importPatients(records: Self.records(csv), by: clerk)
        #expect(report.imported == 2)
        #expect(try fx.store.find(reference: "FD0000001")?.familyName == "Explicit")
        #expect(try fx.store.find(reference: "FD0000002")?.familyName == "Autonumber")
    }

    @Test func aBadDateFormatIsReportedWithTheRowsOtherProblems() throws {
        let fx = try Fixture()
        let csv = "family_name,given_names,date_of_birth\nSample2,,1/3/1956\n"
        let report = try fx.service.importPatients(records: Self.records(csv), by: clerk)
        #expect(Set(report.rejected.map(\.field)) == ["date_of_birth", "family_name", "given_names"])
        #expect(report.rejected.first { $0.field == "date_of_birth" }?.reason == "must be YYYY-MM-DD or DD/MM/YYYY")
    }

    @Test func aDuplicateWithinTheFileNamesTheEarlierLine() throws {
        let fx = try Fixture()
        let csv = "nhs_number,family_name,given_names,date_of_birth\n9434765919,Smith,John,1956-03-12\n943 476 5919,Jones,Ann,1960-01-01\n"
        let report = try fx.service.importPatients(records: Self.records(csv), by: clerk)
        #expect(report.duplicates.map(\.line) == [3])
        #expect(report.duplicates.first?.earlierLine == 2)
    }

    @Test func aMissingRequiredColumnRejectsTheFile() throws {
        let fx = try Fixture()
        #expect(throws: ValidationError.self) {
            try fx.service.importPatients(records: Self.records("family_name,given_names\nSmith,John\n"), by: clerk)
        }
        #expect(try fx.store.count() == 0)
    }

    @Test func anEditThatLeavesTheNameAndBirthAloneIsNotAskedAboutDuplicatesAgain() throws {
        let fx = try Fixture()
        try fx.add("Example", "Nora", "01/01/1950")
        let norah = try fx.add("Example", "Norah", "01/01/1950", confirm: true)
        var postcode = PatientFields()
        postcode.postcode = "L1 8JQ"
        let (_, changed) = try fx.service.edit(norah.mrn, postcode, by: clerk)
        #expect(changed == ["postcode"])
        // Changing the name asks again.
        var name = PatientFields()
        name.givenNames = "Nor"
        #expect { try fx.service.edit(norah.mrn, name, by: clerk) } throws: { ($0 as? PatientError)?.isLikelyDuplicate == true }
    }
}
