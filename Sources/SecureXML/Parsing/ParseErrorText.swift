import CLibXML2

/// libxml2's parse errors said without the document's text. Its messages quote what they trip over: an entity's name
/// ("Entity 'ss' not defined" for a password written p&ss;), up to 50 bytes of an unclosed comment or CDATA section,
/// four bytes that are not UTF-8, a character's code, the names of tags (a password holding '<' makes tags of what
/// follows). A policy file keeps passwords, and these messages reach policy check, validate, --json and the console,
/// so an error is told by its kind here and its place (line, column) in ``ParseErrorRecord``. A sentence ends without
/// a parenthesis: the column follows in one.
enum ParseErrorText {
    /// Our sentence for the error; libxml2's own text (`original`) only when it quotes nothing of the document.
    static func sentence(for error: xmlError, original: String) -> String {
        if let ours = ours(error, original: original) { return ours }
        return quotesDocument(error) ? "The document is not well-formed XML: libxml2 error \(error.code)" : original
    }

    /// libxml2 passes what a message quotes as str1-str3 or int1 as well (parser.c 2.9.14: every message built from
    /// the input does): a message with none of them is one of its constant sentences.
    static func quotesDocument(_ error: xmlError) -> Bool {
        error.str1 != nil || error.str2 != nil || error.str3 != nil || error.int1 != 0
    }

    static let cdataNotFinished = "A CDATA section (<![CDATA[) is not closed with ]]>"
    static let prematureEnd = "Premature end of data"

    private static func ours(_ error: xmlError, original: String) -> String? {
        switch error.code {
        case Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), Int32(XML_WAR_UNDECLARED_ENTITY.rawValue):
            "An entity reference names no entity XML defines: write a literal & as &amp;"
        case Int32(XML_ERR_ENTITYREF_NO_NAME.rawValue), Int32(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue):
            "An '&' starts no entity reference: write a literal & as &amp;"
        case Int32(XML_ERR_INVALID_CHAR.rawValue):
            original.hasPrefix("Input is not proper UTF-8")
                ? "The bytes are not UTF-8, and the document declares no other encoding"
                : "A character XML does not allow: a control character, or a reference &#...; to one"
        case Int32(XML_I18N_CONV_FAILED.rawValue):
            "The bytes are not in the encoding the document declares"
        case Int32(XML_ERR_COMMENT_NOT_FINISHED.rawValue):
            "A comment (<!--) is not closed with -->"
        case Int32(XML_ERR_HYPHEN_IN_COMMENT.rawValue):
            "A comment holds '--', which XML does not allow inside a comment"
        case Int32(XML_ERR_CDATA_NOT_FINISHED.rawValue):
            cdataNotFinished
        case Int32(XML_ERR_PI_NOT_FINISHED.rawValue):
            "A processing instruction (<?) is not closed with ?>"
        case Int32(XML_ERR_SPACE_REQUIRED.rawValue) where quotesDocument(error):
            "A processing instruction's target is not followed by a space"
        case Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue):
            "An end tag does not match the start tag on line \(error.int1)"
        case Int32(XML_ERR_TAG_NOT_FINISHED.rawValue):
            prematureEnd
        case Int32(XML_ERR_GT_REQUIRED.rawValue):
            error.int1 > 0 ? "The start tag on line \(error.int1) is not closed with '>'" : "A start tag is not closed with '>'"
        case Int32(XML_ERR_ATTRIBUTE_WITHOUT_VALUE.rawValue):
            "An attribute has no value: write name=\"value\""
        case Int32(XML_ERR_ATTRIBUTE_REDEFINED.rawValue):
            "An attribute appears twice on one element"
        case Int32(XML_ERR_NAME_TOO_LONG.rawValue):
            "A name is longer than 50,000 characters"
        case Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue):
            "The XML declaration names an encoding that cannot be read"
        case Int32(XML_ERR_UNKNOWN_VERSION.rawValue):
            "The XML declaration names a version other than 1.0"
        default:
            nil
        }
    }
}
