import ConsoleUI
import Foundation
import KeyMaterial

/// Prints a value as stable, pretty JSON (sorted keys) for scripts.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    // Data for scripts, not lines for people: the encoder escapes C0 itself, and the characters it leaves raw that a
    // terminal could act on (C1, bidirectional controls) are written as \u escapes, which decode to the same strings.
    Swift.print(PrintableText.escapedJSON(String(decoding: try encoder.encode(value), as: UTF8.self)))
}

/// Pads or cuts `cell` to `width` terminal columns, always leaving one blank column before the next, for plain
/// tables; a wide character (日本) takes two columns. A cell is one value (a name from a directory, a keystore): shown
/// escaped (`PrintableText`), a line break in it cannot start a row of its own, and the padding counts what is shown.
func column(_ cell: String, _ width: Int) -> String {
    let text = PrintableText.escaped(cell)
    let cells = DisplayWidth.of(text)
    guard cells >= width else { return text + String(repeating: " ", count: width - cells) }
    let cut = DisplayWidth.prefix(text, width: width - 2)
    return cut + "~" + String(repeating: " ", count: width - 1 - DisplayWidth.of(cut))
}

/// The lines of a plain table whose columns are as wide as their longest cell (two blanks between them): nothing is
/// cut, so a long name or path reads whole, in a terminal or a pipe; the last column is not padded. Cells are shown
/// escaped, as `column` shows them.
func tableLines(_ cells: [[String]]) -> [String] {
    let rows = cells.map { $0.map(PrintableText.escaped) }
    let count = rows.map(\.count).max() ?? 0
    let widths = (0..<count).map { index in rows.map { index < $0.count ? DisplayWidth.of($0[index]) : 0 }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - DisplayWidth.of(cell) + 2)
        }.joined()
    }
}
