import Foundation
import InteropPeer
import KeyMaterial

/// What the WSS4J side of a benchmark needs: the peer (or why it cannot run), and the benchmark's own keys
/// written as PKCS#12 keystores for it, in a private temporary folder removed afterwards.
struct BenchPeer {
    let peer: WSS4JPeer
    let folder: String

    /// The peer, or a sentence saying what to install (the benchmark still prints wssconsole's figures).
    static func prepare() -> Result<WSS4JPeer, any Error> {
        Result { try WSS4JPeer.prepare() }
    }

    init(peer: WSS4JPeer) throws {
        self.peer = peer
        folder = NSTemporaryDirectory() + "wssconsole-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes `name.p12` (the key pair as `alias`, trusting `trusted`) and its password file; returns the
    /// peer options `--{prefix}keystore --{prefix}storepass-file --{prefix}alias`.
    func keystore(_ name: String, prefix: String = "", alias: String, key: PrivateKey, certificate: Certificate,
                  trusted: [(String, Certificate)] = []) throws -> [String] {
        let password = try SecureRandom.bytes(16).base64EncodedString()
        let store = PKCS12Keystore(entries: [.privateKey(alias: alias, key: key, chain: [certificate])]
                                   + trusted.map { .trustedCertificate(alias: $0.0, certificate: $0.1) })
        let file = "\(folder)/\(name).p12", passwordFile = "\(folder)/\(name).pass"
        try write(try store.serialized(password: Secret(password)), to: file)
        try write(Data((password + "\n").utf8), to: passwordFile)
        return ["--\(prefix)keystore", file, "--\(prefix)storepass-file", passwordFile, "--\(prefix)alias", alias]
    }

    func write(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw OperationFailed(message: "cannot write \(path)")
        }
    }

    /// Runs a benchmark mode of the peer (C2 JIT, default GC) and returns its `key=value` figures.
    func figures(_ arguments: [String], seconds: Double) throws -> [String: Double] {
        let result = try peer.run(arguments, speed: .steady, timeout: 120 + 4 * seconds)
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix(arguments[0]) }) else {
            throw OperationFailed(message: "the WSS4J peer failed: \(result.all)")
        }
        var figures: [String: Double] = [:]
        for pair in line.split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1]) { figures[String(parts[0])] = value }
        }
        return figures
    }
}
