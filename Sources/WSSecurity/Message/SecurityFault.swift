import KeyMaterial
import SecureXML

/// Why the engine refused a message (inbound) or could not secure one (outbound); each code is one of the
/// standard WS-Security SOAP fault codes, so a service can answer with the fault a peer such as Rampart expects.
///
/// Callers and tests branch on ``code``; ``message`` is for the operator's log, never for the peer (it may say
/// which user or which check failed).
public struct SecurityFault: Error, Sendable, CustomStringConvertible {
    /// The WS-Security 1.0 fault codes (section 12), plus the engine's own for what it has not built.
    public enum Code: String, Sendable, CaseIterable {
        /// wsse:UnsupportedSecurityToken: a token type this engine does not process.
        case unsupportedSecurityToken = "UnsupportedSecurityToken"
        /// wsse:UnsupportedAlgorithm: an algorithm outside (or weaker than) the policy's suite.
        case unsupportedAlgorithm = "UnsupportedAlgorithm"
        /// wsse:InvalidSecurity: the header is missing, malformed, replayed (a nonce seen before), or does not conform to the policy.
        case invalidSecurity = "InvalidSecurity"
        /// wsse:InvalidSecurityToken: a token is malformed or not trusted.
        case invalidSecurityToken = "InvalidSecurityToken"
        /// wsse:FailedAuthentication: the user name and password, or the role check, failed.
        case failedAuthentication = "FailedAuthentication"
        /// wsse:FailedCheck: a signature or decryption did not verify.
        case failedCheck = "FailedCheck"
        /// wsse:SecurityTokenUnavailable: a referenced token (a key, a certificate) cannot be found.
        case securityTokenUnavailable = "SecurityTokenUnavailable"
        /// wsu:MessageExpired: the timestamp is stale or in the future beyond the skew.
        case messageExpired = "MessageExpired"
        /// Not a wire fault: the policy needs something this engine does not implement yet.
        case notImplemented = "NotImplemented"
        /// Not a wire fault: the context lacks what the policy needs (a key, a password, a user store).
        case misconfigured = "Misconfigured"
    }

    /// What went wrong.
    public let code: Code
    /// A sentence for the operator.
    public let message: String
    /// Where the fault was raised (file:line), for bug reports.
    public let location: String
    /// Whose credentials an authentication fault refused, for a fix that names the right setting.
    public let refused: Refused?
    /// What the operator can do, when the part that refused knows it better than the code says (a Kerberos
    /// acceptor: a stale keytab, a skewed clock).
    public let fix: String?
    /// Set when the message's own text was refused before any security processing: outbound, the message is the
    /// operator's file (`message secure`), so this is said as a problem of that file, not as a fault.
    public let unreadable: Unreadable?

    /// Why the message's text is not a SOAP envelope the engine reads.
    public enum Unreadable: Sendable {
        /// Not XML the safe parser accepts (not well-formed, a DOCTYPE, a processing instruction, over a limit): its
        /// error, which places the problem (line, column) without quoting the text.
        case xml(XMLError)
        /// XML whose root element, on `line`, is no SOAP 1.1 or 1.2 Envelope (a payload alone, say).
        case notEnvelope(line: Int)
        /// An Envelope, on `line`, that does not hold an optional Header and then exactly one Body.
        case envelopeLayout(line: Int)
    }

    /// The credentials behind a wsse:FailedAuthentication.
    public enum Refused: Sendable {
        /// A signing certificate the receiver does not trust.
        case certificate
        /// A user: the password or the allowed roles.
        case user
        /// No user at all: the user store could not be asked (an LDAP directory down, a damaged store file).
        case userStore
    }

    /// A fault with `code`; `message` is for the operator. Both texts are kept printable: they quote what the message
    /// said (an identifier, a user name) before anything in it is verified, and a line break there would forge a line
    /// of the verdict ("accepted ...").
    public init(_ code: Code, _ message: String, refused: Refused? = nil, fix: String? = nil, unreadable: Unreadable? = nil,
                file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = PrintableText.escaped(message)
        self.refused = refused
        self.fix = fix.map(PrintableText.escaped)
        self.unreadable = unreadable
        self.location = "\(file):\(line)"
    }

    /// A message the safe parser refuses (not well-formed, over a limit, a DOCTYPE): by the engine as it parses, by a
    /// reader that stops at the size limit before that.
    public static func unacceptableXML(_ error: XMLError) -> SecurityFault {
        SecurityFault(.invalidSecurity, "The message is not acceptable XML: \(error.description)", unreadable: .xml(error))
    }

    /// The SOAP fault code as a prefixed QName: "wsse:FailedCheck", "wsu:MessageExpired".
    public var faultCode: String {
        switch code {
        case .messageExpired: "wsu:MessageExpired"
        case .notImplemented, .misconfigured: "wsse:InvalidSecurity"
        default: "wsse:" + code.rawValue
        }
    }

    /// The namespace of ``faultCode``'s prefix.
    public var faultCodeNamespace: String {
        code == .messageExpired ? WSS.wsu : WSS.wsse
    }

    public var description: String { "\(faultCode): \(message)" }
}
