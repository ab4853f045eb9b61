/// The 16 WSO2 scenarios: the one place that defines them. Policies, the TUI and the CLI all read this table.
public enum ScenarioCatalogue {
    private typealias P = ScenarioPolicies

    /// All scenarios, by number.
    public static let all: [Scenario] = [
        Scenario(number: 1, wsuId: "UTOverTransport", name: "UsernameToken", listName: "UsernameToken",
                 protects: "Who calls: each request carries a user name and password, checked against the user store. HTTPS keeps the whole exchange confidential and intact.",
                 clientNeeds: "An HTTPS endpoint and a user name and password of a user with an allowed role.",
                 diagram: ["client --HTTPS [UsernameToken]--> service", "service checks user + role"],
                 requirements: [.https, .userStore], alternative: P.transportUsername),
        Scenario(number: 2, wsuId: "SigOnly", name: "Non-repudiation", listName: "Non-repudiation",
                 protects: "Proof of origin and integrity: the client signs the body and timestamp with its own key, so it cannot deny the request. Nothing is encrypted.",
                 clientNeeds: "Its own key pair, with its certificate trusted by the service, and the service's certificate.",
                 diagram: ["client --sign(client key)--> service", "client <--sign(service key)-- service"],
                 requirements: [.serviceKeyPair, .trustedClients], alternative: PolicyAlternative(
                    binding: P.asymmetric(initiator: .alwaysToRecipient), wss10: P.wss10, signedParts: MessageParts())),
        Scenario(number: 3, wsuId: "SgnOnlyAnonymous", name: "Integrity", listName: "Integrity",
                 protects: "Integrity only: the body is signed with a key only client and service share, so tampering is detected. Clients stay anonymous; nothing is encrypted.",
                 clientNeeds: "The service's certificate (to send it a fresh key). No client key pair.",
                 diagram: ["client --key(for service cert) + HMAC--> service"],
                 requirements: [.serviceKeyPair], alternative: P.anonymousSymmetric(sign: true, encrypt: false)),
        Scenario(number: 4, wsuId: "EncrOnlyAnonymous", name: "Confidentiality", listName: "Confidentiality",
                 protects: "Confidentiality only: the body is encrypted for the service, so only it can read it. Clients stay anonymous; messages are not signed.",
                 clientNeeds: "The service's certificate. No client key pair.",
                 diagram: ["client --encrypt(key for service cert)--> service"],
                 requirements: [.serviceKeyPair], alternative: P.anonymousSymmetric(sign: false, encrypt: true)),
        Scenario(number: 5, wsuId: "SigEncr", name: "Sign and Encrypt - X509 Authentication", listName: "Sign & Encrypt - X509",
                 protects: "Integrity, confidentiality and proof of origin: the client signs with its key and encrypts for the service; the service answers likewise.",
                 clientNeeds: "Its own key pair, with its certificate trusted by the service, and the service's certificate.",
                 diagram: ["client --sign(client) + encrypt(service)--> service", "client <--sign(service) + encrypt(client)-- service"],
                 requirements: [.serviceKeyPair, .trustedClients], alternative: PolicyAlternative(
                    binding: P.asymmetric(initiator: .alwaysToRecipient), wss10: P.wss10, wss11: P.allWss11,
                    signedParts: MessageParts(), encryptedParts: MessageParts())),
        Scenario(number: 6, wsuId: "SgnEncrAnonymous", name: "Sign and Encrypt - Anonymous clients", listName: "Sign & Encrypt - Anonymous",
                 protects: "Integrity and confidentiality for anonymous clients: a fresh key, sent encrypted for the service, signs and encrypts the body.",
                 clientNeeds: "The service's certificate. No client key pair.",
                 diagram: ["client --key(for service cert): HMAC + encrypt--> service"],
                 requirements: [.serviceKeyPair], alternative: P.anonymousSymmetric(sign: true, encrypt: true)),
        Scenario(number: 7, wsuId: "EncrOnlyUsername", name: "Encrypt only - Username Token Authentication", listName: "Encrypt only - Username",
                 protects: "Confidentiality and who calls: the body is encrypted for the service, and a signed UsernameToken identifies the user.",
                 clientNeeds: "The service's certificate and a user name and password of a user with an allowed role.",
                 diagram: ["client --encrypt(service) + [UsernameToken]--> service", "service checks user + role"],
                 requirements: [.serviceKeyPair, .userStore], alternative: P.anonymousSymmetric(sign: false, encrypt: true, username: true)),
        Scenario(number: 8, wsuId: "SgnEncrUsername", name: "Sign and Encrypt - Username Token Authentication", listName: "Sign & Encrypt - Username",
                 protects: "Integrity, confidentiality and who calls: the body is signed and encrypted with a key for the service, and a UsernameToken identifies the user.",
                 clientNeeds: "The service's certificate and a user name and password of a user with an allowed role.",
                 diagram: ["client --HMAC + encrypt(service) + [UsernameToken]--> service", "service checks user + role"],
                 requirements: [.serviceKeyPair, .userStore], alternative: P.anonymousSymmetric(sign: true, encrypt: true, username: true)),
        secureConversation(9, "SecConSignOnly", "Sign only", "X509 Authentication", bootstrap: P.bootstrapX509, sign: true, encrypt: false),
        secureConversation(10, "SecConEncrOnly", "Encrypt only", "X509 Authentication", bootstrap: P.bootstrapX509, sign: false, encrypt: true),
        secureConversation(11, "SecConSgnEncr", "Sign and Encrypt", "X509 Authentication", bootstrap: P.bootstrapX509, sign: true, encrypt: true),
        secureConversation(12, "SecConSignOnlyAnonymous", "Sign Only", "Anonymous clients", bootstrap: P.bootstrapAnonymous, sign: true, encrypt: false),
        // WSO2's file for 13 signs and encrypts despite its "EncrOnly" id; the catalogue follows the file.
        secureConversation(13, "SecConEncrOnlyAnonymous", "Encrypt Only", "Anonymous clients", bootstrap: P.bootstrapAnonymous, sign: true, encrypt: true),
        secureConversation(14, "SecConEncrUsername", "Encrypt Only", "Username Token Authentication", bootstrap: P.bootstrapUsername, sign: false, encrypt: true),
        secureConversation(15, "SecConSgnEncrUsername", "Sign and Encrypt", "Username Token Authentication", bootstrap: P.bootstrapUsername, sign: true, encrypt: true),
        Scenario(number: 16, wsuId: "kerberossignandencrypt", name: "Kerberos Token-based Security", listName: "Kerberos Token-based Security",
                 protects: "Who calls, by Kerberos: the client presents a service ticket from the KDC, and the ticket's session key signs the body and timestamp.",
                 clientNeeds: "A Kerberos principal in the same realm (or a trusted one) and the service principal name. The service needs a KDC, its principal, krb5.conf and jaas.conf.",
                 diagram: ["client --AP-REQ(ticket) + HMAC(session key)--> service", "KDC issues the ticket for the service principal"],
                 requirements: [.kerberos], alternative: P.kerberos),
    ]

