import Foundation
import SecureXML

/// The streamed operations of `wssconsole bench xml`: the same message, key and references as the tree path, signed and
/// verified by `StreamingSigner` and `StreamingVerifier`, which never build the document's tree.
extension XMLBenchmark {
    static let wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"

    /// Streams the signature; the signed message is the input around the returned insertion.
    static func streamSign(_ message: [UInt8], _ key: XMLKey) throws -> SignatureInsertion {
        try StreamingSigner().sign(message, ids: ["Body-1", "TS-1"], key: key, into: .firstNamed("Security", namespace: wsse), at: .firstChild)
    }

    /// Stream sign, with the signed message gathered in memory as the tree path's `sign` gathers it.
    static func streamSignGathered(_ message: [UInt8], _ key: XMLKey) throws -> [UInt8] {
        try streamSign(message, key).applied(to: message)
    }

    static func streamVerify(_ message: [UInt8], _ key: XMLKey) throws {
        let verified = try StreamingVerifier().verify(message, key: key)
        guard verified.count == 1, verified[0].references.count == 2 else {
            throw OperationFailed(message: "the streamed verification did not cover two elements")
        }
    }

    /// In the memory probe: stream sign, writing the signed message to a file as it goes.
    static func streamSignToFile(_ message: [UInt8], _ key: XMLKey, path: String) throws {
        let insertion = try streamSign(message, key)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw OperationFailed(message: "cannot write \(path)") }
        defer { close(descriptor) }
        guard insertion.write(message, into: { writeAll(descriptor, $0) }) else { throw OperationFailed(message: "cannot write \(path)") }
    }
}
