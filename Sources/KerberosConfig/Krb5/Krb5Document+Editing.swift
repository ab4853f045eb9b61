/// Structured edits. Each one changes only the lines it must, in the file's own indentation and line endings;
/// every other line keeps its bytes.
extension Krb5Document {
    /// Sets `[section] name = value`: the first such relation changes in place; a missing one is added after the
    /// section's last relation, and a missing section at the end of the file.
    public mutating func set(_ name: String, to value: String, in section: String) throws(KerberosConfigError) {
        try requireParsable()
        try Self.checkName(name, what: "setting name")
        try Self.checkName(section, what: "section name")
        let value = try Self.checkValue(value, for: name)
        if let existing = relation(name, in: section) {
            guard !existing.isGroup else {
                throw .invalidValue("[\(section)] \(name) is a { } block (line \(existing.line)), not a single value")
            }
            replaceValue(atLine: existing.line, with: value)
        } else if let target = sections(named: section).last {
            replaceLines(target.lastLine..<target.lastLine, with: [relationIndent(in: target) + "\(name) = \(value)"])
        } else {
            appendSection(section, body: [defaultIndent + "\(name) = \(value)"])
        }
    }

    /// Removes every top-level `name` relation of the sections called `section`; false when there was none.
    @discardableResult
    public mutating func remove(_ name: String, from section: String) -> Bool {
        let doomed = sections(named: section).flatMap(\.relations).filter { $0.name == name }
        for relation in doomed.sorted(by: { $0.line > $1.line }) {
            replaceLines((relation.line - 1)..<relation.lastLine, with: [])
        }
        return !doomed.isEmpty
    }

    /// Sets `[libdefaults] default_realm`.
    public mutating func setDefaultRealm(_ realm: String) throws(KerberosConfigError) {
        try Self.checkName(realm, what: "realm name")
        try checkRealmCase(realm)
        try set("default_realm", to: realm, in: "libdefaults")
    }

    /// Creates or updates a realm block: its `kdc` lines become `kdcs` and its `admin_server` becomes
    /// `adminServer` (removed when nil); its other settings stay.
    public mutating func setRealm(_ name: String, kdcs: [String], adminServer: String?) throws(KerberosConfigError) {
        try requireParsable()
        try Self.checkName(name, what: "realm name")
        guard !kdcs.isEmpty else { throw .invalidValue("a realm needs at least one KDC (host or host:port)") }
        for address in kdcs + (adminServer.map { [$0] } ?? []) { try Self.checkAddress(address) }
        guard let existing = realmRelation(name) else {
            let block = realmBlockIndent
            let inner = block + childIndentUnit
            let body = [block + "\(name) = {"] + kdcs.map { inner + "kdc = \($0)" }
                + (adminServer.map { [inner + "admin_server = \($0)"] } ?? []) + [block + "}"]
            if let target = sections(named: "realms").last {
                replaceLines(target.lastLine..<target.lastLine, with: body)
            } else {
                appendSection("realms", body: body)
            }
            return
        }
        guard existing.isGroup else { throw .invalidValue("\(name) in [realms] (line \(existing.line)) is not a { } block") }
        setChildValues("kdc", to: kdcs, inRealm: name)
        setChildValues("admin_server", to: adminServer.map { [$0] } ?? [], inRealm: name)
    }

    /// Removes a realm block (its lines from `NAME = {` to the closing brace).
    public mutating func removeRealm(_ name: String) throws(KerberosConfigError) {
        try requireParsable()
        guard let existing = realmRelation(name) else { throw .notFound("there is no realm \(name) in [realms]") }
        replaceLines((existing.line - 1)..<existing.lastLine, with: [])
    }

    /// Maps a host or domain (`.example.com` for a whole domain) to a realm in `[domain_realm]`.
    public mutating func setDomainRealm(_ domain: String, realm: String) throws(KerberosConfigError) {
        try Self.checkName(domain, what: "host or domain")
        try Self.checkName(realm, what: "realm name")
        try checkRealmCase(realm)
        try set(domain, to: realm, in: "domain_realm")
    }

    /// Removes a `[domain_realm]` mapping.
    public mutating func removeDomainRealm(_ domain: String) throws(KerberosConfigError) {
        try requireParsable()
        guard remove(domain, from: "domain_realm") else { throw .notFound("there is no mapping for \(domain) in [domain_realm]") }
    }

    /// Refuses to edit a file libkrb5 does not read as it looks: an edit placed by a structure the file lacks (a
    /// block missing its closing brace, say) would land where libkrb5 reads something else, or nothing at all.
    public func requireParsable() throws(KerberosConfigError) {
        if let problem = problems.first {
            throw .unparsable("line \(problem.line): \(problem.message). Fix the syntax first (edit the file).")
        }
    }

    // MARK: - Line work

    private func realmRelation(_ name: String) -> Krb5Relation? {
        sections(named: "realms").flatMap(\.relations).first { $0.name == name }
    }

