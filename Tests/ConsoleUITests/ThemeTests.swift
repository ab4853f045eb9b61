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
}
