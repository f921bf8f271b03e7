#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The write end the signal handler uses: set before the handlers are
/// installed and cleared after they are removed, so the handler only ever
/// reads it. A plain global, because a signal handler can capture nothing.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// The signal handler: writes the signal's number as one byte to the pipe.
/// Only async-signal-safe calls (write) and errno is preserved.
private func signalPipeHandler(_ signal: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    let fd = signalPipeWriteEnd
    if fd >= 0 { _ = write(fd, &byte, 1) }
    errno = savedErrno
}

private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

/// A self-pipe that turns SIGINT, SIGTERM and SIGHUP, and `wake()` calls from
/// any thread, into bytes that `poll` can wait for alongside the keyboard.
/// Signal bytes are the signal numbers; a wake is byte 0.
final class SignalPipe: @unchecked Sendable {
    static let caught: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let wakeByte: UInt8 = 0

    let readEnd: Int32
    /// Guarded by `lock` (wake() runs on other threads; close() on the owner's).
    private var writeEnd: Int32
    private let lock = NSLock()
    private var previous: [Int32: sigaction] = [:]
    private var installed = false

    init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw TerminalError.pipeFailed(errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit { close() }

    /// Installs the handlers, remembering the ones they replace.
    func installHandlers() {
        guard !installed else { return }
        lock.lock()
        signalPipeWriteEnd = writeEnd
        lock.unlock()
        for number in Self.caught {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = signalPipeHandler
            #else
            action.__sigaction_handler.sa_handler = signalPipeHandler
            #endif
            sigemptyset(&action.sa_mask)
            // Other system calls carry on; poll(2) is interrupted all the same.
            action.sa_flags = Int32(SA_RESTART)
            var old = sigaction()
            if sigaction(number, &action, &old) == 0 { previous[number] = old }
        }
        installed = true
    }

    /// Puts back the handlers that were there before (normally SIG_DFL).
    func restoreHandlers() {
        guard installed else { return }
        for number in Self.caught {
            if var old = previous[number] {
                _ = sigaction(number, &old, nil)
            } else {
                _ = signal(number, SIG_DFL)
            }
        }
        previous.removeAll()
        installed = false
        signalPipeWriteEnd = -1
    }

    /// Makes a waiting poll return. Safe from any thread; a full pipe already
    /// means a wake is pending, so a failed write loses nothing.
    func wake() {
        lock.lock()
        defer { lock.unlock() }
        guard writeEnd >= 0 else { return }
        var byte = Self.wakeByte
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe: the signals that arrived, and whether anything (a
    /// signal or a wake) did.
    func drain() -> (signals: [Int32], any: Bool) {
        var signals: [Int32] = []
        var any = false
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let count = bytes.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                any = true
                for byte in bytes[0..<count] where byte != Self.wakeByte {
                    signals.append(Int32(byte))
                }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            break
        }
        return (signals, any)
    }

    /// Restores the handlers and closes both ends. Idempotent.
    func close() {
        restoreHandlers()
        lock.lock()
        defer { lock.unlock() }
        guard writeEnd >= 0 else { return }
        closeDescriptor(writeEnd)
        closeDescriptor(readEnd)
        writeEnd = -1
    }
}
