import Foundation
import KeyMaterial
import WSSecurity

/// The SecurityContextTokens the console issued as the service's STS (`wssconsole message issue`), kept in the home
/// so that later runs accept and answer messages under them: `.wssconsole/tokens/` (0700), a file per token (0600,
/// named by a hash of its identifier) until it expires, with the service that issued it and a digest of that
/// service's policy then (`IssuedTokenBinding`). A running Micro Integrator keeps its own tokens in memory.
extension Home {
    var issuedTokensPath: String { FileSystem.join(root, ".wssconsole/tokens") }

    /// Keeps a token the console issued, bound to the service and policy it was issued under.
    public func keepIssuedToken(_ token: SecurityContextToken, binding: IssuedTokenBinding) throws(HomeError) {
        guard !readOnly else {
            throw HomeError(.readOnly, "The home is open read-only: the issued token cannot be kept", fix: "Run without --read-only.")
        }
        // 0700 whatever the umask, .wssconsole included when this is the home's first write; never through a link.
        try FileSystem.createPrivateDirectories(issuedTokensPath, under: root)
        var kept = MessageSession(service: binding.service, token: token)
        kept.policyDigest = binding.policyDigest
        try kept.write(to: tokenFile(token.identifier))
    }

    /// A store holding the tokens the console issued under `binding` that are still valid; the files of expired ones
    /// are removed. The live tokens of other services, of this one under an earlier policy, and those kept without a
    /// binding (by earlier versions) are in the store as refused, so that a message under one is told why and what to do.
    public func issuedTokens(for binding: IssuedTokenBinding, now: Date = Date()) -> SecurityContextStore {
        let store = SecurityContextStore()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: issuedTokensPath)) ?? []
        for name in names where !name.hasPrefix(".") {
            let path = FileSystem.join(issuedTokensPath, name)
            if name.hasSuffix(Self.cancelledSuffix) {
                noteCancelled(at: path, in: store, now: now)
                continue
            }
            guard let kept = try? MessageSession.read(from: path), let token = kept.token else { continue }
            if token.expires.addingTimeInterval(store.skew) < now {
                if !readOnly { unlink(path) }
            } else if kept.issuedBinding == binding {
                try? store.insert(token, now: now)
            } else {
                store.refuse(token.identifier, until: token.expires, because: binding.refusal(of: token.identifier, issued: kept.issuedBinding))
            }
        }
        return store
    }

    /// Forgets a token the console issued (cancelled by its holder). Throws when it cannot: the Cancel must then not
    /// be answered, since the kept token would still be accepted until it expires.
    public func forgetIssuedToken(_ identifier: String) throws(HomeError) {
        guard !readOnly else {
            throw HomeError(.readOnly, "The home is open read-only: the cancelled token cannot be removed from it", fix: "Run without --read-only.")
        }
        let path = tokenFile(identifier)
        let expires = (try? MessageSession.read(from: path))?.token?.expires
        guard unlink(path) == 0 || errno == ENOENT else {
            throw HomeError(.writeFailed, "Cannot remove the cancelled token's file \(path): \(String(cString: strerror(errno)))",
                            fix: "Check the permissions of \(issuedTokensPath), then send the Cancel again.")
        }
        // Its identifier alone (no key) until it would have expired: a later run says "cancelled", not "unknown".
        // Losing this note loses only those words: the token is gone either way.
        if let expires {
            let note = Array("\(identifier)\n\(MessageSession.time.format(expires))\n".utf8)
            try? FileSystem.replace(path + Self.cancelledSuffix, with: FileSystem.writeTemporary(besides: path, bytes: note, mode: 0o600))
        }
    }

    private static let cancelledSuffix = ".cancelled"

    /// The note a cancelled token left: refused as cancelled in `store` until it would have expired, then removed.
    private func noteCancelled(at path: String, in store: SecurityContextStore, now: Date) {
        guard let bytes = FileSystem.read(path) else { return }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count == 2, let expires = try? MessageSession.time.parse(lines[1]) else { return }
        if expires.addingTimeInterval(store.skew) < now {
            if !readOnly { unlink(path) }
        } else {
            store.refuse(lines[0], until: expires, because: "The SecurityContextToken \(lines[0]) was cancelled")
        }
    }

    private func tokenFile(_ identifier: String) -> String {
        FileSystem.join(issuedTokensPath, Hex.encode(Digest.sha256(Data(identifier.utf8))))
    }
}
