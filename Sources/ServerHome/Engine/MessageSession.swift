import Foundation
import KeyMaterial
import WSSecurity

/// What a client keeps between runs of `wssconsole message ... --session FILE`:
/// - after securing a request: what its response's verification needs, the request's signature values (for
///   SignatureConfirmation) and, under a symmetric binding (3, 4, 6, 7, 8, 16), the session key only client and service hold;
/// - after an RST for a SecurityContextToken (9-15): the client entropy its RSTR's key is computed from;
/// - after the RSTR: the token, its key and lifetime, for the application messages (and a Cancel awaiting its answer).
/// It holds keys, so it is written owner-only and refused when others can read it. It names the service of its
/// exchange, and a command for another service refuses it: its keys and token are that service's alone.
/// The home keeps the tokens it issued in the same form, with the policy they were issued under (`IssuedTokenBinding`).
public struct MessageSession: Sendable {
    /// The service of the exchange (the issuing service, for a token the home keeps); nil in files of earlier versions.
    public var service: String?
    /// For a token the home keeps: SHA-256 of the issuing service's policy then (`IssuedTokenBinding`).
    public var policyDigest: String?
    public var request: RequestContext
    /// The client entropy of an RST awaiting its RSTR.
    public var entropy: Secret?
    /// The SecurityContextToken the service issued.
    public var token: SecurityContextToken?
    /// A Cancel of the token was sent; its answer is awaited.
    public var cancelling: Bool

    public init(service: String?, request: RequestContext = RequestContext(), entropy: Secret? = nil, token: SecurityContextToken? = nil,
                cancelling: Bool = false) {
        self.service = service
        self.request = request
        self.entropy = entropy
        self.token = token
        self.cancelling = cancelling
    }

    /// The token's binding, when the file records one (the home's issued tokens).
    var issuedBinding: IssuedTokenBinding? {
        guard let service, let policyDigest else { return nil }
        return IssuedTokenBinding(service: service, policyDigest: policyDigest)
    }

    static let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    static let header = "# wssconsole message session: keys of one exchange. Secret: keep it 0600, delete it when the exchange is over."

    /// Writes the session to `path` (atomically, 0600). A file there that is not a session is refused, not replaced:
    /// `--session` given a keystore or a message by mistake must not cost the operator that file.
    public func write(to path: String) throws(HomeError) {
        try Self.refuseOtherFile(at: path)
        var fields: [(String, String)] = []
        if let service { fields.append(("service", service)) }
        if let policyDigest { fields.append(("policy-sha256", policyDigest)) }
        var secrets: [(String, Secret)] = []
        if let key = request.sessionKey {
            switch key.source {
            case .encryptedKey(let id, let sha1): fields += [("encrypted-key-id", id), ("encrypted-key-sha1", sha1)]
            case .securityContextToken(let identifier): fields.append(("request-sct", identifier))
            case .kerberos(let sha1): fields.append(("request-kerberos-sha1", sha1))
            }
            secrets.append(("session-key", key.secret))
        }
        // A SignatureValue's base64 may wrap across lines; confirmations compare the decoded octets.
        fields += request.signatureValues.map { ("signature-value", $0.filter { !$0.isWhitespace }) }
        if let entropy { secrets.append(("entropy", entropy)) }
        if let token {
            fields += [("sct-identifier", token.identifier), ("sct-created", Self.time.format(token.created)),
                       ("sct-expires", Self.time.format(token.expires))]
            secrets.append(("sct-key", token.secret))
        }
        if cancelling { fields.append(("cancel-pending", "yes")) }
        var bytes = Array(([Self.header] + fields.map { "\($0.0): \($0.1)" }).joined(separator: "\n").utf8) + [0x0A]
        defer { for index in bytes.indices { bytes[index] = 0 } }
        for (name, secret) in secrets {
            bytes += Array("\(name): ".utf8)
            secret.withUnsafeBytes { bytes += Array(Data($0).base64EncodedData()) }
            bytes.append(0x0A)
        }
        let path = FileSystem.absolute(path)
        try FileSystem.replace(path, with: FileSystem.writeTemporary(besides: path, bytes: bytes, mode: 0o600))
    }

