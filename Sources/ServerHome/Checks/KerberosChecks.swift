import Foundation
import KerberosConfig
import WSSecurity

/// Scenario 16: the policy names a service principal; krb5.conf loads in libkrb5 and reads as meant; jaas.conf's
/// service entry logs in as that principal with a keytab that holds its key. These checks stay offline (a service
/// list must not wait for a KDC); `wssconsole krb5 check` and `jaas check` add the live ones.
struct KerberosChecks {
    let home: Home
    let service: Service
    let settings: ConsoleSettings
    let policy: SecurityPolicy

    func findings() -> [Finding] {
        var findings: [Finding] = []
        let krb5Path = FileSystem.join(home.root, settings.krb5Conf)
        switch Krb5ProfileCheck.load(path: krb5Path) {
        case .success(let report):
            if report.defaultRealm == nil {
                findings.append(Finding(.warning, "krb5.noDefaultRealm", "\(settings.krb5Conf) sets no default_realm",
                                        fix: "Add default_realm under [libdefaults]."))
            }
        case .failure(let error):
            findings.append(Finding(.error, "krb5.invalid", "\(settings.krb5Conf): \(error.reason)", fix: "Fix the file; libkrb5 must accept it."))
        }
        if let bytes = FileSystem.read(krb5Path) {
            // Syntax problems are in krb5.invalid already.
            findings += Krb5Lint.findings(in: Krb5Document(bytes: bytes)).filter { $0.code != "krb5.syntax" }
                .compactMap { Self.finding($0, file: settings.krb5Conf) }
        }
        guard let principal = policy.kerberosServicePrincipal else {
            findings.append(KerberosParties.noPrincipal.finding)
            return findings
        }
        var jaas = JAASCheck(path: FileSystem.join(home.root, settings.jaasConf), displayName: settings.jaasConf,
                             krb5Path: krb5Path, baseDirectory: home.root)
        jaas.live = false
        jaas.expectedServicePrincipal = principal
        findings += jaas.run().compactMap { found in
            var found = found
            if found.code == "jaas.principal.mismatch", found.fix.hasPrefix("Make both") { found.fix = mismatchFix(policyNames: principal) }
            return Self.finding(found, file: settings.jaasConf)
        }
        return findings
    }

    /// The two ways back in line when the Server entry logs in as another principal than this service's policy
    /// names: this service onto the entry's principal, or the entry (and the other scenario 16 policies) onto this one.
    private func mismatchFix(policyNames principal: String) -> String {
        guard let server = home.jaasModule("Server"), let entry = server["principal"] else { return "Make both the same service principal." }
        let credential = server["keyTab"].map { "--keytab \($0)" } ?? "--password-env NAME"
        var ownWay = "set service.principal.name in its policy to \(entry)"
        if case .scenario(16, _) = service.security {
            ownWay = "wssconsole apply --service \(service.name) --scenario 16 --principal \(entry) \(credential)"
        }
        return "Micro Integrator has one Server entry for all its Kerberos services. Put \(service.name) on \(entry): \(ownWay); "
            + "or put the entry back on \(principal), which renames the other scenario 16 policies too: "
            + "wssconsole jaas service --principal \(principal) --keytab FILE (or --password)."
    }

    /// A check's finding as a validation finding (information is left out: validation lists what needs doing).
    static func finding(_ finding: KerberosFinding, file: String) -> Finding? {
        guard finding.severity != .info else { return nil }
        let severity: Finding.Severity = finding.severity == .error ? .error : .warning
        let place = finding.line.map { "\(finding.file ?? file):\($0): " } ?? (finding.file.map { "\($0): " } ?? "")
        return Finding(severity, finding.code, place + finding.message, fix: finding.fix)
    }
}
