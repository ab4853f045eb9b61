import Foundation
import KeyMaterial
@testable import ServerHome

/// A small but faithful Micro Integrator 4.x home, built in a temporary folder: deployment.toml as MI ships it
/// (comments included), a PKCS#12 primary keystore, proxy services, a data service, a Carbon app and the registry.
final class MicroIntegratorHome {
    let root: String
    /// The primary keystore's key pair (alias wso2carbon, password `password`).
    let serviceKey: PrivateKey
    let serviceCertificate: Certificate

    /// The keystores' password. An operator's own, as is the primary key pair: WSO2's shipped ones (password
    /// wso2carbon, a CN=localhost, O=WSO2 certificate) are findings of their own (`MicroIntegratorShippedKeyTests`).
    static let password = "mi-store-pass"

    static let deploymentTOML = """
    [server]
    hostname = "localhost"
    #offset  = 10

    [user_store]
    type = "read_only_ldap"

    [keystore.primary]
    file_name = "repository/resources/security/wso2carbon.p12"   # PKCS#12 here; MI ships a JKS
    type = "PKCS12"
    password = "mi-store-pass"
    alias = "wso2carbon"
    key_password = "mi-store-pass"

    [truststore]
    file_name = "repository/resources/security/client-truststore.jks"
    password = "mi-store-pass"
    alias = "symmetric.key.value"
    algorithm = "AES"

    # [[datasource]]
    # id = "WSO2CarbonDB"

    """

    init() throws {
        root = NSTemporaryDirectory() + "mi-home-" + UUID().uuidString
        serviceKey = try PrivateKey.generate(.rsa(bits: 2048))
        serviceCertificate = try Certificate.selfSigned(key: serviceKey, subject: "CN=mi.example.com,O=Example,C=US", validityDays: 365, subjectAltNames: [])
        let fm = FileManager.default
        for dir in ["conf", "repository/resources/security", "registry/config", "registry/governance",
                    "repository/deployment/server/synapse-configs/default/proxy-services",
                    "repository/deployment/server/dataservices", "repository/deployment/server/carbonapps"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        try write("conf/deployment.toml", Self.deploymentTOML)
        try writeKeystore("repository/resources/security/wso2carbon.p12", [])
        // A JKS header is enough for the format check (0xFEEDFEED).
        try Data([0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2]).write(to: URL(fileURLWithPath: root + "/repository/resources/security/client-truststore.jks"))
        try write("repository/deployment/server/synapse-configs/default/proxy-services/QuoteProxy.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <proxy name="QuoteProxy" startOnLoad="true" transports="https" xmlns="http://ws.apache.org/ns/synapse">
            <target>
                <endpoint><address uri="http://localhost:9000/services/SimpleStockQuoteService"/></endpoint>
            </target>
        </proxy>

        """)
        try write("repository/deployment/server/dataservices/Customers.dbs", """
        <data name="Customers" transports="https">
           <config id="db"><property name="url">jdbc:h2:mem:x</property></config>
        </data>

        """)
        try write("repository/deployment/server/carbonapps/OrdersCompositeExporter_1.0.0.car", "PK\u{3}\u{4}")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes a file; the settings files, which hold passwords, owner-only as an operator keeps them (validation
    /// warns about one others can read).
    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
        if relative.hasSuffix(".toml") { chmod(root + "/" + relative, 0o600) }
    }

    /// Writes a PKCS#12 keystore (password `password`); the primary one keeps its key pair, `entries` added.
    func writeKeystore(_ relative: String, _ entries: [KeystoreEntry]) throws {
        let primary = relative.hasSuffix("wso2carbon.p12") ? [KeystoreEntry.privateKey(alias: "wso2carbon", key: serviceKey, chain: [serviceCertificate])] : []
        try PKCS12Keystore(entries: primary + entries).serialized(password: Secret(Self.password))
            .write(to: URL(fileURLWithPath: root + "/" + relative))
        chmod(root + "/" + relative, 0o600)
    }

    /// A client key pair in its own keystore, holding the service certificate, named by `[client]` in wssconsole/console.toml.
    func configureClient() throws -> Certificate {
        try FileManager.default.createDirectory(atPath: root + "/wssconsole", withIntermediateDirectories: true)
        let key = try PrivateKey.generate(.rsa(bits: 2048))
        let certificate = try Certificate.selfSigned(key: key, subject: "CN=client,O=Example", validityDays: 365, subjectAltNames: [])
        try writeKeystore("wssconsole/client.p12", [.privateKey(alias: "client", key: key, chain: [certificate]),
                                                    .trustedCertificate(alias: "service", certificate: serviceCertificate)])
        try write("wssconsole/console.toml", """
        [client]
        keystore = "client"
        service_alias = "service"

        [keystore.client]
        file = "wssconsole/client.p12"
        alias = "client"
        password = "mi-store-pass"

        """)
        return certificate
    }

    func text(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }
}
