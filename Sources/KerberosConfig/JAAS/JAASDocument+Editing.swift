import Foundation

/// Structured edits of a jaas.conf. A file with a syntax error is not edited: the edit could land somewhere Java
/// reads differently, so the operator fixes the syntax first (in an editor).
extension JAASDocument {
    /// Sets `name=value` on the entry's Kerberos login module (its first module when it has no Kerberos one):
    /// the value changes in place, or the option is added after the module's last option, in its layout.
    public mutating func setOption(_ name: String, to value: String, entry entryName: String) throws(KerberosConfigError) {
        try requireParsable()
        try Self.checkWord(name, what: "option name")
        let rendered = try Self.render(value)
        let module = try module(of: entryName)
        if let existing = module.option(name) {
            splice(existing.valueRange, with: rendered)
            return
        }
        splice(module.lastTokenEnd..<module.lastTokenEnd, with: separator(for: module) + "\(name)=\(rendered)")
    }

    /// Removes every `name=...` of the entry's login module; false when it had none.
    @discardableResult
    public mutating func removeOption(_ name: String, entry entryName: String) throws(KerberosConfigError) -> Bool {
        try requireParsable()
        var removed = false
        while let option = try module(of: entryName).option(name) {
            var start = option.nameRange.lowerBound
            while start > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start - 1]) { start -= 1 }
            splice(start..<option.valueRange.upperBound, with: "")
            removed = true
        }
        return removed
    }

    /// Adds an entry with one login module at the end of the file.
    public mutating func addEntry(_ name: String, module className: String = JAASLoginModule.krb5, flag: String = "required",
                                  options: [(name: String, value: String)]) throws(KerberosConfigError) {
        try requireParsable()
        try Self.checkWord(name, what: "entry name")
        try Self.checkWord(className, what: "login module class")
        guard JAASParser.flags.contains(flag.lowercased()) else {
            throw .invalidValue("\(flag) is not a control flag: required, requisite, sufficient or optional")
        }
        guard entry(name) == nil else { throw .invalidValue("there is already an entry \(name)") }
        var moduleIndent = "    ", optionIndent = "        "
        if let sample = entries.lazy.flatMap(\.modules).first {
            moduleIndent = indentation(ofLine: sample.line)
            optionIndent = sample.options.first.map { indentation(ofLine: $0.line) } ?? moduleIndent + "    "
        }
        var text = "\(name) {\n\(moduleIndent)\(className) \(flag)"
        for option in options {
            try Self.checkWord(option.name, what: "option name")
            text += "\n\(optionIndent)\(option.name)=\(try Self.render(option.value))"
        }
        text += ";\n};\n"
        let prefix = bytes.isEmpty ? "" : (bytes.last == UInt8(ascii: "\n") ? "\n" : "\n\n")
        splice(bytes.count..<bytes.count, with: prefix + text)
    }

    /// Removes an entry, from its name to its final `;` with the rest of that line.
    public mutating func removeEntry(_ name: String) throws(KerberosConfigError) {
        try requireParsable()
        guard let entry = entry(name) else { throw .notFound("there is no entry \(name)") }
        var start = entry.range.lowerBound
        while start > 0, bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 { start -= 1 }
        if start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start = entry.range.lowerBound }
        var end = entry.range.upperBound
        while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 || bytes[end] == 0x0D { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\n") { end += 1 } else { end = entry.range.upperBound }
        splice(start..<end, with: "")
    }

    /// Makes an entry hold these options (setting each in order, removing `removing`), creating the entry
    /// with a `Krb5LoginModule required` line when it does not exist.
    public mutating func configure(entry name: String, options: [(name: String, value: String)], removing: [String] = []) throws(KerberosConfigError) {
        if entry(name) == nil {
            try addEntry(name, options: options)
            return
        }
        for option in options { try setOption(option.name, to: option.value, entry: name) }
        for option in removing { try removeOption(option, entry: name) }
    }

    // MARK: - Helpers

    private func requireParsable() throws(KerberosConfigError) {
        if let problem {
            throw .unparsable("line \(problem.line): \(problem.message). Fix the syntax first (edit the file).")
        }
    }

    private func module(of entryName: String) throws(KerberosConfigError) -> JAASLoginModule {
        guard let entry = entry(entryName) else { throw .notFound("there is no entry \(entryName)") }
        guard let module = entry.module() ?? entry.modules.first else { throw .notFound("the entry \(entryName) has no login module") }
        return module
    }

    /// What goes before a new option: a new line in the options' indentation when they are on their own lines,
    /// a space when they share the module's line.
    private func separator(for module: JAASLoginModule) -> String {
        guard let last = module.options.last else { return "\n" + indentation(ofLine: module.line) + "    " }
        return last.line == module.line ? " " : "\n" + indentation(ofLine: last.line)
    }

    private func indentation(ofLine line: Int) -> String { String(lineText(line).prefix { $0 == " " || $0 == "\t" }) }

    /// Refuses an entry, option or class name Java would not read unquoted (`what` names it in the message).
    public static func checkWord(_ text: String, what: String) throws(KerberosConfigError) {
        guard isBareWord(text) else {
            throw .invalidValue("\"\(text)\" is not a valid \(what): letters, digits, '.', '_', '$', '-' and '*', starting with a letter")
        }
    }

    /// True when Java reads `text` unquoted as one word.
    static func isBareWord(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || "$_*".unicodeScalars.contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "$_*.-".unicodeScalars.contains($0)) }
    }

    /// A value as Java should read it: bare when it is one word, otherwise in double quotes with `\` and `"` escaped.
    public static func render(_ value: String) throws(KerberosConfigError) -> String {
        guard !value.contains(where: { $0 == "\n" || $0 == "\r" }) else { throw .invalidValue("an option value must be one line") }
        if isBareWord(value) { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
