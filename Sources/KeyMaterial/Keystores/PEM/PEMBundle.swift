import Foundation

/// PEM text as a keystore: private keys with their certificates, and loose certificates as trusted entries.
///
/// Aliases travel as `friendlyName:` lines before each block, as `openssl pkcs12` prints them; blocks
/// without one are named key, key2, ... and cert1, cert2, ...
enum PEMBundle {
    struct Block {
        let label: String
        let text: String
        let friendlyName: String?
    }

    static func read(_ text: String, password: Secret) throws -> Keystore {
        var keys: [(PrivateKey, String?)] = []
        var certificates: [(Certificate, String?)] = []
        var skipped: [String] = []
        for block in try blocks(text) {
            switch block.label {
            case "CERTIFICATE":
                certificates.append((try Certificate(pemString: block.text), block.friendlyName))
            case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
                keys.append((try PrivateKey(pemString: block.text, password: password.isEmpty ? nil : password), block.friendlyName))
            case "EC PARAMETERS":
                continue
            default:
                skipped.append("a PEM \(block.label) block")
            }
        }
        var entries: [Keystore.Entry] = []
        var aliases = Aliases()
        var used = Set<Int>()
        // A CA shared by several keys' chains is often written once: an issuer already in a chain serves the next too
        // (after the unused copies, which a bundle written per chain has). Leaves go to one key each.
        var issuers: [Int] = []
        for (key, name) in keys {
            guard let leafIndex = certificates.indices.first(where: { !used.contains($0) && key.matches(certificates[$0].0) }) else {
                skipped.append("a private key without its certificate")
                continue
            }
            used.insert(leafIndex)
            var chain = [certificates[leafIndex].0], inChain = [leafIndex]
            while let last = chain.last, !last.isSelfIssued,
                  let issuer = certificates.indices.first(where: { !used.contains($0) && certificates[$0].0.issued(last) })
                      ?? issuers.first(where: { !inChain.contains($0) && certificates[$0].0.issued(last) }) {
                if used.insert(issuer).inserted { issuers.append(issuer) }
                inChain.append(issuer)
                chain.append(certificates[issuer].0)
            }
            let alias = name ?? certificates[leafIndex].1 ?? aliases.unique("key", numberFirst: false)
            aliases.taken.insert(alias)
            entries.append(.privateKey(alias: alias, key: key, chain: chain))
        }
        for (index, (certificate, name)) in certificates.enumerated() where !used.contains(index) {
            let alias = name ?? aliases.unique("cert", numberFirst: true)
            aliases.taken.insert(alias)
            entries.append(.trustedCertificate(alias: alias, certificate: certificate))
        }
        var store = Keystore(format: .pem, entries: entries)
        store.skippedContents = skipped
        return store
    }

    static func write(_ entries: [Keystore.Entry], password: Secret) throws -> String {
        var out = ""
        for entry in entries {
            let header = "Bag Attributes\n    friendlyName: \(entry.alias)\n"
            if entry.kind == .privateKey {
                guard let key = entry.privateKey else {
                    throw KeyMaterialError.keyPasswordNeeded(entry.alias, " to write PEM")
                }
                out += header + (try key.pemString(password: password.isEmpty ? nil : password))
            }
            out += header + entry.chain[0].pemString
            for issuer in entry.chain.dropFirst() { out += issuer.pemString }
        }
        return out
    }

    /// True when a key block is encrypted: PKCS #8 `ENCRYPTED PRIVATE KEY`, or a traditional key with
    /// `Proc-Type: 4,ENCRYPTED`. A file that cannot be parsed needs none: its damage is reported without asking first.
    static func hasEncryptedKey(_ text: String) -> Bool {
        guard let blocks = try? blocks(text) else { return false }
        return blocks.contains { $0.label == "ENCRYPTED PRIVATE KEY" || ($0.label.hasSuffix("PRIVATE KEY") && $0.text.contains("Proc-Type: 4,ENCRYPTED")) }
    }

    /// The BEGIN/END blocks of `text`, each with the friendlyName line that came last before it.
    static func blocks(_ text: String) throws -> [Block] {
        var result: [Block] = []
        var name: String?
        var current: (label: String, lines: [String])?
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if var block = current {
                block.lines.append(line)
                if line == "-----END \(block.label)-----" {
                    result.append(Block(label: block.label, text: block.lines.joined(separator: "\n") + "\n", friendlyName: name))
                    name = nil
                    current = nil
                } else {
                    current = block
                }
            } else if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
                current = (String(line.dropFirst(11).dropLast(5)), [line])
            } else if line.hasPrefix("friendlyName: ") {
                name = String(line.dropFirst("friendlyName: ".count))
            }
        }
        if let current { throw KeyMaterialError.corrupt("the PEM \(current.label) block has no END line") }
        return result
    }

    /// The aliases given so far, for naming blocks without a friendlyName.
    private struct Aliases {
        var taken = Set<String>()
        /// Where the search for each name's next free number starts: aliases are only added, so the first free
        /// number never goes down. Counting from 1 against every entry each time was cubic: a bundle of 1,000
        /// certificates took half a minute to open.
        private var next: [String: Int] = [:]

        /// `prefix` itself (unless `numberFirst`), else `prefix` and the first free number.
        mutating func unique(_ prefix: String, numberFirst: Bool) -> String {
            if !numberFirst, !taken.contains(prefix) { return prefix }
            var number = next[prefix] ?? (numberFirst ? 1 : 2)
            while taken.contains("\(prefix)\(number)") { number += 1 }
            next[prefix] = number
            return "\(prefix)\(number)"
        }
    }
}
