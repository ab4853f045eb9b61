import KeyMaterial

/// The key pair and password every WSO2 distribution ships (`wso2carbon.jks`: alias wso2carbon, password wso2carbon,
/// a self-signed CN=localhost, O=WSO2 certificate): public, so anyone can sign as a service that keeps them and read
/// what is encrypted to it. Recognised by the certificate's name, whatever the file is called or re-packed into.
enum WSO2DefaultKey {
    static let password = "wso2carbon"

    static func isDefault(_ certificate: Certificate) -> Bool {
        guard certificate.subject == certificate.issuer,
              let attributes = try? Certificate.subjectAttributes(certificate.subject) else { return false }
        func value(_ type: String) -> String? { attributes.first { $0.type == type }?.value }
        return value("CN") == "localhost" && value("O") == "WSO2"
    }

    /// Whether `source` gives WSO2's published password (compared in constant time, as every secret is).
    static func isDefaultPassword(_ source: ConsoleSettings.PasswordSource, homeRoot: String) -> Bool {
        guard case .success(let secret) = source.resolve(homeRoot: homeRoot) else { return false }
        return secret.isEqual(to: Secret(password))
    }
}
