/// A synthetic patient population for demonstrations, training and benchmarks:
/// the patients a cancer centre on Merseyside, in Cheshire and in North Wales
/// might hold, generated from a seed.
///
/// `patient(number:)` is a pure function of the seed, `today` and `n`, so
/// patients can be made in any order, in batches or in parallel, without state.
///
/// Nothing generated can reach a real person:
/// - NHS numbers come from the 999 range (999 000 0000 – 999 999 9999), which is
///   never issued; they pass Modulus 11 and are unique per seed (see below).
/// - Telephone numbers come from Ofcom's ranges reserved for drama:
///   `0151 496 0xxx`, `0161 496 0xxx`, `01632 960xxx` and `07700 900xxx`
///   (so they repeat across patients: there are only 1,000 of each).
/// - Email addresses are at `example.org`.
///
/// NHS numbers. The 999 range holds only 909,090 valid numbers (one nine-digit
/// stem in eleven has check digit 10, and 999 999 9999 is an all-same-digit
/// filler), so a million patients cannot all have one. Patients are taken in
/// blocks of 33 consecutive numbers; in each block one patient, chosen by the
/// seed, has no NHS number (about 3%); the other 32 take the next 32 indices
/// `k` of a counter, and index `k` maps to the valid number at position
/// `π(k)`, where `π` is a permutation of `0..<C` keyed by the seed (a Feistel
/// network on 20 bits, cycle-walked into range). Every step is injective, so
/// numbers never repeat within a population. Once the counter reaches the capacity
/// `C = nhsNumberCapacity` (after patient 937,500 or so) the remaining patients
/// have no NHS number ("trace required").
public struct DemoPopulation: Sendable {
    public let seed: UInt64
    public let today: LocalDate

    private let tables: Tables
    private let streamSeed: UInt64
    private let nhsKey: UInt64
    private let todayDay: Int
    private let earliestDay: Int

    /// Hospital numbers are `FD` and seven digits.
    public static let maximumPatientNumber = 9_999_999

    /// How many distinct valid NHS numbers the 999 range holds (909,090).
    public static let nhsNumberCapacity: Int = Tables.shared.nhsTails.count

    /// Every family name the population draws on (single names; double-barrelled
    /// names are two of these joined by a hyphen).
    public static let familyNames: [String] = Tables.shared.allFamilyNames
    /// Every given name the population draws on.
    public static let givenNames: [String] = Tables.shared.allGivenNames
    /// The postcode districts of the catchment.
    public static let outwardCodes: [String] = Tables.shared.districts.items.map(\.outward)
    /// The languages interpreters are booked for.
    public static let interpreterLanguages: [String] = Tables.shared.allLanguages

    public init(seed: UInt64, today: LocalDate) {
        precondition(today.year >= 1900, "today must not be before 1900")
        self.seed = seed
        self.today = today
        tables = Tables.shared
        streamSeed = Generator.mix(seed ^ 0x243F_6A88_85A3_08D3)
        nhsKey = Generator.mix(streamSeed ^ 0x1319_8A2E_0370_7344)
        todayDay = today.dayNumber
        earliestDay = LocalDate(year: 1900, month: 1, day: 1)!.dayNumber
    }

    /// `FD0000001` for patient 1.
    public func hospitalNumber(forPatient n: Int) -> String {
        precondition((1...Self.maximumPatientNumber).contains(n), "patient numbers run from 1 to 9,999,999")
        return "FD" + Self.digits(n, width: 7)
    }

    /// The NHS number of patient `n`, or nil for the patients who have none.
    public func nhsNumber(forPatient n: Int) -> NHSNumber? {
        precondition((1...Self.maximumPatientNumber).contains(n), "patient numbers run from 1 to 9,999,999")
        let i = n - 1
        let block = i / 33, offset = i % 33
        let missing = Int(Generator.mix(streamSeed ^ 0x0A40_9382_2299_F31D &+ UInt64(block)) % 33)
        if offset == missing { return nil }
        let k = block * 32 + (offset > missing ? offset - 1 : offset)
        let capacity = tables.nhsTails.count
        guard k < capacity else { return nil }
        return NHSNumber("999" + Self.digits(Int(tables.nhsTails[scramble(k, below: capacity)]), width: 7))
    }

    /// A permutation of `0..<bound` (bound ≤ 2^20) keyed by the seed: a
    /// four-round Feistel network on two 10-bit halves is a bijection of
    /// `0..<2^20`; applying it again until the value falls below `bound`
    /// (cycle-walking) keeps it a bijection of `0..<bound`.
    private func scramble(_ k: Int, below bound: Int) -> Int {
        var x = UInt64(k)
        repeat {
            var left = x >> 10, right = x & 0x3FF
            for round in 0..<4 as Range<UInt64> {
                let f = Generator.mix(nhsKey &+ (round << 32) &+ right) & 0x3FF
                (left, right) = (right, left ^ f)
            }
            x = left << 10 | right
        } while x >= UInt64(bound)
        return Int(x)
    }

    /// Patients `range`, in order.
    public func patients(_ range: ClosedRange<Int>) -> [Patient] { range.map { patient(number: $0) } }

