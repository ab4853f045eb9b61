import COpenSSL
import CShims
import Foundation

extension Keystore {
    /// A PKCS #10 request (PEM) for the key of `alias`: the subject and subject alternative names of its
    /// current certificate, signed with SHA-256 (SHA-384 for P-384), as `keytool -certreq` makes it.
    public func certificateSigningRequest(alias: String) throws -> String {
        let entry = entries[try index(of: alias)]
        guard let key = entry.privateKey, let certificate = entry.certificate else {
            throw entry.kind == .privateKey ? KeyMaterialError.keyPasswordNeeded(entry.alias)
                : KeyMaterialError.invalidArgument("\(entry.alias) is a trusted certificate; a request needs a key entry")
        }
        guard let request = X509_REQ_new() else { throw KeyMaterialError.cryptoFailure("cannot allocate a request") }
        defer { X509_REQ_free(request) }
        guard X509_REQ_set_version(request, 0) == 1,
              X509_REQ_set_subject_name(request, X509_get_subject_name(certificate.x509)) == 1,
              X509_REQ_set_pubkey(request, key.pkey) == 1,
              cs_req_copy_extension(request, certificate.x509, NID_subject_alt_name) >= 0
        else { throw KeyMaterialError.cryptoFailure("cannot fill in the request") }
        let digest = key.algorithmDescription == "EC P-384" ? EVP_sha384() : EVP_sha256()
        guard X509_REQ_sign(request, key.pkey, digest) > 0 else { throw KeyMaterialError.cryptoFailure("cannot sign the request") }
        let pem = try MemoryBIO.writing { bio in
            guard PEM_write_bio_X509_REQ(bio, request) == 1 else { throw KeyMaterialError.cryptoFailure("cannot write the request") }
        }
        return String(decoding: pem, as: UTF8.self)
    }
}
