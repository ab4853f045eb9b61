/// The in-memory terminal for tests: keys and resizes come from a script, frames are kept as canvases.
public final class CanvasTerminal: Terminal {
    /// One scripted input.
    public enum Step: Sendable, Equatable {
        case key(Key)
        /// The terminal takes this size and reports `.resize`, as a real one does on SIGWINCH.
        case resize(Size)
    }

    public private(set) var size: Size
    public let glyphs: Glyphs
    public let usesColour: Bool
    /// Every frame drawn, oldest first.
    public private(set) var frames: [Canvas] = []
    /// Inputs still to be read.
    public var script: [Step]
    /// What `readKey` returns once the script is exhausted: Q by default, so a loop under test ends.
    public var whenExhausted: Key? = .char("Q")
    /// How many times `invalidate` was called (Ctrl-L).
    public private(set) var invalidations = 0
    public private(set) var isClosed = false

    public init(size: Size = Size(width: 80, height: 24), glyphs: Glyphs = .unicode, usesColour: Bool = false,
                keys: [Key] = []) {
        self.size = size
        self.glyphs = glyphs
        self.usesColour = usesColour
        script = keys.map(Step.key)
    }

    /// The last frame drawn.
    public var screen: Canvas? { frames.last }

    public func draw(_ canvas: Canvas) { frames.append(canvas) }

    public func invalidate() { invalidations += 1 }

    /// The next scripted key (applying a scripted resize first), or `whenExhausted`.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !script.isEmpty else { return whenExhausted }
        switch script.removeFirst() {
        case .key(let key): return key
        case .resize(let newSize):
            size = newSize
            return .resize
        }
    }

    public func close() { isClosed = true }
}
