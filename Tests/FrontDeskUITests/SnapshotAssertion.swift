import Foundation
import Testing
import FrontDeskUI

/// Where the text grids of screens are kept: `Tests/FrontDeskUITests/Snapshots`.
private let snapshotDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Snapshots", isDirectory: true)

/// Set `FRONTDESK_RECORD_SNAPSHOTS=1` to (re)write every snapshot the tests compare.
private var isRecordingSnapshots: Bool {
    ProcessInfo.processInfo.environment["FRONTDESK_RECORD_SNAPSHOTS"] == "1"
}

/// Compares a rendered screen, as lines of text (`buffer.text`), with
/// `Snapshots/NAME.txt`.
///
/// - With `FRONTDESK_RECORD_SNAPSHOTS=1` the file is overwritten and the test passes.
/// - Without it, a missing file is recorded and the test fails ("recorded
///   snapshot NAME — re-run"), so that a person reads the new screen before it
///   becomes the reference.
/// - A difference fails with the first line that differs, both versions shown.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = snapshotDirectory.appendingPathComponent(name + ".txt")
    let actual = buffer.text + "\n"
    let exists = FileManager.default.fileExists(atPath: url.path)
    if isRecordingSnapshots || !exists {
        do {
            try FileManager.default.createDirectory(at: snapshotDirectory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not write snapshot \(name): \(error)", sourceLocation: sourceLocation)
            return
        }
        if !isRecordingSnapshots {
            Issue.record("recorded snapshot \(name) — re-run", sourceLocation: sourceLocation)
        }
        return
    }
    let expected: String
    do {
        expected = try String(contentsOf: url, encoding: .utf8)
    } catch {
        Issue.record("could not read snapshot \(name): \(error)", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let got = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let row = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
    let wantLine = row < want.count ? want[row] : "(no line)"
    let gotLine = row < got.count ? got[row] : "(no line)"
    Issue.record("""
        snapshot \(name) differs at line \(row + 1) (re-record with FRONTDESK_RECORD_SNAPSHOTS=1 if the change is intended)
          expected: \(wantLine)
          actual:   \(gotLine)
        whole screen now:
        \(actual)
        """, sourceLocation: sourceLocation)
}
