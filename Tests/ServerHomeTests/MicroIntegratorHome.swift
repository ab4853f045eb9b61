import Foundation
import KeyMaterial
@testable import ServerHome

/// A small but faithful Micro Integrator 4.x home, built in a temporary folder: deployment.toml as MI ships it
/// (comments included), a PKCS#12 primary keystore, proxy services, a data service, a Carbon app and the registry.
final class MicroIntegratorHome {
    let root: String

    static let deploymentTOML = """
    [server]
    hostname = "localhost"
    #offset  = 10

    [user_store]
    type = "read_only_ldap"

    [keystore.primary]
    file_name = "repository/resources/security/wso2carbon.p12"   # PKCS#12 here; MI ships a JKS
    type = "PKCS12"
    password = "wso2carbon"
    alias = "wso2carbon"
    key_password = "wso2carbon"

    [truststore]
    file_name = "repository/resources/security/client-truststore.jks"
    password = "wso2carbon"
    alias = "symmetric.key.value"
    algorithm = "AES"

    # [[datasource]]
    # id = "WSO2CarbonDB"

    """

    init() throws {
        root = NSTemporaryDirectory() + "mi-home-" + UUID().uuidString
        let fm = FileManager.default
        for dir in ["conf", "repository/resources/security", "registry/config", "registry/governance",
                    "repository/deployment/server/synapse-configs/default/proxy-services",
                    "repository/deployment/server/dataservices", "repository/deployment/server/carbonapps"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        try write("conf/deployment.toml", Self.deploymentTOML)
        let key = try PrivateKey.generate(.rsa(bits: 2048))
        let cert = try Certificate.selfSigned(key: key, subject: "CN=localhost,O=WSO2,C=US", validityDays: 365, subjectAltNames: [])
        let store = PKCS12Keystore(entries: [.privateKey(alias: "wso2carbon", key: key, chain: [cert])])
        try store.serialized(password: Secret("wso2carbon")).write(to: URL(fileURLWithPath: root + "/repository/resources/security/wso2carbon.p12"))
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

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
    }

    func text(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }
}
