// libFuzzer entry points for the parsers and the inbound engine; built by tests/fuzz/run.sh, never by the package.
// FUZZ_TARGET picks one; FUZZ_TARGET=seeds writes starting inputs for all of them into FUZZ_SEEDS from the demo home.
import CLibXML2
import CShims
import Foundation
@testable import KerberosConfig
@testable import KeyMaterial
@testable import SecureXML
@testable import ServerHome
@testable import UserStores
@testable import WSSecurity

let environment = ProcessInfo.processInfo.environment
let target = environment["FUZZ_TARGET"] ?? ""
/// The demo home (conf/, keystores/) the seeds and the engine's keys come from.
let home = environment["FUZZ_HOME"] ?? "."
let password = Secret("changeit")
let lenient = XMLProcessingPolicy(allowSHA1: true, allowRSA15: true, allowTripleDES: true)
let hmacKey = try! XMLKey.hmac(Secret("fuzz-hmac-secret-0123456789abcd"))
let aesKey = try! XMLKey.aes(Secret("0123456789abcdef0123456789abcdef"))
/// The file the keytab and krb5.conf targets hand to libkrb5, which reads paths only.
let scratch = environment["FUZZ_SCRATCH"] ?? NSTemporaryDirectory() + "wssconsole-fuzz-\(getpid())"

/// Everything a listing or `keystore show` reads from a certificate.
func touch(_ certificate: Certificate) {
    _ = (certificate.subject, certificate.issuer, certificate.serial, certificate.serialDecimal, certificate.notBefore, certificate.notAfter)
    _ = (certificate.daysLeft(), certificate.expiry(), certificate.keyWeakness, certificate.signatureAlgorithm, certificate.version)
    _ = (certificate.extensions, certificate.publicKeyDescription, certificate.subjectKeyIdentifier, certificate.sha256Fingerprint)
    _ = (certificate.isSelfIssued, try? certificate.publicKeyPEMString(), certificate.pemString, certificate.isSigned(by: certificate))
}

/// Opens a keystore as `keystore list` does, reads every entry, and writes it back as JKS and PEM.
func keystore(_ data: Data) {
    _ = Keystore.needsPassword(data: data)
    guard let store = try? Keystore.open(data: data, password: password) else { return }
    for entry in store.entries {
        _ = (entry.alias, entry.isLocked, entry.certificateMismatchesKey, entry.hasOwnKeyPassword)
        entry.chain.forEach(touch)
    }
    _ = try? store.serialized(format: .jks, password: password)
    _ = try? store.serialized(format: .pem, password: Secret(""))
}

/// The canonical bytes `body` writes, nil when it fails; the PrefixList as xmlsec passes it (nil when empty).
func canonical(_ prefixes: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<xmlChar>?>?, xmlOutputBufferPtr) -> Int32) -> [UInt8]? {
    guard let buffer = xmlAllocOutputBuffer(nil) else { return nil }
    defer { xmlOutputBufferClose(buffer) }
    var list: [UnsafeMutablePointer<xmlChar>?] = prefixes.map { xmlStrdup($0) } + [nil]
    defer { list.forEach { $0.map { cs_xmlFree($0) } } }
    guard list.withUnsafeMutableBufferPointer({ body(prefixes.isEmpty ? nil : $0.baseAddress, buffer) }) >= 0 else { return nil }
    return Array(UnsafeBufferPointer(start: xmlOutputBufferGetContent(buffer), count: Int(xmlOutputBufferGetSize(buffer))))
}

func scratchFile(_ data: Data) -> String {
    _ = FileManager.default.createFile(atPath: scratch, contents: data)
    return scratch
}

