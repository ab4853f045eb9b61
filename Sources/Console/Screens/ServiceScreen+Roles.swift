import ConsoleUI
import ServerHome
import WSSecurity

/// A UsernameToken scenario (1, 7, 8, 14, 15) in the picker: the roles allowed to call, asked before the change is
/// planned, read by the rule `wssconsole apply --roles` uses (`AllowedRoles.parse`). The form starts from the roles
/// the service's policy grants now; letting every authenticated user call is a choice of its own, so an emptied field
/// never opens the service by accident.
extension ServiceScreen {
    static let whoMayCall = ["Only the roles below", "Every authenticated user"]

    func askRoles(for scenario: Scenario) -> HandlerResult {
        let current = home.allowedRoles(of: service.name)
        // A UsernameToken policy without roles lets every user in now: the form says so rather than ask for names.
        let everyoneNow = current.policy.isEmpty && currentScenario?.usesAllowedRoles == true
        var intro = [StyledLine("A caller must hold one of these roles. Micro Integrator splits them at commas and compares "
                                + "names as written: admin,operator.", .dim)]
        if let known = current.known {
            intro.append(StyledLine("Roles in the user store: " + (known.isEmpty ? "none yet" : known.joined(separator: ", ")) + ".", .dim))
        } else {
            intro.append(StyledLine("Users come from \(home.userStoreDescription()); U on the service list shows its roles.", .dim))
        }
        if current.policy == [""] {
            intro.append(StyledLine("The policy now names no role: Micro Integrator lets nobody in.", .warning))
        }
        if !current.proxyParameter.isEmpty {
            intro.append(StyledLine("The proxy's allowRoles parameter lets in \(current.proxyParameter.joined(separator: ",")) too.", .warning))
        }
        let freshness = home.freshness(of: service.name)
        let fields: [FormField] = [
            .choice("who", "May call", options: Self.whoMayCall, selected: everyoneNow ? 1 : 0,
                    hint: "Left/Right: only the roles below, or every user the user store authenticates"),
            .text("roles", "Roles", initial: current.policy.joined(separator: ","), hint: "Comma-separated, no spaces: admin,operator (unused if every user may call)"),
        ] + Self.freshnessFields(freshness)
        return .push(Form(title: "Scenario \(scenario.number) for \(service.name)", intro: intro,
                          remarks: { [self] values in
                              // Drawn anew as the operator types: the panel beside then validates what is typed (once
                              // the roles and numbers could be written).
                              let numbers = Self.typedFreshness(values)
                              if Self.rolesProblem(values) == nil, numbers != nil { validatePanel(typed: Self.options(values, freshness: freshness)) }
                              return Self.freshnessIntro(numbers, scenario: scenario)
                          }, fields: fields, okLabel: "Next",
                          check: { values in Self.rolesProblem(values).map { ("roles", $0) } }) { [self] values in
            let options = Self.options(values, freshness: freshness)
            let result = confirmApply(options: options, roles: current)
            // The form closes before the confirmation opens: the panel behind it goes on showing what was typed.
            if case .push = result { typedOnReturn = ScenarioValidation.Typed(options) }
            return result
        })
    }

    /// What the form's values write: the roles (none when every user may call), and only the numbers changed from
    /// the policy's `freshness` (the others stay as they are).
    static func options(_ values: FormValues, freshness: [FreshnessSetting: Int]) -> ScenarioOptions {
        let roles = values.choice("who") == 0 ? (try? AllowedRoles.parse(values.text("roles"))) ?? [] : []
        var options = ScenarioOptions(allowedRoles: roles)
        let typed = { (setting: FreshnessSetting) in Int(values.text(setting.rawValue).trimmingCharacters(in: .whitespaces)).flatMap { $0 == freshness[setting] ? nil : $0 } }
        (options.timestampTTL, options.timestampMaxSkew, options.nonceLifeTime) = (typed(.timestampTTL), typed(.timestampMaxSkew), typed(.nonceLifeTime))
        return options
    }

    /// Has the panel validate the selected scenario with `options`, once for each new set of values.
    private func validatePanel(typed options: ScenarioOptions) {
        let typed = ScenarioValidation.Typed(options)
        guard typed != self.typed else { return }
        self.typed = typed
        validation.request(validationKey)
    }

    /// Why the roles typed cannot be written: the CLI's message, or no role at all under "Only the roles below".
    static func rolesProblem(_ values: FormValues) -> String? {
        guard values.choice("who") == 0 else { return nil }
        do {
            return try AllowedRoles.parse(values.text("roles")).isEmpty
                ? "names no role; choose Every authenticated user above to let every user in" : nil
        } catch {
            return error.description
        }
    }

    /// The scenario the service uses now, if any.
    private var currentScenario: Scenario? {
        if case .scenario(let number, _) = service.security { ScenarioCatalogue.scenario(number) } else { nil }
    }
}
