import Testing
import FrontDeskUI

/// Text is measured in terminal cells, never in `Character` counts (UI.md).
struct CellWidthTests {
    @Test(arguments: [
        ("a", 1), ("Z", 1), (" ", 1), ("é", 1),
        ("e\u{301}", 1),          // e + combining acute: one grapheme, one cell
        ("â", 1), ("Ó", 1), ("'", 1),
        ("李", 2), ("小", 2), ("ｓ", 2), ("한", 2),
        ("👍", 2), ("🙂", 2),
        ("👩‍⚕️", 2),                 // a ZWJ sequence is one wide grapheme
        ("\u{200B}", 0),            // zero-width space
        ("\t", 1),                  // a control character is drawn as one "?" cell
    ])
    func characterWidth(text: String, cells: Int) {
        #expect(CellWidth.of(text) == cells)
    }

    @Test func stringsAddTheirCharacters() {
        #expect(CellWidth.of("O'Brien") == 7)
        #expect(CellWidth.of("Siân") == 4)
        #expect(CellWidth.of("Sia\u{302}n") == 4)
        #expect(CellWidth.of("Ó Súilleabháin") == 14)
        #expect(CellWidth.of("李小龙") == 6)
        #expect(CellWidth.of("李, 小龙") == 8)
        #expect(CellWidth.of("") == 0)
    }

    @Test func combiningMarkAloneTakesNoCell() {
        #expect(CellWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(CellWidth.of(Unicode.Scalar(0x41)!) == 1)
        #expect(CellWidth.of(Unicode.Scalar(0x674E)!) == 2)
    }

    @Test func prefixNeverSplitsAWideCharacter() {
        #expect(CellWidth.prefix("李小龙", fitting: 3) == "李")
        #expect(CellWidth.prefix("李小龙", fitting: 4) == "李小")
        #expect(CellWidth.prefix("李小龙", fitting: 1) == "")
        #expect(CellWidth.prefix("abc", fitting: 0) == "")
        #expect(CellWidth.prefix("e\u{301}x", fitting: 1) == "e\u{301}")
    }

    @Test(arguments: [
        ("Smith", 10, "Smith"),
        ("Smith", 5, "Smith"),
        ("Smith-Jones", 5, "Smit…"),
        ("Smith", 1, "…"),
        ("Smith", 0, ""),
        ("李小龙", 6, "李小龙"),
        ("李小龙", 5, "李小…"),
        ("李小龙", 4, "李…"),     // 李 (2) + … (1): a wide character never half-drawn
        ("李小龙", 2, "…"),
        ("Siân Evans", 6, "Siân …"),
    ])
    func truncate(text: String, cells: Int, expected: String) {
        let cut = CellWidth.truncate(text, to: cells)
        #expect(cut == expected)
        #expect(CellWidth.of(cut) <= max(0, cells))
    }

    @Test(arguments: [
        ("ab", 4, "ab  "),
        ("李", 4, "李  "),
        ("李小龙", 5, "李小…"),
        ("李小龙", 4, "李… "),
        ("abcdef", 3, "ab…"),
        ("", 2, "  "),
        ("x", 0, ""),
    ])
    func padIsExactlyTheWidth(text: String, cells: Int, expected: String) {
        let padded = CellWidth.pad(text, to: cells)
        #expect(padded == expected)
        #expect(CellWidth.of(padded) == cells)
    }

    @Test func padWithoutTruncatingReplacesAStraddlingWideCharacterWithASpace() {
        let padded = CellWidth.pad("李小龙", to: 5, truncating: false)
        #expect(padded == "李小 ")
        #expect(CellWidth.of(padded) == 5)
    }
}

// Regression test (was a bug found while writing these tests).
extension CellWidthTests {
    @Test(arguments: ["❤️", "☺️", "✔️"])
    func anEmojiPresentationSelectorMakesACharacterWide(text: String) {
        #expect(CellWidth.of(text) == 2)
    }
}