    /// Patient `n` (1 … 9,999,999).
    public func patient(number n: Int) -> Patient {
        let mrn = hospitalNumber(forPatient: n)
        let nhs = nhsNumber(forPatient: n)
        var r = Generator(state: Generator.mix(streamSeed &+ UInt64(n) &* 0xD1B5_4A32_D192_ED03))
        let t = tables

        // Sex, age, heritage.
        let sexRoll = r.below(10_000)
        let sex: Sex = sexRoll < 5_020 ? .female : sexRoll < 9_950 ? .male : sexRoll < 9_985 ? .unknown : .other
        let ageRoll = r.below(10_000)
        let years: Int
        if ageRoll < 200 { years = r.below(18) }
        else if ageRoll < 1_700 { years = 18 + r.below(27) }
        else if ageRoll < 9_500 { years = 45 + r.below(23) + r.below(23) }
        else { years = 90 + r.below(12) }
        let birthDay = min(todayDay, max(earliestDay, todayDay - years * 365 - years / 4 - r.below(365)))
        let dateOfBirth = LocalDate(dayNumber: birthDay)
        let age = dateOfBirth.age(on: today)
        let group = t.groups[t.heritage.pick(&r)]
        let female = sex == .female || (sex != .male && r.below(2) == 0)
        let older = dateOfBirth.year < 1968

        // Names.
        var familyName = group.family(female: female).pick(&r)
        if group.doubleBarrel && r.chance(300) {
            let second = group.family(female: female).pick(&r)
            if second != familyName && !second.contains(" ") && !familyName.contains(" ") {
                familyName += "-" + second
            }
        }
        let givenTable = group.given(female: female, older: older)
        let first = givenTable.pick(&r)
        var givenNames = first.name
        var middle: GivenName?
        if !group.hanScript && r.chance(2_500) {
            let candidate = givenTable.pick(&r)
            if candidate.name != first.name { middle = candidate; givenNames += " " + candidate.name }
        }
        var preferredName: String?
        if let nickname = first.nickname, r.chance(2_000) {
            preferredName = nickname
        } else if let middle, r.chance(1_000) {
            preferredName = middle.name
        } else if group.englishPreferredNames && r.chance(2_000) {
            preferredName = t.groups[0].given(female: female, older: false).pick(&r).name
        }
        var previousFamilyNames: [String] = []
        if sex == .female && age >= 20 && r.chance(1_050) {
            let from = r.chance(7_000) ? group : t.groups[t.heritage.pick(&r)]
            let previous = from.family(female: true).pick(&r)
            if previous != familyName { previousFamilyNames = [previous] }
        }
        let title = Self.title(sex: sex, age: age, married: !previousFamilyNames.isEmpty, &r)

        // Address.
        let district = t.districts.items[t.districts.pickIndex(&r)]
        let street = district.welsh && r.chance(3_500) ? r.pick(t.welshStreets) : t.streets.pick(&r)
        var addressLine1: String
        var addressLine2: String?
        let style = r.below(100)
        if style < 7 {
            addressLine1 = "Flat " + String(1 + r.below(40)) + ", " + r.pick(t.streetRoots) + " " + r.pick(t.blockSuffixes)
            addressLine2 = street
        } else if style < 11 {
            addressLine1 = r.pick(t.houseNames)
            addressLine2 = street
        } else {
            let number = r.chance(8_000) ? 1 + r.below(120) : 1 + r.below(400)
            addressLine1 = String(number) + " " + street
            if let locality = district.locality, r.chance(3_000) { addressLine2 = locality }
        }
        let postcode = Postcode(district.outward + " " + String(r.below(10)) + r.pick(t.inwardLetters) + r.pick(t.inwardLetters))

        // Contact.
        var phones: [PatientPhone] = []
        let phoneRoll = r.below(100)
        let phoneCount = phoneRoll < 12 ? 0 : phoneRoll < 65 ? 1 : 2
        let mobileFirst = age < 75 ? r.chance(6_500) : r.chance(3_000)
        for index in 0..<phoneCount {
            if (index == 0) == mobileFirst {
                let (number, key) = Self.mobile(&r)
                phones.append(PatientPhone(number: number, key: key, kind: .mobile))
            } else {
                let (number, key) = Self.landline(district.phoneArea, &r)
                phones.append(PatientPhone(number: number, key: key, kind: index == 1 && r.chance(1_500) ? .work : .home))
            }
        }
        var email: String?
        if age >= 16 && r.chance(age < 70 ? 2_500 : 800) {
            email = Self.email(given: first.name, family: familyName, &r)
        }

        // Care.
        var gpPractice: GPPractice?
        if r.chance(9_850) {
            let home = r.chance(9_200) ? district : t.districts.items[t.districts.pickIndex(&r)]
            gpPractice = r.pick(home.practices)
        }
        var nextOfKin: NextOfKin?
        if r.chance(5_800) {
            nextOfKin = Self.nextOfKin(group: group, familyName: familyName, female: female, sex: sex, age: age, t, &r)
        }
        let keyWorker = r.chance(3_500) ? r.pick(t.keyWorkers) : nil
        var alerts: [PatientAlert] = []
        if r.chance(400) {
            alerts.append(r.pick(t.alerts))
            if r.chance(1_500) {
                let another = r.pick(t.alerts)
                if another.kind != alerts[0].kind { alerts.append(another) }
            }
        }
        var needs: [AccessibleNeed] = []
        if !group.languages.isEmpty && r.chance(group.interpreterShare) {
            needs.append(AccessibleNeed(kind: .spokenLanguageInterpreter, language: r.pick(group.languages)))
        }
        if r.chance(age >= 75 ? 900 : 350) {
            let need = t.needs.pick(&r)
            if !needs.contains(where: { $0.kind == need }) { needs.append(AccessibleNeed(kind: need)) }
        }
        var dateOfDeath: LocalDate?
        if r.chance(age >= 60 ? 220 : 60) {
            dateOfDeath = LocalDate(dayNumber: max(birthDay, todayDay - r.below(5 * 365)))
        }
        let status: NHSNumberStatus = nhs == nil ? .traceRequired : (r.chance(9_000) ? .presentVerified : .presentNotTraced)

        return Patient(
            mrn: mrn, nhsNumber: nhs, nhsNumberStatus: status, title: title, familyName: familyName,
            givenNames: givenNames, preferredName: preferredName, previousFamilyNames: previousFamilyNames,
            dateOfBirth: dateOfBirth, sex: sex, addressLine1: addressLine1, addressLine2: addressLine2,
            town: district.town, postcode: postcode, phones: phones, email: email, gpPractice: gpPractice,
            nextOfKin: nextOfKin, keyWorker: keyWorker, dateOfDeath: dateOfDeath, alerts: alerts,
            accessibleNeeds: needs)
    }

    // MARK: - Pieces

    private static func title(sex: Sex, age: Int, married: Bool, _ r: inout Generator) -> String? {
        if r.chance(300) { return nil }
        switch sex {
        case .female:
            if age < 16 { return r.chance(4_000) ? "Miss" : nil }
            if age >= 26 && r.chance(150) { return "Dr" }
            if r.chance(30) { return "Mx" }
            if married { return r.chance(8_500) ? "Mrs" : "Ms" }
            let mrs = age >= 30 ? 6_300 : age >= 22 ? 2_500 : 300
            let roll = r.below(10_000)
            if roll < mrs { return "Mrs" }
            return roll < mrs + 2_200 ? "Ms" : "Miss"
        case .male:
            if age < 16 { return nil }
            if age >= 26 && r.chance(200) { return "Dr" }
            if r.chance(20) { return "Mx" }
            return "Mr"
        case .other, .unknown:
            return r.chance(6_000) ? "Mx" : nil
        }
    }

    private static func mobile(_ r: inout Generator) -> (String, String) {
        let tail = digits(r.below(1_000), width: 3)
        return ("07700 900" + tail, "07700900" + tail)
    }

    private static func landline(_ area: PhoneArea, _ r: inout Generator) -> (String, String) {
        let tail = digits(r.below(1_000), width: 3)
        switch area {
        case .liverpool: return ("0151 496 0" + tail, "01514960" + tail)
        case .manchester: return ("0161 496 0" + tail, "01614960" + tail)
        case .fictional: return ("01632 960" + tail, "01632960" + tail)
        }
    }

    private static func email(given: String, family: String, _ r: inout Generator) -> String {
        var local = asciiLetters(given)
        let surname = asciiLetters(family)
        if local.isEmpty || surname.isEmpty {
            local = "patient"
        } else {
            switch r.below(4) {
            case 0: local = local + "." + surname
            case 1: local = String(local.prefix(1)) + surname
            case 2: local = local + "." + surname + String(r.below(100))
            default: local = local + surname + String(40 + r.below(60))
            }
        }
        if local == "patient" { local += String(1 + r.below(9_999)) }
        return local + "@example.org"
    }

