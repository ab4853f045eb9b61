import Foundation
import KeyMaterial
import WSSecurity

/// The SecurityContextTokens the console issued as the service's STS (`wssconsole message issue`), kept in the home
/// so that later runs accept and answer messages under them: `.wssconsole/tokens/` (0700), a file per token (0600,
/// named by a hash of its identifier) until it expires. A running Micro Integrator keeps its own tokens in memory.
extension Home {
    var issuedTokensPath: String { FileSystem.join(root, ".wssconsole/tokens") }

    /// Keeps a token the console issued.
    public func keepIssuedToken(_ token: SecurityContextToken) throws(HomeError) {
        guard !readOnly else {
            throw HomeError(.readOnly, "The home is open read-only: the issued token cannot be kept", fix: "Run without --read-only.")
        }
        // 0700 whatever the umask, .wssconsole included when this is the home's first write; never through a link.
        try FileSystem.createPrivateDirectories(issuedTokensPath, under: root)
        try MessageSession(token: token).write(to: tokenFile(token.identifier))
    }

    /// A store holding the tokens the console issued that are still valid; the files of expired ones are removed.
    public func issuedTokens(now: Date = Date()) -> SecurityContextStore {
        let store = SecurityContextStore()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: issuedTokensPath)) ?? []
        for name in names where !name.hasPrefix(".") {
            let path = FileSystem.join(issuedTokensPath, name)
            guard let token = (try? MessageSession.read(from: path))?.token else { continue }
            if token.expires.addingTimeInterval(store.skew) < now {
                if !readOnly { unlink(path) }
            } else {
                try? store.insert(token, now: now)
            }
        }
        return store
    }

    /// Forgets a token the console issued (cancelled by its holder).
    public func forgetIssuedToken(_ identifier: String) {
        if !readOnly { unlink(tokenFile(identifier)) }
    }

    private func tokenFile(_ identifier: String) -> String {
        FileSystem.join(issuedTokensPath, Hex.encode(Digest.sha256(Data(identifier.utf8))))
    }
}
