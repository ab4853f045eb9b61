import CKerberos
import Foundation

/// The client's tickets for one token: a login and a ticket for the service, made with the home's krb5.conf, kept
/// in a private in-memory cache until the token is made.
final class TicketCache {
    private let context: KerberosContext
    let cache: krb5_ccache
    /// The client principal as the KDC named it.
    let client: String

    init(configPath: String, client: String, credential: KerberosCredential, service: String, progress: Deadline.Progress) throws(KerberosLiveError) {
        do { context = try KerberosContext(configPath: configPath) } catch {
            // The reason alone: the error's type name means nothing to an operator.
            throw KerberosLiveError(Krb5Code.badFormat, "krb5.conf cannot be read: \(error.reason)")
        }
        let exchange = KDCExchange(context: context)
        let tgt = try exchange.initialCredentials(try context.principal(client), with: credential)
        progress.step()
        (cache, _) = try exchange.cachedTicket(with: tgt, for: try context.principal(service))
        self.client = Principal(context: context, borrowing: tgt.creds.client).name
    }

    deinit { krb5_cc_destroy(context.context, cache) }
}