    /// Lower-case ASCII letters of a name; the common accented Latin letters fold
    /// to their base letter, other scripts are dropped.
    private static func asciiLetters(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 65 && v <= 90 { out.append(UInt8(v + 32)) }
            else if v >= 97 && v <= 122 { out.append(UInt8(v)) }
            else if v >= 0xC0, let folded = Tables.latinFold[scalar] { out.append(folded) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nextOfKin(group: Group, familyName: String, female: Bool, sex: Sex, age: Int,
                                  _ t: Tables, _ r: inout Generator) -> NextOfKin {
        let relationship: String
        var kinFemale = r.below(2) == 0
        var sameFamily = r.chance(6_500)
        if age < 18 {
            kinFemale = r.chance(7_000)
            relationship = kinFemale ? "Mother" : "Father"
            sameFamily = r.chance(8_000)
        } else {
            let roll = r.below(100)
            if age >= 25 && roll < 55 {
                kinFemale = sex == .male ? r.chance(9_500) : sex == .female ? r.chance(500) : kinFemale
                relationship = r.chance(8_000) ? (kinFemale ? "Wife" : "Husband") : "Partner"
                sameFamily = relationship != "Partner" && r.chance(8_500)
            } else if age >= 40 && roll < 80 {
                relationship = kinFemale ? "Daughter" : "Son"
            } else if roll < 90 {
                relationship = kinFemale ? "Sister" : "Brother"
            } else if age < 50 && roll < 95 {
                relationship = kinFemale ? "Mother" : "Father"
            } else {
                relationship = "Friend"
                sameFamily = false
            }
        }
        let given = group.given(female: kinFemale, older: age >= 50).pick(&r).name
        let family = sameFamily ? familyName : group.family(female: kinFemale).pick(&r)
        let name = group.hanScript ? family + given : given + " " + family
        let phone: String? = r.chance(9_000) ? mobile(&r).0 : nil
        return NextOfKin(name: name, relationship: relationship, phone: phone)
    }

    /// `value` in decimal, zero-padded on the left to `width` digits.
    static func digits(_ value: Int, width: Int) -> String {
        String(unsafeUninitializedCapacity: width) { buffer in
            var v = value
            for index in stride(from: width - 1, through: 0, by: -1) {
                buffer[index] = UInt8(48 + v % 10)
                v /= 10
            }
            return width
        }
    }
}

// MARK: - Random numbers

extension DemoPopulation {
    /// SplitMix64 (Steele, Lea and Flood 2014): small, fast, and good enough for test data.
    struct Generator {
        var state: UInt64

        static func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func next() -> UInt64 {
            var generator = SplitMix64(seed: state)
            defer { state = generator.state }
            return generator.next()
        }

        /// Uniform in `0..<bound` (Lemire's multiply-high; bias negligible here).
        mutating func below(_ bound: Int) -> Int {
            Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
        }

        /// True with probability `perTenThousand` / 10,000.
        mutating func chance(_ perTenThousand: Int) -> Bool { below(10_000) < perTenThousand }

        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// Items drawn with given integer weights.
    struct Weighted<T: Sendable>: Sendable {
        let items: [T]
        let cumulative: [UInt32]
        let total: Int

        init(_ weighted: [(T, Int)]) {
            precondition(!weighted.isEmpty)
            var sum = 0
            var cumulative: [UInt32] = []
            for (_, weight) in weighted {
                sum += max(1, weight)
                cumulative.append(UInt32(sum))
            }
            items = weighted.map(\.0)
            self.cumulative = cumulative
            total = sum
        }

        /// Weights falling with rank as 1/(rank + 8), close to how surnames and
        /// forenames are spread in the population.
        init(ranked items: [T]) {
            self.init(items.enumerated().map { ($0.element, 1_000_000 / ($0.offset + 8)) })
        }

        func pickIndex(_ r: inout Generator) -> Int {
            let x = UInt32(r.below(total))
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) >> 1
                if cumulative[mid] > x { high = mid } else { low = mid + 1 }
            }
            return low
        }

        func pick(_ r: inout Generator) -> T { items[pickIndex(&r)] }
    }
}

// MARK: - Tables

extension DemoPopulation {
    struct GivenName: Sendable, Hashable {
        let name: String
        let nickname: String?
    }

    enum PhoneArea: Sendable { case liverpool, manchester, fictional }

    struct District: Sendable {
        let outward: String
        let town: String
        let locality: String?
        let phoneArea: PhoneArea
        let welsh: Bool
        let practices: [GPPractice]
    }

    struct Group: Sendable {
        let femaleFamily: Weighted<String>
        let maleFamily: Weighted<String>
        let femaleOlder: Weighted<GivenName>
        let femaleYounger: Weighted<GivenName>
        let maleOlder: Weighted<GivenName>
        let maleYounger: Weighted<GivenName>
        let doubleBarrel: Bool
        let hanScript: Bool
        let englishPreferredNames: Bool
        /// Per 10,000 patients of the group.
        let interpreterShare: Int
        let languages: [String]

        func family(female: Bool) -> Weighted<String> { female ? femaleFamily : maleFamily }
        func given(female: Bool, older: Bool) -> Weighted<GivenName> {
            female ? (older ? femaleOlder : femaleYounger) : (older ? maleOlder : maleYounger)
        }
    }

    final class Tables: Sendable {
        static let shared = Tables()

        let groups: [Group]
        let heritage: Weighted<Int>
        let districts: Weighted<District>
        let streets: Weighted<String>
        let streetRoots: [String]
        let welshStreets: [String]
        let houseNames: [String]
        let blockSuffixes: [String]
        let inwardLetters: [String]
        let keyWorkers: [String]
        let alerts: [PatientAlert]
        let needs: Weighted<AccessibleNeedKind>
        let nhsTails: [UInt32]
        let allFamilyNames: [String]
        let allGivenNames: [String]
        let allLanguages: [String]

        static let latinFold: [Unicode.Scalar: UInt8] = {
            var map: [Unicode.Scalar: UInt8] = [:]
            let groups: [(String, Character)] = [
                ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćČč", "c"), ("ĎďĐđ", "d"), ("ÈÉÊËèéêëĒēĘęĚě", "e"),
                ("ÌÍÎÏìíîïĪī", "i"), ("ŁłĹĺĽľ", "l"), ("ÑñŃńŇň", "n"), ("ÒÓÔÕÖØòóôõöøŌō", "o"),
                ("ŔŕŘř", "r"), ("ŚśŠšŞş", "s"), ("ŤťŢţ", "t"), ("ÙÚÛÜùúûüŪūŮů", "u"), ("ÝýÿŶŷŸ", "y"),
                ("ŹźŻżŽž", "z"), ("Ŵŵ", "w"),
            ]
            for (letters, base) in groups {
                for scalar in letters.unicodeScalars { map[scalar] = base.asciiValue! }
            }
            return map
        }()

