import CLibXML2
import CShims

/// One-time process set-up of libxml2 and xmlsec: silenced error output, no external entity loading.
enum XMLLibrary {
    static let initialised: Bool = {
        guard cs_xmlsec_init() == 0 else { return false }
        // Nothing a document names (DTD, external entity) is ever fetched, from the network or from disk.
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    /// Every xmlsec context takes its key through this manager (`XMLKey.lend(to:)`). Never changed after it is
    /// made: contexts only read its getKey callback.
    nonisolated(unsafe) static let keyManager: xmlSecKeysMngrPtr? = initialised ? cs_given_key_manager() : nil

    static func ensure() throws(XMLError) {
        guard initialised, keyManager != nil else { throw XMLError(.libraryInit, "libxml2/xmlsec could not be initialised: " + lastXMLSecError) }
    }

    static var lastXMLSecError: String { String(cString: cs_xmlsec_last_error()) }
}