    /// The scenario numbered `number`, or nil outside 1...16.
    public static func scenario(_ number: Int) -> Scenario? {
        all.indices.contains(number - 1) ? all[number - 1] : nil
    }

    /// The scenario whose policy carries this `wsu:Id`.
    public static func scenario(wsuId: String) -> Scenario? {
        all.first { $0.wsuId == wsuId }
    }

    private static func secureConversation(_ number: Int, _ wsuId: String, _ protection: String, _ bootstrapAuth: String,
                                           bootstrap: PolicyAlternative, sign: Bool, encrypt: Bool) -> Scenario {
        let what = [sign ? "signed" : nil, encrypt ? "encrypted" : nil].compactMap { $0 }.joined(separator: " and ")
        let (who, needs, extra, client): (String, String, Set<Scenario.Requirement>, String) = switch bootstrapAuth {
        case "X509 Authentication":
            ("the client proves itself with its X.509 key", "Its own key pair, with its certificate already held by the service, and the service's certificate.", [.trustedClients], "X509")
        case "Username Token Authentication":
            ("the client proves itself with a user name and password", "The service's certificate and a user name and password of a user with an allowed role.", [.userStore], "Username")
        default:
            ("the client stays anonymous", "The service's certificate. No client key pair.", [], "Anonymous")
        }
        // WSO2 writes "Sign Only" for 12 and "Sign only" for 9; the list says it one way.
        let listProtection = protection.replacing("Sign and", with: "Sign &").replacing(" Only", with: " only")
        return Scenario(
            number: number, wsuId: wsuId,
            name: "SecureConversation - \(protection) - Service as STS - Bootstrap policy - Sign and Encrypt , \(bootstrapAuth)",
            listName: "SecConv \(listProtection) - \(client)",
            protects: "A session: the client first asks the service (acting as STS) for a security context token, in a request that is signed and encrypted and where \(who). Later messages are \(what) with the session key, which is cheaper than public-key operations per message.",
            clientNeeds: needs + " A client that supports WS-SecureConversation (WS-Trust 2005/02).",
            diagram: ["client --RST (bootstrap: sign+encrypt)--> service (STS)", "client <--RSTR: context token + entropy-- service",
                      "client --\(sign ? "HMAC" : "")\(sign && encrypt ? " + " : "")\(encrypt ? "encrypt" : "")(session key)--> service"],
            requirements: Set<Scenario.Requirement>([.serviceKeyPair, .secureConversation]).union(extra),
            alternative: P.secureConversation(bootstrap: bootstrap, sign: sign, encrypt: encrypt))
    }
}
