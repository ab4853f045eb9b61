/// Checks of a jaas.conf that need no network: Java's syntax, the options of Java's `Krb5LoginModule` and their
/// values (Java takes any boolean other than `true` as false, so `useKeyTab=tfalse` silently means false), and the
/// combinations a Kerberos service or client needs.
public enum JAASLint {
    /// The options `com.sun.security.auth.module.Krb5LoginModule` reads (Java 17), and whether each is a boolean.
    static let krb5Options: [String: Bool] = [
        "refreshKrb5Config": true, "useTicketCache": true, "ticketCache": false, "renewTGT": true, "doNotPrompt": true,
        "useKeyTab": true, "keyTab": false, "storeKey": true, "principal": false, "isInitiator": true,
        "tryFirstPass": true, "useFirstPass": true, "storePass": true, "clearPass": true, "debug": true,
    ]

    /// Every finding for `document`; `requiredEntries` are the entries the runtime reads (scenario 16's service
    /// reads `Server`), reported as errors when missing.
    public static func findings(in document: JAASDocument, requiredEntries: [String] = []) -> [KerberosFinding] {
        var findings: [KerberosFinding] = []
        if let problem = document.problem {
            findings.append(KerberosFinding(.error, "jaas.syntax", problem.message, line: problem.line,
                                            fix: "Correct the line; Java refuses the whole file until then."))
        }
        findings += document.remarks.map { KerberosFinding(.warning, "jaas.lexical", $0.message, line: $0.line) }
        for entry in document.entries {
            for module in entry.modules { findings += moduleFindings(module, entry: entry.name) }
        }
        if document.problem == nil {
            for name in requiredEntries where document.entry(name) == nil {
                findings.append(KerberosFinding(.error, "jaas.entry.missing", "there is no \(name) entry, which the runtime reads",
                                                fix: "wssconsole jaas service --principal HTTP/host@REALM --keytab FILE"))
            }
        }
        return findings.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    private static func moduleFindings(_ module: JAASLoginModule, entry: String) -> [KerberosFinding] {
        guard module.className == JAASLoginModule.krb5 else {
            if let hint = Spelling.closest(to: module.className, among: [JAASLoginModule.krb5]) {
                return [KerberosFinding(.error, "jaas.module.misspelt", "\(module.className) is not a Java class; did you mean \(hint)?",
                                        line: module.line, fix: "Rename it to \(hint).")]
            }
            return [KerberosFinding(.info, "jaas.module.other", "\(entry): the options of \(module.className) are not checked", line: module.line)]
        }
        var findings: [KerberosFinding] = []
        var seen: [String: Int] = [:]
        for option in module.options {
            if let first = seen[option.name] {
                findings.append(KerberosFinding(.warning, "jaas.option.duplicate", "\(entry): \(option.name) is set twice (first on line \(first)); Java uses the last",
                                                line: option.line, fix: "Remove one of them."))
            }
            seen[option.name] = seen[option.name] ?? option.line
            guard let isBoolean = krb5Options[option.name] else {
                let hint = Spelling.closest(to: option.name, among: Array(krb5Options.keys))
                findings.append(KerberosFinding(hint == nil ? .warning : .error, hint == nil ? "jaas.option.unknown" : "jaas.option.misspelt",
                                                "\(entry): \(option.name) is not a Krb5LoginModule option" + (hint.map { "; did you mean \($0)?" } ?? ""),
                                                line: option.line, fix: hint.map { "Rename it to \($0); as written Java ignores it." } ?? "Remove it; Java ignores it."))
                continue
            }
            let lower = option.value.lowercased()
            if isBoolean && lower != "true" && lower != "false" {
                // The value is not shown: storePass=hunter2 is a password where a boolean belongs.
                let hint = Spelling.closest(to: lower, among: ["true", "false"]).map { " (did you mean \($0)?)" } ?? ""
                findings.append(KerberosFinding(.error, "jaas.option.value",
                                                "\(entry): the value of \(option.name) is not true or false, and Java reads anything but true as false\(hint)",
                                                line: option.line, fix: "Write \(option.name)=true or \(option.name)=false."))
            }
        }
        findings += combinationFindings(module, entry: entry)
        return findings
    }

    /// What a login needs beyond well-formed options.
    private static func combinationFindings(_ module: JAASLoginModule, entry: String) -> [KerberosFinding] {
        func flag(_ name: String) -> Bool { module[name]?.lowercased() == "true" }
        var findings: [KerberosFinding] = []
        let line = module.line
        if flag("useKeyTab") && module["keyTab"] == nil {
            findings.append(KerberosFinding(.warning, "jaas.keytab.default", "\(entry): useKeyTab=true without keyTab: Java uses the default keytab",
                                            line: line, fix: "Name the keytab: keyTab=\"/path/service.keytab\"."))
        }
        if let keyTab = module.option("keyTab"), !flag("useKeyTab") {
            findings.append(KerberosFinding(.warning, "jaas.keytab.ignored", "\(entry): keyTab is ignored unless useKeyTab=true", line: keyTab.line,
                                            fix: "Set useKeyTab=true, or remove keyTab."))
        }
        if module["isInitiator"]?.lowercased() == "false" {
            if !flag("storeKey") {
                findings.append(KerberosFinding(.error, "jaas.acceptor.storeKey", "\(entry): a service (isInitiator=false) needs storeKey=true to decrypt tickets",
                                                line: line, fix: "Set storeKey=true."))
            }
            if module["principal"] == nil {
                findings.append(KerberosFinding(.warning, "jaas.principal.missing", "\(entry): no principal: Java asks for one at login, and a server cannot answer",
                                                line: line, fix: "Set principal=\"HTTP/host@REALM\"."))
            }
            if !flag("useKeyTab") {
                findings.append(KerberosFinding(.info, "jaas.acceptor.password", "\(entry): the service logs in with a password (useKeyTab is not true)",
                                                line: line, fix: "A keytab is safer: wssconsole jaas service --keytab FILE."))
            }
        }
        if flag("useKeyTab"), let principal = module["principal"], !principal.contains("@"), principal != "*" {
            findings.append(KerberosFinding(.info, "jaas.principal.realm", "\(entry): principal \(principal) has no @REALM; the default realm applies",
                                            line: module.option("principal")?.line))
        }
        return findings
    }
}
