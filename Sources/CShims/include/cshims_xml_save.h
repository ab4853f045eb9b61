#ifndef CSHIMS_XML_SAVE_H
#define CSHIMS_XML_SAVE_H
#include "../../CLibXML2/clibxml2.h"
#include <stddef.h>

/// Receives the text in pieces; returns 0 to go on, anything else to stop.
typedef int (*cs_xml_save_write)(void *context, const unsigned char *bytes, size_t length);

/// What cs_xml_save_doc did.
enum {
    /// The whole document was written.
    CS_SAVE_WRITTEN = 1,
    /// The tree holds something left to libxml2's own writer (a DTD, a CDATA section holding "]]>", text not to
    /// be escaped, an attribute of another document, links that disagree): nothing was written.
    CS_SAVE_UNSUPPORTED = 0,
    /// `write` stopped the writing: what it took is incomplete.
    CS_SAVE_FAILED = -1,
};

/// The bytes libxml2's xmlSaveDoc writes for `doc` through a save context opened with the encoding "UTF-8" and
/// XML_SAVE_AS_XML (| XML_SAVE_NO_DECL without `declaration`), with the cost of a copy: libxml2 writes each name,
/// bracket and value through its output buffer (about a hundred instructions a piece) and escapes text through
/// another buffer. The text is handed to `write` in pieces of 4 KB. SerializerTests and the fuzz target "save"
/// hold the two writers to the same bytes.
int cs_xml_save_doc(xmlDocPtr doc, int declaration, cs_xml_save_write write, void *context);
#endif
