import Foundation
import Testing
import FrontDeskDomain
import FrontDeskUI

/// The lock screen: after the idle period (or F12) nothing patient-identifiable
/// shows; only the desk user's own password unlocks, back to exactly where they were.
@Suite("Lock screen")
struct LockScreenTests {
    static let right = FakeAuthenticator.passwords["clerk1"]!

    /// Every identifying text of the seeded patients: names, NHS and hospital numbers, dates of birth, postcodes.
    static func identifiers(_ h: Harness) -> [String] {
        ["SMITH", "Smith", "John", "SMYTH", "Jane", "943 476 5919", "12-Mar-1956", "CH63", "Polish",
         "safeguarding", "Chester Road", "07700", h.patient("Smith").mrn, h.patient("Smyth").mrn]
    }

    func authenticator(_ h: Harness) -> FakeAuthenticator { h.services.authenticator as! FakeAuthenticator }

    /// The screen's words with frames and wrapping taken out, to find a sentence a box wrapped.
    static func words(_ h: Harness) -> String {
        h.text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func anIdleLockCoversEveryPatientIdentifierOnScreen() throws {
        let h = try Harness()
        h.type("smith")
        let before = h.text
        for text in Self.identifiers(h) where !["Smith", "Polish", "safeguarding", "Chester Road", "07700", "Jane"].contains(text) {
            #expect(before.contains(text), "the lookup showed \(text) before the lock")
        }
        h.send(.lock(testNow.addingTimeInterval(300)))
        #expect(h.state.isLocked)
        #expect(h.state.lockedSince == testNow.addingTimeInterval(300))
        let locked = h.text
        for text in Self.identifiers(h) + ["smith"] {
            #expect(!locked.contains(text), "the lock screen shows \(text):\n\(locked)")
        }
        #expect(Self.words(h).contains("Locked after 5 minutes without a key press. Type your password for clerk1 and press Enter to unlock, or F10 to quit."))
        // The top line still says who is logged in.
        #expect(h.screen.lines[0].contains("Locked"))
        #expect(h.screen.lines[0].contains("clerk1"))
        #expect(h.screen.lines[23].contains("Enter Unlock"))
        #expect(h.screen.lines[23].contains("F10 Quit"))
        // The state underneath is untouched.
        #expect(h.state.lookup.query.text == "smith")
        #expect(h.state.lookup.results.count == 3)
    }

    @Test func anOpenRecordIsCoveredToo() throws {
        let h = try Harness()
        h.type("9434765919")
        h.press(.enter)
        #expect(h.state.pane == .record)
        #expect(h.text.contains("safeguarding"))
        h.press(.function(12))
        let locked = h.text
        for text in Self.identifiers(h) + ["9434765919", "Patient record"] {
            #expect(!locked.contains(text), "the lock screen shows \(text):\n\(locked)")
        }
        #expect(locked.contains("Locked at 09:41 (lock key)."))
    }

    @Test func thePasswordIsNeverDrawnAndAWrongOneIsSaidAndCleared() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.ctrl("x"))
        h.type("nope")
        #expect(h.state.lock?.password.text == "nope")
        #expect(!h.text.contains("nope"))
        #expect(h.text.contains("Password ••••"))
        h.press(.enter)
        #expect(authenticator(h).checks == ["clerk1"])
        #expect(h.state.isLocked)
        #expect(h.state.lock?.password.text == "")
        #expect(h.state.lock?.failures == 1)
        #expect(h.messageLine.contains("Error: wrong password: try again (4 more tries before a 30-second wait)"),
                "\(h.messageLine)")
        #expect(!h.text.contains("SMITH"))
    }

    @Test func theRightPasswordReturnsToExactlyThePreviousScreen() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.tab, .down)
        #expect(h.state.lookup.focus == .results)
        let before = h.screen
        let selected = h.state.lookup.position
        h.send(.lock(testNow.addingTimeInterval(600)))
        h.type("wrong")
        h.press(.enter)
        h.type(Self.right)
        h.press(.enter)
        #expect(!h.state.isLocked)
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text == "smith")
        #expect(h.state.lookup.focus == .results)
        #expect(h.state.lookup.position == selected)
        // The same screen, cell for cell, but for the clock on the top line.
        let after = h.screen
        #expect(Array(after.lines.dropFirst()) == Array(before.lines.dropFirst()))
        #expect(authenticator(h).checks == ["clerk1", "clerk1"])
    }

    @Test func aDialogUnderTheLockIsStillThereAfterwards() throws {
        let h = try Harness()
        h.press(.function(7))
        h.type("Jones")
        h.press(.escape)
        #expect(h.state.overlay == .confirmDiscard(then: .back))
        h.press(.function(12))
        #expect(h.state.isLocked)
        #expect(!h.text.contains("Jones"))
        #expect(Self.words(h).contains("or F10 to quit (the unsaved changes to the form would be lost)."))
        h.type(Self.right)
        h.press(.enter)
        #expect(h.state.overlay == .confirmDiscard(then: .back))
        #expect(h.state.form?.fields.first?.value == "Jones")
    }

    @Test(arguments: [Key.function(10), .ctrl("q"), .ctrl("c")])
    func quitWorksFromTheLock(_ key: Key) throws {
        let h = try Harness()
        h.type("smith")
        h.send(.lock(testNow))
        #expect(h.press(key) == [.quit])
    }

    @Test func noOtherKeyGetsPastTheLock() throws {
        let h = try Harness()
        h.type("smith")
        h.send(.lock(testNow))
        for key in [Key.function(1), .function(2), .function(7), .function(9), .escape, .tab, .ctrl("f"), .ctrl("l"),
                    .function(12), .pageDown, .up] {
            #expect(h.press(key).isEmpty, "\(key)")
            #expect(h.state.isLocked)
            #expect(h.state.overlay == nil)
            #expect(h.state.pane == .lookup)
        }
        #expect(h.messageLine.contains("the screen is locked: type your password and press Enter, or F10 to quit"))
        // Text is typed into the password, even ? and /.
        h.type("?/")
        #expect(h.state.lock?.password.text == "?/")
        #expect(h.state.overlay == nil)
    }

    @Test func anEmptyPasswordIsNotChecked() throws {
        let h = try Harness()
        h.press(.function(12))
        h.press(.enter)
        #expect(authenticator(h).checks.isEmpty)
        #expect(h.messageLine.contains("type your password for clerk1, then press Enter"))
    }

    @Test func afterFiveWrongPasswordsTheNextTryWaitsThirtySeconds() throws {
        let h = try Harness()
        h.type("smith")
        h.send(.lock(testNow))
        for _ in 1...5 {
            h.type("guess")
            h.press(.enter)
        }
        #expect(h.state.lock?.failures == 5)
        #expect(h.messageLine.contains("wrong password, 5 times: wait 30 s before the next try"), "\(h.messageLine)")
        #expect(h.text.contains("Too many wrong passwords: try again in 30 s"))
        // Even the right password is not checked during the wait.
        h.send(.tick(testNow.addingTimeInterval(10)))
        #expect(h.text.contains("try again in 20 s"))
        h.type(Self.right)
        h.press(.enter)
        #expect(authenticator(h).checks.count == 5)
        #expect(h.state.isLocked)
        #expect(h.messageLine.contains("too many wrong passwords: wait 20 s before the next try"))
        // After the wait, it is.
        h.send(.tick(testNow.addingTimeInterval(31)))
        #expect(h.text.contains("You may try again."))
        h.type(Self.right)
        h.press(.enter)
        #expect(!h.state.isLocked)
        #expect(h.text.contains("SMITH, John"))
    }

    @Test func aSecondLockEventDoesNotResetTheLock() throws {
        let h = try Harness()
        h.send(.lock(testNow))
        h.type("guess")
        h.press(.enter)
        h.send(.lock(testNow.addingTimeInterval(60)))
        #expect(h.state.lock?.failures == 1)
        #expect(h.state.lockedSince == testNow)
    }

    @Test func theLockKeyIsAGlobalBindingInTheBarAndHelp() throws {
        let h = try Harness()
        h.resize(110, 30)
        #expect(h.screen.lines[29].contains("F12 Lock"))
        #expect(h.screen.lines[29].contains("F10 Quit"))
        let everywhere = try #require(h.state.helpSections.first { $0.0 == "Everywhere" }?.1)
        #expect(everywhere.contains { $0.action == .lock && $0.keys == [.function(12), .ctrl("x")] })
        #expect(everywhere.contains { $0.action == .settings && $0.keys == [.function(9)] })
    }

    @Test func theLockScreenSnapshot() throws {
        let h = try Scenario.lookupSmith.harness()
        h.send(.lock(testNow.addingTimeInterval(300)))
        h.type("abc")
        assertSnapshot(h.screen, named: "lock-idle-80x24")
    }

    @Test func theLockScreenAtOtherSizes() throws {
        for size in [Size(width: 120, height: 40), Size(width: 80, height: 24)] {
            let h = try Harness(size: size)
            h.type("smith")
            h.send(.lock(testNow))
            #expect(h.text.contains("Password"))
            #expect(!h.text.contains("SMITH"))
        }
        // Too small: only the too-small words, as everywhere.
        let h = try Harness(size: Size(width: 60, height: 20))
        h.type("smith")
        h.send(.lock(testNow))
        #expect(h.text.contains("Terminal too small"))
        #expect(!h.text.contains("SMITH"))
    }
}

