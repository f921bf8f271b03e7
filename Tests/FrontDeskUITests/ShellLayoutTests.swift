import Testing
import FrontDeskUI

/// The layout is a pure function of the size: top line, pane, message line, key bar.
struct ShellLayoutTests {
    @Test func at80x24() throws {
        let layout = try #require(ShellLayout.make(Size(width: 80, height: 24)))
        #expect(layout.top == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(layout.pane == Rect(x: 0, y: 1, width: 80, height: 21))
        #expect(layout.message == Rect(x: 0, y: 22, width: 80, height: 1))
        #expect(layout.bar == Rect(x: 0, y: 23, width: 80, height: 1))
    }

    @Test func at120x40() throws {
        let layout = try #require(ShellLayout.make(Size(width: 120, height: 40)))
        #expect(layout.top == Rect(x: 0, y: 0, width: 120, height: 1))
        #expect(layout.pane == Rect(x: 0, y: 1, width: 120, height: 37))
        #expect(layout.message == Rect(x: 0, y: 38, width: 120, height: 1))
        #expect(layout.bar == Rect(x: 0, y: 39, width: 120, height: 1))
    }

    @Test(arguments: [(79, 24), (80, 23), (0, 0), (1, 1), (20, 5), (60, 20), (200, 23), (79, 100)])
    func tooSmallHasNoLayout(width: Int, height: Int) {
        #expect(ShellLayout.make(Size(width: width, height: height)) == nil)
    }

    @Test(arguments: [(80, 24), (81, 25), (120, 40), (200, 60)])
    func thePartsTileTheScreen(width: Int, height: Int) throws {
        let layout = try #require(ShellLayout.make(Size(width: width, height: height)))
        let parts = [layout.top, layout.pane, layout.message, layout.bar]
        #expect(parts.map(\.height).reduce(0, +) == height)
        #expect(parts.allSatisfy { $0.width == width && $0.x == 0 })
        #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.maxY == $1.y })
    }

    @Test func theTooSmallText() {
        #expect(ShellLayout.tooSmallText == "Terminal too small: need 80x24")
    }
}
