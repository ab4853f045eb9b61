import Foundation
import WSSecurity

extension SecurityPolicy {
    /// The keystores ServerCrypto trusts for this policy: the file names its `truststores` properties list
    /// (comma-separated), in the Rampart crypto blocks and the Carbon trust settings.
    var trustStoreNames: [String] {
        let properties = [rampart?.signatureCrypto?.properties, rampart?.encryptionCrypto?.properties, carbon?.trust].compactMap { $0 }.joined()
        var names: [String] = []
        for property in properties where property.name.hasSuffix(".crypto.truststores") {
            for name in property.value.split(separator: ",") {
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, !names.contains(trimmed) { names.append(trimmed) }
            }
        }
        return names
    }
}
