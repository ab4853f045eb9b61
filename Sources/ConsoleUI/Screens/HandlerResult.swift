/// What a view asks of the main loop after a key.
public enum HandlerResult {
    /// Not this view's key: the global keys get a chance.
    case ignored
    /// Consumed; nothing visible changed.
    case handled
    /// Consumed; the screen must be drawn again.
    case redraw
    /// Close this view.
    case pop
    /// Open a view on top of this one.
    case push(any View)
    /// Leave the program.
    case quit
    /// Several steps in order, e.g. close a dialog, then open an error dialog.
    case sequence([HandlerResult])
    /// A `Form`'s submit refusing what was typed (a wrong current password, a file that is no certificate): the form
    /// stays open with everything typed, `message` beside `field`, which gets the focus. From any other view, the
    /// message shows on the status line.
    case refuse(field: String, message: String)
}
