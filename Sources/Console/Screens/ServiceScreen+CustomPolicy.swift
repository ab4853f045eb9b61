import ConsoleUI
import ServerHome

/// A custom policy from the picker: the operator names a policy file, wssconsole reads it (the same checks as
/// `wssconsole apply --policy`; a refusal is said in the prompt, which stays), a Kerberos policy asks its principal and
/// keytab as scenario 16 does, and the one confirmation dialog shows what is written before the commit.
extension ServiceScreen {
    func askPolicyFile() -> HandlerResult {
        .push(Prompt.text(title: "Custom policy for \(service.name)", label: "Policy file",
                          hint: "A WS-SecurityPolicy file, relative to the home (\(home.root)) or absolute; written unchanged.",
                          validate: { $0.trimmingBlanks.isEmpty ? "names a file" : nil }) { [self] path in
            plan(path, options: ScenarioOptions(), field: Prompt.field) { plan in plan.usesKerberos ? askPolicyKerberos(path, plan: plan) : confirm(plan) }
        })
    }

    /// jaas.conf's service entry for a Kerberos policy: its principal (the one the file names) and keytab; without a
    /// keytab the service logs in with the file's password. An empty principal applies the policy alone.
    private func askPolicyKerberos(_ path: String, plan: CustomPolicyPlan) -> HandlerResult {
        let server = home.jaasModule("Server")
        let intro = [StyledLine("\(plan.policyId) has a Kerberos token: jaas.conf's service entry can log in as its principal.", .dim),
                     StyledLine("An empty principal applies the policy alone and leaves jaas.conf as it is.", .dim)]
        return .push(Form(title: "Kerberos for \(plan.policyId)", intro: intro,
                          fields: [.text("principal", "Service principal", initial: plan.servicePrincipal ?? "",
                                         hint: "The policy's service.principal.name",
                                         validate: { $0.contains(where: \.isWhitespace) ? "has no blanks" : nil }),
                                   .text("keytab", "Keytab", initial: server?["keyTab"] ?? "",
                                         hint: "As the server sees the path; empty: the policy's password")],
                          okLabel: "Next") { [self] values in
            let principal = values.trimmed("principal"), keytab = values.trimmed("keytab")
            guard !principal.isEmpty else { return confirm(plan) }
            let options = ScenarioOptions(servicePrincipal: principal, serviceKeytab: keytab.isEmpty ? nil : keytab)
            return self.plan(path, options: options, field: "principal") {
                confirm($0, takeover: home.serverEntryTakeover(applying: options, to: service.name))
            }
        })
    }

    /// Reads and plans the policy; a refusal (no such file, not a policy, another principal) shows beside `field` of
    /// the form that asked, which stays open with what was typed.
    private func plan(_ path: String, options: ScenarioOptions, field: String, then next: (CustomPolicyPlan) -> HandlerResult) -> HandlerResult {
        do { return next(try home.planApplyPolicy(file: path, to: service.name, options: options)) } catch {
            return .refuse(field: field, message: error.message + (error.fix.isEmpty ? "" : ". " + home.commandsNamingHome(error.fix)))
        }
    }

    /// `takeover`: the other Kerberos services that the principal given for jaas.conf's Server entry leaves behind.
    private func confirm(_ plan: CustomPolicyPlan, takeover: ServerEntryTakeover? = nil) -> HandlerResult {
        guard isCurrentOnDisk() else { return .redraw }
        let change = plan.change
        return .push(ChangeConfirmation.apply(customPolicy: plan.policyId, warnings: plan.warnings, service: service, change: change,
                                               takeover: takeover) { [self] in
            do throws(HomeError) { try write(change) } catch {
                return .push(Dialog.error(title: "The custom policy was not applied", message: error.message, fix: error.fix))
            }
            onApplied("Applied the custom policy \(plan.policyId) to \(service.name): wrote \(change.edits.map(\.path).joined(separator: ", ")).")
            return .pop
        })
    }
}
