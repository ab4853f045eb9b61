import Foundation

/// Prints a value as stable, pretty JSON (sorted keys) for scripts.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Pads or cuts `text` to `width` columns, always leaving one blank column before the next, for plain tables.
func column(_ text: String, _ width: Int) -> String {
    text.count >= width ? String(text.prefix(width - 2)) + "~ " : text.padding(toLength: width, withPad: " ", startingAt: 0)
}