        private init() {
            var groups: [Group] = []
            var weights: [(Int, Int)] = []
            for (index, spec) in Self.groupSpecs.enumerated() {
                groups.append(spec.build())
                weights.append((index, spec.weight))
            }
            self.groups = groups
            heritage = Weighted(weights)

            var allFamily: [String] = [], seenFamily = Set<String>()
            var allGiven: [String] = [], seenGiven = Set<String>()
            var allLanguages: [String] = [], seenLanguages = Set<String>()
            for group in groups {
                for name in group.maleFamily.items + group.femaleFamily.items where seenFamily.insert(name).inserted {
                    allFamily.append(name)
                }
                let given = group.femaleOlder.items + group.femaleYounger.items + group.maleOlder.items + group.maleYounger.items
                for name in given.map(\.name) where seenGiven.insert(name).inserted { allGiven.append(name) }
                for language in group.languages where seenLanguages.insert(language).inserted { allLanguages.append(language) }
            }
            allFamilyNames = allFamily
            allGivenNames = allGiven
            self.allLanguages = allLanguages

            let roots = Self.list(Self.streetRootText)
            streetRoots = roots
            var streetWeights: [(String, Int)] = []
            let suffixes: [(String, Int)] = [("Road", 30), ("Street", 16), ("Avenue", 12), ("Lane", 8), ("Close", 8),
                                              ("Drive", 7), ("Grove", 5), ("Crescent", 5), ("Way", 4), ("Gardens", 3),
                                              ("Terrace", 2), ("Place", 2), ("Walk", 1), ("Mews", 1), ("View", 1)]
            for (rank, root) in roots.enumerated() {
                for (suffix, weight) in suffixes {
                    streetWeights.append((root + " " + suffix, weight * 100 / (rank / 10 + 2)))
                }
            }
            streetWeights.append(("High Street", 400))
            streets = Weighted(streetWeights)
            welshStreets = Self.list("""
                Ffordd Las, Stryd Fawr, Heol y Frenhines, Ffordd yr Orsaf, Lôn Goed, Maes y Dre, Bryn Awel,
                Stryd y Castell, Ffordd Llanelwy, Cae Glas, Ffordd Tan y Bryn, Lôn Bach, Stryd yr Eglwys,
                Ffordd Penrhwylfa, Rhodfa'r Môr, Ffordd Conwy, Maes Hyfryd, Pen y Bryn, Llys Eirin, Ffordd Derwen
                """)
            houseNames = Self.list("""
                Rose Cottage, Ivy Cottage, The Laurels, Orchard House, Woodlands, The Old Vicarage, Bryn Teg, Tŷ Gwyn,
                Hafod, Glan y Môr, The Willows, Holly Lodge, Meadow View, The Old School House, Fernbank, Brookside,
                Hillcrest, The Coach House, Mill House, Ty Newydd
                """)
            blockSuffixes = ["Court", "House", "Court", "Mansions", "Heights", "Lodge", "Court"]
            inwardLetters = "ABDEFGHJLNPQRSTUWXYZ".map { String($0) }
            keyWorkers = Self.list("""
                Clare Hughes, Siobhan Doyle, Gareth Pritchard, Priya Shah, Joanne McCann, Karen Rimmer, Helen Tyrer,
                Bethan Lloyd, Rachel Molyneux, Sarah Kewley, Louise Ashcroft, Mark Dutton, Nicola Halsall, Ann Marie Byrne,
                Fiona Campbell, Deborah Mercer, Emma Blundell, Julie Kershaw, Lisa Prescott, Angela Sephton,
                Ngozi Okafor, Agnieszka Nowak, Catrin Parry, Rebecca Swift
                """)
            alerts = [
                PatientAlert(kind: .allergy, note: "penicillin"), PatientAlert(kind: .allergy, note: "penicillin"),
                PatientAlert(kind: .allergy, note: "latex"), PatientAlert(kind: .allergy, note: "iodinated contrast"),
                PatientAlert(kind: .allergy, note: "chlorhexidine"), PatientAlert(kind: .allergy, note: "platinum salts"),
                PatientAlert(kind: .infectionRisk, note: "MRSA"), PatientAlert(kind: .infectionRisk, note: "CPE carrier"),
                PatientAlert(kind: .infectionRisk, note: "C. difficile"),
                PatientAlert(kind: .safeguardingConcern, note: nil),
                PatientAlert(kind: .safeguardingConcern, note: "see safeguarding record"),
                PatientAlert(kind: .aggressionHistory, note: "verbal aggression to staff"),
                PatientAlert(kind: .other, note: "falls risk"), PatientAlert(kind: .other, note: "lives alone"),
                PatientAlert(kind: .other, note: "learning disability"), PatientAlert(kind: .other, note: "dementia"),
            ]
            needs = Weighted([
                (.hearingLoop, 300), (.largePrint, 220), (.lipReading, 60), (.speechToText, 15), (.extraTime, 80),
                (.bslInterpreter, 40), (.deafblindManualInterpreter, 5), (.textMessageOnly, 60), (.email, 40),
                (.viaCarer, 90), (.telephone, 30), (.easyRead, 70), (.braille, 12), (.audio, 15),
            ])

            var districts: [(District, Int)] = []
            for (index, line) in Self.districtText.split(separator: "\n").enumerated() {
                let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { Self.trim($0) }
                precondition(parts.count == 6, "bad district line \(line)")
                let outward = parts[0], town = parts[1]
                let area: PhoneArea = parts[3] == "L" ? .liverpool : parts[3] == "M" ? .manchester : .fictional
                var practices: [GPPractice] = []
                for k in 0..<4 {
                    var r = Generator(state: Generator.mix(UInt64(index * 8 + k) &+ 0x5851_F42D_4C95_7F2D))
                    let root = roots[r.below(min(roots.count, 60))]
                    let name: String
                    switch k {
                    case 0: name = root + " Road Surgery"
                    case 1: name = town + " Medical Centre"
                    case 2: name = "The " + root + " Practice"
                    default: name = root + " Health Centre"
                    }
                    practices.append(GPPractice(code: parts[4] + DemoPopulation.digits(10 + index * 4 + k, width: 3), name: name))
                }
                districts.append((District(outward: outward, town: town, locality: parts[5].isEmpty ? nil : parts[5],
                                           phoneArea: area, welsh: outward.hasPrefix("LL") || ["CH5", "CH6", "CH7", "CH8"].contains(outward),
                                           practices: practices), Int(parts[2])!))
            }
            self.districts = Weighted(districts)

            // Every valid NHS number of the 999 range, by its last seven digits.
            var tails: [UInt32] = []
            tails.reserveCapacity(910_000)
            for stem in 0..<1_000_000 {
                var sum = 9 * 10 + 9 * 9 + 9 * 8
                var rest = stem
                for weight in 2...7 { sum += (rest % 10) * weight; rest /= 10 }
                var check = 11 - sum % 11
                if check == 11 { check = 0 }
                if check == 10 || (stem == 999_999 && check == 9) { continue }
                tails.append(UInt32(stem * 10 + check))
            }
            precondition(tails.count <= 1 << 20)
            nhsTails = tails
        }

        static func trim(_ text: Substring) -> String {
            var s = text
            while let c = s.first, c.isWhitespace { s.removeFirst() }
            while let c = s.last, c.isWhitespace { s.removeLast() }
            return String(s)
        }

        static func list(_ text: String) -> [String] {
            text.split(separator: ",").map { trim($0) }.filter { !$0.isEmpty }
        }

        struct GroupSpec {
            let weight: Int
            /// Comma-separated, most common first; `Male/Female` where the forms differ.
            let family: String
            let femaleOlder: String
            let femaleYounger: String?
            let maleOlder: String
            let maleYounger: String?
            var doubleBarrel = false
            var hanScript = false
            var englishPreferredNames = false
            var interpreterShare = 0
            var languages: [String] = []

            func build() -> Group {
                let pairs = list(family).map { entry -> (String, String) in
                    let forms = entry.split(separator: "/").map { trim($0) }
                    return (forms[0], forms.count > 1 ? forms[1] : forms[0])
                }
                func given(_ text: String) -> Weighted<GivenName> {
                    Weighted(ranked: list(text).map { entry in
                        let parts = entry.split(separator: "|").map { trim($0) }
                        return GivenName(name: parts[0], nickname: parts.count > 1 ? parts[1] : nil)
                    })
                }
                let fo = given(femaleOlder), mo = given(maleOlder)
                return Group(
                    femaleFamily: Weighted(ranked: pairs.map(\.1)), maleFamily: Weighted(ranked: pairs.map(\.0)),
                    femaleOlder: fo, femaleYounger: femaleYounger.map(given) ?? fo,
                    maleOlder: mo, maleYounger: maleYounger.map(given) ?? mo,
                    doubleBarrel: doubleBarrel, hanScript: hanScript, englishPreferredNames: englishPreferredNames,
                    interpreterShare: interpreterShare, languages: languages)
            }
        }

