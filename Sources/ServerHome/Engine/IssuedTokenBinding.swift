import Foundation
import KeyMaterial

/// What a SecurityContextToken the console issued is good for: the service that issued it, under the policy that
/// service had then. Kept with the token in the home; a service accepts only the tokens bound to it as it is now.
///
/// A token stands for the bootstrap authentication it was issued after: scenario 12 issues one to anyone, 14 only to
/// an X.509 client with an allowed role. The home keeps the tokens of all its services in one folder, so without the
/// service's name an anonymous token of one service opened every other. The policy is bound too, as a digest of the
/// whole policy file: it holds the bootstrap policy, the roles allowed and the binding the token's key protects, and
/// tightening any of them must not leave tokens issued under the looser policy alive (for up to a day, `--lifetime`).
/// A policy rewritten with no real change voids its tokens as well; that costs each client one new token, the safe side.
public struct IssuedTokenBinding: Sendable, Equatable {
    /// The issuing service's name.
    public let service: String
    /// SHA-256 of the issuing service's policy file, lowercase hex.
    public let policyDigest: String

    /// The binding to `service` as its policy file reads now.
    public init(service: String, policyText: String) {
        self.init(service: service, policyDigest: Hex.encode(Digest.sha256(Data(policyText.utf8))))
    }

    init(service: String, policyDigest: String) {
        self.service = service
        self.policyDigest = policyDigest
    }

    /// Why this service refuses token `identifier`, bound to `issued` (nil: kept without a binding), with the fix.
    func refusal(of identifier: String, issued: IssuedTokenBinding?) -> String {
        let newToken = "wssconsole message token --service \(service) --session FILE RST.xml"
        guard let issued else {
            return "The SecurityContextToken \(identifier) was kept by an earlier wssconsole that did not record which service issued it, "
                + "so no service accepts it; get a new token: \(newToken)"
        }
        if issued.service != service {
            return "The SecurityContextToken \(identifier) was issued by \(issued.service), not \(service): a token is accepted only by "
                + "the service that issued it; ask \(service) for its own token: \(newToken)"
        }
        return "The SecurityContextToken \(identifier) was issued by \(service) under an earlier policy (the policy changed since), "
            + "so it is no longer accepted; get a new token: \(newToken)"
    }
}
