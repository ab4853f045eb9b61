import Foundation
import KeyMaterial
import SecureXML

extension XMLBenchmark {
    /// The floor: SHA-256 of the canonical bytes of Body and Timestamp, and one RSA operation over SignedInfo.
    struct Floor {
        let parts: [Data]
        let signedInfo: [UInt8]
        let signature: [UInt8]
        let key: XMLKey

        init(signed: [UInt8], key: XMLKey) throws {
            let document = try SecureXML.XMLDocument.parse(signed)
            parts = try ["Body-1", "TS-1"].map { Data(try document.element(withID: $0)!.canonicalized()) }
            signedInfo = try document.root!.children[0].children[0].children[0].children[0].canonicalized()
            signature = try key.rawSignatureSHA256(signedInfo)
            self.key = key
        }

        func sign() throws {
            for part in parts { _ = Digest.sha256(part) }
            _ = try key.rawSignatureSHA256(signedInfo)
        }

        func verify() throws {
            for part in parts { _ = Digest.sha256(part) }
            guard key.rawVerifySHA256(signedInfo, signature: signature) else { throw OperationFailed(message: "the floor signature did not verify") }
        }
    }
}