func fuzz(_ data: Data) {
    switch target {
    case "jks":
        // The integrity digest is made right for all but the last 20 bytes, so mutations get past it.
        guard data.count >= 24, data.starts(with: [0xFE, 0xED, 0xFE, 0xED]) else { return }
        var fixed = Data(data.dropLast(20))
        fixed.append(try! JKSPassword(password).sha1(Data("Mighty Aphrodite".utf8), fixed))
        keystore(fixed)
    case "p12":
        if KeystoreFormat.detect(data) == .pkcs12 { keystore(data) }
    case "pem":
        if KeystoreFormat.detect(data) == .pem { keystore(data) }
    case "cert":
        (try? Certificate.all(from: data))?.forEach(touch)
    case "privkey":
        let text = String(decoding: data, as: UTF8.self)
        _ = (try? PrivateKey(pemString: text, password: password), try? PrivateKey(pemString: text, password: nil))
    case "krb5":
        var document = Krb5Document(bytes: [UInt8](data))
        _ = (Krb5Lint.findings(in: document), document.realms, document.defaultRealm, try? document.requireParsable())
        try? document.setDefaultRealm("EXAMPLE.COM")
        try? document.setRealm("EXAMPLE.COM", kdcs: ["kdc.example.com"], adminServer: nil)
        try? document.setDomainRealm(".example.com", realm: "EXAMPLE.COM")
        _ = (document.remove("dns_lookup_kdc", from: "libdefaults"), try? document.removeRealm("EXAMPLE.COM"))
        _ = Krb5Document(bytes: document.bytes)
    case "jaas":
        var document = JAASDocument(bytes: [UInt8](data))
        _ = JAASLint.findings(in: document, requiredEntries: ["Server", "Client"])
        try? document.setOption("principal", to: "HTTP/host@EXAMPLE.COM", entry: "Server")
        _ = try? document.removeOption("keyTab", entry: "Server")
        try? document.addEntry("Client", options: [("useTicketCache", "false")])
        try? document.configure(entry: "Server", options: [("useKeyTab", "true")], removing: ["storeKey"])
        try? document.removeEntry("Client")
        _ = JAASDocument(bytes: document.bytes)
    case "keytab":
        _ = Keytab.entries(path: scratchFile(data))
    case "krb5profile":
        _ = Krb5ProfileCheck.load(path: scratchFile(data))
    case "toml":
        guard let toml = try? TOMLDocument(text: String(decoding: data, as: UTF8.self)) else { return }
        for table in toml.tables { _ = (toml.value(table, "file"), toml.removingEmptyTable(table)) }
        if let entry = toml.entries.last { _ = (toml.setting(entry.table, entry.key, to: .string("x\"y")), toml.removing(entry.table, entry.key)) }
        _ = (ClientSettings.read(toml, file: "x.toml"), LDAPSettings.read(toml, own: nil, file: "x.toml", ownFile: "x.toml"))
        _ = (ConsoleSettings.microIntegrator(root: "/nonexistent", deployment: toml, own: toml), toml.unasked)
    case "userstore":
        _ = (try? EmbeddedUserStore(xml: data), try? DigestSecrets(data: data))
    case "xml":
        let bytes = [UInt8](data)
        _ = try? StreamingVerifier(policy: lenient).verify(bytes, key: hmacKey)
        _ = try? StreamingSigner(algorithm: .hmacSHA256).sign(bytes, ids: ["body"], key: hmacKey, into: .root)
        guard let document = try? XMLDocument.parse(bytes) else { return }
        _ = (try? document.canonicalized(.exclusive), try? document.canonicalized(.inclusive))
        var signatures: [XMLElement] = []
        func walk(_ element: XMLElement) {
            if element.is("Signature", "http://www.w3.org/2000/09/xmldsig#") { signatures.append(element) }
            element.children.forEach(walk)
        }
        document.root.map(walk)
        for signature in signatures { _ = try? XMLSignatureVerifier(policy: lenient).verify(signature, key: hmacKey) }
        _ = try? XMLDecryptor(policy: lenient).decryptDocument(document, key: aesKey)
        _ = document.serialized()
    case "c14n":
        // xmlsec's exc-c14n transforms take the subtree walk (cs_c14n_subtree): it must give what xmlsec's own
        // whole-document walk gives, bytes or failure, for every element, with and without comments and PrefixList.
        guard let document = try? XMLDocument.parse([UInt8](data)), let root = document.root else { return }
        var elements: [XMLElement] = []
        func collect(_ element: XMLElement) { if elements.count < 64 { elements.append(element); element.children.forEach(collect) } }
        collect(root)
        for element in elements {
            for (prefixes, comments) in [([], 0), (["#default", "a", "soap"], 1), ([], 2), (["b"], 3)] as [([String], Int32)] {
                let subtree = canonical(prefixes) { cs_c14n_subtree(element.node, comments & 1, comments >> 1, $0, $1) }
                let walked = canonical(prefixes) { cs_c14n_subtree_walked(element.node, comments & 1, comments >> 1, $0, $1) }
                if subtree != walked { fatalError("subtree C14N differs at \(element.path), \(prefixes), \(comments)") }
            }
        }
    case "save":
        // Serializer writes through cs_xml_save_doc: the bytes libxml2's xmlSaveDoc writes, with and without the
        // declaration, or nothing when it leaves the document to libxml2.
        guard let document = try? XMLDocument.parse([UInt8](data)) else { return }
        for declaration in [0, 1] as [Int32] {
            let options = Int32(XML_SAVE_AS_XML.rawValue | (declaration == 1 ? 0 : XML_SAVE_NO_DECL.rawValue))
            var reference: [UInt8] = [], fast: [UInt8] = []
            withUnsafeMutablePointer(to: &reference) { pointer in
                let save = xmlSaveToIO({ context, buffer, length in
                    context!.assumingMemoryBound(to: [UInt8].self).pointee.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                    return length
                }, nil, pointer, "UTF-8", options)
                _ = (xmlSaveDoc(save, document.doc), xmlSaveClose(save))
            }
            let verdict = withUnsafeMutablePointer(to: &fast) { pointer in
                cs_xml_save_doc(document.doc, declaration, { context, bytes, length in
                    context!.assumingMemoryBound(to: [UInt8].self).pointee.append(contentsOf: UnsafeRawBufferPointer(start: bytes, count: length))
                    return 0
                }, pointer)
            }
            if verdict == Int32(CS_SAVE_WRITTEN) ? fast != reference : !fast.isEmpty || verdict != Int32(CS_SAVE_UNSUPPORTED) {
                fatalError("cs_xml_save_doc differs from xmlSaveDoc (verdict \(verdict), declaration \(declaration))")
            }
        }
    case "base64":
        // xmlsec's base64 transform decodes whole quads and encodes whole groups at once (cs_xmlsec_use_fast_base64): the
        // same bytes, or the same refusal, as xmlsec's own code; the first byte picks the chunk size the input is pushed in.
        guard XMLLibrary.initialised, let first = data.first else { return }
        let text = [UInt8](data.dropFirst()), chunk = Int(first % 64) + 1
        for encode in [0, 1] as [Int32] {
            var fast = [UInt8](repeating: 0, count: text.count * 2 + 64), reference = fast
            let a = cs_base64_transform(text, text.count, chunk, encode, 0, &fast, fast.count)
            let b = cs_base64_transform(text, text.count, chunk, encode, 1, &reference, reference.count)
            if a != b || fast.prefix(max(a, 0)) != reference.prefix(max(b, 0)) { fatalError("fast base64 differs (encode \(encode)): \(a) against \(b)") }
        }
    case "policy":
        guard let policy = try? PolicyReader.read([UInt8](data)) else { return }
        _ = (PolicySummary(policy), try? PolicyReader.read(PolicyWriter.write(policy)))
    case "wss":
        // The first byte picks the scenario (1-8), the rest is the request the service verifies.
        guard let first = data.first else { return }
        _ = try? SecurityEngine(policy: Engine.policy(Int(first % 8) + 1)).verify(Data(data.dropFirst()), context: Engine.service())
    default:
        fatalError("unknown FUZZ_TARGET \(target)")
    }
}

