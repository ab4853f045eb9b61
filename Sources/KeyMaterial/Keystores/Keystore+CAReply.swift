import COpenSSL
import Foundation

extension Keystore {
    /// What a CA reply installed.
    public struct CAReplyImport: Sendable {
        /// The entry's new chain, leaf first.
        public let chain: [Certificate]
        /// The chain ends in a certificate the store trusts (otherwise in a self-signed root only the reply vouches for).
        public let rootTrusted: Bool
    }

    /// Replaces the chain of key entry `alias` with a CA's reply: its certificates in any order, as `Certificate.all(from:)`
    /// reads them from PEM, DER or PKCS #7.
    ///
    /// The reply's leaf must carry the entry's public key; each certificate must be signed by the next. A chain
    /// that stops below a root is completed from the store's trusted entries, as keytool does.
    @discardableResult
    public mutating func importCAReply(alias: String, reply: [Certificate]) throws -> CAReplyImport {
        let index = try index(of: alias)
        let entry = entries[index]
        guard entry.kind == .privateKey, let current = entry.certificate else {
            throw KeyMaterialError.invalidArgument("\(entry.alias) is a trusted certificate; a CA reply goes onto a key entry")
        }
        // The key itself when open: an entry whose certificate does not match its key is repaired this way.
        let carriesKey: (Certificate) -> Bool = { candidate in entry.privateKey.map(candidate.carries) ?? candidate.hasSamePublicKey(as: current) }
        guard let leaf = reply.first(where: carriesKey) else {
            throw KeyMaterialError.invalidArgument("no certificate of the reply carries the public key of \(entry.alias): the reply is for another key")
        }
        var chain = [leaf]
        var pool = reply.filter { $0 != leaf }
        let trusted = entries.filter { $0.kind == .trustedCertificate }.compactMap(\.certificate)
        var rootTrusted = false
        while let last = chain.last {
            if chain.count > 1, trusted.contains(last) { rootTrusted = true; break }
            if last.isSelfIssued && last.isSignedBy(last) { break }
            guard chain.count < 16 else { throw KeyMaterialError.invalidArgument("the reply's chain is longer than 16 certificates") }
            if let next = pool.firstIndex(where: { last.isSignedBy($0) }) {
                chain.append(pool.remove(at: next))
            } else if let anchor = trusted.first(where: { last.isSignedBy($0) }) {
                chain.append(anchor)
            } else {
                let named = pool.isEmpty ? "" : " (the reply's other certificates do not sign it)"
                throw KeyMaterialError.invalidArgument(
                    "cannot establish the chain: the issuer \(last.issuer) of \(last.subject) is neither in the reply nor trusted by the store\(named); import the CA certificate first")
            }
        }
        guard pool.isEmpty else {
            throw KeyMaterialError.invalidArgument("the reply holds certificates outside the chain: \(pool.map(\.subject).joined(separator: "; "))")
        }
        entries[index].chain = chain
        return CAReplyImport(chain: chain, rootTrusted: rootTrusted)
    }
}

extension Certificate {
    /// True when this certificate carries `key`'s public key.
    func carries(_ key: PrivateKey) -> Bool { key.matches(self) }

    /// True when both certificates carry the same public key.
    public func hasSamePublicKey(as other: Certificate) -> Bool {
        guard let mine = X509_get0_pubkey(x509), let theirs = X509_get0_pubkey(other.x509) else { return false }
        let result = EVP_PKEY_eq(mine, theirs) == 1
        OpenSSLErrors.clear()
        return result
    }

    /// True when `issuer`'s key verifies this certificate's signature and its name is this one's issuer.
    public func isSignedBy(_ issuer: Certificate) -> Bool {
        guard X509_NAME_cmp(X509_get_issuer_name(x509), X509_get_subject_name(issuer.x509)) == 0,
              let key = X509_get0_pubkey(issuer.x509) else { return false }
        let result = X509_verify(x509, key) == 1
        OpenSSLErrors.clear()
        return result
    }
}
