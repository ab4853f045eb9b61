/// Building search filters from WSO2's templates, where `?` stands for a name typed by a client.
public enum LDAPFilter {
    /// `template` with every `?` replaced by `value`, escaped so a name can never change the filter
    /// (a user called `*` or `x)(uid=*` would otherwise match other entries: LDAP injection).
    public static func substitute(_ value: String, into template: String) -> String {
        template.replacingOccurrences(of: "?", with: escape(value))
    }

    /// RFC 4515 escaping of an assertion value: `*`, `(`, `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00`.
    public static func escape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "*": out += "\\2a"
            case "(": out += "\\28"
            case ")": out += "\\29"
            case "\\": out += "\\5c"
            case "\0": out += "\\00"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A substring filter matching `text` anywhere in `attribute` (for browsing), combined with `base`.
    public static func containing(_ text: String, attribute: String, within base: String) -> String {
        guard !text.isEmpty else { return base }
        return "(&\(base)(\(attribute)=*\(escape(text))*))"
    }

    /// True when the filter is wrapped in parentheses that balance (escaped characters never count).
    static func isBalanced(_ filter: String) -> Bool {
        guard filter.hasPrefix("("), filter.hasSuffix(")") else { return false }
        var depth = 0
        for character in filter {
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth < 0 { return false }
            }
        }
        return depth == 0
    }
}