        // Group 0 must be the general British one (used for English preferred names).
        static let groupSpecs: [GroupSpec] = [
            GroupSpec(
                weight: 6_960,
                family: """
                    Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson, Roberts, Robinson,
                    Thompson, Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis, Harris, Clarke, Jackson, Wood,
                    Turner, Martin, Cooper, Hill, Ward, Morris, Moore, Clark, Lee, King, Baker, Harrison, Morgan, Allen,
                    James, Scott, Phillips, Watson, Davis, Parker, Price, Bennett, Young, Griffiths, Mitchell, Kelly,
                    Cook, Carter, Richardson, Bailey, Collins, Bell, Shaw, Murphy, Miller, Cox, Richards, Marshall,
                    Anderson, Simpson, Ellis, Adams, Wilkinson, Foster, Chapman, Powell, Webb, Rogers, Gray, Mason, Hunt,
                    Campbell, Matthews, Owen, Palmer, Holmes, Mills, Barnes, Knight, Lloyd, Butler, Russell, Barker,
                    Fisher, Stevens, Jenkins, Murray, Dixon, Harvey, Graham, Pearson, Fletcher, Walsh, Gibson, Howard,
                    Andrews, Stephens, Reynolds, Ford, Smyth, Reid, Reed, Thomson, Jonson, Lawrence, Rose, Atkinson,
                    Kennedy, Spencer, Burton, Dawson, Hudson, Pearce, Payne, Holland, Armstrong, Hunter, Lane, Grant,
                    Stone, Hart, Elliott, Knowles, Berry, Hayes, Black, Wells, Chambers, Hamilton, Burns, Porter,
                    Hopkins, Cole, Ryan, Atkins, Bradley, Lamb, Barrett, Gardner, Lowe, Day, Marsh, Rowe, Jordan, Fox,
                    Mann, Newman, Walters, Watts, Hayward, Rees, Briggs, Pugh, Sutton, Newton, Harding, Higgins,
                    Houghton, Ashton, Birch, Booth, Bradshaw, Brooks, Bull, Burgess, Bush, Byrne, Carr, Cartwright,
                    Coates, Crossley, Cunningham, Curtis, Dean, Dennis, Dodd, Doyle, Eaton, Farrell, Fowler, Francis,
                    George, Gilbert, Goodwin, Gough, Greenwood, Hammond, Hancock, Hardy, Harper, Hartley, Hawkins,
                    Heywood, Hibbert, Hodgson, Holden, Holt, Horton, Howarth, Howe, Hurst, Hutchinson, Jarvis, Kay,
                    Kenyon, Kershaw, Kirk, Lambert, Leach, Lord, Lucas, Marsden, Mellor, Metcalfe, Moss, Naylor,
                    Nicholson, Norris, Nuttall, Oliver, Osborne, Page, Parkinson, Parsons, Pennington, Perry, Potter,
                    Pownall, Preston, Rigby, Riley, Sanderson, Saunders, Sharp, Shepherd, Slater, Stanley, Sullivan,
                    Swift, Tattersall, Thornton, Tomlinson, Tyrer, Wade, Walton, Warburton, Warren, Waters, Webster,
                    West, Wheeler, Whittaker, Wilkins, Wilde, Willis, Winstanley, Woods, Woodward, Worrall, Wyatt,
                    Yates, Rimmer, Aspinall, Molyneux, Mercer, Halsall, Mawdsley, Prescott, Culshaw, Ashcroft, Almond,
                    Blundell, Moorcroft, Sephton, Kewley, Leigh, Brereton, Davenport, Massey, Beckett, Latham, Dutton,
                    Venables, Vernon, Whitfield, Kirkham, Critchley, Gaskell, Hesketh, Lunt, Wainwright, Fairclough
                    """,
                femaleOlder: """
                    Margaret|Peggy, Patricia|Pat, Susan|Sue, Christine|Chris, Elizabeth|Betty, Mary, Jean, Barbara,
                    Linda, Carol, Sandra|Sandy, Pauline, Janet, Jacqueline|Jackie, Anne, Kathleen|Kath, Brenda,
                    Maureen|Mo, Valerie|Val, Irene, Joan, Sheila, Dorothy|Dot, Doreen, Eileen, Marion, Sylvia,
                    Gillian|Gill, Elaine, Jennifer|Jenny, Helen, Julie, Karen, Lesley, Diane, Deborah|Debbie, Wendy,
                    Teresa|Tess, Catherine|Cathy, Lynne, Joyce, Hilda, Rita, Beryl, June, Pamela|Pam, Rosemary|Rose,
                    Hazel, Ann, Angela|Angie, Frances|Fran, Vera, Edna, Audrey, Marjorie|Marge, Gwendoline|Gwen,
                    Shirley, Josephine|Jo, Yvonne, Denise, Gloria, Lilian|Lily, Norma, Elsie, Winifred|Winnie,
                    Veronica|Ronnie, Bernadette|Bernie, Theresa|Terri, Ruth, Alice, Ellen, Nora, Mary-Jane
                    """,
                femaleYounger: """
                    Sarah, Emma, Claire, Nicola|Nicky, Lisa, Michelle|Shell, Rachel, Louise, Joanne|Jo, Kelly, Laura,
                    Rebecca|Becky, Gemma, Samantha|Sam, Hannah, Amy, Jessica|Jess, Charlotte|Charlie, Sophie, Lauren,
                    Katie, Zoë, Chloe, Jodie, Kirsty, Stacey, Danielle, Victoria|Vicky, Natalie, Amanda|Mandy, Tracey,
                    Donna, Dawn, Alison|Ali, Caroline, Kerry, Leanne, Jade, Megan, Ellie, Olivia, Amelia, Emily, Grace,
                    Lucy, Holly, Karen, Julie, Helen, Catherine|Kate, Elizabeth|Beth, Joanna, Abigail|Abbie, Georgia,
                    Bethany, Melissa, Zoe, Chloé
                    """,
                maleOlder: """
                    John, David|Dave, Michael|Mike, Peter|Pete, Robert|Bob, Anthony|Tony, Brian, Alan, William|Bill,
                    James|Jim, Stephen|Steve, Kenneth|Ken, Paul, Christopher|Chris, Keith, Colin, Thomas|Tom, George,
                    Ronald|Ron, Richard|Dick, Terence|Terry, Raymond|Ray, Dennis, Derek, Graham, Barry, Roy, Trevor,
                    Geoffrey|Geoff, Malcolm, Leslie|Les, Frank, Gordon, Norman, Philip|Phil, Ian, Gary, Mark, Kevin,
                    Francis, Patrick|Pat, Joseph|Joe, Edward|Ted, Eric, Harold|Harry, Arthur, Stanley|Stan,
                    Albert|Bert, Ernest|Ernie, Frederick|Fred, Walter, Leonard|Len, Douglas|Doug, Victor|Vic,
                    Sidney|Sid, Bernard, Gerald|Gerry, Clifford|Cliff, Alfred|Alf, Cyril, Herbert|Bert, Maurice,
                    Rodney, Nigel, Martin
                    """,
                maleYounger: """
                    Daniel|Danny, Andrew|Andy, Matthew|Matt, Mark, Lee, Craig, Darren, Jason, Wayne, Dean, Carl, Neil,
                    Stuart|Stu, Simon, Jonathan|Jon, Gareth, Ryan, Liam, Jamie, Adam, Thomas|Tom, James|Jamie,
                    Christopher|Chris, Michael|Mike, David|Dave, Paul, Steven|Steve, Scott, Kyle, Jack, Joshua|Josh,
                    Luke, Callum, Connor, Joseph|Joe, Samuel|Sam, Oliver|Ollie, Harry, Alfie, Benjamin|Ben, Nathan,
                    Anthony|Tony, Robert|Rob, Richard|Rich, Philip|Phil, Martin, Sean, Shaun, Ashley, Gavin
                    """,
                doubleBarrel: true),
            GroupSpec(
                weight: 900,
                family: """
                    Jones, Williams, Davies, Evans, Thomas, Roberts, Hughes, Lewis, Morgan, Griffiths, Owen, Jenkins,
                    Price, Pritchard, Lloyd, Parry, Rees, Pugh, Llewellyn, Powell, Vaughan, Bowen, Howells, Ellis,
                    Edwards, Rowlands, Humphreys, Gruffudd, ap Rhys, Prosser, Prydderch, Bevan, Gwynne, Meredith,
                    Probert, Maddocks, Parri, Wyn, Hopkins, Jarvis, Foulkes, Bellis, Pierce, Ifans
                    """,
                femaleOlder: """
                    Siân, Gwenllïan|Gwen, Bethan, Eleri, Rhiannon, Glenys, Myfanwy, Nerys, Mair, Eirlys, Megan,
                    Olwen, Non, Angharad, Gwyneth, Delyth, Menna, Eirian, Morfudd, Buddug
                    """,
                femaleYounger: """
                    Cerys, Ffion, Nia, Catrin, Carys, Lowri, Sioned, Elin, Heledd, Bethan, Siân, Rhiannon, Mererid,
                    Gwenllïan|Gwen, Manon, Seren, Alaw, Efa, Mali, Eleri
                    """,
                maleOlder: """
                    Dafydd|Dai, Gareth, Huw, Emyr, Gwyn, Aled, Bryn, Dewi, Elwyn, Geraint, Glyn, Idris, Meirion,
                    Wyn, Emrys, Islwyn, Llywelyn|Llew, Ieuan, Alun, Hywel
                    """,
                maleYounger: """
                    Rhys, Ioan, Rhodri, Gethin, Iwan, Owain, Llŷr, Rhydian, Tomos, Iestyn, Cai, Dafydd|Dai, Osian,
                    Gruffydd, Steffan, Aled, Sion, Macsen, Huw, Emyr
                    """,
                doubleBarrel: true, interpreterShare: 500, languages: ["Welsh"]),
            GroupSpec(
                weight: 600,
                family: """
                    Murphy, Kelly, O'Brien, O'Neill, Byrne, Ryan, O'Connor, O'Sullivan, Walsh, McCarthy, Doyle, McCann,
                    Quinn, Gallagher, Doherty, Kennedy, Lynch, Flanagan, McGuinness, Brennan, Fitzgerald, Nolan,
                    Kavanagh, Donnelly, Duffy, Maguire, Keane, McLoughlin, O'Rourke, O'Donnell, D'Arcy, Ó Súilleabháin,
                    Mac Giolla, Ó Briain, Mac Cárthaigh, Gilmartin, Hegarty, Mulligan
                    """,
                femaleOlder: """
                    Mary, Bridget|Bridie, Kathleen|Kath, Margaret|Peggy, Nuala, Deirdre, Bríd, Máire, Philomena,
                    Sheila, Eileen, Noreen, Siobhán, Teresa, Brigid
                    """,
                femaleYounger: """
                    Aoife, Niamh, Siobhán, Róisín, Caoimhe, Saoirse, Áine, Orla, Sinéad, Gráinne, Eimear, Clodagh,
                    Ciara, Aisling, Méabh
                    """,
                maleOlder: """
                    Patrick|Paddy, Michael|Mick, John, Seán, Séamus, Dónal, Brendan, Kieran, Declan, Éamonn, Gerard|Ger,
                    Colm, Francis|Frank, Thomas|Tommy, Liam
                    """,
                maleYounger: """
                    Seán, Ciarán, Cian, Eoin, Liam, Declan, Diarmuid, Conor, Niall, Fergal, Oisín, Pádraig, Darragh,
                    Cormac, Ronan
                    """,
                doubleBarrel: true),
            GroupSpec(
                weight: 350,
                family: """
                    Campbell, Stewart, Thomson, Robertson, MacDonald, McDonald, Reid, Murray, Ross, Paterson, Fraser,
                    Mackenzie, MacLeod, Cameron, Hamilton, Johnston, Crawford, Sinclair, Buchanan, Grant, Macpherson,
                    Munro, Kerr, Ferguson, Henderson, Gordon, Mackay, Drummond, Urquhart, Menzies, Lindsay, Morrison,
                    Baird, Maclean, McIntyre, Duncan
                    """,
                femaleOlder: """
                    Morag, Fiona, Catriona, Ishbel, Elspeth, Agnes|Nessie, Jean, Margaret|Maggie, Janet|Jessie, Isobel,
                    Christina|Kirsty, Moira, Sheena, Marion
                    """,
                femaleYounger: "Isla, Kirsty, Eilidh, Mhairi, Shona, Ailsa, Fiona, Catriona, Skye, Morven, Iona, Rona",
                maleOlder: """
                    Alasdair, Angus, Hamish, Duncan, Iain, Murdo, Douglas|Dougie, Alistair|Ally, Kenneth|Kenny,
                    Hugh, Archibald|Archie, Alexander|Sandy, Donald, Malcolm
                    """,
                maleYounger: "Callum, Fraser, Ewan, Ruaridh, Struan, Euan, Gregor, Craig, Ross, Lachlan, Finlay, Calum",
                doubleBarrel: true),
            GroupSpec(
                weight: 400,
                family: """
                    Patel, Khan, Singh/Kaur, Ali, Hussain, Ahmed, Miah/Begum, Shah, Sharma, Mahmood, Iqbal, Akhtar,
                    Rahman, Chowdhury, Gill, Sandhu, Mistry, Parmar, Malik, Aslam/Bibi, Bashir, D'Souza, Fernandes,
                    Nair, Kumar, Gupta, Mehta, Islam, Uddin/Begum, Javed, Qureshi, Dhillon, Sidhu, Choudhury, Rao
                    """,
                femaleOlder: """
                    Fatima, Parveen, Nasreen, Shabana, Rukhsana, Sunita, Harjit, Manjit, Jaswinder, Kamla, Savita,
                    Amrit, Sakina, Zubaida, Kulwant
                    """,
                femaleYounger: """
                    Aisha, Ayesha, Priya, Anjali, Nisha, Reena, Kiran, Gurpreet, Zainab, Rubina, Shazia, Sana, Noor,
                    Simran, Anika
                    """,
                maleOlder: """
                    Mohammed, Muhammad, Abdul, Rajesh|Raj, Sanjay, Vijay, Anil, Sunil, Rajinder, Sukhwinder, Gurdeep,
                    Shahid, Tariq, Mahendra, Ashok
                    """,
                maleYounger: """
                    Imran, Asif, Arif, Amir, Hassan, Bilal, Faisal, Naveed, Kamran, Ravi, Deepak, Sachin, Harpreet,
                    Arjun, Zain
                    """,
                interpreterShare: 1_200, languages: ["Urdu", "Urdu", "Punjabi", "Bengali", "Sylheti", "Gujarati", "Hindi"]),
            GroupSpec(
                weight: 200,
                family: """
                    Nowak, Kowalski/Kowalska, Wiśniewski/Wiśniewska, Wójcik, Kowalczyk, Kamiński/Kamińska,
                    Lewandowski/Lewandowska, Zieliński/Zielińska, Szymański/Szymańska, Woźniak, Dąbrowski/Dąbrowska,
                    Łukaszewicz, Kozłowski/Kozłowska, Jankowski/Jankowska, Mazur, Krawczyk, Grabowski/Grabowska,
                    Pawłowski/Pawłowska, Michalski/Michalska, Król, Wieczorek, Jabłoński/Jabłońska,
                    Nowakowski/Nowakowska, Majewski/Majewska
                    """,
                femaleOlder: """
                    Krystyna, Jadwiga, Halina, Barbara, Grażyna, Danuta, Teresa, Elżbieta, Zofia|Zosia, Irena,
                    Małgorzata|Gosia, Ewa
                    """,
                femaleYounger: """
                    Agnieszka, Katarzyna|Kasia, Małgorzata|Gosia, Anna, Joanna, Magdalena|Magda, Ewa, Monika, Justyna,
                    Aleksandra|Ola, Zofia, Beata, Dorota, Paulina
                    """,
                maleOlder: """
                    Andrzej, Stanisław, Zbigniew, Jerzy, Tadeusz, Jan, Kazimierz, Józef, Ryszard, Henryk, Marek,
                    Wojciech|Wojtek
                    """,
                maleYounger: """
                    Łukasz, Piotr, Krzysztof, Tomasz, Paweł, Michał, Marcin, Jakub|Kuba, Wojciech|Wojtek, Grzegorz,
                    Mateusz, Kacper, Bartosz, Dawid
                    """,
                interpreterShare: 2_500, languages: ["Polish"]),
            GroupSpec(
                weight: 130,
                family: """
                    Chen, Wong, Li, Lee, Chan, Cheung, Lau, Liu, Wang, Zhang, Yang, Ho, Ng, Lam, Leung, Tang, Yip,
                    Chow, Mak, Zhou, Huang, Wu
                    """,
                femaleOlder: "Mei Ling, Lai Fong, Siu Wah, Yuk Lan, Wai Man, Suk Yin, Mei, Ling, Ying, Hui",
                femaleYounger: "Mei, Ling, Ying, Hui, Jing, Li Na, Yan, Xiaomei, Wen, Ka Yan",
                maleOlder: "Kwok Keung, Siu Ming, Wai Man, Ka Wai, Chi Wai, Kam Fai, Wing, Hong, Jun, Wei",
                maleYounger: "Wei, Jun, Xiaolong, Hao, Ming, Jie, Lei, Tao, Ka Wai, Chi Hung",
                englishPreferredNames: true, interpreterShare: 2_500,
                languages: ["Cantonese", "Cantonese", "Mandarin"]),
            GroupSpec(
                weight: 20,
                family: "李, 王, 张, 陈, 刘, 黄",
                femaleOlder: "美玲, 秀英, 丽华, 慧敏, 嘉欣",
                femaleYounger: nil,
                maleOlder: "小龙, 伟, 志强, 建华, 国明",
                maleYounger: nil,
                hanScript: true, interpreterShare: 5_000, languages: ["Cantonese", "Mandarin"]),
            GroupSpec(
                weight: 120,
                family: """
                    Adeyemi, Okafor, Okonkwo, Adebayo, Mensah, Boateng, Asante, Owusu, Eze, Nwosu, Chukwu, Ogunleye,
                    Balogun, Danso, Osei, Adjei, Obi, Olawale, Bangura, Kamara, Sesay, Conteh
                    """,
                femaleOlder: """
                    Ngozi, Funmilayo|Funmi, Folake, Abena, Ama, Akosua, Efua, Yetunde, Comfort, Esther, Adwoa, Grace
                    """,
                femaleYounger: "Adaeze, Chiamaka, Blessing, Grace, Esther, Abena, Folake, Temitope|Tope, Ifeoma, Zainab",
                maleOlder: "Kwame, Kofi, Kwabena, Yaw, Babatunde|Tunde, Emmanuel, Samuel, Ibrahim, Joseph, Augustine",
                maleYounger: "Chinedu, Oluwaseun|Seun, Olumide, Emeka, Femi, Ifeanyi, Samuel, Emmanuel, Kwame, David",
                interpreterShare: 300, languages: ["Yoruba", "Igbo", "Twi", "Krio"]),
            GroupSpec(
                weight: 130,
                family: """
                    Campbell, Brown, Williams, Thomas, Francis, Clarke, Grant, Morgan, Reid, Bailey, Gordon, Henry,
                    Lewis, Robinson, Edwards, Samuels, Forbes, Gayle, McKenzie, Ferguson, Blackwood, Wint, Bryan,
                    Spence, Beckford, Thompson
                    """,
                femaleOlder: """
                    Hyacinth, Merle, Claudette, Gloria, Marcia, Beverley|Bev, Paulette, Sonia, Yvonne, Pearline,
                    Jacqueline|Jackie, Maxine
                    """,
                femaleYounger: "Jasmine, Shanice, Tanisha, Keisha, Dionne, Marcia, Kerry-Ann, Chantelle, Nadine, Simone",
                maleOlder: """
                    Winston, Delroy, Errol, Leroy, Clinton, Desmond|Des, Everton, Lloyd, Carlton, Neville, Linford,
                    Lascelles
                    """,
                maleYounger: "Marcus, Tyrone, Jermaine, Andre, Kemar, Dwayne, Leon, Junior, Curtis, Omari",
                doubleBarrel: true),
            GroupSpec(
                weight: 80,
                family: """
                    Hassan, Mohamed, Abdullah, Ibrahim, Yusuf, Omar, Saleh, Al-Sayed, Al-Amin, Haddad, Nasser, Farah,
                    Abdi, Warsame, Osman, Aziz, Mahmoud, Karimi
                    """,
                femaleOlder: "Fatima, Amina, Maryam, Khadija, Hawa, Asha, Halima, Zahra",
                femaleYounger: "Layla, Huda, Noor, Hodan, Sahra, Asma, Rania, Yasmin, Amal, Sara",
                maleOlder: "Ahmed, Mohamed, Ali, Abdullah, Khalid, Hussein, Abdirahman, Saeed",
                maleYounger: "Omar, Yusuf, Hamza, Karim, Samir, Mustafa, Bilal, Ahmed, Adam, Zakaria",
                interpreterShare: 3_000, languages: ["Arabic", "Arabic", "Somali", "Kurdish Sorani", "Farsi", "Tigrinya"]),
            GroupSpec(
                weight: 100,
                family: """
                    Rossi, Russo, Esposito, Da Silva, Santos, Ferreira, Pereira, Fernández, García, Müller, Schmidt,
                    Papadopoulos, Dubois, Lefèvre, Novák, Popescu, Ionescu, Horváth, Kazlauskas, Bērziņš, De Luca,
                    Costa, Oliveira
                    """,
                femaleOlder: "María, Ana, Giulia, Francesca, Hélène, Inês, Katrin, Eleni, Maria, Ioana, Renate, Jana",
                femaleYounger: "Lucía, Chloé, Amélie, Inês, Ioana, Giulia, Sofia, Laura, Elena, Andreea, Rūta, Léa",
                maleOlder: "José, João, Luís, Giuseppe, Antonio, François, Jürgen, Dimitrios, Tomáš, Manuel, Pierre, Klaus",
                maleYounger: "Marco, Andrei, Matthias, Jérôme, José, Luca, Mihai, Nikos, Mateus, Jonas, Tiago, Ștefan",
                interpreterShare: 1_500,
                languages: ["Portuguese", "Romanian", "Spanish", "Italian", "Lithuanian", "Latvian", "Greek", "Czech"]),
            GroupSpec(
                weight: 20,
                family: """
                    Østergaard, Jensen, Hansen, Nielsen, Andersen, Larsen, Johansson, Eriksson, Lindqvist, Berg,
                    Halvorsen, Søndergaard, Haugen, Åberg
                    """,
                femaleOlder: "Ingrid, Astrid, Sigrid, Solveig, Åsa, Kirsten, Birgit, Karin",
                femaleYounger: "Freja, Maja, Astrid, Ingrid, Sofie, Linnéa, Ida, Emma",
                maleOlder: "Lars, Søren, Bjørn, Erik, Anders, Nils, Jørgen, Henrik",
                maleYounger: "Magnus, Mikael, Lars, Erik, Oskar, Emil, Mads, Jonas"),
        ]

