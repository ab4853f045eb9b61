import Testing
@testable import ConsoleUI

@Suite struct ThemeTests {
    @Test func monochromeUsesNoColourAndStillMarksSelectionAndFocus() {
        for style in Style.allCases { #expect(!Theme.monochrome.look(style).usesColour, "\(style)") }
        #expect(Theme.monochrome.look(.selected).reverse)
        #expect(Theme.monochrome.look(.buttonFocused).reverse)
        #expect(Theme.monochrome.look(.header).reverse)
        #expect(Theme.monochrome.look(.error).bold)
    }

    @Test func colourThemeKeepsTheSelectionDistinctFromText() {
        #expect(Theme.colour.look(.selected) != Theme.colour.look(.normal))
        #expect(Theme.colour.look(.error) != Theme.colour.look(.warning))
    }

    /// The terminal's cursor is hidden: the cell drawn as the cursor must stand out in the focused field, without colour too.
    @Test func theCursorCellStandsOutInTheFocusedField() {
        #expect(Theme.colour.look(.cursor) != Theme.colour.look(.selected))
        #expect(!Theme.monochrome.look(.cursor).reverse && Theme.monochrome.look(.cursor) != Theme.monochrome.look(.normal))
    }
}