/// The demo home's key pairs, a user store and a fixed clock, so that the seeds' timestamps stay fresh.
enum Engine {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static func pair(_ file: String, _ pass: String, _ alias: String) -> (key: PrivateKey, certificate: Certificate) {
        let store = try! Keystore.open(data: FileManager.default.contents(atPath: "\(home)/keystores/\(file)")!, password: Secret(pass))
        return (store.entry(alias: alias)!.privateKey!, store.entry(alias: alias)!.certificate!)
    }
    static let serviceKeys = pair("wssdemo-service.p12", "demo-service-pass", "service")
    static let clientKeys = pair("wssdemo-client.p12", "demo-client-pass", "client")
    static let users: EmbeddedUserStore = {
        var store = EmbeddedUserStore(passwordIterations: 1_000)
        try! store.addRole("ops")
        try! store.addUser("alice", password: Secret("alice-secret"), roles: ["ops"], allowDigest: true)
        return store
    }()
    static func policy(_ number: Int) -> SecurityPolicy { ScenarioCatalogue.scenario(number)!.policy(for: HostSettings(allowedRoles: ["ops"])) }
    static func service() -> SecurityContext {
        SecurityContext(role: .service, ownKey: (serviceKeys.key, [serviceKeys.certificate]), trusted: [clientKeys.certificate], userStore: users, now: { now })
    }
    static func client(digest: Bool) -> SecurityContext {
        SecurityContext(role: .client, ownKey: (clientKeys.key, [clientKeys.certificate]), peerCertificate: serviceKeys.certificate,
                        trusted: [serviceKeys.certificate], username: "alice", password: Secret("alice-secret"), passwordDigest: digest, now: { now })
    }
    static let envelope = Data(("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:wsu=\"\(WSS.wsu)\">"
        + "<soapenv:Header><a:To xmlns:a=\"http://www.w3.org/2005/08/addressing\">https://localhost/services/Orders</a:To></soapenv:Header>"
        + "<soapenv:Body wsu:Id=\"body\"><m:order xmlns:m=\"urn:example:orders\"><m:item sku=\"A-1\">two &amp; a crate</m:item><!-- c --></m:order>"
        + "</soapenv:Body></soapenv:Envelope>").utf8)
}

