import Testing
@testable import ConsoleUI

/// A paste into a form goes into the focused field as text: never Enter (which would submit, then hand the rest to
/// the screen below as keys), never into a choice or a button.
@Suite struct FormPasteTests {
    final class Log {
        var submitted: [String] = []
    }

    func prompt(_ log: Log, secret: Bool = false) -> Form {
        Form(title: "Add a user", fields: [secret ? .secret("value", "Password", required: false) : .text("value", "User name")]) { values in
            log.submitted.append(secret ? values.withSecret("value") { String(decoding: $0, as: UTF8.self) } : values.text("value"))
            return .handled
        }
    }

    func screen(_ form: Form) -> String {
        var canvas = Canvas(size: Size(width: 80, height: 22), glyphs: .unicode)
        form.render(into: &canvas, frame: canvas.bounds)
        return canvas.text()
    }

    @Test func aMultiLinePasteTakesTheFirstLineAndSubmitsNothing() {
        let log = Log()
        let form = prompt(log)
        guard case .redraw = form.paste(Paste("abc\nd")) else { Issue.record("the field takes a paste"); return }
        #expect(form.values.text("value") == "abc")
        #expect(log.submitted.isEmpty)
        #expect(screen(form).contains("abc_"))
        #expect(form.status == StatusText("Pasted: only its first line was taken. Enter accepts.", isError: true))
        _ = form.handle(.char("e"))    // typing goes on after the paste, and the note goes
        #expect(form.values.text("value") == "abce")
        #expect(form.status == nil)
        _ = form.handle(.enter)
        #expect(log.submitted == ["abce"])
    }

    @Test func aPastedPasswordIsNeverShown() {
        let log = Log()
        let form = prompt(log, secret: true)
        _ = form.paste(Paste("s3cr3t\tpw\n"))
        let shown = screen(form) + (form.status?.text ?? "")
        #expect(!shown.contains("s3cr3t") && shown.contains("(hidden)"), "\(shown)")
        #expect(form.status?.text == "Pasted: its line break was left out; control characters were left out. Enter accepts.")
        _ = form.handle(.enter)
        #expect(log.submitted == ["s3cr3tpw"])
    }

    @Test func aFieldHoldsAtMostItsLengthTypedOrPasted() {
        let form = prompt(Log())
        _ = form.paste(Paste(String(repeating: "x", count: FormField.maxLength + 10)))
        #expect(form.values.text("value").count == FormField.maxLength)
        #expect(form.status?.text == "Pasted: it was cut to what the field holds. Enter accepts.")
        _ = form.handle(.char("y"))
        #expect(form.values.text("value").count == FormField.maxLength)
        let secret = prompt(Log(), secret: true)
        _ = secret.paste(Paste(String(repeating: "é", count: FormField.maxLength)))
        _ = secret.paste(Paste("é"))
        #expect(secret.values.withSecret("value") { $0.count } == 2 * FormField.maxLength)
    }

    @Test func aChoiceOrAButtonTakesNoPaste() {
        let form = Form(title: "Key", fields: [.choice("type", "Key", options: ["RSA", "EC"]), .text("alias", "Alias")]) { _ in .handled }
        #expect(form.paste(Paste("EC")) == nil)
        _ = form.handle(.tab)
        _ = form.handle(.tab)    // OK
        #expect(form.paste(Paste("x")) == nil)
        #expect(form.values.text("alias").isEmpty && form.values.choice("type") == 0)
    }
}
