import Foundation
import Testing
@testable import ConsoleUI

/// The form edits its own copy, checks each field as it is typed, keeps OK disabled while anything is wrong,
/// never draws a password, and zeroes it when it closes.
@Suite struct FormTests {
    final class Log {
        var submitted: [String] = []
        var password: [UInt8] = []
    }

    func keyForm(_ log: Log, taken: [String] = ["service"]) -> Form {
        Form(title: "New key pair", intro: [StyledLine("A key pair with a self-signed certificate.")],
             fields: [.text("alias", "Alias", validate: { $0.isEmpty ? "required" : nil }),
                      .choice("type", "Key", options: ["RSA 2048", "RSA 3072", "EC P-256"], selected: 1),
                      .secret("pass", "Key password"),
                      .secret("again", "Again", sameAs: "pass")],
             okLabel: "Generate",
             check: { values in taken.contains(values.text("alias")) ? ("alias", "already taken") : nil }) { values in
            log.submitted = [values.text("alias"), values.choiceLabel("type")]
            log.password = values.withSecret("pass") { Array($0) }
            return .redraw
        }
    }

    func text(_ form: Form, width: Int = 80, height: Int = 22) -> String {
        var canvas = Canvas(size: Size(width: width, height: height), glyphs: .unicode)
        form.render(into: &canvas, frame: canvas.bounds)
        return canvas.text()
    }

    func type(_ text: String, into form: Form) { text.forEach { _ = form.handle(.char($0)) } }

    @Test func okIsDisabledUntilEveryFieldIsValid() {
        let log = Log()
        let form = keyForm(log)
        #expect(!form.isValid)
        #expect(text(form).contains("(3 to fix)"))
        // Enter on the last field tries OK: refused, every message shows, the focus goes to the first problem.
        _ = form.handle(.up)
        _ = form.handle(.up)
        _ = form.handle(.up)
        #expect(form.focus == 3)
        if case .sequence = form.handle(.enter) { Issue.record("an invalid form must not close") }
        #expect(form.focus == 0)
        let screen = text(form)
        #expect(screen.contains("! required"))
        #expect(log.submitted.isEmpty)
    }

    /// A focused field longer than its box shows its end, where typing goes, counted in cells: a wide alias too.
    @Test func aLongWideValueShowsItsEndWithTheCaret() {
        let form = keyForm(Log())
        type(String(repeating: "日本", count: 30) + "鍵", into: form)
        let row = text(form).split(separator: "\n").first { $0.contains("Alias") }.map(String.init) ?? ""
        #expect(row.contains("本鍵_"), "\(row)")
    }

    /// A message longer than its row wraps under itself, whole: the status line is no wider. A value cut by its
    /// box ends in an ellipsis.
    @Test func aLongMessageShowsWholeAndACutValueSaysSo() {
        let reason = "\" ops\" has spaces around it; Micro Integrator compares names as written: separate them with a bare comma"
        let form = Form(title: "Roles", fields: [.text("roles", "Roles", validate: { $0.hasPrefix(" ") ? reason : nil }),
                                                 .text("path", "Path")]) { _ in .handled }
        type(" ops", into: form)
        _ = form.handle(.tab)
        type(String(repeating: "folder/", count: 12), into: form)
        let rows = text(form).split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
        let message = rows.drop { !$0.hasPrefix("! ") }.prefix { !$0.hasPrefix("Path:") }
        #expect(message.joined(separator: " ") == "! " + reason, "\(rows)")
        _ = form.handle(.backTab)
        let path = text(form).split(separator: "\n").first { $0.contains("Path:") }.map(String.init) ?? ""
        #expect(path.contains("folder/folder/…"), "\(path)")
    }

    @Test func fieldsAreCheckedAsTyped() {
        let form = keyForm(Log())
        type("service", into: form)
        _ = form.handle(.tab)
        #expect(text(form).contains("! already taken"))
        _ = form.handle(.backTab)
        _ = form.handle(.backspace)
        #expect(form.problems["alias"] == nil)
        #expect(!text(form).contains("already taken"))
    }

    @Test func choicesChangeWithTheArrowsAndSpace() {
        let form = keyForm(Log())
        _ = form.handle(.tab)
        #expect(text(form).contains("< RSA 3072 >  (2 of 3)"))
        _ = form.handle(.right)
        _ = form.handle(.right)
        #expect(form.values.choiceLabel("type") == "RSA 2048")
        _ = form.handle(.left)
        #expect(form.values.choiceLabel("type") == "EC P-256")
        _ = form.handle(.char(" "))
        #expect(form.values.choice("type") == 0)
    }