/// Starting inputs for every target, from the demo home's files and keys.
func writeSeeds(into dir: String) throws {
    func put(_ target: String, _ name: String, _ data: Data) throws {
        try FileManager.default.createDirectory(atPath: "\(dir)/\(target)", withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: "\(dir)/\(target)/\(name)"))
    }
    for (file, pass) in [("wssdemo-service.p12", "demo-service-pass"), ("wssdemo-client.p12", "demo-client-pass")] {
        let store = try Keystore.open(data: try Data(contentsOf: URL(fileURLWithPath: "\(home)/keystores/\(file)")), password: Secret(pass))
        try put("jks", file + ".jks", try store.serialized(format: .jks, password: password))
        try put("p12", file, try store.serialized(format: .pkcs12, password: password))
        try put("pem", file + ".pem", try store.serialized(format: .pem, password: password))
        for entry in store.entries {
            try put("cert", entry.alias + ".der", entry.certificate!.derBytes)
            try put("cert", entry.alias + ".pem", Data(entry.certificate!.pemString.utf8))
            if let key = entry.privateKey {
                try put("privkey", entry.alias + ".pem", Data(try key.pemString().utf8))
                try put("privkey", entry.alias + "-encrypted.pem", Data(try key.pemString(password: password).utf8))
            }
        }
    }
    for (target, file) in [("krb5", "security/krb5.conf"), ("krb5profile", "security/krb5.conf"), ("jaas", "security/jaas.conf"),
                           ("toml", "console.toml"), ("userstore", "userstore.xml")] {
        try put(target, "demo", try Data(contentsOf: URL(fileURLWithPath: "\(home)/conf/\(file)")))
    }
    try put("xml", "envelope.xml", Engine.envelope)
    try put("c14n", "envelope.xml", Engine.envelope)
    try put("save", "envelope.xml", Engine.envelope)
    try put("base64", "cipher", Data([7]) + Data((0..<600).map { UInt8($0 & 0xFF) }).base64EncodedData(options: .lineLength76Characters))
    let signed = try StreamingSigner(algorithm: .hmacSHA256).sign([UInt8](Engine.envelope), ids: ["body"], key: hmacKey, into: .root)
    try put("xml", "signed.xml", Data(signed.applied(to: [UInt8](Engine.envelope))))
    let document = try XMLDocument.parse([UInt8](Engine.envelope))
    try XMLEncryptor().encrypt(document.element(withID: "body")!, dataKey: aesKey, type: .content)
    try put("xml", "encrypted.xml", Data(document.serialized()))
    for number in 1...16 {
        let policy = Engine.policy(number)
        try put("policy", "scenario\(number).xml", Data(PolicyWriter.write(policy)))
        guard number <= 8 else { continue }
        for digest in [false, true] {
            let secured = try SecurityEngine(policy: policy).secure(Engine.envelope, context: Engine.client(digest: digest))
            _ = try SecurityEngine(policy: policy).verify(secured, context: Engine.service())
            try put("wss", "scenario\(number)\(digest ? "-digest" : "")", Data([UInt8(number - 1)]) + secured)
            try put("xml", "scenario\(number)\(digest ? "-digest" : "")", secured)
        }
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>>>) -> CInt {
    guard target == "seeds" else { return 0 }
    do { try writeSeeds(into: environment["FUZZ_SEEDS"] ?? "seeds") } catch { print("seeds: \(error)"); exit(1) }
    exit(0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    fuzz(Data(bytes: bytes, count: count))
    return 0
}
