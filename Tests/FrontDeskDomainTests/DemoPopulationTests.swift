import Testing
import FrontDeskDomain

@Suite struct DemoPopulationTests {
    static let today = LocalDate(year: 2026, month: 3, day: 16)!
    static let population = DemoPopulation(seed: 42, today: today)
    /// The first 20,000 patients, made once for the tests that look at many.
    static let sample: [Patient] = population.patients(1...20_000)

    @Test func sameSeedAndNumberGiveTheSamePatient() {
        let again = DemoPopulation(seed: 42, today: Self.today)
        for n in [1, 2, 17, 999, 20_000, 123_456, 999_999, 9_999_999] {
            #expect(Self.population.patient(number: n) == again.patient(number: n))
        }
        // Order does not matter: patients are a pure function of (seed, n).
        let backwards = (1...200).reversed().map { again.patient(number: $0) }.reversed()
        #expect(Array(backwards) == Array(Self.sample[0..<200]))
        #expect(again.patients(1...200) == Array(Self.sample[0..<200]))
    }

    @Test func differentSeedsGiveDifferentPatients() {
        let other = DemoPopulation(seed: 43, today: Self.today)
        var different = 0
        for n in 1...200 {
            let a = Self.population.patient(number: n), b = other.patient(number: n)
            #expect(a.mrn == b.mrn)
            if a.familyName != b.familyName || a.givenNames != b.givenNames || a.dateOfBirth != b.dateOfBirth {
                different += 1
            }
        }
        #expect(different >= 190)
        #expect(Self.population.nhsNumber(forPatient: 5) != other.nhsNumber(forPatient: 5)
            || Self.population.nhsNumber(forPatient: 6) != other.nhsNumber(forPatient: 6))
    }

    @Test func hospitalNumbersAreFDAndSevenDigits() {
        #expect(Self.population.patient(number: 1).mrn == "FD0000001")
        #expect(Self.population.hospitalNumber(forPatient: 1_234_567) == "FD1234567")
        #expect(Self.population.hospitalNumber(forPatient: 9_999_999) == "FD9999999")
        for (index, patient) in Self.sample.enumerated() {
            let expected = "FD" + String(repeating: "0", count: 7 - String(index + 1).count) + String(index + 1)
            #expect(patient.mrn == expected)
            #expect(PatientFields.isHospitalNumber(patient.mrn))
        }
    }

    /// The Modulus 11 check done independently of `NHSNumber`.
    static func passesModulus11(_ digits: String) -> Bool {
        let d = digits.compactMap { $0.wholeNumberValue }
        guard d.count == 10 else { return false }
        var sum = 0
        for index in 0..<9 { sum += d[index] * (10 - index) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == d[9]
    }

    @Test func everyPatientOfTheFirst20000IsValid() {
        let today = Self.today
        let earliest = LocalDate(year: 1900, month: 1, day: 1)!
        let outward = Set(DemoPopulation.outwardCodes)
        for patient in Self.sample {
            if let nhs = patient.nhsNumber {
                #expect(nhs.digits.hasPrefix("999"))
                #expect(nhs.digits.count == 10)
                #expect(Self.passesModulus11(nhs.digits))
                #expect(NHSNumber(nhs.formatted) == nhs)
                #expect(patient.nhsNumberStatus != .traceRequired)
            } else {
                #expect(patient.nhsNumberStatus == .traceRequired)
            }
            #expect(patient.dateOfBirth <= today)
            #expect(patient.dateOfBirth >= earliest)
            if let death = patient.dateOfDeath {
                #expect(death >= patient.dateOfBirth)
                #expect(death <= today)
            }
            let postcode = try! #require(patient.postcode)
            #expect(Postcode(postcode.value) == postcode)
            #expect(outward.contains(postcode.outward))
            #expect(PatientFields.isName(patient.familyName))
            #expect(PatientFields.isName(patient.givenNames))
            if let preferred = patient.preferredName { #expect(PatientFields.isName(preferred)) }
            for previous in patient.previousFamilyNames { #expect(PatientFields.isName(previous)) }
            if let kin = patient.nextOfKin { #expect(PatientFields.isName(kin.name)) }
            switch patient.sex {
            case .female: #expect([nil, "Mrs", "Ms", "Miss", "Dr", "Mx"].contains(patient.title))
            case .male: #expect([nil, "Mr", "Dr", "Mx"].contains(patient.title))
            case .other, .unknown: #expect([nil, "Mx"].contains(patient.title))
            }
            #expect(patient.phones.count <= 2)
            for phone in patient.phones {
                #expect(PhoneNumber.key(phone.number) == phone.key)
                #expect(PhoneNumber.display(phone.key) == phone.number)
                // Ofcom's drama ranges only.
                #expect(["07700900", "01514960", "01614960", "01632960"].contains(String(phone.key.prefix(8))))
                #expect((phone.kind == .mobile) == phone.key.hasPrefix("07"))
            }
            if let email = patient.email { #expect(email.hasSuffix("@example.org")) }
            if let gp = patient.gpPractice {
                #expect(gp.code.count == 6)
                #expect(gp.code.first!.isLetter)
                #expect(gp.code.dropFirst().allSatisfy { $0.isASCII && $0.isNumber })
            }
            for need in patient.accessibleNeeds {
                #expect((need.kind == .spokenLanguageInterpreter) == (need.language != nil))
            }
        }
    }

    /// The strongest check: every generated record, typed back in field by field,
    /// passes the same validation a clerk's entry does and comes out unchanged.
    @Test func everyPatientOfTheFirst20000PassesRegistrationValidation() {
        for patient in Self.sample {
            var fields = PatientFields()
            fields.mrn = patient.mrn
            fields.nhsNumber = patient.nhsNumber?.digits
            fields.title = patient.title
            fields.familyName = patient.familyName
            fields.givenNames = patient.givenNames
            fields.preferredName = patient.preferredName
            fields.previousFamilyNames = patient.previousFamilyNames
            fields.dateOfBirth = patient.dateOfBirth.iso
            fields.sex = patient.sex.rawValue
            fields.addressLine1 = patient.addressLine1
            fields.addressLine2 = patient.addressLine2
            fields.town = patient.town
            fields.postcode = patient.postcode?.value
            fields.phones = patient.phones.map { "\($0.kind.rawValue):\($0.number)" }
            fields.email = patient.email
            fields.gpPracticeCode = patient.gpPractice?.code
            fields.gpPracticeName = patient.gpPractice?.name
            fields.nextOfKinName = patient.nextOfKin?.name
            fields.nextOfKinRelationship = patient.nextOfKin?.relationship
            fields.nextOfKinPhone = patient.nextOfKin?.phone
            fields.keyWorker = patient.keyWorker
            fields.dateOfDeath = patient.dateOfDeath?.iso
            fields.alerts = patient.alerts.map { $0.kind.rawValue + ($0.note.map { ":" + $0 } ?? "") }
            fields.accessibleNeeds = patient.accessibleNeeds.map { $0.kind.rawValue + ($0.language.map { ":" + $0 } ?? "") }
            switch fields.validated(over: nil, today: Self.today) {
            case .failure(let error):
                Issue.record("\(patient.mrn) \(patient.displayName): \(error)")
            case .success(var validated):
                validated.nhsNumberStatus = patient.nhsNumberStatus
                #expect(validated == patient)
            }
        }
    }

    @Test func nhsNumbersAndHospitalNumbersAreUniqueAcrossTheFirst100000() {
        var nhs = Set<String>(), mrn = Set<String>()
        var withNumber = 0
        for n in 1...100_000 {
            let patient = Self.population.patient(number: n)
            #expect(mrn.insert(patient.mrn).inserted)
            if let number = patient.nhsNumber {
                withNumber += 1
                #expect(nhs.insert(number.digits).inserted, "NHS number repeated at patient \(n)")
            }
        }
        #expect(nhs.count == withNumber)
        #expect(mrn.count == 100_000)
    }

    @Test func nhsNumbersAreUniqueAndValidAcrossAMillion() {
        #expect(DemoPopulation.nhsNumberCapacity == 909_090)
        var seen = [Bool](repeating: false, count: 10_000_000)
        var withNumber = 0, lastWithNumber = 0
        for n in 1...1_000_000 {
            guard let number = Self.population.nhsNumber(forPatient: n) else { continue }
            withNumber += 1
            lastWithNumber = n
            let tail = Int(number.digits.dropFirst(3))!
            #expect(number.digits.hasPrefix("999"))
            #expect(!seen[tail], "NHS number repeated at patient \(n)")
            seen[tail] = true
        }
        // Every valid number of the 999 range is used once before patients go without.
        #expect(withNumber == DemoPopulation.nhsNumberCapacity)
        #expect(lastWithNumber < 940_000)
        #expect(Self.population.nhsNumber(forPatient: 999_999) == nil)
        // About one patient in 33 has none before the range runs out.
        let early = (1...33_000).filter { Self.population.nhsNumber(forPatient: $0) == nil }.count
        #expect(early == 1_000)
    }

    @Test func theMixLooksLikeACancerCentre() {
        let sample = Self.sample
        let count = Double(sample.count)
        func share(_ predicate: (Patient) -> Bool) -> Double { Double(sample.filter(predicate).count) / count }
        let ages = sample.map { $0.dateOfBirth.age(on: Self.today) }

        #expect((0.02...0.045).contains(share { $0.nhsNumber == nil }))
        #expect((0.45...0.55).contains(share { $0.sex == .female }))
        #expect((0.45...0.55).contains(share { $0.sex == .male }))
        #expect((0.001...0.02).contains(share { $0.sex == .unknown || $0.sex == .other }))
        #expect(Double(ages.filter { (45...90).contains($0) }.count) / count > 0.7)
        #expect((0.1...0.25).contains(Double(ages.filter { (18...44).contains($0) }.count) / count))
        #expect((0.005...0.04).contains(Double(ages.filter { $0 < 18 }.count) / count))

        let hyphenated = share { $0.familyName.contains("-") && !$0.familyName.hasPrefix("Al-") }
        #expect((0.015...0.04).contains(hyphenated), "double-barrelled share \(hyphenated)")
        #expect(share { $0.familyName.contains("'") } > 0.003)
        #expect(share { !$0.familyName.allSatisfy(\.isASCII) } > 0.003)
        #expect(share { !$0.givenNames.allSatisfy(\.isASCII) } > 0.01)
        #expect(share { $0.familyName.contains(" ") } > 0.0005)
        #expect((0.18...0.3).contains(share { $0.givenNames.contains(" ") && !$0.givenNames.hasPrefix("Mei Ling") }))
        #expect((0.03...0.2).contains(share { $0.preferredName != nil }))
        let women = sample.filter { $0.sex == .female }
        let married = Double(women.filter { !$0.previousFamilyNames.isEmpty }.count) / Double(women.count)
        #expect((0.07...0.13).contains(married), "previous family names \(married)")
        #expect((0.003...0.04).contains(share { $0.dateOfDeath != nil }))
        #expect((0.005...0.08).contains(share { !$0.alerts.isEmpty }))
        #expect((0.01...0.12).contains(share { !$0.accessibleNeeds.isEmpty }))
        #expect(share { $0.email != nil } > 0.05)
        #expect(share { $0.nextOfKin != nil } > 0.3)
        #expect(share { $0.keyWorker != nil } > 0.1)
        #expect(share { $0.gpPractice != nil } > 0.9)
        for phones in 0...2 { #expect(share { $0.phones.count == phones } > 0.05) }

        let languages = Set(sample.flatMap { $0.accessibleNeeds.compactMap(\.language) })
        for language in ["Polish", "Welsh", "Urdu", "Cantonese", "Arabic"] { #expect(languages.contains(language)) }

        // A realistic skew: Smith is common, yet there are hundreds of names.
        var counts: [String: Int] = [:]
        for patient in sample { counts[patient.familyName, default: 0] += 1 }
        #expect(counts.count > 300)
        let top = counts.sorted { $0.value > $1.value }.prefix(5).map(\.key)
        #expect(top.contains("Smith"))
        #expect(top.contains("Jones"))
        #expect((counts["Smith"] ?? 0) > 10 * (counts["Winstanley"] ?? 0))

        let towns = Set(sample.compactMap(\.town))
        for town in ["Liverpool", "Birkenhead", "Chester", "Wrexham", "Warrington", "Llandudno"] { #expect(towns.contains(town)) }
    }

    @Test func theNameTablesCoverTheHardCases() {
        let family = Set(DemoPopulation.familyNames)
        #expect(DemoPopulation.familyNames.count >= 300)
        #expect(family.count == DemoPopulation.familyNames.count)
        for name in ["Smith", "Smyth", "Reid", "Reed", "Thomson", "Thompson", "Jonson", "Johnson", "Patel", "Khan",
                     "ap Rhys", "Llewellyn", "Pritchard", "Gruffudd", "O'Brien", "O'Neill", "Ó Súilleabháin",
                     "McCarthy", "Mac Giolla", "Kowalski", "Wiśniewska", "Łukaszewicz", "Østergaard", "李", "Chen",
                     "Wong", "Adeyemi", "Okafor", "Begum", "Kaur", "Singh"] {
            #expect(family.contains(name), "\(name)")
        }
        let given = Set(DemoPopulation.givenNames)
        for name in ["Siân", "Seán", "Zoë", "Chloé", "Ioan", "Gwenllïan", "Dafydd", "Bethan", "Aoife", "Niamh",
                     "José", "Łukasz", "小龙"] {
            #expect(given.contains(name), "\(name)")
        }
        for name in DemoPopulation.familyNames + DemoPopulation.givenNames {
            #expect(PatientFields.isName(name), "\(name)")
        }
        // Every district makes postcodes that parse.
        for outward in DemoPopulation.outwardCodes {
            #expect(Postcode.isOutwardCode(outward), "\(outward)")
            #expect(Postcode(outward + " 9ZZ") != nil)
        }
    }

    @Test func sexSpecificSurnamesFollowSex() {
        for patient in Self.sample {
            if patient.sex == .male {
                #expect(!["Begum", "Kaur", "Bibi", "Kowalska", "Wiśniewska"].contains(patient.familyName))
            }
            if patient.sex == .female {
                #expect(!["Singh", "Kowalski", "Wiśniewski"].contains(patient.familyName))
            }
        }
    }

    @Test func datesStayBetween1900AndTodayEvenForAnEarlyToday() {
        let early = LocalDate(year: 1905, month: 6, day: 1)!
        let population = DemoPopulation(seed: 7, today: early)
        for n in 1...2_000 {
            let patient = population.patient(number: n)
            #expect(patient.dateOfBirth.year >= 1900)
            #expect(patient.dateOfBirth <= early)
            if let death = patient.dateOfDeath { #expect(death <= early && death >= patient.dateOfBirth) }
        }
    }
}
