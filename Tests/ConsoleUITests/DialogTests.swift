import Testing
@testable import ConsoleUI

@Suite struct DialogTests {
    final class Log { var pressed: [String] = [] }

    func makeDialog(defaultButton: Int, log: Log) -> Dialog {
        Dialog(title: "Apply?", message: [StyledLine("Writes 2 files.")],
               buttons: [Dialog.Button("Apply") { log.pressed.append("Apply"); return .redraw },
                         Dialog.Button("Cancel") { log.pressed.append("Cancel"); return .handled }],
               defaultButton: defaultButton, cancelButton: 1)
    }

    func render(_ dialog: Dialog) -> Canvas {
        var canvas = Canvas(size: Size(width: 60, height: 10), glyphs: .ascii)
        dialog.render(into: &canvas, frame: canvas.bounds)
        return canvas
    }

    @Test func defaultButtonHasTheFocusAndEnterPressesIt() {
        let log = Log()
        let dialog = makeDialog(defaultButton: 1, log: log)
        #expect(render(dialog).text().contains("[ Apply ]  > Cancel <"))
        guard case .sequence(let steps) = dialog.handle(.enter), case .pop = steps.first else {
            Issue.record("Enter must close the dialog first"); return
        }
        #expect(log.pressed == ["Cancel"])
    }

    @Test func tabAndArrowsMoveTheFocusAround() {
        let log = Log()
        let dialog = makeDialog(defaultButton: 0, log: log)
        #expect(dialog.focus == 0)
        _ = dialog.handle(.tab)
        #expect(dialog.focus == 1)
        _ = dialog.handle(.tab)
        #expect(dialog.focus == 0)
        _ = dialog.handle(.backTab)
        #expect(dialog.focus == 1)
        _ = dialog.handle(.left)
        #expect(dialog.focus == 0 && render(dialog).text().contains("> Apply <  [ Cancel ]"))
        _ = dialog.handle(.enter)
        #expect(log.pressed == ["Apply"])
    }

    @Test func escapePressesTheCancelButtonAndOtherKeysAreSwallowed() {
        let log = Log()
        let dialog = makeDialog(defaultButton: 0, log: log)
        if case .ignored = dialog.handle(.char("x")) { Issue.record("a modal dialog swallows keys") }
        if case .ignored = dialog.handle(.char("Q")) {} else { Issue.record("Q still quits") }
        _ = dialog.handle(.escape)
        #expect(log.pressed == ["Cancel"])
    }

    @Test func rendersTitleMessageAndWrapsLongText() {
        let long = String(repeating: "word ", count: 30)
        let dialog = Dialog(title: "Note", message: [StyledLine(long)], buttons: [Dialog.Button("OK")])
        let text = render(dialog).text()
        #expect(text.contains("- Note -"))
        #expect(text.contains("> OK <"))
        for line in text.split(separator: "\n") { #expect(line.count <= 60) }
    }

    @Test func errorDialogShowsTheFix() {
        let dialog = Dialog.error(title: "Cannot apply", message: "conf/ is read-only", fix: "chmod u+w conf")
        let text = render(dialog).text()
        #expect(text.contains("conf/ is read-only") && text.contains("Fix: chmod u+w conf"))
    }
}

@Suite struct ConfirmationTests {
    @Test func cancelIsTheDefaultUnlessAskedOtherwise() {
        var done = false
        let dialog = Dialog.confirmation(title: "Delete?", message: [StyledLine("Delete mykey.")], confirmLabel: "Delete",
                                         extra: [Dialog.Button("Diff")]) { done = true; return .handled }
        var canvas = Canvas(size: Size(width: 60, height: 10), glyphs: .ascii)
        dialog.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.text().contains("[ Delete ]  > Cancel <  [ Diff ]"))
        _ = dialog.handle(.enter)
        #expect(!done)
        let eager = Dialog.confirmation(title: "Add?", message: [], confirmLabel: "Add", confirmIsDefault: true) { done = true; return .handled }
        _ = eager.handle(.enter)
        #expect(done)
    }
}
