import Foundation
import WSSecurity

/// The roles allowed to call a UsernameToken service (scenarios 1, 7, 8, 14, 15), as an operator gives them: `wssconsole
/// apply --roles` and the console's roles form read them with the same rule. Micro Integrator splits the allowed-roles
/// property at commas and compares each name as written, so a name with blanks around it, or an empty one, matches no
/// user's role: such a list is refused rather than written.
public enum AllowedRoles {
    /// Why a list of roles is refused: the name Micro Integrator could never match.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let name: String

        public var description: String {
            if isBare(name) {
                return "\(name.debugDescription) holds a control character, which no role name has and the policy file cannot carry"
            }
            return (name.isEmpty ? "an empty name" : "\"\(name)\" has spaces around it")
                + "; Micro Integrator compares names as written: separate them with a bare comma"
        }
    }

    /// The names of `text`, split at its commas ("admin,operator"); "" names none, which lets every authenticated
    /// user call.
    public static func parse(_ text: String) throws(Refusal) -> [String] {
        guard !text.isEmpty else { return [] }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // A control character (one the console cannot type) would make the policy file unreadable XML.
        if let bad = names.first(where: { !isBare($0) || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) {
            throw Refusal(name: bad)
        }
        return names
    }

    /// True for a name Micro Integrator can match: not empty, no blank at either end.
    static func isBare(_ name: String) -> Bool {
        !name.isEmpty && name == name.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Who a service lets in now, and the roles the user store knows: what the console's roles form starts from.
public struct ServiceRoles: Sendable, Equatable {
    /// The roles the service's policy allows, as written; empty when it names none (every authenticated user, or no
    /// policy), `[""]` for a property naming no role (nobody).
    public let policy: [String]
    /// The proxy's `allowRoles` parameter, which Micro Integrator joins to them, or uses alone when the policy names none.
    public let proxyParameter: [String]
    /// The embedded user store's roles; nil when users come from elsewhere (an LDAP directory is asked off the input
    /// loop, by the users screen) or the store cannot be read.
    public let known: [String]?
    /// Whether Micro Integrator matches names whatever their case (`case_insensitive_role_name_check`).
    public let caseInsensitive: Bool

    /// The names of `roles` the embedded store does not hold; none when its roles are not known here.
    public func unknown(_ roles: [String]) -> [String] {
        guard let known else { return [] }
        return roles.filter { role in !known.contains { caseInsensitive ? $0.lowercased() == role.lowercased() : $0 == role } }
    }
}

extension Home {
    /// The roles `serviceName` lets in now (the ones a scenario applied without new roles keeps) and the store's roles.
    public func allowedRoles(of serviceName: String) -> ServiceRoles {
        let granted = (try? service(named: serviceName)).map(grantedRoles(of:))
        let settings = try? settings()
        let embedded = (try? usesLDAPUserStore()) == false && settings?.userStoreType == "embedded"
        return ServiceRoles(policy: granted?.policy ?? [], proxyParameter: granted?.proxyParameter ?? [],
                            known: embedded ? (try? embeddedUserStore())?.roles : nil,
                            caseInsensitive: settings?.caseInsensitiveRoleNames ?? false)
    }

    /// The roles `service`'s policy and its proxy's `allowRoles` parameter let in, without the store: what goes
    /// through every service asks this, since reading the store again for each took seconds on a large one.
    func grantedRoles(of service: Service) -> (policy: [String], proxyParameter: [String]) {
        (writtenPolicy(of: service)?.carbon?.allowedRoles ?? [],
         // Split as Micro Integrator splits it: trimmed whole, names kept as written.
         proxyAllowRoles(of: service).map { $0.trimmingCharacters(in: .whitespaces).split(separator: ",").map(String.init) } ?? [])
    }
}
