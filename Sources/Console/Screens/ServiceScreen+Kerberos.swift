import ConsoleUI
import KeyMaterial
import ServerHome

/// Scenario 16 in the picker: the service principal and how the service logs in (keytab or password), asked in one
/// form before the change is planned, as `wssconsole apply --scenario 16` asks on the terminal.
extension ServiceScreen {
    func askKerberos() -> HandlerResult {
        // One Server entry serves the host: what it holds now is the likely answer.
        let server = home.jaasModule("Server")
        let intro = [StyledLine("Kerberos needs the service principal the clients ask tickets for, and its keytab or password.", .dim),
                     StyledLine("An empty principal applies the policy now and leaves it to the Kerberos screen (K).", .dim)]
        return .push(Form(title: "Scenario 16 for \(service.name)", intro: intro,
                          fields: [.text("principal", "Service principal", initial: server?["principal"] ?? "", hint: "HTTP/host@REALM",
                                         validate: { $0.contains(where: \.isWhitespace) ? "has no blanks" : nil }),
                                   .text("keytab", "Keytab", initial: server?["keyTab"] ?? "",
                                         hint: "As the server sees the path; empty: the password below"),
                                   .secret("password", "Password", hint: "Only without a keytab; empty keeps the one the policy holds",
                                           required: false)],
                          okLabel: "Next",
                          check: { values in
                              values.trimmed("keytab").isEmpty || values.secretIsEmpty("password") ? nil
                                  : ("password", "only without a keytab (empty one of the two)")
                          }) { [self] values in
            let principal = values.trimmed("principal"), keytab = values.trimmed("keytab")
            guard !principal.isEmpty else { return confirmApply(options: ScenarioOptions()) }
            if !keytab.isEmpty {
                return confirmApply(options: ScenarioOptions(servicePrincipal: principal, serviceKeytab: keytab))
            }
            let password = values.secretIsEmpty("password") ? nil : values.withSecret("password") { Secret(bytes: $0) }
            return confirmApply(options: ScenarioOptions(servicePrincipal: principal, servicePassword: password))
        })
    }
}
