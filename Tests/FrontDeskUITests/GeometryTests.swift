import Testing
import FrontDeskUI

/// Sizes and rectangles never go negative, so widgets given no room draw nothing.
struct GeometryTests {
    @Test func sizesAndRectanglesClampNegativeDimensionsToZero() {
        #expect(Size(width: -3, height: -1) == Size(width: 0, height: 0))
        #expect(Rect(x: 1, y: 1, width: -5, height: 2).width == 0)
        #expect(Rect(x: 1, y: 1, width: -5, height: 2).isEmpty)
        #expect(Size.minimum == Size(width: 80, height: 24))
        #expect(Size(width: 80, height: 24).description == "80x24")
    }

    @Test func insetShrinksEverySide() {
        let rect = Rect(x: 0, y: 1, width: 80, height: 22)
        #expect(rect.inset(1) == Rect(x: 1, y: 2, width: 78, height: 20))
        #expect(rect.inset(dx: 2, dy: 0) == Rect(x: 2, y: 1, width: 76, height: 22))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(1).isEmpty)
        #expect(rect.maxX == 80 && rect.maxY == 23)
    }

    @Test func splitsTakeAtMostWhatThereIs() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 5)
        let (top, rest) = rect.splitTop(2)
        #expect(top == Rect(x: 0, y: 0, width: 10, height: 2))
        #expect(rest == Rect(x: 0, y: 2, width: 10, height: 3))
        let (above, bottom) = rect.splitBottom(1)
        #expect(above == Rect(x: 0, y: 0, width: 10, height: 4))
        #expect(bottom == Rect(x: 0, y: 4, width: 10, height: 1))
        #expect(rect.splitTop(9).top.height == 5)
        #expect(rect.splitTop(9).rest.height == 0)
        #expect(rect.splitBottom(-3).bottom.height == 0)
    }

    @Test func rowOutsideIsEmpty() {
        let rect = Rect(x: 2, y: 3, width: 10, height: 2)
        #expect(rect.row(1) == Rect(x: 2, y: 4, width: 10, height: 1))
        #expect(rect.row(2).isEmpty)
        #expect(rect.row(-1).isEmpty)
    }

    @Test func centredFitsInside() {
        let rect = Rect(x: 0, y: 1, width: 80, height: 22)
        #expect(rect.centred(Size(width: 50, height: 10)) == Rect(x: 15, y: 7, width: 50, height: 10))
        #expect(rect.centred(Size(width: 200, height: 200)) == rect)
    }

    @Test func intersectionOfDisjointRectanglesIsEmpty() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersection(Rect(x: 5, y: 5, width: 10, height: 10)) == Rect(x: 5, y: 5, width: 5, height: 5))
        #expect(a.intersection(Rect(x: 20, y: 20, width: 3, height: 3)).isEmpty)
        #expect(a.intersection(Rect(x: -5, y: -5, width: 7, height: 7)) == Rect(x: 0, y: 0, width: 2, height: 2))
    }
}
