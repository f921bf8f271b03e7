import Foundation

/// Answers that came back from a worker thread, collected for the loop
/// (which is woken by `notify` and takes them).
class EventInbox: @unchecked Sendable {
    let lock = NSLock()
    private var finished: [Event] = []
    let services: any DeskServices
    let notify: @Sendable () -> Void

    init(services: any DeskServices, notify: @escaping @Sendable () -> Void) {
        self.services = services
        self.notify = notify
    }

    /// Runs an effect here (on the worker's thread) and posts its answer.
    func run(_ effect: Effect) {
        let event = services.perform(effect)
        lock.lock()
        if let event { finished.append(event) }
        lock.unlock()
        notify()
    }

    /// The answers that arrived since the last call.
    func take() -> [Event] {
        lock.lock()
        defer { lock.unlock() }
        let events = finished
        finished = []
        return events
    }
}

/// Runs searches one at a time off the keyboard path. Only the newest request
/// waiting is kept: typing `smith` fast runs at most the first letter and the
/// last word, never every prefix in turn.
final class SearchWorker: EventInbox, @unchecked Sendable {
    private var pending: (generation: Int, text: String, limit: Int)?
    private var running = false
    private let queue = DispatchQueue(label: "frontdesk.search", qos: .userInitiated)

    func submit(generation: Int, text: String, limit: Int) {
        lock.lock()
        pending = (generation, text, limit)
        let start = !running
        running = true
        lock.unlock()
        if start { queue.async { self.drain() } }
    }

    private func drain() {
        while true {
            lock.lock()
            guard let request = pending else { running = false; lock.unlock(); return }
            pending = nil
            lock.unlock()
            run(.search(generation: request.generation, text: request.text, limit: request.limit))
        }
    }
}

/// Runs slow effects other than searches (the lock screen's password check, audit reports)
/// one at a time on their own thread; their answers come back as events.
///
/// Course plans are coalesced: while one runs, only the latest plan asked for
/// waits (moving through the protocols with ↑↓ plans the one the clerk stops
/// on, not every one passed over); the ones it replaced are answered by it.
final class EffectWorker: EventInbox, @unchecked Sendable {
    private let queue = DispatchQueue(label: "frontdesk.effects", qos: .userInitiated)
    private let planLock = NSLock()
    private var waitingPlan: Effect?

    func submit(_ effect: Effect) {
        if case .planCourse = effect {
            planLock.lock()
            let alreadyQueued = waitingPlan != nil
            waitingPlan = effect
            planLock.unlock()
            if alreadyQueued { return }
            queue.async {
                self.planLock.lock()
                let latest = self.waitingPlan
                self.waitingPlan = nil
                self.planLock.unlock()
                if let latest { self.run(latest) }
            }
            return
        }
        queue.async { self.run(effect) }
    }
}

/// Why the application loop ended.
public enum ExitReason: Equatable, Sendable {
    case quit
    case signal(Int32)
}

/// The application loop: reads the terminal, feeds events to `update`, runs
/// the effects and draws what `render` returns. Searches, password checks and
/// audit reports run on worker threads and come back as events; everything else answers at
/// once. It keeps the time of the last key: when no key came for
/// `state.idleLockSeconds`, it sends `.lock`; while the screen is locked it
/// ticks every second (the wait after wrong passwords counts down).
public final class Runtime {
    public private(set) var state: AppState
    let services: any DeskServices
    let device: any TerminalDevice
    let clock: () -> Date
    private let worker: SearchWorker
    private let slowWork: EffectWorker

    public init(state: AppState, services: any DeskServices, device: any TerminalDevice, clock: @escaping () -> Date = Date.init) {
        self.state = state
        self.services = services
        self.device = device
        self.clock = clock
        let box = UnsafeDevice(device)
        worker = SearchWorker(services: services) { box.device.wake() }
        slowWork = EffectWorker(services: services) { box.device.wake() }
    }

    /// Runs until the clerk quits or a signal arrives.
    public func run() -> ExitReason {
        state.size = device.size
        state.now = clock()
        var lastKey = state.now
        var dirty = true
        while true {
            if dirty { device.draw(state.render()); dirty = false }
            // Wake at least once a second so the clock on the top line stays right.
            let inputs = device.readInput(timeoutMilliseconds: 1000)
            var events: [Event] = []
            for input in inputs {
                switch input {
                case .key(let key):
                    events.append(.key(key))
                    lastKey = clock()
                case .resize(let size): events.append(.resize(size))
                case .signal(let number): return .signal(number)
                }
            }
            events += worker.take()
            events += slowWork.take()
            let now = clock()
            if Int(now.timeIntervalSince1970 / 60) != Int(state.now.timeIntervalSince1970 / 60)
                || (state.isLocked && Int(now.timeIntervalSince1970) != Int(state.now.timeIntervalSince1970)) {
                events.insert(.tick(now), at: 0)
            }
            if !state.isLocked, state.idleLockSeconds > 0, now.timeIntervalSince(lastKey) >= TimeInterval(state.idleLockSeconds) {
                events.append(.lock(now))
            }
            while !events.isEmpty {
                let event = events.removeFirst()
                dirty = true
                for effect in state.update(event) {
                    switch effect {
                    case .quit:
                        return .quit
                    case .redraw:
                        device.redrawAll()
                    case .search(let generation, let text, let limit):
                        worker.submit(generation: generation, text: text, limit: limit)
                    case _ where effect.isSlow:
                        slowWork.submit(effect)
                    default:
                        if let answer = services.perform(effect) { events.append(answer) }
                    }
                }
            }
        }
    }
}

/// Lets the worker thread call `wake()`, which every device makes thread-safe.
private final class UnsafeDevice: @unchecked Sendable {
    let device: any TerminalDevice
    init(_ device: any TerminalDevice) { self.device = device }
}
