/// Why a policy document could not be read into the model.
public struct PolicyError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notXML, notAPolicy, noAlternative, missingBinding, unknownValue, unsupported
    }

    public let code: Code
    public let message: String
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
