import Foundation
import KeyMaterial
import UserStores
import WSSecurity

/// One user tested end to end, the way Micro Integrator would: the password against the configured store, the
/// user's roles, and each UsernameToken service's allowed roles. Each failure names its reason, which is what
/// "The security token could not be authenticated or authorized" hides.
public struct UserCheckReport: Sendable {
    /// One service (or the roles given on the command line) checked against the user's roles.
    public struct ServiceCheck: Sendable {
        /// The service name, or "(given roles)".
        public let service: String
        public let allowedRoles: [String]
        public let decision: RoleDecision
    }

    /// The name as typed.
    public let user: String
    /// Which store answered ("embedded conf/userstore.xml", "LDAP ldaps://...").
    public let store: String
    /// The store's answer; nil when it could not be asked.
    public let authentication: AuthenticationResult?
    /// Why the store could not be asked.
    public let storeError: String?
    /// For LDAP, the staged connection test run when the store could not be asked: it names the failing step.
    public let connection: ConnectionTestReport?
    /// Role checks, after a successful authentication.
    public let roleChecks: [ServiceCheck]
    /// The store is an LDAP directory (it, not wssconsole, compares the names).
    public var ldap = false
    /// Set when a role check refused the user and the directory had cut the user's roles short: the role may be
    /// among those it did not return.
    public internal(set) var rolesCut: ServerLimit?

    /// Why the store refused the user, in the terms of that store, the commands it suggests naming the home; nil when
    /// it did not refuse.
    public internal(set) var rejection: String?

    /// True when the user authenticates and every role check allows it.
    public var passed: Bool { authentication?.isAuthenticated == true && roleChecks.allSatisfy { $0.decision.permits } }

    /// One line for people.
    public var verdict: String {
        if let storeError { return "the user store could not be asked: \(storeError)" }
        switch authentication {
        case .authenticated(let name, _)?:
            let denied = roleChecks.filter { !$0.decision.permits }.map(\.service)
            // Not the roles: the report shows them once, beside the verdict (user0 of a large directory holds 600).
            let base = (name == user ? user : "\(user) (the store's name: \(name))") + " authenticates"
            guard !denied.isEmpty else { return base }
            let cut = rolesCut.map { "; \($0.rolesNote): \($0.fix)" } ?? ""
            return base + "; refused by \(denied.joined(separator: ", "))" + cut
        case .rejected?:
            return "rejected: \(rejection ?? "")"
        case nil:
            return "not checked"
        }
    }
}

extension Home {
    /// Checks `credentials` against the home's user store and the allowed roles of `services` (nil: every service
    /// that authenticates users, by a UsernameToken scenario or a custom policy) and of `roles` when given. Blocking (LDAP): seconds at most.
    public func checkUser(_ credentials: UsernameTokenCredentials, services: [String]? = nil, roles: [String]? = nil) -> UserCheckReport {
        var report = checkUserAgainstStore(credentials, services: services, roles: roles)
        report.ldap = (try? usesLDAPUserStore()) == true
        if case .rejected(let failure)? = report.authentication {
            report.rejection = commandsNamingHome(failure.storeExplanation(ldap: report.ldap))
        }
        return report
    }

    private func checkUserAgainstStore(_ credentials: UsernameTokenCredentials, services: [String]?, roles: [String]?) -> UserCheckReport {
        let description = userStoreDescription()
        let store: any UserStore
        let result: AuthenticationResult
        do {
            store = try userStore()
            result = try store.authenticate(credentials)
        } catch {
            let reason = (error as? UserStoresError)?.reason ?? "\(error)"
            let connection = ((try? usesLDAPUserStore()) == true) ? try? testLDAP() : nil
            return UserCheckReport(user: credentials.user, store: description, authentication: nil,
                                   storeError: connection?.failure.map { "\($0.kind.title): \($0.summary)" } ?? reason,
                                   connection: connection, roleChecks: [])
        }
        guard case .authenticated(_, let userRoles) = result else {
            return UserCheckReport(user: credentials.user, store: description, authentication: result, storeError: nil, connection: nil, roleChecks: [])
        }
        let caseInsensitive = (try? settings().caseInsensitiveRoleNames) ?? false
        var checks: [UserCheckReport.ServiceCheck] = []
        if let roles {
            checks.append(.init(service: "(given roles)", allowedRoles: roles,
                                decision: RoleCheck(allowed: roles, caseInsensitive: caseInsensitive).decide(roles: userRoles)))
        }
        for (service, allowed) in allowedRoles(of: services ?? (roles == nil ? nil : [])) {
            checks.append(.init(service: service, allowedRoles: allowed,
                                decision: RoleCheck(allowed: allowed, caseInsensitive: caseInsensitive).decide(roles: userRoles)))
        }
        var report = UserCheckReport(user: credentials.user, store: description, authentication: result, storeError: nil, connection: nil,
                                     roleChecks: checks)
        if !report.passed, case .authenticated(let name, _) = result { report.rolesCut = store.rolesCut(of: name) }
        return report
    }

    /// Whether the service's policy authenticates a user (a UsernameToken): only then does checking a user say
    /// anything of it.
    public func authenticatesUsers(_ service: Service) -> Bool {
        switch service.security {
        case .scenario(let number, _):
            return ScenarioCatalogue.scenario(number)?.requirements.contains(.userStore) ?? false
        case .custom:
            guard let policy = (try? policyText(of: service)).flatMap({ try? enforcedPolicy(of: service, text: $0) }) else { return false }
            return PolicyNeeds(custom: policy).requirements.contains(.userStore)
        case .unsecured, .unreadable:
            return false
        }
    }

    /// Allowed roles per service: the named services, or (nil) every service that authenticates users.
    func allowedRoles(of names: [String]?) -> [(String, [String])] {
        let chosen = services().filter { service in names.map { $0.contains(service.name) } ?? authenticatesUsers(service) }
        return chosen.map { service in
            let policy = (try? policyText(of: service)).flatMap { try? enforcedPolicy(of: service, text: $0) }
            return (service.name, policy?.carbon?.allowedRoles ?? [])
        }
    }
}
