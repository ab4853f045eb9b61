#include "include/cshims_xml_save.h"
#include <libxml/parserInternals.h>  // xmlStringTextNoenc
#include <string.h>

// Why: serialising a secured request through xmlSaveDoc is about a tenth of the engine's own work, nearly all of it
// libxml2's output buffer taking names, brackets and values one call each. Here they are copied into one piece and
// handed over when it is full. What is written mirrors xmlsave.c of libxml2 2.9 (xmlDocContentDumpOutput,
// xmlNodeDumpOutputInternal, xmlAttrDumpOutput, xmlNsDumpOutput) for the options Serializer uses: no formatting,
// the encoding "UTF-8" (so text is escaped by xmlEscapeContent and attribute values keep their non-ASCII bytes).

// The size of libxml2's own pieces, which XMLDocument.serialize(into:) promises.
enum { PIECE = 4096 };

struct out {
    cs_xml_save_write write;
    void *context;
    int failed;
    size_t used;
    unsigned char bytes[PIECE];
};

static void flush(struct out *o) {
    if (o->used > 0 && !o->failed && o->write(o->context, o->bytes, o->used) != 0) o->failed = 1;
    o->used = 0;
}

static void put(struct out *o, const void *bytes, size_t length) {
    if (length <= PIECE - o->used) {  // the common case: names, brackets, values
        memcpy(o->bytes + o->used, bytes, length);
        o->used += length;
        return;
    }
    const unsigned char *p = bytes;
    while (length > 0 && !o->failed) {
        if (o->used == PIECE) flush(o);
        size_t n = PIECE - o->used < length ? PIECE - o->used : length;
        memcpy(o->bytes + o->used, p, n);
        o->used += n;
        p += n;
        length -= n;
    }
}

#define PUT(o, literal) put((o), (literal), sizeof(literal) - 1)

static void put_string(struct out *o, const xmlChar *s) {
    if (s != NULL) put(o, s, strlen((const char *)s));
}

// What replaces a byte, or NULL: xmlEscapeContent for text; xmlBufAttrSerializeTxtContent for attribute values.
static inline const char *text_escape(unsigned char c) {
    switch (c) {
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '&': return "&amp;";
    case '\r': return "&#13;";
    default: return NULL;
    }
}

static inline const char *attribute_escape(unsigned char c) {
    switch (c) {
    case '\n': return "&#10;";
    case '\t': return "&#9;";
    case '"': return "&quot;";
    default: return text_escape(c);
    }
}

// Where a run of bytes copied as they are ends: at a byte the functions above replace, or at the end (NUL). A byte
// stopped at that they do not replace is copied all the same.
static const unsigned char text_stops[256] = { [0] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1, ['\r'] = 1 };
static const unsigned char attribute_stops[256] = { [0] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1, ['\r'] = 1, ['\n'] = 1, ['\t'] = 1, ['"'] = 1 };

static void put_escaped(struct out *o, const xmlChar *s, int attribute) {
    const unsigned char *stops = attribute ? attribute_stops : text_stops;
    for (;;) {
        const xmlChar *run = s;
        while (!stops[*s]) s++;
        put(o, run, (size_t)(s - run));
        if (*s == 0) return;
        const char *replacement = attribute ? attribute_escape(*s) : text_escape(*s);
        if (replacement != NULL) put_string(o, (const xmlChar *)replacement); else put(o, s, 1);
        s++;
    }
}

// xmlBufWriteQuotedString: double quotes, or single ones around a value holding '"', or &quot; when it holds both.
static void put_quoted(struct out *o, const xmlChar *s) {
    if (strchr((const char *)s, '"') == NULL) { PUT(o, "\""); put_string(o, s); PUT(o, "\""); return; }
    if (strchr((const char *)s, '\'') == NULL) { PUT(o, "'"); put_string(o, s); PUT(o, "'"); return; }
    PUT(o, "\"");
    for (const xmlChar *run = s;; s++) {
        if (*s == '"' || *s == 0) {
            put(o, run, (size_t)(s - run));
            if (*s == 0) break;
            PUT(o, "&quot;");
            run = s + 1;
        }
    }
    PUT(o, "\"");
}

static void put_qname(struct out *o, xmlNsPtr ns, const xmlChar *name) {
    if (ns != NULL && ns->prefix != NULL) { put_string(o, ns->prefix); PUT(o, ":"); }
    put_string(o, name);
}

static void put_start_tag(struct out *o, xmlNodePtr element) {
    PUT(o, "<");
    put_qname(o, element->ns, element->name);
    for (xmlNsPtr ns = element->nsDef; ns != NULL; ns = ns->next) {
        if (ns->type != XML_LOCAL_NAMESPACE || ns->href == NULL || xmlStrEqual(ns->prefix, BAD_CAST "xml")) continue;
        if (ns->prefix != NULL) { PUT(o, " xmlns:"); put_string(o, ns->prefix); } else PUT(o, " xmlns");
        PUT(o, "=");
        put_quoted(o, ns->href);
    }
    for (xmlAttrPtr attribute = element->properties; attribute != NULL; attribute = attribute->next) {
        PUT(o, " ");
        put_qname(o, attribute->ns, attribute->name);
        PUT(o, "=\"");
        for (xmlNodePtr child = attribute->children; child != NULL; child = child->next) {
            if (child->type == XML_TEXT_NODE && child->content != NULL) {
                put_escaped(o, child->content, 1);
            } else if (child->type == XML_ENTITY_REF_NODE) {
                PUT(o, "&"); put_string(o, child->name); PUT(o, ";");
            }
        }
        PUT(o, "\"");
    }
    if (element->children == NULL) PUT(o, "/>"); else PUT(o, ">");
}

