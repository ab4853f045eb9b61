import Foundation
import KeyMaterial
import ServerHome
import UserStores

/// `userstore show`: the settings as text or JSON; the password's source is named, its value never shown.
struct UserStoreSummary: Encodable {
    let type: String
    let file: String?
    let digestSecretsFile: String?
    let ldap: [String: String]?
    let bindPassword: String?
    let caseInsensitiveRoleNames: Bool
    /// Settings whose values could not be read, with the default used instead.
    var unreadable: [String] = []

    init(home: Home, settings: ConsoleSettings) {
        type = settings.userStoreType
        file = settings.userStoreFile
        digestSecretsFile = settings.userStoreType == "embedded" ? (try? home.embeddedStorePaths().digestSecrets) : nil
        caseInsensitiveRoleNames = settings.caseInsensitiveRoleNames
        guard let ldap = settings.ldap else {
            self.ldap = nil
            bindPassword = nil
            return
        }
        let p = ldap.profile
        var values = [
            "connection_url": p.url, "connection_name": p.bindDN ?? "(anonymous)", "user_search_base": p.userSearchBase,
            "user_name_attribute": p.userNameAttribute, "user_name_search_filter": p.userSearchFilter,
            "user_name_list_filter": p.userListFilter, "read_groups": String(p.readGroups), "group_search_base": p.groupSearchBase,
            "group_name_attribute": p.groupNameAttribute, "group_name_search_filter": p.groupSearchFilter,
            "group_name_list_filter": p.groupListFilter, "membership_attribute": p.membershipAttribute,
            "ldap_connection_timeout": String(p.connectTimeout.milliseconds),
            "read_timeout": String(p.readTimeout.milliseconds),
            "start_tls": String(p.startTLS), "settings file": ldap.file,
        ]
        if ldap.ownFile != ldap.file { values["own settings file"] = ldap.ownFile }
        unreadable = ldap.unreadable
        if let ca = p.caCertificateFile { values["ca_certificate"] = ca }
        self.ldap = values
        if case .environment(let name) = ldap.password {
            bindPassword = ldap.passwordSourceText + " (\(ProcessInfo.processInfo.environment[name] == nil ? "not set in this shell" : "set in this shell"))"
        } else {
            bindPassword = ldap.passwordSourceText
        }
    }

    func printText() {
        print("type      \(type)")
        if let file { print("file      \(file)" + (type == "embedded" ? "" : " (not used: the type is \(type))")) }
        if let digestSecretsFile {
            print("digest    PasswordDigest only for users enabled with --allow-digest; their clear passwords in \(digestSecretsFile) (0600)")
        }
        print("roles     compared \(caseInsensitiveRoleNames ? "ignoring case" : "case-sensitively") ([[ws_security]] case_insensitive_role_name_check)")
        guard let ldap else { return }
        for key in ldap.keys.sorted() { print("  " + column(key, 26) + ldap[key]!) }
        print("  " + column("connection_password", 26) + (bindPassword ?? "none"))
        for problem in unreadable { print("warning: \(problem)") }
    }
}

/// `userstore test`: the stages as text lines (printed as each ends) or JSON.
struct ConnectionTestOutput: Encodable {
    struct Stage: Encodable {
        let stage: String, title: String, outcome: String, summary: String, details: [String]
        let warning: String?, error: String?, fix: String?, milliseconds: Int64, certificate: CertificateSummary?
    }

    let url: String
    let passed: Bool
    let failedStage: String?
    let stages: [Stage]

    init(_ report: ConnectionTestReport) {
        url = report.url
        passed = report.passed
        failedStage = report.failure?.kind.rawValue
        stages = report.stages.map {
            Stage(stage: $0.kind.rawValue, title: $0.kind.title, outcome: $0.outcome.rawValue, summary: $0.summary, details: $0.details,
                  warning: $0.warning, error: $0.error?.rawValue, fix: $0.fix, milliseconds: Self.milliseconds($0.elapsed),
                  certificate: $0.certificate)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// One stage as text: a marker a screen reader and a monochrome terminal can read, the summary, the time.
    static func printStage(_ stage: ConnectionTestStage) {
        let marker = switch stage.outcome {
        case .passed: "[ ok ]"
        case .failed: "[FAIL]"
        case .skipped: "[skip]"
        }
        let time = stage.outcome == .skipped && stage.elapsed == .zero ? "" : "  (\(milliseconds(stage.elapsed)) ms)"
        print("\(marker) \(column(stage.kind.title, 16))\(stage.summary)\(time)")
        for line in stage.details { print("         \(line)") }
        if let warning = stage.warning { print("         warning: \(warning)") }
        if let fix = stage.fix { print("         fix: \(HomeOptions.commandsNamingHome(fix))") }
    }
}

/// `userstore check-user`: the verdict, the reason, the role checks.
struct UserCheckOutput: Encodable {
    struct Check: Encodable { let service: String, allowedRoles: [String], allowed: Bool, explanation: String }

    let user: String, store: String, passed: Bool, verdict: String
    let authenticated: Bool?, storeName: String?, roles: [String]?, rejection: String?, connection: ConnectionTestOutput?
    let checks: [Check]
    /// The directory's limit that cut the user's roles short, when a role check refused the user.
    let rolesCut: ServerLimit?

    init(_ report: UserCheckReport) {
        user = report.user
        store = report.store
        passed = report.passed
        verdict = report.verdict
        rolesCut = report.rolesCut
        connection = report.connection.map(ConnectionTestOutput.init)
        checks = report.roleChecks.map { Check(service: $0.service, allowedRoles: $0.allowedRoles, allowed: $0.decision.permits, explanation: $0.decision.explanation) }
        switch report.authentication {
        case .authenticated(let name, let roles)?: (authenticated, storeName, self.roles, rejection) = (true, name, roles, nil)
        case .rejected(let failure)?: (authenticated, storeName, self.roles, rejection) = (false, nil, nil, failure.rawValue)
        case nil: (authenticated, storeName, self.roles, rejection) = (nil, nil, nil, nil)
        }
    }

    static func printText(_ report: UserCheckReport, digest: Bool) {
        print("store     \(report.store)")
        print("password  " + (digest ? "sent as PasswordDigest" : "sent as PasswordText"))
        if let connection = report.connection {
            print("the store could not be asked; connection test:")
            connection.stages.forEach(ConnectionTestOutput.printStage)
        }
        switch report.authentication {
        case .authenticated(_, let roles)?:
            print("result    authenticated")
            print("roles     \(roles.isEmpty ? "(none)" : NameSummary.text(roles.map(PrintableText.escaped)))" + (roles.count > NameSummary.most ? " (--json lists all \(roles.count))" : ""))
        case .rejected?:
            print("result    REJECTED: \(report.rejection ?? "")")
        case nil:
            print("result    NOT CHECKED: \(report.storeError ?? "")")
        }
        for check in report.roleChecks {
            print("  " + column(check.service, 24) + PrintableText.escaped(check.decision.explanation))
        }
        if report.authentication?.isAuthenticated == true && report.roleChecks.isEmpty {
            print("  (no service secured with a UsernameToken scenario to check; use --service or --role)")
        }
        print("verdict   \(report.passed ? "ok" : "FAILED"): \(PrintableText.escaped(report.verdict))")
    }
}