    /// Makes the realm's single-valued `key` relations hold `values`: lines that keep their value stay as they are,
    /// changed values are rewritten in place, extra lines go, new values follow the last one.
    private mutating func setChildValues(_ key: String, to values: [String], inRealm name: String) {
        func current() -> [Krb5Relation] { realmRelation(name)?.children.filter { $0.name == key && !$0.isGroup } ?? [] }
        for (index, relation) in current().enumerated() where index < values.count && relation.value != values[index] {
            replaceValue(atLine: relation.line, with: values[index])
        }
        for relation in current().dropFirst(values.count).reversed() {
            replaceLines((relation.line - 1)..<relation.line, with: [])
        }
        let present = current()
        guard values.count > present.count, let realm = realmRelation(name) else { return }
        let indent = realm.children.first.map { lines[$0.line - 1].indentation } ?? lines[realm.line - 1].indentation + childIndentUnit
        // New lines go after the last line of this key, or at the top of the block.
        let after = present.last?.line ?? (realm.line + (isBraceOnNextLine(realm) ? 1 : 0))
        replaceLines(after..<after, with: values[present.count...].map { indent + "\(key) = \($0)" })
    }

    private func isBraceOnNextLine(_ relation: Krb5Relation) -> Bool {
        if case .groupOpen(_, _, true) = lines[relation.line - 1].kind { return true }
        return false
    }

    /// Rewrites the value of the relation on `line`, keeping the name, the `=` and the blanks around it.
    private mutating func replaceValue(atLine line: Int, with value: String) {
        let old = lines[line - 1].text
        guard let equals = old.firstIndex(of: "=") else { return }
        let afterEquals = old.index(after: equals)
        let valueStart = old[afterEquals...].firstIndex { $0 != " " && $0 != "\t" } ?? old.endIndex
        let blanks = valueStart == afterEquals ? "" : String(old[afterEquals..<valueStart])
        replaceLines((line - 1)..<line, with: [String(old[..<afterEquals]) + (blanks.isEmpty && old[afterEquals...].isEmpty ? " " : blanks) + value])
    }

    private mutating func appendSection(_ name: String, body: [String]) {
        let needsBlank = lines.last.map { $0.kind != .blank } ?? false
        replaceLines(lines.count..<lines.count, with: (needsBlank ? [""] : []) + ["[\(name)]"] + body)
    }

    private func relationIndent(in section: Krb5Section) -> String {
        section.relations.last.map { lines[$0.line - 1].indentation } ?? defaultIndent
    }

    /// The indentation the file uses for section relations (its first one), or four spaces.
    private var defaultIndent: String {
        sections.lazy.compactMap(\.relations.first).first.map { lines[$0.line - 1].indentation } ?? "    "
    }

    private var realmBlockIndent: String {
        realms.first.map { lines[$0.line - 1].indentation } ?? defaultIndent
    }

    /// How much deeper than its block the file indents a block's relations (four spaces when it has no blocks).
    private var childIndentUnit: String {
        for section in sections {
            for group in section.relations where group.isGroup {
                guard let child = group.children.first else { continue }
                let outer = lines[group.line - 1].indentation, inner = lines[child.line - 1].indentation
                if inner.count > outer.count && inner.hasPrefix(outer) { return String(inner.dropFirst(outer.count)) }
            }
        }
        return "    "
    }

    // MARK: - Input checks

    /// Refuses a realm that differs only in case from one of `[realms]`: realm names are case-sensitive, so
    /// corp.example.org would name no realm the file has, and every ticket request for it would fail.
    func checkRealmCase(_ realm: String) throws(KerberosConfigError) {
        guard self.realm(realm) == nil, let existing = realms.first(where: { $0.name.lowercased() == realm.lowercased() }) else { return }
        throw .invalidValue("\(realm) differs only in case from the realm \(existing.name) of [realms] (line \(existing.line)); "
                            + "realm names are case-sensitive: did you mean \(existing.name)?")
    }

    /// Refuses a realm, setting or domain name the file could not hold as one word (`what` names it in the message).
    public static func checkName(_ name: String, what: String) throws(KerberosConfigError) {
        let forbidden: Set<Character> = [" ", "\t", "\n", "\r", "=", "{", "}", "[", "]", "\"", "#", ";"]
        guard !name.isEmpty, !name.contains(where: forbidden.contains) else {
            throw .invalidValue("\"\(name)\" is not a valid \(what): no blanks, quotes, '=', braces, brackets, '#' or ';'")
        }
    }

    /// The value as it will be written (trimmed), or an error when it is not one line a relation can hold.
    public static func checkValue(_ value: String, for name: String) throws(KerberosConfigError) -> String {
        let trimmed = value.trimmingBlanks
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            throw .invalidValue("the value of \(name) must be one non-empty line")
        }
        guard trimmed.first != "{", trimmed.first != "\"" else {
            throw .invalidValue("the value of \(name) cannot start with '{' or '\"'")
        }
        return trimmed
    }

    /// Refuses a KDC or admin server that is not host or host:port.
    public static func checkAddress(_ address: String) throws(KerberosConfigError) {
        try checkName(address, what: "host or host:port")
        if let problem = Krb5Address.problem(address) { throw .invalidValue(problem) }
    }
}
