import Foundation
import Testing
@testable import FrontDeskDomain

@Suite("NHS number")
struct NHSNumberTests {
    @Test("Valid numbers from the NHS Data Dictionary are accepted",
          arguments: ["9434765919", "4010232137", "6541003238", "9313317125", "9876543210"])
    func validNumbers(text: String) throws {
        let number = try #require(NHSNumber(text))
        #expect(number.digits == text)
        #expect(NHSNumber.parse(text) == .success(number))
    }

    @Test("Modulus 11 failures are rejected with the right problem", arguments: [
        ("1234567890", NHSNumber.Problem.checkDigitTen),
        ("9876544321", .wrongCheckDigit),
        ("9434765918", .wrongCheckDigit),
        ("4010232138", .wrongCheckDigit),
        ("9434765910", .wrongCheckDigit),
    ])
    func modulus11Failures(text: String, problem: NHSNumber.Problem) {
        #expect(NHSNumber.parse(text) == .failure(problem))
        #expect(NHSNumber(text) == nil)
    }

    @Test("All-same digits pass Modulus 11 but are refused as placeholders",
          arguments: (0...9).map { String(repeating: String($0), count: 10) })
    func repeatedDigits(text: String) {
        // They really do pass the check: the 10th digit equals the computed check digit.
        let nine = text.prefix(9).map { Int(String($0))! }
        #expect(NHSNumber.checkDigit(for: nine) == Int(String(text.last!)))
        #expect(NHSNumber.parse(text) == .failure(.repeatedDigits))
        #expect(NHSNumber(text) == nil)
    }

    @Test("The placeholder message says why")
    func placeholderReason() {
        guard case .failure(let problem) = NHSNumber.parse("1111111111") else {
            Issue.record("1111111111 was accepted"); return
        }
        #expect(problem == .repeatedDigits)
        #expect(problem.reason.contains("placeholder"))
        #expect(problem.reason.contains("unknown"))
        guard case .failure(let zeros) = NHSNumber.parse("000 000 0000") else {
            Issue.record("000 000 0000 was accepted"); return
        }
        #expect(zeros.reason.contains("placeholder"))
    }

    @Test("Wrong length is reported with the count of digits", arguments: [
        ("943476591", 9), ("94347659190", 11), ("1", 1), ("943 476 591", 9), ("9434-7659-1912", 12),
    ])
    func wrongLength(text: String, count: Int) {
        #expect(NHSNumber.parse(text) == .failure(.wrongLength(count)))
        #expect(NHSNumber.Problem.wrongLength(count).reason == "must be 10 digits (got \(count))")
    }

    @Test("Letters and other punctuation are refused",
          arguments: ["94347659l9", "ABC4765919", "943.476.5919", "943/476/5919", "+449434765919", "943476591９"])
    func notDigits(text: String) {
        #expect(NHSNumber.parse(text) == .failure(.notDigits))
    }

    @Test("Empty input (or only separators) is reported as empty", arguments: ["", "   ", "- -"])
    func empty(text: String) {
        #expect(NHSNumber.parse(text) == .failure(.empty))
    }

    @Test("Spaces, dashes and tabs are accepted and dropped", arguments: [
        "943 476 5919", "943-476-5919", " 9434765919 ", "943  476  5919", "9 4 3 4 7 6 5 9 1 9", "943\t476\t5919",
    ])
    func separators(text: String) throws {
        let number = try #require(NHSNumber(text))
        #expect(number.digits == "9434765919")
        #expect(number == NHSNumber("9434765919"))
    }

    @Test("Formatted 3-3-4", arguments: [
        ("9434765919", "943 476 5919"), ("401-023-2137", "401 023 2137"), ("9876543210", "987 654 3210"),
    ])
    func formatted(text: String, expected: String) throws {
        let number = try #require(NHSNumber(text))
        #expect(number.formatted == expected)
        #expect(number.description == expected)
        #expect("\(number)" == expected)
    }

    @Test("Check digit of nine digits", arguments: [
        ([9, 4, 3, 4, 7, 6, 5, 9, 1], 9 as Int?),
        ([4, 0, 1, 0, 2, 3, 2, 1, 3], 7),
        ([6, 5, 4, 1, 0, 0, 3, 2, 3], 8),
        ([9, 8, 7, 6, 5, 4, 3, 2, 1], 0),   // remainder 0: check 11 becomes 0
        ([1, 2, 3, 4, 5, 6, 7, 8, 9], nil), // check works out as 10
    ])
    func checkDigit(nine: [Int], expected: Int?) {
        #expect(NHSNumber.checkDigit(for: nine) == expected)
    }

    @Test("Every check digit from checkDigit(for:) makes a number parse accepts")
    func checkDigitAgreesWithParse() {
        var accepted = 0
        var refusedTen = 0
        for seed in 0..<500 {
            // Deterministic spread of nine-digit stems.
            let stem = String(format: "%09d", (seed * 1_999_993 + 123_456_789) % 1_000_000_000)
            let nine = stem.map { Int(String($0))! }
            if let check = NHSNumber.checkDigit(for: nine) {
                let text = stem + String(check)
                if Set(text).count == 1 { continue }
                #expect(NHSNumber(text)?.digits == text, "\(text)")
                let wrong = stem + String((check + 1) % 10)
                #expect(NHSNumber.parse(wrong) == .failure(.wrongCheckDigit), "\(wrong)")
                accepted += 1
            } else {
                #expect(NHSNumber.parse(stem + "0") == .failure(.checkDigitTen))
                refusedTen += 1
            }
        }
        #expect(accepted > 400)
        #expect(refusedTen > 0)
    }

    @Test("Every problem has a reason in words")
    func reasons() {
        let problems: [NHSNumber.Problem] = [.empty, .wrongLength(3), .notDigits, .checkDigitTen, .wrongCheckDigit, .repeatedDigits]
        #expect(Set(problems.map(\.reason)).count == problems.count)
        #expect(NHSNumber.Problem.checkDigitTen.reason.contains("Modulus 11"))
        #expect(NHSNumber.Problem.wrongCheckDigit.reason.contains("Modulus 11"))
    }

    @Test("JSON round trip stores the ten digits; invalid JSON values are refused")
    func codable() throws {
        let number = try #require(NHSNumber("943 476 5919"))
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == #"["9434765919"]"#)
        #expect(try JSONDecoder().decode([NHSNumber].self, from: data) == [number])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([NHSNumber].self, from: Data(#"["9434765918"]"#.utf8))
        }
    }

    @Test("Verification status codes follow FHIR UK Core")
    func statusCodes() {
        #expect(NHSNumberStatus.allCases.map(\.rawValue) == ["01", "02", "03", "04", "05", "06", "07", "08"])
        #expect(NHSNumberStatus.traceRequired.rawValue == "03")
        #expect(NHSNumberStatus.traceRequired.label == "trace required")
        #expect(NHSNumberStatus.presentVerified.label == "number present and verified")
    }
}