// The node after `cur` in document order within `root`'s subtree, or NULL at its end; `closed` is called with each
// element whose end is passed. Every step down was checked by `supported` (children name their parent).
static xmlNodePtr next_node(xmlNodePtr cur, xmlNodePtr root, int down, void (*closed)(struct out *, xmlNodePtr), struct out *o) {
    if (down && cur->type == XML_ELEMENT_NODE && cur->children != NULL) return cur->children;
    for (;;) {
        if (cur == root) return NULL;
        if (cur->next != NULL) return cur->next;
        cur = cur->parent;
        if (closed != NULL) closed(o, cur);
    }
}

static void put_end_tag(struct out *o, xmlNodePtr element) {
    PUT(o, "</");
    put_qname(o, element->ns, element->name);
    PUT(o, ">");
}

static void put_tree(struct out *o, xmlNodePtr root) {
    for (xmlNodePtr cur = root; cur != NULL && !o->failed; cur = next_node(cur, root, 1, put_end_tag, o)) {
        switch (cur->type) {
        case XML_ELEMENT_NODE:
            put_start_tag(o, cur);
            break;
        case XML_TEXT_NODE:
            if (cur->content != NULL) put_escaped(o, cur->content, 0);
            break;
        case XML_CDATA_SECTION_NODE:
            PUT(o, "<![CDATA[");
            put_string(o, cur->content);
            PUT(o, "]]>");
            break;
        case XML_PI_NODE:
            PUT(o, "<?");
            put_string(o, cur->name);
            if (cur->content != NULL) { PUT(o, " "); put_string(o, cur->content); }
            PUT(o, "?>");
            break;
        case XML_COMMENT_NODE:
            if (cur->content != NULL) { PUT(o, "<!--"); put_string(o, cur->content); PUT(o, "-->"); }
            break;
        case XML_ENTITY_REF_NODE:
            PUT(o, "&"); put_string(o, cur->name); PUT(o, ";");
            break;
        default:
            break;  // refused by supported()
        }
    }
}

// Whether every node under `root` is one this writer renders as libxml2 does, in a tree whose links agree.
static int supported(xmlDocPtr doc, xmlNodePtr root) {
    for (xmlNodePtr cur = root; cur != NULL; cur = next_node(cur, root, 1, NULL, NULL)) {
        switch (cur->type) {
        case XML_ELEMENT_NODE:
            // An attribute of another document (or none) would have its non-ASCII bytes written as references.
            for (xmlAttrPtr attribute = cur->properties; attribute != NULL; attribute = attribute->next) {
                if (attribute->type != XML_ATTRIBUTE_NODE || attribute->doc != doc) return 0;
            }
            if (cur->children != NULL && cur->children->parent != cur) return 0;
            break;
        case XML_CDATA_SECTION_NODE:
            // libxml2 splits such a section in two; rare enough to leave to it.
            if (cur->content != NULL && strstr((const char *)cur->content, "]]>") != NULL) return 0;
            break;
        case XML_TEXT_NODE:
            // Text not to be escaped (XSLT's disable-output-escaping); no reader of ours makes it.
            if (cur->name == xmlStringTextNoenc) return 0;
            break;
        case XML_PI_NODE: case XML_COMMENT_NODE: case XML_ENTITY_REF_NODE:
            break;
        default:
            return 0;
        }
        if (cur != root && cur->next != NULL && cur->next->parent != cur->parent) return 0;
    }
    return 1;
}

int cs_xml_save_doc(xmlDocPtr doc, int declaration, cs_xml_save_write write, void *context) {
    if (doc == NULL || doc->type != XML_DOCUMENT_NODE || write == NULL) return CS_SAVE_UNSUPPORTED;
    for (xmlNodePtr child = doc->children; child != NULL; child = child->next) {
        if (child->parent != (xmlNodePtr)doc) return CS_SAVE_UNSUPPORTED;
        if (child->type != XML_ELEMENT_NODE && child->type != XML_COMMENT_NODE && child->type != XML_PI_NODE) return CS_SAVE_UNSUPPORTED;
        if (!supported(doc, child)) return CS_SAVE_UNSUPPORTED;
    }
    // On the stack, and not zeroed: a large malloc or memset would cost more than the small documents' writing.
    struct out out, *o = &out;
    o->write = write;
    o->context = context;
    o->failed = 0;
    o->used = 0;
    if (declaration) {
        PUT(o, "<?xml version=");
        if (doc->version != NULL) put_quoted(o, doc->version); else PUT(o, "\"1.0\"");
        PUT(o, " encoding=\"UTF-8\"");
        if (doc->standalone == 0) PUT(o, " standalone=\"no\"");
        if (doc->standalone == 1) PUT(o, " standalone=\"yes\"");
        PUT(o, "?>\n");
    }
    for (xmlNodePtr child = doc->children; child != NULL && !o->failed; child = child->next) {
        put_tree(o, child);
        PUT(o, "\n");
    }
    flush(o);
    return o->failed ? CS_SAVE_FAILED : CS_SAVE_WRITTEN;
}
