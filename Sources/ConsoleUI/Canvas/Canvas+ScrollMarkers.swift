extension Canvas {
    /// Marks on a box's right border showing that a list or text continues above or below.
    public mutating func scrollMarkers(box: Rect, above: Bool, below: Bool) {
        guard box.height >= 4 else { return }
        if above { self[box.maxX - 1, box.y + 1] = Cell(glyphs.scrollUp, .border) }
        if below { self[box.maxX - 1, box.maxY - 2] = Cell(glyphs.scrollDown, .border) }
    }
}
