/// Namespace URIs of WS-Policy, WS-SecurityPolicy and the host configuration blocks.
public enum PolicyNamespaces {
    /// WS-Policy 2004/09, what WSO2's scenario files use.
    public static let wsp = "http://schemas.xmlsoap.org/ws/2004/09/policy"
    /// WS-Policy 1.5 (W3C).
    public static let wsp15 = "http://www.w3.org/ns/ws-policy"
    /// WS-SecurityPolicy 1.1.
    public static let sp11 = "http://schemas.xmlsoap.org/ws/2005/07/securitypolicy"
    /// WS-SecurityPolicy 1.2.
    public static let sp12 = "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702"
    public static let wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
    public static let rampart = "http://ws.apache.org/rampart/policy"
    public static let carbon = "http://www.wso2.org/products/carbon/security"

    static let policyNamespaces: Set<String> = [wsp, wsp15]
    static let securityPolicyNamespaces: Set<String> = [sp11, sp12]

    /// The `sp:IncludeToken` attribute value for an inclusion in SP 1.1.
    static func includeTokenURI(_ inclusion: TokenInclusion) -> String {
        "\(sp11)/IncludeToken/\(inclusion.rawValue)"
    }

    static let allowedRolesProperty = "org.wso2.carbon.security.allowedroles"
}
