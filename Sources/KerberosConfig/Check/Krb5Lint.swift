import Foundation

/// Checks of a krb5.conf that need no network: syntax as libkrb5 reads it, settings and values it or Java would
/// ignore or misread, weak encryption types, and realms with no way to reach a KDC.
public enum Krb5Lint {
    /// Every finding for `document`, in line order.
    public static func findings(in document: Krb5Document) -> [KerberosFinding] {
        var findings = document.problems.map {
            KerberosFinding(.error, "krb5.syntax", $0.message, line: $0.line, fix: "Correct the line; libkrb5 and Java must read the file as it looks.")
        }
        findings += document.includes.map(includeFinding)
        for section in document.sections {
            findings += sectionFindings(section)
        }
        findings += realmFindings(document)
        return findings.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// An `include` or `includedir` libkrb5 cannot read makes it refuse the whole file, so each is checked here,
    /// where the line is known. A relative path is read from each program's working folder, not this file's.
    private static func includeFinding(_ include: (directive: String, path: String, line: Int)) -> KerberosFinding {
        let (directive, path, line) = include
        let folder = directive == "includedir"
        guard path.hasPrefix("/") else {
            return KerberosFinding(.error, "krb5.include.relative", "\(directive) \(path): a relative path is read from the working folder of each "
                                   + "program that loads krb5.conf, not from this file's folder", line: line,
                                   fix: "Write the absolute path of the \(folder ? "folder" : "file").")
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let readable = folder ? FileManager.default.isExecutableFile(atPath: path) && FileManager.default.isReadableFile(atPath: path)
            : FileManager.default.isReadableFile(atPath: path)
        guard exists, isFolder.boolValue == folder, readable else {
            let what = !exists ? "does not exist" : isFolder.boolValue != folder ? "is not a \(folder ? "folder" : "file")" : "cannot be read"
            return KerberosFinding(.error, "krb5.include.missing", "\(directive) \(path): the \(folder ? "folder" : "file") \(what), "
                                   + "and libkrb5 then refuses the whole krb5.conf", line: line,
                                   fix: "Create the \(folder ? "folder" : "file"), correct the path, or remove the line.")
        }
        return KerberosFinding(.info, "krb5.include", "\(directive) \(path): libkrb5 also reads this; the checks cover this file only", line: line)
    }

    private static func sectionFindings(_ section: Krb5Section) -> [KerberosFinding] {
        guard Krb5Vocabulary.sections.contains(section.name) else {
            let hint = Spelling.closest(to: section.name, among: Krb5Vocabulary.sections)
            return [KerberosFinding(hint == nil ? .warning : .error, hint == nil ? "krb5.section.unknown" : "krb5.section.misspelt",
                                    "[\(section.name)] is not a section libkrb5 reads" + (hint.map { "; did you mean [\($0)]?" } ?? ""),
                                    line: section.line, fix: hint.map { "Rename it to [\($0)]." } ?? "Remove it if it is not for another program.")]
        }
        var findings: [KerberosFinding] = []
        for relation in section.relations {
            if let value = relation.value { findings += valueShapeFindings(relation.name, value, line: relation.line) }
            if section.name == "libdefaults" { findings += libdefaultFindings(relation) }
        }
        return findings
    }

    /// Problems any string value can have: a one-line block, or a trailing comment taken as part of the value. The
    /// value is not shown: whatever the name, it may be anything, a password pasted there too.
    private static func valueShapeFindings(_ name: String, _ value: String, line: Int) -> [KerberosFinding] {
        if value.hasPrefix("{") {
            return [KerberosFinding(.error, "krb5.block.oneLine",
                                    "\(name) = { ... } on one line: libkrb5 reads a one-line block as plain text and Java rejects it", line: line,
                                    fix: "Write the block over several lines: \"\(name) = {\", one setting per line, then \"}\".")]
        }
        if value.contains(" #") || value.contains(" ;") || value.contains("\t#") {
            return [KerberosFinding(.warning, "krb5.value.comment", "\(name): krb5.conf has no end-of-line comments, so what follows '#' or ';' is part of the value",
                                    line: line, fix: "Move the comment to a line of its own.")]
        }
        return []
    }

    private static func libdefaultFindings(_ relation: Krb5Relation) -> [KerberosFinding] {
        let name = relation.name, line = relation.line
        guard let kind = Krb5Vocabulary.libdefaults[name] else {
            if Krb5Vocabulary.prefixes.contains(where: name.hasPrefix) { return [] }
            let hint = Spelling.closest(to: name, among: Array(Krb5Vocabulary.libdefaults.keys))
            if let hint {
                return [KerberosFinding(.error, "krb5.option.misspelt", "\(name) is not a [libdefaults] setting; did you mean \(hint)?",
                                        line: line, fix: "Rename it to \(hint); as written it is ignored.")]
            }
            return [KerberosFinding(.warning, "krb5.option.unknown", "\(name) is not a [libdefaults] setting libkrb5 or Java reads",
                                    line: line, fix: "Remove it, or check its spelling.")]
        }
        guard let value = relation.value else {
            return [KerberosFinding(.error, "krb5.option.value", "\(name) must be a value, not a { } block", line: line)]
        }
        if name == "allow_weak_crypto", Krb5Vocabulary.mitTrue.contains(value.lowercased()) {
            return [KerberosFinding(.warning, "krb5.enctype.weak", "allow_weak_crypto = \(value) lets DES and RC4 keys through", line: line,
                                    fix: "Remove it and use AES keys.")]
        }
        switch kind {
        case .boolean:
            let lower = value.lowercased()
            if lower == "true" || lower == "false" { return [] }
            if Krb5Vocabulary.mitTrue.contains(lower) || Krb5Vocabulary.mitFalse.contains(lower) {
                return [KerberosFinding(.warning, "krb5.option.boolean", "\(name) = \(value): libkrb5 accepts it, but Java reads only true or false",
                                        line: line, fix: "Write \(Krb5Vocabulary.mitTrue.contains(lower) ? "true" : "false").")]
            }
            return [KerberosFinding(.error, "krb5.option.value", "\(name) = \(value) is not true or false", line: line,
                                    fix: "Write true or false.")]
        case .integer:
            guard Int(value) != nil else {
                return [KerberosFinding(.error, "krb5.option.value", "\(name) = \(value) is not a whole number", line: line)]
            }
        case .duration:
            guard Krb5Vocabulary.isDuration(value) else {
                return [KerberosFinding(.error, "krb5.option.value", "\(name) = \(value) is not a duration (such as 36000, 10h, 1d2h or 10:00)",
                                        line: line)]
            }
        case .enctypes:
            return enctypeFindings(name, value, line: line)
        case .text:
            break
        }
        return []
    }

    static func enctypeFindings(_ name: String, _ value: String, line: Int) -> [KerberosFinding] {
        var findings: [KerberosFinding] = []
        let names = Enctypes.names(in: value)
        for unknown in names where !Enctypes.known.contains(unknown) {
            let hint = Spelling.closest(to: unknown, among: Array(Enctypes.known))
            findings.append(KerberosFinding(.error, "krb5.enctype.unknown", "\(name): \(unknown) is not an encryption type"
                                            + (hint.map { "; did you mean \($0)?" } ?? ""), line: line,
                                            fix: "Use aes256-cts-hmac-sha1-96 and aes128-cts-hmac-sha1-96."))
        }
        let broken = names.filter(Enctypes.broken.contains), weak = names.filter(Enctypes.weak.contains)
        if !broken.isEmpty {
            findings.append(KerberosFinding(.error, "krb5.enctype.broken", "\(name): \(broken.joined(separator: ", ")) is single DES, broken and no longer supported",
                                            line: line, fix: "Remove it; use aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96."))
        }
        if !weak.isEmpty {
            let noneStrong = !names.contains(where: Enctypes.strong.contains)
            findings.append(KerberosFinding(noneStrong ? .error : .warning, "krb5.enctype.weak",
                                            "\(name): \(weak.joined(separator: ", ")) is weak (RC4 or triple DES, deprecated)"
                                            + (noneStrong ? " and no strong type is listed: Java 17 refuses these by default" : ""),
                                            line: line, fix: "Use aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96."))
        }
        return findings
    }

    /// A `name = value` in [realms] outside every realm's block: libkrb5 and Java load the file and read it as a
    /// realm without settings, so the setting does nothing (tried with kinit and Java's Krb5LoginModule).
    private static func strayRealmsLine(_ relation: Krb5Relation) -> KerberosFinding {
        let name = relation.name
        let setting = Krb5Vocabulary.libdefaults[name] != nil ? name : Spelling.closest(to: name, among: Array(Krb5Vocabulary.libdefaults.keys))
        let fix: String
        if let setting {
            fix = "Move it to [libdefaults]" + (setting == name ? "." : " as \(setting) (the name is misspelt).")
        } else if Krb5Vocabulary.realm.contains(name) || Spelling.closest(to: name, among: Krb5Vocabulary.realm) != nil {
            fix = "Move it inside the block of the realm it is for (REALM = { ... })."
        } else {
            fix = "Remove it, or move it to the section it is for."
        }
        return KerberosFinding(.warning, "krb5.realms.stray", "\(name) is in [realms] outside every realm's block: "
                               + "libkrb5 and Java take it for a realm with no settings, so it has no effect", line: relation.line, fix: fix)
    }

    private static func realmFindings(_ document: Krb5Document) -> [KerberosFinding] {
        var findings: [KerberosFinding] = []
        let dnsLookup = document.value("dns_lookup_kdc", in: "libdefaults").map { Krb5Vocabulary.mitTrue.contains($0.lowercased()) } ?? false
        var seen: [String: Int] = [:]
        for relation in document.sections(named: "realms").flatMap(\.relations) {
            guard relation.isGroup else {
                // A one-line block is reported with the values.
                if relation.value?.hasPrefix("{") == false { findings.append(strayRealmsLine(relation)) }
                continue
            }
            if let first = seen[relation.name] {
                findings.append(KerberosFinding(.warning, "krb5.realm.duplicate", "the realm \(relation.name) has a second block (the first is on line \(first))",
                                                line: relation.line, fix: "Merge the two blocks."))
            }
            seen[relation.name] = seen[relation.name] ?? relation.line
            for child in relation.children {
                if !Krb5Vocabulary.realm.contains(child.name) && !Krb5Vocabulary.prefixes.contains(where: child.name.hasPrefix) {
                    let hint = Spelling.closest(to: child.name, among: Krb5Vocabulary.realm)
                    findings.append(KerberosFinding(hint == nil ? .warning : .error, hint == nil ? "krb5.realm.unknown" : "krb5.realm.misspelt",
                                                    "\(child.name) is not a realm setting" + (hint.map { "; did you mean \($0)?" } ?? ""), line: child.line))
                }
                if let value = child.value { findings += valueShapeFindings(child.name, value, line: child.line) }
                if ["kdc", "admin_server", "kpasswd_server", "master_kdc", "primary_kdc"].contains(child.name), let value = child.value,
                   let problem = Krb5Address.problem(value) {
                    findings.append(KerberosFinding(.error, "krb5.realm.address", "\(child.name): \(problem)", line: child.line))
                }
                if child.name == "supported_enctypes", let value = child.value {
                    findings += enctypeFindings("supported_enctypes", value, line: child.line)
                }
            }
            if relation.values("kdc").isEmpty && !dnsLookup {
                findings.append(KerberosFinding(.error, "krb5.realm.noKDC", "the realm \(relation.name) names no kdc and dns_lookup_kdc is off",
                                                line: relation.line, fix: "Add kdc = host:port to the realm."))
            }
        }
        if let realm = document.defaultRealm, seen[realm] == nil {
            let line = document.relation("default_realm", in: "libdefaults")?.line
            if dnsLookup {
                findings.append(KerberosFinding(.info, "krb5.realm.dns", "the KDCs of \(realm) are looked up in DNS (no block in [realms])", line: line))
            } else {
                findings.append(KerberosFinding(.error, "krb5.realm.missing", "default_realm \(realm) has no block in [realms] and dns_lookup_kdc is off, so no KDC can be found",
                                                line: line, fix: "wssconsole krb5 realm set \(realm) --kdc HOST:PORT"))
            }
        }
        for mapping in document.domainRealms where seen[mapping.realm] == nil && !dnsLookup {
            findings.append(KerberosFinding(.warning, "krb5.domain.realm", "\(mapping.domain) maps to \(mapping.realm), which has no block in [realms]",
                                            line: mapping.line,
                                            fix: "Remove the mapping (wssconsole krb5 domain remove \(mapping.domain)) or add the realm "
                                            + "(wssconsole krb5 realm set \(mapping.realm) --kdc HOST:PORT)."))
        }
        return findings
    }
}
