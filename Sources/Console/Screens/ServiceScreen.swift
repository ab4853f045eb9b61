import ConsoleUI
import ServerHome
import WSSecurity

/// One service: the 16 scenarios by number and WSO2 name (and the service's custom policy, as a last row), the live
/// validation of the selected one (findings and self-test, made off the input loop), and a panel saying what it
/// protects and what a client needs. Enter asks what the scenario needs (the allowed roles of a UsernameToken scenario,
/// scenario 16's principal), then for confirmation, and writes the policy through `Home.planApply` and `Home.commit`.
final class ServiceScreen: View, ActionKeys {
    enum Action: Sendable { case apply, custom, remove, policy, report, scrollUp, scrollDown }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], "Apply the selected scenario to the service (asks its allowed roles or principal, then to confirm)", group: "Service",
                   action: .apply, bar: "Apply", dangerous: true),
        KeyBinding([.char("c")], "Apply a custom policy file (asks first)", group: "Service", action: .custom, dangerous: true),
        // The list has only 16 rows; paging keys serve the description, which may not fit at 80x24.
        KeyBinding([.pageUp, .char("b")], "Scroll the scenario's description up", group: "Service", action: .scrollUp),
        KeyBinding([.pageDown, .char(" ")], "Scroll the scenario's description down", group: "Service",
                   action: .scrollDown),
        KeyBinding([.char("p")], "Show the policy file the service uses now", group: "Service", action: .policy,
                   bar: "Policy"),
        KeyBinding([.char("x")], "Remove the service's security (asks first)", group: "Service", action: .remove,
                   bar: "Remove", dangerous: true),
        KeyBinding([.char("v")], "Show the selected scenario's whole validation report and self-test", group: "Service",
                   action: .report, bar: "Report"),
    ])

    let home: Home
    /// The service as last read from disk (again when its files change: see `noticeChangesOnDisk`).
    var service: Service
    /// The service's validation as the list has it, for the status line.
    private let report: () -> ValidationReport?
    let onApplied: (String) -> Void
    /// Tells the list that the service's files changed on disk, so it reads them too.
    let onChangedOnDisk: () -> Void
    let scenarios = ScenarioCatalogue.all
    /// The wsu:Id of the service's custom policy: a last row after the 16, validated as the policy it has.
    var customPolicyID: String?
    /// That policy, read once for its summary (nil when it does not read: the validation panel says why).
    var customPolicy: SecurityPolicy?
    var list: ListState
    private var search = ListSearch()
    var message: StatusText?
    var description = TextView(lines: [])
    var descriptionWidth = 0
    var validation: ScenarioValidation
    /// The roles and freshness numbers typed in the roles form while it (then its confirmation) is open: the panel
    /// validates those; `typedOnReturn` carries them across the moment between the two.
    var typed: ScenarioValidation.Typed?
    var typedOnReturn: ScenarioValidation.Typed?
    let validationMode: ValidationBoard.Mode
    /// The stamps of the service's files, compared before acting, on return and while idle.
    var watch: HomeWatch
    /// True once the service's definition is gone from disk (removed, or naming another service now).
    var isGone = false

    init(home: Home, service: Service, report: @escaping () -> ValidationReport? = { nil },
         validationMode: ValidationBoard.Mode = .background, diskCheckInterval: Duration = HomeWatch.interval,
         onChangedOnDisk: @escaping () -> Void = {}, onApplied: @escaping (String) -> Void) {
        self.home = home
        self.service = service
        self.report = report
        self.onApplied = onApplied
        self.onChangedOnDisk = onChangedOnDisk
        self.validationMode = validationMode
        validation = ScenarioValidation(home: home, service: service, mode: validationMode)
        watch = HomeWatch(home: home, services: [service], interval: diskCheckInterval)
        (customPolicyID, customPolicy) = Self.customRow(of: service, home: home)
        list = ListState(count: scenarios.count + (customPolicyID == nil ? 0 : 1))
        switch service.security {
        case .scenario(let number, _): list.select(number - 1)
        case .custom: list.select(scenarios.count)
        case .unsecured, .unreadable: break
        }
        validation.request(validationKey)
    }

    /// The custom policy's row: its wsu:Id and the policy, when the service has one.
    static func customRow(of service: Service, home: Home) -> (id: String?, policy: SecurityPolicy?) {
        guard case .custom(_, let id) = service.security else { return (nil, nil) }
        return (id, (try? home.policyText(for: service.name)).flatMap { try? PolicyReader.read(Array($0.utf8)) })
    }

    func poll() -> Bool {
        let validated = validation.takeChanges()
        return watch.isDue() && noticeChangesOnDisk() || validated
    }

    /// Back from a dialog or another screen: the service's files or the settings may have changed, so read the service
    /// again if its files did, and validate afresh.
    func didReappear() {
        (typed, typedOnReturn) = (typedOnReturn, nil)
        guard !noticeChangesOnDisk() else { return }
        validation.invalidate()
        validation.request(validationKey)
    }

    var title: String { service.name }

    var keyHelp: [KeyHelp] {
        search.isEditing ? ListSearch.typingKeyHelp
            : actionHelp + ListState.keyHelp(paging: false) + ListSearch.keyHelp()
    }

    var takesText: Bool { search.isEditing }

    func disabledReason(_ action: Action) -> String? {
        if isGone, [.apply, .custom, .remove, .policy].contains(action) { return "\(service.name) is no longer in the home" }
        // The list should not open this screen for a packaged service; should it, nothing here may write.
        if let reason = service.readOnlyReason, [.apply, .custom, .remove].contains(action) {
            return "\(service.name) is read-only: \(reason)"
        }
        return switch action {
        case .policy where service.security.policyKey == nil: "\(service.name) has no policy yet"
        case .remove where service.security == .unsecured && service.policyKeys.isEmpty: "\(service.name) is not secured"
        default: nil
        }
    }

    var status: StatusText? {
        if let shown = search.status ?? message { return shown }
        if isGone {
            return StatusText("\(service.name) is no longer in the home: \(service.path) was removed or names another service. "
                              + "Esc goes back to the list.", isError: true)
        }
        // An unsecured service has no validation state: "state -." told a newcomer nothing.
        let state = service.security == .unsecured ? "" : "; state " + (report()?.state.label ?? ServiceRows.checking)
        let note = home.readOnly ? " Read-only: nothing can be applied." : ""
        return StatusText("\(service.name): \(service.kind.label), now \(service.securityLabel)\(state).\(note)")
    }

    /// The selected scenario; nil on the custom policy's row.
    var selectedScenario: Scenario? { scenarios.indices.contains(list.selected) ? scenarios[list.selected] : nil }

    /// What the validation panel shows: the selected scenario (with the settings typed for it, while the roles form is
    /// open), or `ScenarioValidation.current` for the service's custom policy.
    var validationKey: ScenarioValidation.Key {
        ScenarioValidation.Key(scenario: selectedScenario?.number ?? ScenarioValidation.current, typed: selectedScenario == nil ? nil : typed)
    }

    /// A paste goes into the search query while it is typed; elsewhere on this screen it is ignored.
    func paste(_ paste: Paste) -> HandlerResult? { search.isEditing ? handle(.paste(paste)) : nil }

    func handle(_ key: Key) -> HandlerResult {
        let before = list.selected
        defer { if list.selected != before { validation.request(validationKey) } }
        let searched = scenarios.map { "\($0.number) \($0.listName) \($0.name) \($0.wsuId)" } + (customPolicyID.map { ["custom policy \($0)"] } ?? [])
        if let result = search.handle(key, in: searched, list: &list) {
            if list.selected != before { descriptionWidth = 0 }
            return result
        }
        if let binding = table.binding(for: key) {
            // Act on the service as it is on disk.
            message = nil
            let changed = noticeChangesOnDisk() && !isGone
            if let reason = disabledReason(binding.action) {
                let unavailable = binding.unavailable(reason)
                message = changed ? HomeWatch.reloaded("\(service.name) changed on disk", unavailable: unavailable) : unavailable
                return .redraw
            }
            return perform(binding.action)
        }
        guard list.handle(key) else { return .ignored }
        message = nil
        if list.selected != before { descriptionWidth = 0 }    // a new scenario starts at its top
        return .redraw
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        // Scenario 16 needs its service principal and how the service logs in, a UsernameToken scenario the roles
        // allowed to call, before anything is written.
        case .apply:
            guard let scenario = selectedScenario else {
                message = StatusText("\(service.name) already has this custom policy; c applies another policy file.")
                return .redraw
            }
            if scenario.number == 16 { return askKerberos() }
            return scenario.usesAllowedRoles ? askRoles(for: scenario) : confirmApply(options: ScenarioOptions())
        case .custom: return askPolicyFile()
        case .remove: return confirmRemoval()
        case .policy: return showPolicy()
        case .report: return showReport()
        case .scrollUp: return description.handle(.pageUp) ? .redraw : .handled
        case .scrollDown: return description.handle(.pageDown) ? .redraw : .handled
        }
    }

    /// `roles`: who the service lets in now, when `options` names the roles to write (the confirmation shows both).
    func confirmApply(options: ScenarioOptions, roles current: ServiceRoles? = nil) -> HandlerResult {
        guard isCurrentOnDisk() else { return .redraw }
        guard let scenario = selectedScenario else { return .handled }
        let change: Change
        do {
            change = try home.planApply(scenario: scenario.number, to: service.name, options: options)
        } catch {
            return .push(Dialog.error(title: "Cannot prepare scenario \(scenario.number)", message: error.message, fix: error.fix))
        }
        // A Change holds only the edits that write something.
        guard !change.isEmpty else {
            message = StatusText("\(service.name) already uses scenario \(scenario.number); nothing to change.")
            return .redraw
        }
        // The report of exactly what is written, once the panel has it; else the selected scenario's, without what
        // depends on the settings changed.
        let exact = validation.report(for: ScenarioValidation.Key(scenario: scenario.number, typed: ScenarioValidation.Typed(options)))
        var report = exact ?? validation.report(for: ScenarioValidation.Key(scenario: scenario.number))
        var roles: [StyledLine] = []
        if let chosen = options.allowedRoles, let current {
            roles = ChangeConfirmation.rolesLines(chosen, current: current)
            if chosen != current.policy, exact == nil { report = report.map { Self.without("roles.", findingsOf: $0) } }
        }
        if options.servicePrincipal != nil { report = report.map { Self.without("kerberos.", findingsOf: $0) } }
        roles += Self.freshnessLines(options)
        return .push(ChangeConfirmation.apply(scenario: scenario, service: service, change: change, validation: report,
                                               roles: roles, notes: home.applyNotes(for: service.name),
                                               takeover: home.serverEntryTakeover(applying: options, to: service.name)) { [self] in
            commit(change, scenario: scenario)
        })
    }

    /// The panel's report for applying with settings it was not validated with (other roles than the policy's, scenario
    /// 16's principal): what depends on them (their checks, `about` a code prefix, and the self-test, whose user must
    /// hold a role or whose principal must log in) was found for the old ones, so it is left out.
    private static func without(_ about: String, findingsOf report: ValidationReport) -> ValidationReport {
        let kept = report.findings.filter { !$0.code.hasPrefix(about) && !$0.code.hasPrefix("selftest.") }
        return ValidationReport(findings: kept, secured: true)
    }

    private func confirmRemoval() -> HandlerResult {
        guard isCurrentOnDisk() else { return .redraw }
        let change: Change
        do { change = try home.planRemoveSecurity(from: service.name) } catch {
            return .push(Dialog.error(title: "Cannot remove the security of \(service.name)", message: error.message, fix: error.fix))
        }
        return .push(ChangeConfirmation.removal(service: service, change: change) { [self] in
            do throws(HomeError) { try write(change) } catch {
                return .push(Dialog.error(title: "The security was not removed", message: error.message, fix: error.fix))
            }
            onApplied("Removed the security of \(service.name): \(change.edits.map(\.path).joined(separator: ", ")).")
            return .pop
        })
    }

    private func commit(_ change: Change, scenario: Scenario) -> HandlerResult {
        do {
            try write(change)
        } catch {
            return .push(Dialog.error(title: "Scenario \(scenario.number) was not applied", message: error.message,
                                      fix: error.fix))
        }
        let files = change.edits.map(\.path).joined(separator: ", ")
        onApplied("Applied scenario \(scenario.number) to \(service.name) (\(scenario.name)): wrote \(files).")
        return .pop
    }

    private func showPolicy() -> HandlerResult {
        do {
            let text = try home.maskedPolicyText(for: service.name)
            return .push(TextPage(title: "Policy", boxTitle: "Policy of \(service.name): \(service.security.policyKey ?? "")",
                                  text: text))
        } catch {
            message = StatusText(error.message, isError: true)
            return .redraw
        }
    }
}