        static let streetRootText = """
            Church, Station, Park, Victoria, Queens, Kings, Mill, School, Chester, Manor, New, Green, Oak, Elm, Beech,
            Ash, Willow, Birch, Hawthorn, Cedar, Holly, Rowan, Laurel, Meadow, Grange, Hill, Bridge, Albert, Windsor,
            York, Lancaster, Derby, Stanley, Grosvenor, Marine, Mersey, Dee, Wirral, Bidston, Oxton, Prenton, Sefton,
            Allerton, Woolton, Aigburth, Wavertree, Childwall, Crosby, Formby, Walton, Anfield, Everton, Kensington,
            Picton, Smithdown, Lodge, Moss, Cross, Springfield, Greenbank, Beaconsfield, Nelson, Wellington,
            Gladstone, Cromwell, Balmoral, Sandringham, Hampton, Richmond, Cambridge, Oxford, Bedford, Warwick,
            Stafford, Belmont, Fairfield, Heathfield, Highfield, Brookfield, Thornton, Ferndale, Rosedale, Rydal,
            Grasmere, Ullswater, Coniston, Derwent, Buttermere, Kirkstone
            """

        /// outward | town | weight | phone range (L 0151, M 0161, X 01632) | ODS prefix | locality
        static let districtText = """
            L1|Liverpool|3|L|N82|
            L2|Liverpool|1|L|N82|
            L3|Liverpool|5|L|N82|
            L4|Liverpool|12|L|N82|Walton
            L5|Liverpool|9|L|N82|Everton
            L6|Liverpool|10|L|N82|Fairfield
            L7|Liverpool|9|L|N82|Kensington
            L8|Liverpool|11|L|N82|Toxteth
            L9|Liverpool|14|L|N82|Aintree
            L10|Liverpool|6|L|N82|Fazakerley
            L11|Liverpool|12|L|N82|Norris Green
            L12|Liverpool|13|L|N82|West Derby
            L13|Liverpool|11|L|N82|Tuebrook
            L14|Liverpool|8|L|N82|Broadgreen
            L15|Liverpool|11|L|N82|Wavertree
            L16|Liverpool|7|L|N82|Childwall
            L17|Liverpool|10|L|N82|Aigburth
            L18|Liverpool|10|L|N82|Allerton
            L19|Liverpool|8|L|N82|Garston
            L20|Bootle|10|L|N84|
            L21|Litherland|7|L|N84|
            L22|Waterloo|5|L|N84|
            L23|Crosby|8|L|N84|
            L24|Speke|5|L|N82|
            L25|Woolton|9|L|N82|
            L26|Halewood|4|L|N84|
            L27|Netherley|3|L|N82|
            L28|Stockbridge Village|2|L|N84|
            L29|Lunt|1|L|N84|
            L30|Netherton|6|L|N84|
            L31|Maghull|7|L|N84|
            L32|Kirkby|6|L|N84|
            L33|Kirkby|4|L|N84|
            L34|Prescot|6|L|N84|
            L35|Whiston|6|L|N84|
            L36|Huyton|8|L|N84|
            L37|Formby|5|X|N84|
            L38|Hightown|1|X|N84|
            L39|Ormskirk|5|X|P81|
            L40|Burscough|3|X|P81|
            CH1|Chester|7|X|N81|
            CH2|Chester|7|X|N81|Hoole
            CH3|Chester|6|X|N81|
            CH4|Chester|6|X|N81|Handbridge
            CH5|Deeside|6|X|W91|Connah's Quay
            CH6|Flint|3|X|W91|
            CH7|Mold|5|X|W91|
            CH8|Holywell|3|X|W91|
            CH41|Birkenhead|14|L|N85|
            CH42|Birkenhead|13|L|N85|Rock Ferry
            CH43|Prenton|15|L|N85|Oxton
            CH44|Wallasey|12|L|N85|Liscard
            CH45|Wallasey|10|L|N85|New Brighton
            CH46|Moreton|8|L|N85|
            CH47|Hoylake|4|L|N85|Meols
            CH48|West Kirby|5|L|N85|
            CH49|Upton|9|L|N85|Greasby
            CH60|Heswall|6|L|N85|
            CH61|Pensby|6|L|N85|Thingwall
            CH62|Bromborough|11|L|N85|Eastham
            CH63|Bebington|10|L|N85|Spital
            CH64|Neston|5|L|N81|Parkgate
            CH65|Ellesmere Port|10|X|N81|
            CH66|Ellesmere Port|10|X|N81|Great Sutton
            WA1|Warrington|3|X|N81|
            WA2|Warrington|4|X|N81|
            WA3|Warrington|4|X|N81|Birchwood
            WA4|Warrington|4|X|N81|Stockton Heath
            WA5|Warrington|4|X|N81|Great Sankey
            WA6|Frodsham|3|X|N81|Helsby
            WA7|Runcorn|8|X|N81|
            WA8|Widnes|9|L|N81|
            WA9|St Helens|6|X|N83|
            WA10|St Helens|6|X|N83|
            WA11|St Helens|4|X|N83|Haydock
            WA12|Newton-le-Willows|3|X|N83|
            WA13|Lymm|2|X|N81|
            WA14|Altrincham|1|M|P91|
            WA15|Altrincham|1|M|P91|Hale
            WA16|Knutsford|2|X|N81|
            LL11|Wrexham|3|X|W91|
            LL12|Wrexham|3|X|W91|Gresford
            LL13|Wrexham|3|X|W91|
            LL14|Wrexham|2|X|W91|Rhosllanerchrugog
            LL15|Ruthin|2|X|W91|
            LL16|Denbigh|2|X|W91|
            LL17|St Asaph|1|X|W91|
            LL18|Rhyl|4|X|W91|
            LL19|Prestatyn|3|X|W91|
            LL20|Llangollen|1|X|W91|
            LL21|Corwen|1|X|W91|
            LL22|Abergele|2|X|W91|
            LL23|Bala|1|X|W91|
            LL24|Betws-y-Coed|1|X|W91|
            LL25|Dolwyddelan|1|X|W91|
            LL26|Llanrwst|1|X|W91|
            LL27|Trefriw|1|X|W91|
            LL28|Colwyn Bay|2|X|W91|Rhos-on-Sea
            LL29|Colwyn Bay|3|X|W91|Old Colwyn
            LL30|Llandudno|3|X|W91|
            M1|Manchester|1|M|P84|
            M2|Manchester|1|M|P84|
            M3|Manchester|1|M|P84|
            M4|Manchester|1|M|P84|Ancoats
            M5|Salford|1|M|P84|
            M6|Salford|1|M|P84|Pendleton
            M7|Salford|1|M|P84|
            M8|Manchester|1|M|P84|Cheetham Hill
            M9|Manchester|1|M|P84|Blackley
            M11|Manchester|1|M|P84|Clayton
            M12|Manchester|1|M|P84|Longsight
            M13|Manchester|1|M|P84|Ardwick
            M14|Manchester|1|M|P84|Fallowfield
            M15|Manchester|1|M|P84|Hulme
            M16|Manchester|1|M|P84|Whalley Range
            M18|Manchester|1|M|P84|Gorton
            M19|Manchester|1|M|P84|Levenshulme
            M20|Manchester|1|M|P84|Didsbury
            M21|Manchester|1|M|P84|Chorlton
            M22|Manchester|1|M|P84|Wythenshawe
            M23|Manchester|1|M|P84|Baguley
            M24|Middleton|1|M|P84|
            M25|Prestwich|1|M|P84|
            M26|Radcliffe|1|M|P84|
            M27|Swinton|1|M|P84|
            M28|Worsley|1|M|P84|
            M29|Tyldesley|1|M|P84|
            M30|Eccles|1|M|P84|
            M31|Partington|1|M|P91|
            M32|Stretford|1|M|P91|
            M33|Sale|1|M|P91|
            M34|Denton|1|M|P84|
            M35|Failsworth|1|M|P84|
            CW1|Crewe|3|X|N81|
            CW2|Crewe|3|X|N81|
            CW3|Crewe|1|X|N81|Audlem
            CW4|Holmes Chapel|1|X|N81|
            CW5|Nantwich|2|X|N81|
            CW6|Tarporley|1|X|N81|
            CW7|Winsford|3|X|N81|
            CW8|Northwich|3|X|N81|
            CW9|Northwich|2|X|N81|
            CW10|Middlewich|1|X|N81|
            CW11|Sandbach|2|X|N81|
            CW12|Congleton|2|X|N81|
            PR8|Southport|8|X|N84|Birkdale
            PR9|Southport|7|X|N84|Churchtown
            WN8|Skelmersdale|5|X|P81|
            """
    }
}
