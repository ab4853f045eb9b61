import ConsoleUI
import KerberosConfig
import ServerHome

/// What the Kerberos screen shows of each file: the settings an operator looks for first, as styled lines.
enum KerberosSummary {
    static func krb5Lines(_ document: Krb5Document, exists: Bool) -> [StyledLine] {
        guard exists else { return [StyledLine("The file does not exist yet: d sets the default realm and creates it.", .dim)] }
        var lines: [StyledLine] = []
        // libkrb5 refuses (or misreads) such a file: what follows is only how wssconsole reads it.
        if let problem = document.problems.first {
            lines.append(StyledLine("Broken: line \(problem.line): \(problem.message)", .error))
            lines.append(StyledLine("e edits the file; structured edits wait until it is fixed.", .dim))
        }
        lines.append(StyledLine("Default realm: " + (document.defaultRealm ?? "(none)"), document.defaultRealm == nil ? .warning : .strong))
        if document.realms.isEmpty { lines.append(StyledLine("No realms: a adds one with its KDCs.", .warning)) }
        for realm in document.realms {
            let kdcs = realm.kdcs.isEmpty ? "no kdc" : "kdc " + realm.kdcs.joined(separator: ", ")
            let admin = realm.adminServers.first.map { "  admin " + $0 } ?? ""
            lines.append(StyledLine("Realm \(realm.name): \(kdcs)\(admin)"))
        }
        for mapping in document.domainRealms { lines.append(StyledLine("  \(mapping.domain) -> \(mapping.realm)", .dim)) }
        for name in ["default_tkt_enctypes", "permitted_enctypes", "dns_lookup_kdc"] {
            if let value = document.value(name, in: "libdefaults") { lines.append(StyledLine("\(name) = \(value)", .dim)) }
        }
        return lines
    }

    static func jaasLines(_ document: JAASDocument, exists: Bool) -> [StyledLine] {
        guard exists else { return [StyledLine("The file does not exist yet: s sets the service entry and creates it.", .dim)] }
        var lines: [StyledLine] = []
        if let problem = document.problem { lines.append(StyledLine("line \(problem.line): \(problem.message)", .error)) }
        for entry in document.entries {
            guard let module = entry.module() ?? entry.modules.first else {
                lines.append(StyledLine("\(entry.name): no login module", .warning))
                continue
            }
            var parts: [String] = []
            if let principal = module["principal"] { parts.append(principal) }
            if module.usesKeytab {
                parts.append("keytab " + (module["keyTab"] ?? "(default)"))
            } else if module["isInitiator"]?.lowercased() == "false" {
                parts.append("password")
            }
            if module["isInitiator"]?.lowercased() == "false" { parts.append("accepts tickets") }
            lines.append(StyledLine("\(entry.name): " + (parts.isEmpty ? module.options.map { "\($0.name)=\($0.shownValue)" }.joined(separator: " ") : parts.joined(separator: ", "))))
        }
        if document.entries.isEmpty && document.problem == nil { lines.append(StyledLine("No entries: s adds the service entry.", .warning)) }
        return lines
    }

    /// A finding as lines wrapped to `width`: "error   conf/security/jaas.conf:3: ..." with the message's continuation
    /// under it (the word says the severity, so it does not rest on colour), then the fix (its commands naming `home`).
    static func findingLines(_ findings: [KerberosFinding], home: Home, width: Int = 1000) -> [StyledLine] {
        let indent = String(repeating: " ", count: 8), textWidth = max(10, width - 8)
        return findings.flatMap { finding -> [StyledLine] in
            let label = finding.isPass ? "ok" : finding.severity.rawValue
            let style: Style = finding.isPass ? .ok : (finding.severity == .error ? .error : (finding.severity == .warning ? .warning : .dim))
            var lines = TextLayout.wrap(finding.located, width: textWidth).enumerated().map { index, text in
                StyledLine((index == 0 ? TextLayout.pad(label, to: 8) : indent) + text, style)
            }
            if !finding.fix.isEmpty && !finding.isPass && finding.severity != .info {
                lines += TextLayout.wrap("fix: " + home.commandsNamingHome(finding.fix), width: textWidth).map { StyledLine(indent + $0, .dim) }
            }
            return lines
        }
    }
}
