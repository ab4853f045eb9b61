import Foundation
import KeyMaterial
import WSSecurity

/// What a client keeps between securing a request and verifying the response, when these are separate runs
/// (`wssconsole message ... --session FILE`): under the symmetric binding (scenarios 3, 4, 6, 7, 8) the response is
/// keyed by the request's session key, which only the client and the service hold; and the response confirms the
/// request's signature values. The file holds a key, so it is written owner-only and refused when others can read it.
public enum MessageSession {
    static let header = "# wssconsole message session: the session key of one request. Secret: keep it 0600, delete it after the response."

    /// Writes the session of a secured request to `path` (atomically, 0600).
    public static func write(_ context: RequestContext, to path: String) throws(HomeError) {
        var lines = [header]
        if let key = context.sessionKey {
            guard case .encryptedKey(let id, let sha1) = key.source else {
                throw HomeError(.writeFailed, "A SecureConversation session cannot be kept in a file yet",
                                fix: "Run the exchange in one process (wssconsole validate runs it as its self-test).")
            }
            lines += ["encrypted-key-id: \(id)", "encrypted-key-sha1: \(sha1)"]
        }
        lines += context.signatureValues.map { "signature-value: \($0)" }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        if let key = context.sessionKey {
            bytes += Array("session-key: ".utf8)
            key.secret.withUnsafeBytes { bytes += Array(Data($0).base64EncodedString().utf8) }
            bytes.append(0x0A)
        }
        defer { for index in bytes.indices { bytes[index] = 0 } }
        let path = FileSystem.absolute(path)
        try FileSystem.replace(path, with: FileSystem.writeTemporary(besides: path, bytes: bytes, mode: 0o600))
    }

    /// The request context a session file holds.
    public static func read(from path: String) throws(HomeError) -> RequestContext {
        var info = stat()
        guard stat(path, &info) == 0, var bytes = FileManager.default.contents(atPath: path).map(Array.init) else {
            throw HomeError(.homeUnreadable, "Cannot read the session file \(path)",
                            fix: "Give the file that `wssconsole message secure --role client --session FILE` wrote for the request.")
        }
        defer { for index in bytes.indices { bytes[index] = 0 } }
        guard info.st_mode & 0o077 == 0 else {
            throw HomeError(.homeUnreadable, "The session file \(path) holds a key but others can read it",
                            fix: "chmod 600 \(path), or secure the request again.")
        }
        var fields: [(String, String)] = []
        var secret: Secret?
        for line in bytes.split(separator: 0x0A) where line.first != UInt8(ascii: "#") {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw malformed(path) }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = line[(colon + 1)...].drop { $0 == 0x20 }
            if name == "session-key" {
                guard var key = Data(base64Encoded: Data(value)) else { throw malformed(path) }
                secret = Secret(bytes: key)
                key.resetBytes(in: 0..<key.count)
            } else {
                fields.append((name, String(decoding: value, as: UTF8.self)))
            }
        }
        let id = fields.first { $0.0 == "encrypted-key-id" }?.1, sha1 = fields.first { $0.0 == "encrypted-key-sha1" }?.1
        var context = RequestContext(signatureValues: fields.filter { $0.0 == "signature-value" }.map(\.1))
        switch (secret, id, sha1) {
        case (nil, nil, nil): break
        case (let secret?, let id?, let sha1?): context.sessionKey = SessionKey(secret: secret, source: .encryptedKey(id: id, sha1: sha1))
        default: throw malformed(path)
        }
        return context
    }

    private static func malformed(_ path: String) -> HomeError {
        HomeError(.homeUnreadable, "The session file \(path) is not one wssconsole wrote", fix: "Secure the request again with --session FILE.")
    }
}
