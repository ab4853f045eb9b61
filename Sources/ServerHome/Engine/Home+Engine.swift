import Foundation
import WSSecurity

/// One side of a service's exchange, ready for the engine: the policy's engine and a context built from the home.
public struct MessageSetup: Sendable {
    /// The engine for the service's policy.
    public let engine: SecurityEngine
    /// Keys, trust, credentials and user store for the role and direction asked for.
    public var context: SecurityContext
    /// Where the context's parts came from, one line each ("key pair service in keystores/...").
    public let sources: [String]
    /// The service and its policy as read for this setup: what a token the service issues is bound to, and what a
    /// token it accepts must be bound to.
    public let tokenBinding: IssuedTokenBinding
}

extension Home {
    /// The engine and context for acting as `role` on `serviceName`'s current policy. The client takes its identity
    /// from the home's `[client]` settings, with `client` options taking precedence.
    public func messageSetup(service serviceName: String, role: MessageRole, direction: MessageDirection,
                             transport: TransportKind, client: ClientIdentityOptions? = nil) throws(HomeError) -> MessageSetup {
        let service = try service(named: serviceName)
        let policy: SecurityPolicy, binding: IssuedTokenBinding
        do {
            // The binding and the engine come from the same reading of the policy file.
            let text = try policyText(of: service)
            binding = IssuedTokenBinding(service: service.name, policyText: text)
            policy = try enforcedPolicy(of: service, text: text)
        } catch let error as HomeError { throw error } catch {
            // A parse error names a line and column only: which file they are in comes first.
            throw HomeError(.policyUnreadable, "The policy of \(serviceName)\(policyPath(of: service).map { " (\($0))" } ?? "") cannot be read: \(error)",
                            fix: "Re-apply a scenario, or fix the policy file.")
        }
        // A custom policy's parties are built from what its assertions need, as its self-test's are.
        let needs = if case .scenario(let number, _) = service.security, let scenario = ScenarioCatalogue.scenario(number) {
            PolicyNeeds(scenario: scenario)
        } else {
            PolicyNeeds(custom: policy)
        }
        let parties = EngineParties(home: self, policy: policy, needs: needs, transport: transport, loader: KeystoreLoader(home: self))
        let built: Result<(SecurityContext, [String]), FindingFailure> = switch role {
        case .client: parties.client(direction: direction, options: client)
        case .service: parties.service(direction: direction)
        }
        switch built {
        case .success(let (context, sources)):
            var context = context
            // The service accepts messages under the tokens it issued in earlier runs (`message issue`), and only those.
            if role == .service, policy.bootstrapPolicy != nil { context.contextStore = issuedTokens(for: binding, now: context.now()) }
            return MessageSetup(engine: SecurityEngine(policy: policy), context: context, sources: sources, tokenBinding: binding)
        case .failure(let failure): throw HomeError(.homeUnreadable, failure.finding.message, fix: failure.finding.fix)
        }
    }
}

/// Builds the engine's contexts for both sides of one policy from the home's configuration.
struct EngineParties {
    let home: Home
    let policy: SecurityPolicy
    /// What the policy needs: which keys, trust and users the parties load.
    let needs: PolicyNeeds
    let transport: TransportKind
    /// Shared by the service's contexts, so a replayed nonce is seen.
    var replayCache: any ReplayCache = NonceCache()
    /// Opens each keystore once for both sides and both directions.
    var loader: KeystoreLoader
    /// The self-test's client, when the home configures no client keystore, signs and decrypts with the service's
    /// own key pair, which Micro Integrator trusts as it trusts every certificate of its keystore. It proves the
    /// service's keys and policy; whether real clients' certificates are trusted is the trust checks' finding.
    /// `message` never does this: a message it secures comes from a client the operator named.
    var clientMayBeTheService = false

    func service(direction: MessageDirection, requestContext: RequestContext? = nil) -> Result<(SecurityContext, [String]), FindingFailure> {
        settings().flatMap { settings in
            ServiceIdentity.load(home: home, loader: loader, settings: settings, policy: policy, needs: needs).flatMap { identity in
                var context = SecurityContext(role: .service, direction: direction, transport: transport, ownKey: identity.key,
                                              trusted: identity.trusted, userStore: identity.userStore,
                                              caseInsensitiveRoles: identity.caseInsensitiveRoles, replayCache: replayCache,
                                              requestContext: requestContext)
                context.intermediates = identity.intermediates
                var sources = identity.sources
                if policy.protectsWithKerberos && direction == .request {
                    switch KerberosParties(home: home, settings: settings, policy: policy).acceptor() {
                    case .success(let (acceptor, source)): (context.kerberosAcceptor, sources) = (acceptor, sources + [source])
                    case .failure(let failure): return .failure(failure)
                    }
                }
                return .success((context, sources))
            }
        }
    }

    func client(direction: MessageDirection, options: ClientIdentityOptions? = nil,
                requestContext: RequestContext? = nil) -> Result<(SecurityContext, [String]), FindingFailure> {
        settings().flatMap { settings in
            ClientIdentity.load(home: home, loader: loader, settings: settings, options: options,
                                requirements: needs.requirements).flatMap { identity in
                standIn(for: identity, settings: settings, options: options)
            }.flatMap { identity in
                var context = SecurityContext(role: .client, direction: direction, transport: transport, ownKey: identity.key,
                                              peerCertificate: identity.serviceCertificate, trusted: identity.trusted,
                                              username: identity.user, password: identity.password, replayCache: NonceCache(),
                                              requestContext: requestContext)
                var sources = identity.sources
                // A ticket is asked for only to secure a request; the response is keyed by the request's session key.
                if policy.protectsWithKerberos && direction == .request {
                    switch KerberosParties(home: home, settings: settings, policy: policy).ticket(options: options) {
                    case .success(let (ticket, source)): (context.kerberosTicket, sources) = (ticket, sources + [source])
                    case .failure(let failure): return .failure(failure)
                    }
                }
                return .success((context, sources))
            }
        }
    }

    /// `identity`, or the service's own key pair in its place when ``clientMayBeTheService`` and no client keystore is set.
    private func standIn(for identity: ClientIdentity, settings: ConsoleSettings,
                         options: ClientIdentityOptions?) -> Result<ClientIdentity, FindingFailure> {
        guard clientMayBeTheService, identity.key == nil, identity.serviceCertificate == nil, options?.keystore == nil,
              settings.client?.keystore == nil, needs.requirements.contains(.serviceKeyPair) else { return .success(identity) }
        return ServiceIdentity.load(home: home, loader: loader, settings: settings, policy: policy,
                                    needs: PolicyNeeds(requirements: [.serviceKeyPair], label: needs.label)).map { service in
            guard let pair = service.key, let certificate = pair.chain.first else { return identity }
            var standIn = identity
            (standIn.key, standIn.serviceCertificate, standIn.trusted) = (pair, certificate, [certificate])
            let own = service.sources.first.map { "the service's own " + $0 } ?? "the service's own key pair"
            standIn.sources.append(own + " (no client keystore in \(home.layout.settingsPath): the self-test signs as the service; "
                                   + "wssconsole client set names your clients' keys)")
            return standIn
        }
    }

    private func settings() -> Result<ConsoleSettings, FindingFailure> {
        do { return .success(try home.settings()) } catch {
            return .failure(FindingFailure(.error, "settings.unreadable", error.message, fix: error.fix))
        }
    }
}
