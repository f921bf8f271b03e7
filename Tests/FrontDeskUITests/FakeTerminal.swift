import Foundation
import FrontDeskUI

/// A terminal for `Runtime` tests: hands out scripted input, records every
/// frame drawn, and lets a script step wait until a frame shows some text
/// (searches come back from the worker thread and call `wake()`).
final class FakeTerminal: TerminalDevice, @unchecked Sendable {
    enum Step {
        case input([TerminalInput])
        /// Wait (without handing out input) until the last frame drawn contains this text.
        case waitForText(String)
    }

    let size: Size
    private var script: [Step]
    private let lock = NSLock()
    private var woken = false
    private var frameStore: [ScreenBuffer] = []
    private var waitingSince: Date?
    /// How long a `waitForText` step may take before the fake gives up.
    let patience: TimeInterval
    /// Set when a `waitForText` step gave up; the fake then sends `.signal(99)`.
    private(set) var gaveUp = false

    init(size: Size = standardSize, script: [Step], patience: TimeInterval = 10) {
        self.size = size
        self.script = script
        self.patience = patience
    }

    var frames: [ScreenBuffer] { lock.lock(); defer { lock.unlock() }; return frameStore }
    var lastFrame: ScreenBuffer? { frames.last }

    func draw(_ buffer: ScreenBuffer) {
        lock.lock(); frameStore.append(buffer); lock.unlock()
    }

    func wake() {
        lock.lock(); woken = true; lock.unlock()
    }

    func readInput(timeoutMilliseconds: Int) -> [TerminalInput] {
        while let step = script.first {
            switch step {
            case .input(let inputs):
                script.removeFirst()
                return inputs
            case .waitForText(let text):
                if lastFrame?.text.contains(text) == true {
                    script.removeFirst()
                    waitingSince = nil
                    continue
                }
                let started = waitingSince ?? Date()
                waitingSince = started
                if Date().timeIntervalSince(started) > patience {
                    gaveUp = true
                    script = []
                    return [.signal(99)]
                }
                waitForWake(upTo: min(timeoutMilliseconds, 50))
                return []
            }
        }
        // The script ran out without quitting: end the loop rather than spin forever.
        gaveUp = true
        return [.signal(98)]
    }

    private func waitForWake(upTo milliseconds: Int) {
        let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
        while Date() < deadline {
            lock.lock()
            let wasWoken = woken
            woken = false
            lock.unlock()
            if wasWoken { return }
            Thread.sleep(forTimeInterval: 0.001)
        }
    }
}
