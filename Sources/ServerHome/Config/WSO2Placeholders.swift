import Foundation

/// The placeholders WSO2's configuration mapper resolves in deployment.toml's values, anywhere in a string and
/// combined ("ldap://$env{LDAP_HOST}:389"): `$env{NAME}` an environment variable, `$sys{name}` a Java system
/// property given to the server at start, `$ref{table.key}` another value of the file, `$secret{alias}` a secure-vault
/// alias. wssconsole resolves what it can see from here: the file's own values and its own environment (the
/// operator's shell, which should export what the server's does).
struct WSO2Placeholders {
    let deployment: TOMLDocument
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// What a value resolves to, or why it cannot be resolved here (never the value of a secret).
    enum Resolved: Equatable {
        case text(String)
        case unresolved(String)
    }

    /// `$ref` chains longer than this are taken for a loop.
    private static let maxDepth = 8

    func resolve(_ value: String) -> Resolved { resolve(value, depth: 0) }

    /// A password as deployment.toml writes it: a whole `$env{NAME}` is read when used (so an unset variable is named
    /// then), the rest resolved now; `unresolved` says what one that cannot be resolved here becomes.
    func password(_ value: String, unresolved: (String) -> ConsoleSettings.PasswordSource) -> ConsoleSettings.PasswordSource {
        if value.hasPrefix("$env{"), value.hasSuffix("}"), case let variable = String(value.dropFirst(5).dropLast()), !variable.contains("{") {
            return .environment(variable)
        }
        switch resolve(value) {
        case .text(let text): return .inline(text)
        case .unresolved(let why): return unresolved(why)
        }
    }

    /// Whether a password value is written in clear: not empty, and behind no placeholder.
    static func isClear(_ value: String) -> Bool {
        !value.isEmpty && !["$env{", "$sys{", "$ref{", "$secret{"].contains { value.contains($0) }
    }

    /// Whether a value is one placeholder and nothing else (`$env{LDAP_PW}`): it names a secret without holding any.
    static func isReference(_ value: String) -> Bool {
        value.wholeMatch(of: /\$(env|sys|ref|secret)\{[^{}$]*\}/) != nil
    }

    private func resolve(_ value: String, depth: Int) -> Resolved {
        guard depth <= Self.maxDepth else { return .unresolved("its $ref{} placeholders refer to each other in a loop") }
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: "$") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let open = after.firstIndex(of: "{"), let close = after[open...].firstIndex(of: "}"),
                  case let kind = String(after[..<open]), ["env", "sys", "ref", "secret"].contains(kind) else {
                result += "$"
                rest = after
                continue
            }
            let name = String(after[after.index(after: open)..<close])
            switch substitute(kind, name, depth: depth) {
            case .text(let text): result += text
            case .unresolved(let why): return .unresolved(why)
            }
            rest = after[after.index(after: close)...]
        }
        return .text(result + rest)
    }

    private func substitute(_ kind: String, _ name: String, depth: Int) -> Resolved {
        switch kind {
        case "env":
            guard let value = environment[name] else {
                return .unresolved("the environment variable \(name) ($env{\(name)}) is not set in this shell")
            }
            return .text(value)
        case "ref":
            guard let dot = name.lastIndex(of: "."),
                  let value = deployment.value(String(name[..<dot]), String(name[name.index(after: dot)...])) else {
                return .unresolved("$ref{\(name)} names no value of conf/deployment.toml")
            }
            guard let text = value.string else { return .text(value.text) }
            return resolve(text, depth: depth + 1)
        case "sys":
            return .unresolved("$sys{\(name)} is a Java system property given to the server at start, which wssconsole cannot read")
        default:
            return .unresolved("$secret{\(name)} is a secure-vault alias that wssconsole cannot decrypt")
        }
    }
}
