import Testing
@testable import ConsoleUI

@Suite struct KeyTests {
    @Test func controlCodesMapToNamedKeys() {
        #expect(Key.fromCodePoint(13) == .enter)
        #expect(Key.fromCodePoint(10) == .enter)
        #expect(Key.fromCodePoint(27) == .escape)
        #expect(Key.fromCodePoint(9) == .tab)
        #expect(Key.fromCodePoint(127) == .backspace)
        #expect(Key.fromCodePoint(12) == .ctrl("l"))
        #expect(Key.fromCodePoint(0x71) == .char("q"))
        #expect(Key.fromCodePoint(0xFC) == .char("ü"))
        #expect(Key.fromCodePoint(0) == nil)
    }

    @Test func labels() {
        #expect(Key.ctrl("l").label == "^L")
        #expect(Key.function(10).label == "F10")
        #expect(Key.char(" ").label == "Space")
        #expect(Key.backTab.label == "S-Tab")
        #expect(KeyHelp(keys: [.up, .char("k")], description: "", group: "").keysLabel == "Up/k")
    }
}