/// The runtime locks by itself after the idle period, and checks the password off the keyboard path.
@Suite("Lock screen in the runtime")
struct LockRuntimeTests {
    /// A clock that jumps `idle` seconds ahead once the results are on screen (and stays there).
    final class JumpingClock: @unchecked Sendable {
        private let lock = NSLock()
        private var jumped = false
        weak var terminal: FakeTerminal?
        let idle: TimeInterval
        init(idle: TimeInterval) { self.idle = idle }
        func now() -> Date {
            lock.lock(); defer { lock.unlock() }
            if !jumped, terminal?.lastFrame?.text.contains("SMITH, John") == true { jumped = true }
            return testNow.addingTimeInterval(jumped ? idle : 0)
        }
    }

    @Test func idleForTheSettingLocksAndTheRightPasswordUnlocks() throws {
        let h = try Harness(size: Size(width: 10, height: 10))
        var state = h.state
        state.idleLockSeconds = 5 * 60
        var script: [FakeTerminal.Step] = [.input("smith".map { .key(.char($0)) }), .waitForText("SMITH, John"),
                                           .waitForText("Locked after 5 minutes without a key press")]
        script.append(.input(LockScreenTests.right.map { .key(.char($0)) } + [.key(.enter)]))
        script += [.waitForText("SMITH, John"), .input([.key(.function(10))])]
        let terminal = FakeTerminal(script: script)
        let clock = JumpingClock(idle: 5 * 60 + 1)
        clock.terminal = terminal
        let runtime = Runtime(state: state, services: h.services, device: terminal, clock: { clock.now() })
        #expect(runtime.run() == .quit)
        #expect(!terminal.gaveUp)
        #expect(!runtime.state.isLocked)
        #expect(runtime.state.lookup.query.text == "smith")
        let lockFrame = try #require(terminal.frames.first { $0.text.contains("Locked after") })
        #expect(!lockFrame.text.contains("SMITH"))
        #expect((h.services.authenticator as! FakeAuthenticator).checks == ["clerk1"])
    }

    @Test func lessThanTheIdlePeriodDoesNotLock() throws {
        let h = try Harness(size: Size(width: 10, height: 10))
        var state = h.state
        state.idleLockSeconds = 5 * 60
        let terminal = FakeTerminal(script: [.input("smith".map { .key(.char($0)) }), .waitForText("SMITH, John"),
                                             .input([]), .input([]), .input([.key(.function(10))])])
        let clock = JumpingClock(idle: 5 * 60 - 1)
        clock.terminal = terminal
        let runtime = Runtime(state: state, services: h.services, device: terminal, clock: { clock.now() })
        #expect(runtime.run() == .quit)
        #expect(!terminal.frames.contains { $0.text.contains("Locked") })
    }
}
