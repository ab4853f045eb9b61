import ConsoleUI
import ServerHome

/// A custom policy from the picker: the operator names a policy file, wssconsole reads it (the same checks as
/// `wssconsole apply --policy`), and the one confirmation dialog shows what is written before the commit.
extension ServiceScreen {
    func askPolicyFile() -> HandlerResult {
        .push(Prompt.text(title: "Custom policy for \(service.name)", label: "Policy file",
                          hint: "A WS-SecurityPolicy file, relative to the home (\(home.root)) or absolute; written unchanged.",
                          validate: { $0.trimmingBlanks.isEmpty ? "names a file" : nil }) { [self] path in
            confirmPolicy(at: path)
        })
    }

    private func confirmPolicy(at path: String) -> HandlerResult {
        let plan: CustomPolicyPlan
        do { plan = try home.planApplyPolicy(file: path, to: service.name) } catch {
            return .push(Dialog.error(title: "Cannot apply \(path)", message: error.message, fix: error.fix))
        }
        let change = plan.change
        return .push(ChangeConfirmation.apply(customPolicy: plan.policyId, warnings: plan.warnings, service: service, change: change) { [self] in
            do throws(HomeError) { try home.commit(change) } catch {
                return .push(Dialog.error(title: "The custom policy was not applied", message: error.message, fix: error.fix))
            }
            onApplied("Applied the custom policy \(plan.policyId) to \(service.name): wrote \(change.edits.map(\.path).joined(separator: ", ")).")
            return .pop
        })
    }
}