    /// Throws when `path` holds something other than a session file (a non-empty file without its header line).
    /// Commands call it before they do their work too, so that nothing is written when the session cannot be.
    public static func refuseOtherFile(at path: String) throws(HomeError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        try refuseSpecialFile(path, info)
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: header.utf8.count)) ?? Data()
        guard !start.isEmpty, start != Data(header.utf8) else { return }
        throw HomeError(.writeFailed, "\(path) is not a session file wssconsole wrote; it is left as it was",
                        fix: "Give --session a new file name (or remove \(path) if it is yours to lose).")
    }

    /// The session a file holds.
    public static func read(from path: String) throws(HomeError) -> MessageSession {
        var info = stat()
        guard stat(path, &info) == 0 else { throw unreadable(path) }
        try refuseSpecialFile(path, info)
        guard var bytes = FileBytes.read(path) else { throw unreadable(path) }
        defer { for index in bytes.indices { bytes[index] = 0 } }
        guard info.st_mode & 0o077 == 0 else {
            throw HomeError(.homeUnreadable, "The session file \(path) holds keys but others can read it", fix: "chmod 600 \(path), or start the exchange again.")
        }
        var fields: [String: [String]] = [:]
        var secrets: [String: Secret] = [:]
        for line in bytes.split(separator: 0x0A) where line.first != UInt8(ascii: "#") {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw malformed(path) }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = line[(colon + 1)...].drop { $0 == 0x20 }
            if ["session-key", "entropy", "sct-key"].contains(name) {
                guard var decoded = Data(base64Encoded: Data(value)) else { throw malformed(path) }
                secrets[name] = Secret(bytes: decoded)
                decoded.resetBytes(in: 0..<decoded.count)
            } else {
                fields[name, default: []].append(String(decoding: value, as: UTF8.self))
            }
        }
        func one(_ name: String) -> String? { fields[name]?.first }
        var session = MessageSession(service: one("service"), request: RequestContext(signatureValues: fields["signature-value"] ?? []),
                                     entropy: secrets["entropy"], cancelling: one("cancel-pending") == "yes")
        session.policyDigest = one("policy-sha256")
        switch (secrets["session-key"], one("encrypted-key-id"), one("encrypted-key-sha1"), one("request-sct"), one("request-kerberos-sha1")) {
        case (nil, nil, nil, nil, nil): break
        case (let key?, let id?, let sha1?, nil, nil): session.request.sessionKey = SessionKey(secret: key, source: .encryptedKey(id: id, sha1: sha1))
        case (let key?, nil, nil, let identifier?, nil): session.request.sessionKey = SessionKey(secret: key, source: .securityContextToken(identifier: identifier))
        case (let key?, nil, nil, nil, let sha1?): session.request.sessionKey = SessionKey(secret: key, source: .kerberos(sha1: sha1))
        default: throw malformed(path)
        }
        switch (secrets["sct-key"], one("sct-identifier"), one("sct-created").flatMap { try? Self.time.parse($0) },
                one("sct-expires").flatMap { try? Self.time.parse($0) }) {
        case (nil, nil, nil, nil): break
        case (let key?, let identifier?, let created?, let expires?):
            session.token = SecurityContextToken(identifier: identifier, secret: key, created: created, expires: expires)
        default: throw malformed(path)
        }
        // The keys are AES keys (an EncryptedKey's, a SecurityContextToken's) or Kerberos session keys: 16, 24 or 32 bytes.
        for name in ["session-key", "sct-key"] {
            if let key = secrets[name], ![16, 24, 32].contains(key.count) {
                throw HomeError(.homeUnreadable, "The session file \(path) holds a \(key.count)-byte \(name), not a key of 16, 24 or 32 bytes",
                                fix: "The file was changed since wssconsole wrote it: start the exchange again with a new --session FILE (for scenarios 9-15: message token --session FILE).")
            }
        }
        return session
    }

    /// The session a client's file holds for its exchange with `service`; refused when the file is another service's
    /// (its token or session key would be used with, or cancelled at, a service it does not belong to) or names none.
    public static func read(from path: String, service: String) throws(HomeError) -> MessageSession {
        let session = try read(from: path)
        let start = "start \(service)'s own exchange with a new session file: wssconsole message token --service \(service) --session FILE RST.xml "
            + "for a SecureConversation token (scenarios 9-15), or message secure --service \(service) --role client --session FILE IN OUT"
        guard let kept = session.service else {
            throw HomeError(.sessionMismatch, "The session file \(path) does not say which service its exchange is with (an earlier wssconsole wrote it)",
                            fix: start.prefix(1).uppercased() + start.dropFirst() + ".")
        }
        guard kept == service else {
            throw HomeError(.sessionMismatch, "The session file \(path) is \(kept)'s exchange, not \(service)'s: its keys and token are good only with \(kept)",
                            fix: "Give --service \(kept) to use it, or \(start).")
        }
        return session
    }

    /// A FIFO, device or directory at the session's path is refused before it is opened: opening a FIFO without
    /// a writer blocks for ever.
    private static func refuseSpecialFile(_ path: String, _ info: stat) throws(HomeError) {
        guard info.st_mode & S_IFMT != S_IFREG else { return }
        throw HomeError(.homeUnreadable, "\(path) is not a regular file (a directory, FIFO or device), so it cannot be a session file",
                        fix: "Give --session a file name of its own.")
    }

    private static func unreadable(_ path: String) -> HomeError {
        HomeError(.homeUnreadable, "Cannot read the session file \(path)",
                  fix: "Give the file an earlier `wssconsole message ... --role client --session FILE` wrote.")
    }

    private static func malformed(_ path: String) -> HomeError {
        HomeError(.homeUnreadable, "The session file \(path) is not one wssconsole wrote", fix: "Start the exchange again with --session FILE.")
    }
}
