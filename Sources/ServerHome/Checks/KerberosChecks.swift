import KerberosConfig
import WSSecurity

/// Scenario 16: krb5.conf loads in libkrb5, and the policy names a service principal.
struct KerberosChecks {
    let home: Home
    let settings: ConsoleSettings
    let policy: SecurityPolicy

    func findings() -> [Finding] {
        var findings: [Finding] = []
        switch Krb5ProfileCheck.load(path: FileSystem.join(home.root, settings.krb5Conf)) {
        case .success(let report):
            if report.defaultRealm == nil {
                findings.append(Finding(.warning, "krb5.noDefaultRealm", "\(settings.krb5Conf) sets no default_realm",
                                        fix: "Add default_realm under [libdefaults]."))
            }
        case .failure(let error):
            findings.append(Finding(.error, "krb5.invalid", "\(settings.krb5Conf): \(error)", fix: "Fix the file; libkrb5 must accept it."))
        }
        let principal = policy.rampart?.kerberos?.first { $0.name == "service.principal.name" }?.value ?? ""
        if principal.isEmpty {
            findings.append(Finding(.error, "kerberos.principal", "No service principal is set for scenario 16",
                                    fix: "Set service.principal.name in the policy (e.g. HTTP/host@REALM)."))
        }
        return findings
    }
}
