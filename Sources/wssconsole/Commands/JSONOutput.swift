import ConsoleUI
import Foundation

/// Prints a value as stable, pretty JSON (sorted keys) for scripts.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    // JSON escapes control characters itself; it is data, printed as it is.
    Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Pads or cuts `text` to `width` terminal columns, always leaving one blank column before the next, for plain
/// tables; a wide character (日本) takes two columns.
func column(_ text: String, _ width: Int) -> String {
    let cells = DisplayWidth.of(text)
    guard cells >= width else { return text + String(repeating: " ", count: width - cells) }
    let cut = DisplayWidth.prefix(text, width: width - 2)
    return cut + "~" + String(repeating: " ", count: width - 1 - DisplayWidth.of(cut))
}
