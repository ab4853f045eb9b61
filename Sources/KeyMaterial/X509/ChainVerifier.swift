import COpenSSL
import CShims
import Foundation

/// Whether a certificate chains to a trust anchor, by OpenSSL's `X509_verify_cert`: the one place that decides
/// trust, for validation's findings and the engine's inbound signers.
///
/// Any anchor ends a chain, self-signed or not (`X509_V_FLAG_PARTIAL_CHAIN`), as a Java truststore's entries do.
/// Intermediates come from wherever the caller has them (a message's tokens, a keystore's chains) and are
/// never trusted by themselves. Every certificate's dates are checked at the caller's time; no purpose is
/// enforced, since WS-Security signing certificates rarely carry one.
public struct ChainVerifier: Sendable {
    /// The certificates trusted as they are.
    public var anchors: [Certificate]
    /// Certificates that may link a signer to an anchor.
    public var intermediates: [Certificate]

    public init(anchors: [Certificate], intermediates: [Certificate] = []) {
        self.anchors = anchors
        self.intermediates = intermediates
    }

    /// Why a chain was refused, with the certificate at fault.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Reason: String, Sendable {
            case expired, notYetValid, badSignature, untrustedRoot, unknownIssuer, notACA, other
        }
        public let reason: Reason
        /// The subject of the certificate where the chain broke.
        public let subject: String
        /// A sentence for people: what broke, where.
        public let description: String
    }

    /// The chain from `certificate` to an anchor, leaf first, or why there is none at `time`.
    public func verify(_ certificate: Certificate, at time: Date) -> Result<[Certificate], Failure> {
        // A trusted certificate used as it is, the common case once per message, needs only its dates: what
        // X509_verify_cert concludes for it under PARTIAL_CHAIN, without a store built for every message.
        if anchors.contains(certificate) {
            if time < certificate.notBefore { return .failure(.notYetValid(certificate)) }
            if time > certificate.notAfter { return .failure(.expired(certificate)) }
            return .success([certificate])
        }
        guard let store = X509_STORE_new() else { return .failure(Failure(reason: .other, subject: certificate.subject, description: "out of memory")) }
        defer { X509_STORE_free(store) }
        for anchor in anchors { _ = X509_STORE_add_cert(store, anchor.x509) }  // duplicates are refused harmlessly
        let untrusted = cs_sk_X509_new_null()
        defer { cs_sk_X509_pop_free(untrusted) }
        for certificate in intermediates where X509_up_ref(certificate.x509) == 1 {
            if cs_sk_X509_push(untrusted, certificate.x509) == 0 { X509_free(certificate.x509) }
        }
        guard let context = X509_STORE_CTX_new() else { return .failure(Failure(reason: .other, subject: certificate.subject, description: "out of memory")) }
        defer { X509_STORE_CTX_free(context) }
        defer { OpenSSLErrors.clear() }
        guard X509_STORE_CTX_init(context, store, certificate.x509, untrusted) == 1 else {
            return .failure(Failure(reason: .other, subject: certificate.subject, description: OpenSSLErrors.appending(to: "cannot set up chain verification")))
        }
        let parameters = X509_STORE_CTX_get0_param(context)
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970.rounded(.down)))
        X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        if X509_verify_cert(context) == 1 {
            return .success(chain(of: context, leaf: certificate))
        }
        return .failure(failure(of: context, leaf: certificate))
    }

    /// The verified chain as the caller's own certificates.
    private func chain(of context: OpaquePointer, leaf: Certificate) -> [Certificate] {
        guard let stack = X509_STORE_CTX_get0_chain(context) else { return [leaf] }
        let known = [leaf] + intermediates + anchors
        return (0..<cs_sk_X509_num(stack)).compactMap { index in
            guard let x509 = cs_sk_X509_value(stack, index) else { return nil }
            return known.first { X509_cmp($0.x509, x509) == 0 }
        }
    }

    private func failure(of context: OpaquePointer, leaf: Certificate) -> Failure {
        let code = X509_STORE_CTX_get_error(context)
        let at = X509_STORE_CTX_get_current_cert(context).flatMap(X509_dup).map { Certificate(owning: $0) } ?? leaf
        let subject = at.subject
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED: return .expired(at)
        case X509_V_ERR_CERT_NOT_YET_VALID: return .notYetValid(at)
        case X509_V_ERR_CERT_SIGNATURE_FAILURE, X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
            return Failure(reason: .badSignature, subject: subject, description: "the signature on \(subject) does not verify with its issuer's key")
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
            return Failure(reason: .untrustedRoot, subject: subject, description: "the chain ends in \(subject), a root that is not trusted")
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            return Failure(reason: .unknownIssuer, subject: subject,
                           description: "the issuer \(at.issuer) of \(subject) is neither trusted nor among the certificates at hand")
        case X509_V_ERR_INVALID_CA:
            return Failure(reason: .notACA, subject: subject, description: "\(subject) issues certificates but is not a CA (basicConstraints)")
        default:
            let text = X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
            return Failure(reason: .other, subject: subject, description: "\(subject): \(text)")
        }
    }
}

extension ChainVerifier.Failure {
    static func expired(_ at: Certificate) -> Self {
        Self(reason: .expired, subject: at.subject, description: "\(at.subject) expired on \(DisplayDate.time(at.notAfter))")
    }

    static func notYetValid(_ at: Certificate) -> Self {
        Self(reason: .notYetValid, subject: at.subject, description: "\(at.subject) is not valid before \(DisplayDate.time(at.notBefore))")
    }
}
