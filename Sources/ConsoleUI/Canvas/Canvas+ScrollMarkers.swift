extension Canvas {
    /// Marks on a box's right border showing that a list or text continues above or below.
    public mutating func scrollMarkers(box: Rect, above: Bool, below: Bool) {
        guard box.height >= 4 else { return }
        if above { self[box.maxX - 1, box.y + 1] = Cell(glyphs.scrollUp, .border) }
        if below { self[box.maxX - 1, box.maxY - 2] = Cell(glyphs.scrollDown, .border) }
    }

    /// Marks on a box's bottom border showing that its lines go on to the left or to the right (text scrolled
    /// sideways): "◀ more" at its left end, "more ▶" at its right end.
    public mutating func sideMarkers(box: Rect, left: Bool, right: Bool) {
        guard box.height >= 2, box.width >= 20 else { return }
        if left { write(" \(glyphs.scrollLeft) more ", x: box.x + 2, y: box.maxY - 1, style: .border) }
        if right {
            let mark = " more \(glyphs.scrollRight) "
            write(mark, x: box.maxX - 2 - DisplayWidth.of(mark), y: box.maxY - 1, style: .border)
        }
    }
}
