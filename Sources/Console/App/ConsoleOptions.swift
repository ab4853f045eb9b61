import Foundation

/// How the console presents itself; the executable fills this from its options and the environment.
public struct ConsoleOptions: Sendable, Equatable {
    /// Monochrome: no colours at all (NO_COLOR, https://no-color.org).
    public var noColor: Bool
    /// true forces ASCII borders, false forces Unicode; nil decides by the locale (UTF-8 or not).
    public var asciiOnly: Bool?

    /// - Parameter noColor: nil reads the NO_COLOR environment variable (set and not empty means no colour).
    public init(noColor: Bool? = nil, asciiOnly: Bool? = nil) {
        self.noColor = noColor ?? ConsoleOptions.environmentSaysNoColor()
        self.asciiOnly = asciiOnly
    }

    /// True when NO_COLOR is present and not empty, as the convention defines it.
    public static func environmentSaysNoColor(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