    @Test func passwordsNeverShowAndMustMatch() {
        let log = Log()
        let form = keyForm(log)
        type("mykey", into: form)
        _ = form.handle(.tab)
        _ = form.handle(.tab)
        type("s3cr3t-pw", into: form)
        _ = form.handle(.tab)
        type("s3cr3t-px", into: form)
        var screen = text(form)
        #expect(!screen.contains("s3cr3t") && !screen.contains("*"))
        #expect(screen.contains("(hidden)"))
        _ = form.handle(.tab)                      // leaving the field shows its message
        #expect(text(form).contains("! does not match"))
        _ = form.handle(.backTab)
        _ = form.handle(.backspace)
        type("w", into: form)
        screen = text(form)
        #expect(!screen.contains("does not match") && !screen.contains("to fix"))
        guard case .sequence(let steps) = form.handle(.enter), case .pop = steps.first else {
            Issue.record("OK must close the form"); return
        }
        #expect(log.submitted == ["mykey", "RSA 3072"])
        #expect(log.password == Array("s3cr3t-pw".utf8))
        // Zeroed once handed over.
        #expect(form.values.secretIsEmpty("pass") && form.values.secretIsEmpty("again"))
    }

    @Test func escapeCancelsAndKeepsNothing() {
        let log = Log()
        let form = keyForm(log)
        type("other", into: form)
        _ = form.handle(.tab)
        _ = form.handle(.tab)
        type("pw", into: form)
        guard case .pop = form.handle(.escape) else { Issue.record("Esc must close the form"); return }
        #expect(log.submitted.isEmpty)
        #expect(form.values.secretIsEmpty("pass"))
    }

    @Test func cancelButtonClosesWithoutSubmitting() {
        let log = Log()
        let form = keyForm(log)
        for _ in 0..<5 { _ = form.handle(.tab) }
        #expect(text(form).contains("> Cancel <"))
        guard case .pop = form.handle(.enter) else { Issue.record("Cancel must close the form"); return }
        #expect(log.submitted.isEmpty)
    }

    @Test func aOneFieldFormIsAPrompt() {
        var answer = ""
        let prompt = Form(title: "Realm", fields: [.text("value", "Realm to add or change:", initial: "EXAMPLE")]) { values in
            answer = values.trimmed("value")
            return .handled
        }
        type(".COM ", into: prompt)
        let screen = text(prompt)
        #expect(screen.contains("Realm to add or change:\n") || screen.contains("Realm to add or change: "))
        #expect(screen.contains("EXAMPLE.COM _"))
        _ = prompt.handle(.enter)
        #expect(answer == "EXAMPLE.COM")
    }

    @Test func aLongFormScrollsToTheFocus() {
        let fields = (1...30).map { FormField.text("f\($0)", "Field \($0)") }
        let form = Form(title: "Many", fields: fields) { _ in .handled }
        for _ in 0..<25 { _ = form.handle(.tab) }
        let screen = text(form, height: 16)
        #expect(screen.contains("Field 26:"))
        #expect(!screen.contains("Field 1:"))
    }

    @Test func backspaceRemovesAWholeCharacterOfAPassword() {
        let form = Form(title: "P", fields: [.secret("p", "Password", required: true)]) { _ in .handled }
        _ = form.handle(.char("é"))
        _ = form.handle(.backspace)
        #expect(form.values.secretIsEmpty("p"))
        #expect(!form.isValid)
    }

    /// A submit that refuses (`.refuse`) keeps the form open with every value, the reason beside its field and the
    /// focus there; OK stays disabled until that field is edited, and the password typed is still the one handed over.
    @Test func aRefusedSubmitKeepsTheFormAndItsValues() {
        var tries: [[UInt8]] = []
        let form = Form(title: "Store password", fields: [.secret("old", "Current"), .secret("new", "New")]) { values in
            tries.append(values.withSecret("new") { Array($0) })
            return values.withSecret("old") { $0 == Array("right".utf8) } ? .redraw : .refuse(field: "old", message: "incorrect")
        }
        type("wrong", into: form)
        _ = form.handle(.tab)
        type("new-pass", into: form)
        if case .sequence = form.handle(.enter) { Issue.record("a refused form must not close") }
        #expect(form.focus == 0 && text(form).contains("! incorrect") && text(form).contains("(1 to fix)"))
        #expect(form.status == StatusText("Current: incorrect", isError: true))
        _ = form.handle(.tab)
        if case .sequence = form.handle(.enter) { Issue.record("unchanged, it is refused without asking again") }
        #expect(tries.count == 1 && form.focus == 0)
        _ = form.handle(.ctrl("u"))
        type("right", into: form)
        #expect(form.isValid)
        _ = form.handle(.tab)
        guard case .sequence(let steps) = form.handle(.enter), case .pop = steps.first else { Issue.record("accepted, it closes"); return }
        #expect(tries == [Array("new-pass".utf8), Array("new-pass".utf8)])
    }
}
