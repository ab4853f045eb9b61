#ifndef CSHIMS_XML_SCAN_H
#define CSHIMS_XML_SCAN_H
#include <stddef.h>

// A linear count of attributes (namespace declarations included) per start tag and of element depth, run over the
// bytes before libxml2 reads them: libxml2 2.9's xmlParseStartTag2 compares every attribute of a tag with every other
// before anyone can see them, so a tag with 100,000 attributes costs minutes of CPU before a limit checked later
// applies. The scan only decides which tag is too big or too deep; libxml2 still judges everything else.

/// What a scan found. CS_SCAN_OK: nothing over the limits (the document may still be malformed).
enum {
    CS_SCAN_OK = 0,
    /// A start tag with more than max_attributes '=' outside its quoted values; count holds how many.
    CS_SCAN_ATTRIBUTES = 1,
    /// A start tag deeper than max_depth.
    CS_SCAN_DEPTH = 2,
    /// "<!" that opens neither a comment nor a CDATA section: a DOCTYPE (or not XML).
    CS_SCAN_DECLARATION = 3,
    /// An encoding the scan does not read: UCS-4, EBCDIC, a declared one whose bytes below 0x80 are not all ASCII
    /// (Shift_JIS, Big5, ISO-2022, ...), a UTF-16 document declaring another, or a name iconv does not know.
    CS_SCAN_ENCODING = 4,
};

/// The scan's state, carried from one piece of input to the next.
typedef struct cs_xml_scan {
    long max_attributes, max_depth;
    int state;
    /// The quote of the value being skipped; the last two bytes of a comment, CDATA or PI; the last byte fed.
    unsigned char quote, last1, last2, previous;
    long count, depth;
    /// Bytes fed so far, and the offset of the '<' of the tag the verdict is about.
    size_t offset, tag_offset;
    int verdict;
    /// 1-based line of that tag when the scan read the document's own bytes; 0 when it read a transcoded copy.
    long line;
} cs_xml_scan;

/// Starts a scan; depth is the nesting of the place the bytes go (0 for a document).
void cs_xml_scan_init(cs_xml_scan *scan, long max_attributes, long max_depth, long depth);
/// Scans the next piece of ASCII-compatible bytes; returns the verdict (CS_SCAN_OK to go on). An over-full tag is
/// reported once it ends, so count is exact; call cs_xml_scan_end after the last piece.
int cs_xml_scan_feed(cs_xml_scan *scan, const unsigned char *bytes, size_t length);
/// The verdict at the end of the input (a tag still open over the limit counts).
int cs_xml_scan_end(cs_xml_scan *scan);
/// Scans a whole document or fragment. encoding: the one libxml2 will use when the caller imposes it (a fragment
/// parsed in a document's context), or NULL to detect it as libxml2 does (byte order mark, first bytes, declaration).
/// UTF-16 (and an imposed encoding whose bytes below 0x80 are not all ASCII) is scanned as UTF-8 converted with iconv,
/// piece by piece.
int cs_xml_scan_document(cs_xml_scan *scan, const unsigned char *bytes, size_t length, const char *encoding);
#endif
