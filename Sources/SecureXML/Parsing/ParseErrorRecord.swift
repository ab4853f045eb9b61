import CLibXML2
import Foundation

/// What libxml2 reports while parsing, turned into one readable error. libxml2 keeps only its last error
/// ("premature end of data"), yet the first says what went wrong; its messages can run over two lines ("Bytes:
/// 0xFF ..."); and a cut-off document shows up as whatever the cut made of the last tag, so the end of input inside an
/// element is said in words. Its messages are said without the document's text (``ParseErrorText``), so the place is
/// the line and the column.
///
/// A namespace error (an undeclared prefix, a reserved one rebound) is only reported by libxml2, which reads on and
/// keeps `wellFormed` set: every parse path asks ``namespaceError`` as well.
final class ParseErrorRecord {
    private(set) var message: String?
    private(set) var line: Int?
    private var column: Int32 = 0
    /// libxml2's own text, to tell its cases apart; never shown.
    private var original = ""
    private var code: Int32 = 0
    /// The input ended with an element still open.
    private var endedInsideElement = false
    /// Set by a push parser's owner before its last call: what it reads now is the end of the input.
    var inputComplete = false
    /// The first namespace error that refuses the document, in our words.
    private(set) var namespaceError: XMLError?
    private var firstIsNamespaceError = false

    func record(_ error: UnsafePointer<xmlError>) {
        // A warning said first ("URI is not absolute") would otherwise stand for the fatal error that follows it.
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let namespace = error.pointee.domain == Int32(XML_FROM_NAMESPACE.rawValue)
        if namespace {
            guard NamespaceErrorText.refuses(error.pointee) else { return }
            if namespaceError == nil {
                namespaceError = XMLError(.malformed, Self.placed(NamespaceErrorText.sentence(for: error.pointee), column: error.pointee.int2),
                                          line: Int(error.pointee.line))
            }
        }
        if error.pointee.code == Int32(XML_ERR_TAG_NOT_FINISHED.rawValue) { endedInsideElement = true }
        let end = inputComplete ? Self.pushEnd(error.pointee) : nil
        if end?.insideElement == true { endedInsideElement = true }
        guard message == nil else { return }
        original = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
        message = end?.sentence ?? ParseErrorText.sentence(for: error.pointee, original: original)
        line = Int(error.pointee.line)
        column = error.pointee.int2
        code = error.pointee.code
        firstIsNamespaceError = namespace
    }

    /// The `.malformed` error: the first message on one line, and what a premature end means. libxml2's own depth
    /// limit (256, reached only when `ParseLimits.maxDepth` is higher) is said as ours is, not as "use XML_PARSE_HUGE".
    var error: XMLError {
        if firstIsNamespaceError, let namespaceError { return namespaceError }
        if code == Int32(XML_ERR_INTERNAL_ERROR.rawValue), original.hasPrefix("Excessive depth in document") {
            return XMLError(.tooDeep, "The document nests deeper than 256 elements", line: line)
        }
        let parts = (message ?? "not well-formed").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        var text = parts.filter { !$0.isEmpty }.joined(separator: "; ")
        // A tag mismatch also leaves elements open at the end, but it says what is wrong: no hint of a cut there. Nor
        // after a character XML does not allow: libxml2 stops reading at a NUL byte, as if the input ended there.
        if endedInsideElement, code != Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), code != Int32(XML_ERR_INVALID_CHAR.rawValue) {
            text += " (the document ends inside an element: is it cut off?)"
        } else {
            text = Self.placed(text, column: column)
        }
        return XMLError(.malformed, text, line: line)
    }

    /// What an error of the push parser's last call (the stream's, and the tree's above ``DocumentReader/pushThreshold``)
    /// says of the end of the input, which the pull parser tells with a last error (XML_ERR_TAG_NOT_FINISHED) and the
    /// push parser does not: it stops at its first error, and says "Extra content at the end of the document" of
    /// whatever it had not finished (an element, a CDATA section, a start tag). Nil for an error that left input
    /// unread inside an element (the pull parser reads on from there), or that no element is open around.
    private static func pushEnd(_ error: xmlError) -> (sentence: String?, insideElement: Bool)? {
        guard let parser = error.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self), let input = parser.pointee.input else { return nil }
        let open = parser.pointee.nameNr > 0, state = parser.pointee.instate
        guard error.code == Int32(XML_ERR_DOCUMENT_END.rawValue), state != XML_PARSER_EPILOG else {
            guard open, let cur = input.pointee.cur, let end = input.pointee.end, cur >= end else { return nil }
            return (nil, true)
        }
        let sentence = state == XML_PARSER_CDATA_SECTION ? ParseErrorText.cdataNotFinished : ParseErrorText.prematureEnd
        return (sentence, open || state == XML_PARSER_START_TAG)
    }

    /// A sentence with the column libxml2 gives: with the document's text left out, it is what points at the place.
    private static func placed(_ sentence: String, column: Int32) -> String {
        column > 0 ? "\(sentence) (column \(column))" : sentence
    }
}
