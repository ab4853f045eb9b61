import Testing
@testable import ConsoleUI

@Suite struct KeyTableTests {
    enum Action: Sendable, Equatable { case open, delete, search }

    let table = KeyMap<Action>([
        KeyBinding([.enter], "Open the item", group: "Items", action: .open, bar: "Open"),
        KeyBinding([.char("d"), .delete], "Delete the item", group: "Items", action: .delete, bar: "Delete",
                   dangerous: true),
        KeyBinding([.char("/")], "Search", group: "Navigation", action: .search),
    ])

    @Test func findsTheBindingForAnyOfItsKeys() {
        #expect(table.binding(for: .delete)?.action == .delete)
        #expect(table.binding(for: .char("d"))?.action == .delete)
        #expect(table.binding(for: .char("x")) == nil)
    }

    @Test func keyBarShowsOnlyBarEntries() {
        #expect(KeyBar.text(for: table.help()) == "Enter Open  d Delete")
        var canvas = Canvas(size: Size(width: 50, height: 1))
        KeyBar.render(into: &canvas, frame: canvas.bounds, entries: table.help() + GlobalKeys.table.help())
        #expect(canvas.row(0).hasPrefix("Enter Open  d Delete  Esc Back  ? Help  Q Quit"))
        #expect(canvas.styles(0)[0] == .keyName && canvas.styles(0)[6] == .keyLabel)
    }

    @Test func narrowKeyBarDropsScreenEntriesBeforeGlobals() {
        var canvas = Canvas(size: Size(width: 30, height: 1))
        KeyBar.render(into: &canvas, frame: canvas.bounds, entries: table.help() + GlobalKeys.table.help())
        #expect(canvas.row(0).trimmingTrailingSpaces() == "Esc Back  ? Help  Q Quit")
        var wider = Canvas(size: Size(width: 40, height: 1))
        KeyBar.render(into: &wider, frame: wider.bounds, entries: table.help() + GlobalKeys.table.help())
        #expect(wider.row(0).trimmingTrailingSpaces() == "Enter Open  Esc Back  ? Help  Q Quit")
    }

    @Test func disabledReasonIsCarriedIntoHelp() {
        let help = table.help { $0 == .delete ? "nothing selected" : nil }
        #expect(help[1].disabledReason == "nothing selected" && help[0].disabledReason == nil)
        let lines = HelpOverlay.lines(for: help, width: 70).map(\.text)
        #expect(lines.contains { $0.contains("Delete the item (!) - unavailable: nothing selected") })
    }

    @Test func helpListsEveryBindingOfTheTableUnderItsGroup() {
        let entries = table.help() + GlobalKeys.table.help()
        let lines = HelpOverlay.lines(for: entries, width: 70).map(\.text)
        for entry in entries {
            #expect(lines.contains { $0.contains(entry.keysLabel) && $0.contains(entry.description) },
                    "help misses \(entry.keysLabel)")
        }
        #expect(lines.first == "Items")
        #expect(lines.contains("Navigation") && lines.contains("Global"))
        #expect(lines.last?.contains("(!)") == true)
    }

    @Test func droppingDangerousRemovesThem() {
        #expect(table.droppingDangerous().bindings.map(\.action) == [.open, .search])
    }

    @Test func globalTableHasTheConventionalKeys() {
        let g = GlobalKeys.table
        #expect(g.binding(for: .escape)?.action == .back)
        #expect(g.binding(for: .char("q"))?.action == .back)
        #expect(g.binding(for: .char("Q"))?.action == .quit)
        #expect(g.binding(for: .function(10))?.action == .quit)
        #expect(g.binding(for: .char("?"))?.action == .help)
        #expect(g.binding(for: .function(1))?.action == .help)
        #expect(g.binding(for: .ctrl("l"))?.action == .redraw)
    }
}
