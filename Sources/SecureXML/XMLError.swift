/// Why a document could not be parsed or handled.
public struct XMLError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case malformed, doctypeForbidden, tooLarge, tooDeep, empty, libraryInit, signatureFailed
    }

    public let code: Code
    public let message: String
    /// 1-based line of the problem, when the parser knows it.
    public let line: Int?
    public let location: String

    init(_ code: Code, _ message: String, line: Int? = nil, file: String = #fileID, sourceLine: Int = #line) {
        self.code = code
        self.message = message
        self.line = line
        self.location = "\(file):\(sourceLine)"
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
