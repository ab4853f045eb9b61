import CLibXML2
import CShims
import CXMLSec

/// The canonicalisation algorithms offered for signatures and for callers that hash XML themselves.
public enum CanonicalizationMethod: String, Sendable, CaseIterable {
    /// Exclusive XML Canonicalization 1.0, the WS-Security default.
    case exclusive = "http://www.w3.org/2001/10/xml-exc-c14n#"
    /// Exclusive C14N keeping comments.
    case exclusiveWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
    /// Canonical XML 1.0 (inclusive).
    case inclusive = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    /// Canonical XML 1.0 keeping comments.
    case inclusiveWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"

    /// The algorithm URI.
    public var uri: String { rawValue }

    /// A short name for people and command lines.
    public var name: String {
        switch self {
        case .exclusive: "exc-c14n"
        case .exclusiveWithComments: "exc-c14n-with-comments"
        case .inclusive: "c14n"
        case .inclusiveWithComments: "c14n-with-comments"
        }
    }

    /// Whether an InclusiveNamespaces PrefixList applies.
    public var isExclusive: Bool { self == .exclusive || self == .exclusiveWithComments }

    var withComments: Bool { self == .exclusiveWithComments || self == .inclusiveWithComments }

    var libxmlMode: Int32 { Int32(isExclusive ? XML_C14N_EXCLUSIVE_1_0.rawValue : XML_C14N_1_0.rawValue) }

    var transformId: xmlSecTransformId {
        switch self {
        case .exclusive: cs_xmlSecTransformExclC14NId()
        case .exclusiveWithComments: cs_xmlSecTransformExclC14NWithCommentsId()
        case .inclusive: cs_xmlSecTransformInclC14NId()
        case .inclusiveWithComments: cs_xmlSecTransformInclC14NWithCommentsId()
        }
    }
}

extension CanonicalizationMethod {
    /// The method with this short name ("exc-c14n"), if any.
    public init?(named name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}
