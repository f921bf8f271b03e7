import Testing
import FrontDeskUI

/// Resizing is an event: too small says so, and the state survives.
struct ResizeTests {
    @Test func tooSmallThenBackShowsThePaneAsItWas() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.down)
        let before = h.screen
        h.resize(60, 20)
        #expect(h.state.isTooSmall)
        let small = h.screen
        #expect(small.size == Size(width: 60, height: 20))
        #expect(small.find("Terminal too small: need 80x24") != nil)
        #expect(small.find("(now 60x20)") != nil)
        #expect(small.style(of: "Terminal too small")?.role == .warning)
        #expect(small.find("SMITH") == nil)
        h.resize(80, 24)
        #expect(!h.state.isTooSmall)
        #expect(h.screen == before)
        #expect(h.state.lookup.query.text == "smith")
        #expect(h.state.lookup.position.selected == 1)
    }

    @Test func keysStillWorkWhileTooSmall() throws {
        let h = try Harness(size: Size(width: 60, height: 20))
        h.type("smith")
        #expect(h.state.lookup.results.count == 3)
        #expect(h.press(.function(10)) == [.quit])
    }

    @Test func growingGivesTheNameColumnTheExtraWidth() throws {
        let h = try Harness()
        h.type("smith")
        let small = h.screen
        h.resize(120, 40)
        let buffer = h.screen
        #expect(buffer.size == Size(width: 120, height: 40))
        #expect(buffer.lines[39].hasPrefix("F1 Help"))
        #expect(buffer.lines[0].hasSuffix("09:41 "))
        let bornAt80 = try #require(small.find("Born")).x
        #expect(buffer.find("Born")?.x == bornAt80 + 40)      // the name column takes the extra width
        #expect(buffer.find("┐")?.x == 119)
    }
}
