/// A modal message with buttons (nmtui's one confirmation dialog): Tab, Shift-Tab and the arrows move
/// the focus, Enter presses the focused button, Esc or q cancels. The caller picks the default button;
/// for anything destructive that is the safe one.
public final class Dialog: View {
    /// A button and what pressing it does (after the dialog has closed).
    public struct Button {
        /// The text between the brackets.
        public var label: String
        /// What pressing the button does; its result is applied after the dialog closed.
        public var action: () -> HandlerResult

        public init(_ label: String, action: @escaping () -> HandlerResult = { .handled }) {
            self.label = label
            self.action = action
        }
    }

    public let title: String
    public let buttons: [Button]
    /// The focused button.
    public private(set) var focus: Int
    private let cancelButton: Int?
    private let isError: Bool
    private var body: TextView
    private let message: [StyledLine]
    /// What to do about an error, shown below the message. Kept apart from it so that `ScreenManager` can word it
    /// for where the program runs (the console has the commands it suggests name its home).
    public var fix = ""

    /// - Parameters:
    ///   - defaultButton: focused when the dialog opens; Enter presses it.
    ///   - cancelButton: pressed by Esc and q; nil just closes the dialog.
    ///   - isError: draws the title as an error.
    public init(title: String, message: [StyledLine], buttons: [Button], defaultButton: Int = 0,
                cancelButton: Int? = nil, isError: Bool = false) {
        self.title = title
        self.message = message
        self.buttons = buttons.isEmpty ? [Button("OK")] : buttons
        focus = min(max(0, defaultButton), self.buttons.count - 1)
        self.cancelButton = cancelButton
        self.isError = isError
        body = TextView(lines: [])
    }

    /// A one-button dialog for an error: what failed and what to do about it.
    public static func error(title: String, message: String, fix: String = "") -> Dialog {
        let dialog = Dialog(title: title, message: [StyledLine(message)], buttons: [Button("OK")], isError: true)
        dialog.fix = fix
        return dialog
    }

    public var isOverlay: Bool { true }

    public var keyHelp: [KeyHelp] { Self.keys }

    /// Every dialog's keys, for help and generated documentation.
    public static var keys: [KeyHelp] {
        [KeyHelp(keys: [.tab, .backTab, .left, .right, .char("h"), .char("l")], description: "Move to the next or previous button",
                 group: "Dialog", barLabel: "Next"),
         KeyHelp(keys: [.enter], description: "Press the focused button", group: "Dialog", barLabel: "Press"),
         KeyHelp(keys: [.escape, .char("q")], description: "Cancel and close the dialog", group: "Dialog",
                 barLabel: "Cancel"),
         KeyHelp(keys: [.up, .down], description: "Scroll a long message", group: "Dialog")]
    }

    public func handle(_ key: Key) -> HandlerResult {
        switch key {
        case .tab, .right, .char("l"): focus = (focus + 1) % buttons.count
        case .backTab, .left, .char("h"): focus = (focus + buttons.count - 1) % buttons.count
        case .enter: return .sequence([.pop, buttons[focus].action()])
        case .escape, .char("q"):
            return .sequence([.pop, cancelButton.map { buttons[$0].action() } ?? .handled])
        case .up, .down, .pageUp, .pageDown: _ = body.handle(key)
        case .char("Q"), .function, .char("?"), .ctrl("l"), .resize: return .ignored
        default: return .handled  // modal: nothing reaches the screen below
        }
        return .redraw
    }

    public func render(into canvas: inout Canvas, frame: Rect) {
        let labels = buttons.indices.map(buttonText)
        let buttonsWidth = labels.map(\.count).reduce(0, +) + 2 * (labels.count - 1)
        let message = self.message + (fix.isEmpty ? [] : [StyledLine(""), StyledLine("Fix: " + fix)])
        let longest = message.map { DisplayWidth.of($0.text) }.max() ?? 0
        let width = min(frame.width - 4, max(40, min(72, max(longest, buttonsWidth, title.count + 4) + 4)))
        let textWidth = max(1, width - 4)
        let wrapped = message.flatMap { line in
            TextLayout.wrap(line.text, width: textWidth, indent: "  ").map { StyledLine($0, line.style) }
        }
        // Border, message, one blank row, buttons, border.
        let height = min(frame.height, wrapped.count + 4)
        let box = frame.centred(width: width, height: height)
        canvas.box(box, title: title, titleStyle: isError ? .error : .title)
        if body.lines != wrapped { body = TextView(lines: wrapped) }
        let text = Rect(x: box.x + 2, y: box.y + 1, width: textWidth, height: max(0, box.height - 4))
        body.render(into: &canvas, frame: text)
        canvas.scrollMarkers(box: box, above: body.hasMoreAbove, below: body.hasMoreBelow)
        var x = box.x + (box.width - buttonsWidth) / 2
        for (i, label) in labels.enumerated() {
            x += canvas.write(label, x: x, y: box.maxY - 2, style: i == focus ? .buttonFocused : .button) + 2
        }
    }

    /// "[ Apply ]", or "> Apply <" when focused: the same width, and the focus shows without colour.
    private func buttonText(_ index: Int) -> String {
        index == focus ? "> \(buttons[index].label) <" : "[ \(buttons[index].label) ]"
    }
}
