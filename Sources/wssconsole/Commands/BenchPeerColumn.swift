import Foundation
import KeyMaterial

/// WSS4J's figures for `wssconsole bench xml`, measured in the same run on the same 2 KB envelope: Body and
/// Timestamp by wsu:Id, RSA-2048, rsa-sha256, SHA-256 digests, exc-c14n, BinarySecurityToken key reference.
enum BenchPeerColumn {
    /// The envelope with a Timestamp of now: WSS4J always checks freshness (wssconsole's bench verifies the signature only).
    static func fresh(_ envelope: [UInt8]) -> String {
        let format = ISO8601DateFormatter()
        return String(decoding: envelope, as: UTF8.self)
            .replacingOccurrences(of: "2025-01-01T00:00:00Z", with: format.string(from: Date()))
            .replacingOccurrences(of: "2025-01-01T00:05:00Z", with: format.string(from: Date().addingTimeInterval(240)))
    }

    static func lines(for results: XMLBenchmark.Results, seconds: Double) -> String {
        let peer: BenchPeer
        switch BenchPeer.prepare() {
        case .failure(let why): return "\nWSS4J column skipped: \(why)"
        case .success(let prepared):
            do { peer = try BenchPeer(peer: prepared) } catch { return "\nWSS4J column skipped: \(error)" }
        }
        defer { peer.remove() }
        do {
            let key = try PrivateKey.generate(.rsa(bits: 2048))
            let certificate = try Certificate.selfSigned(key: key, subject: "CN=bench", validityDays: 1)
            let keys = try peer.keystore("bench", alias: "bench", key: key, certificate: certificate)
            let envelope = "\(peer.folder)/envelope.xml"
            try peer.write(Data(fresh(XMLBenchmark.envelope(bytes: 2048)).utf8), to: envelope)
            let figures = try peer.figures(["bench-xml", "--envelope", envelope, "--seconds", "\(seconds)"] + keys, seconds: seconds)
            guard let sign = figures["sign_ms"], let verify = figures["verify_ms"] else { throw OperationFailed(message: "the peer printed no figures") }
            func ours(_ prefix: String) -> Double? { results.rows.first { $0.message == "2 KB" && $0.operation.hasPrefix(prefix) }?.milliseconds }
            var lines = ["", "Apache WSS4J 1.6.19 in one JVM (same machine, same run, after JIT warm-up; CPU time of the whole JVM, GC and JIT included):"]
            for (name, theirs, mine) in [("sign", sign, ours("sign")), ("verify", verify, ours("verify"))] {
                var line = "2 KB          " + name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%8.0f%10.2f", 1000 / theirs, theirs)
                if let mine { line += String(format: "   wssconsole is %.1fx WSS4J's throughput", theirs / mine) }
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        } catch {
            return "\nWSS4J column failed: \(error)"
        }
    }
}
