#include "include/cshims_c14n.h"
#include "library_data.h"
#include <string.h>

// Why: for each Reference and for SignedInfo, xmlsec hands libxml2 the whole document and a callback saying which
// nodes are in; libxml2 walks every node of the document each time (a secured request: about ten walks, 40% of the
// engine's own work in instructions). Starting the walk at the element gives the same bytes at a fraction of it,
// when nothing outside the element could change the outcome (outside_matters); else libxml2 walks it all, as before.

// `head` is the apex itself, or the copy of it the walk starts at (cs_c14n_subtree).
struct subtree { xmlNodePtr apex; xmlNodePtr head; int skip_comments; };

// xmlC14NIsVisibleCallback: in the node set when the node (an attribute's or namespace's element) is the apex
// or lies under it. A namespace node is an xmlNs, not an xmlNode: its element is `parent`.
static int in_subtree(void *data, xmlNodePtr node, xmlNodePtr parent) {
    const struct subtree *set = data;
    if (node == NULL) return 0;
    if (set->skip_comments && node->type == XML_COMMENT_NODE) return 0;
    xmlNodePtr n = node->type == XML_NAMESPACE_DECL ? parent : node;
    if (n == set->head) return 1;
    for (; n != NULL; n = n->parent) {
        if (n == set->apex) return 1;
    }
    return 0;
}

// xmlParseURI allocates every part it finds, and the walk below meets the same few URIs (soapenv, wsse, wsu, ds ...)
// in every run; the answer depends on the text alone, so the absolute ones are remembered by their text, per thread.
enum { KNOWN_SLOTS = 16, KNOWN_BYTES = 192 };
static _Thread_local struct { size_t length; char text[KNOWN_BYTES]; } known_absolute[KNOWN_SLOTS];
static _Thread_local unsigned known_next;

int cs_c14n_relative_namespace(const xmlChar *href) {
    size_t length = strlen((const char *)href);
    for (unsigned i = 0; length < KNOWN_BYTES && i < KNOWN_SLOTS; i++) {
        if (known_absolute[i].length == length && memcmp(known_absolute[i].text, href, length) == 0) return 0;
    }
    xmlURIPtr uri = xmlParseURI((const char *)href);
    int relative = uri == NULL || xmlStrlen((const xmlChar *)uri->scheme) == 0;
    xmlFreeURI(uri);
    if (!relative && length < KNOWN_BYTES) {
        unsigned slot = known_next++ % KNOWN_SLOTS;
        known_absolute[slot].length = length;
        memcpy(known_absolute[slot].text, href, length);
    }
    return relative;
}

// Whether anything outside the apex's subtree could change what libxml2's C14N of it gives: a relative namespace URI
// (C14N 1.0 MUST fail on the document, and libxml2 does as its walk meets one), or a node its walk refuses or does
// not know. Nodes are visited as libxml2 visits them: depth first, into elements only.
static int outside_matters(xmlNodePtr apex) {
    xmlNodePtr node = apex->doc->children;
    while (node != NULL) {
        if (node != apex) {
            switch (node->type) {
            case XML_ELEMENT_NODE:
                for (xmlNsPtr ns = node->nsDef; ns != NULL; ns = ns->next) {
                    if (xmlStrlen(ns->href) > 0 && cs_c14n_relative_namespace(ns->href)) return 1;
                }
                break;
            case XML_TEXT_NODE: case XML_CDATA_SECTION_NODE: case XML_PI_NODE: case XML_COMMENT_NODE:
            case XML_DOCUMENT_TYPE_NODE: case XML_NOTATION_NODE: case XML_DTD_NODE: case XML_ELEMENT_DECL:
            case XML_ATTRIBUTE_DECL: case XML_ENTITY_DECL: case XML_XINCLUDE_START: case XML_XINCLUDE_END:
                break;
            default:
                return 1;
            }
        }
        // Depth first, in document order, leaving out the apex's subtree.
        if (node != apex && node->type == XML_ELEMENT_NODE && node->children != NULL) { node = node->children; continue; }
        while (node != NULL && node->next == NULL) node = node->parent == (xmlNodePtr)apex->doc ? NULL : node->parent;
        if (node != NULL) node = node->next;
    }
    return 0;
}

int cs_c14n_subtree(xmlNodePtr apex, int with_comments, int skip_comments, xmlChar **prefixes, xmlOutputBufferPtr buf) {
    if (apex == NULL || apex->type != XML_ELEMENT_NODE || apex->doc == NULL || buf == NULL) return -1;
    struct subtree set = { apex, apex, skip_comments };
    // Then libxml2 walks the whole document, as for xmlsec, and decides.
    if (outside_matters(apex)) return xmlC14NExecute(apex->doc, in_subtree, &set, XML_C14N_EXCLUSIVE_1_0, prefixes, with_comments, buf);
    // libxml2 starts at doc->children and goes on to their siblings: a copy of the document whose only child is a
    // copy of the apex without siblings, so that the walk ends with the apex's subtree (the siblings after it would
    // be visited outside the set, for nothing: outside_matters has looked at them). The copy keeps the apex's
    // links (parent, children, attributes, namespaces), so the namespaces in scope stay the real ones; the
    // children and attributes still name the real apex as their parent. The document itself is not touched.
    xmlNode head = *apex;
    head.next = NULL;
    head.prev = NULL;
    set.head = &head;
    xmlDoc view = *apex->doc;
    view.children = &head;
    view.last = &head;
    return xmlC14NExecute(&view, in_subtree, &set, XML_C14N_EXCLUSIVE_1_0, prefixes, with_comments, buf);
}

int cs_c14n_subtree_walked(xmlNodePtr apex, int with_comments, int skip_comments, xmlChar **prefixes, xmlOutputBufferPtr buf) {
    if (apex == NULL || apex->type != XML_ELEMENT_NODE || apex->doc == NULL || buf == NULL) return -1;
    xmlSecNodeSetPtr set = xmlSecNodeSetGetChildren(apex->doc, apex, !skip_comments, 0);
    if (set == NULL) return -1;
    int result = xmlC14NExecute(apex->doc, (xmlC14NIsVisibleCallback)xmlSecNodeSetContains, set, XML_C14N_EXCLUSIVE_1_0, prefixes,
                                with_comments, buf);
    xmlSecNodeSetDestroy(set);
    return result;
}

// MARK: xmlsec's exclusive C14N transforms

static xmlSecTransformPushXmlMethod xmlsec_push_exclusive;
static xmlSecTransformPushXmlMethod xmlsec_push_exclusive_with_comments;
static int installed;
// Per thread, so that a test can count its own operation's runs.
static _Thread_local unsigned long subtree_runs;

// The element whose whole subtree is the node set, or NULL: one set (no union or subtraction), of type tree,
// holding one element of the set's document.
static xmlNodePtr single_subtree(xmlSecNodeSetPtr nodes) {
    if (nodes == NULL || nodes->next != nodes || nodes->children != NULL || nodes->op != xmlSecNodeSetIntersection) return NULL;
    if (nodes->type != xmlSecNodeSetTree && nodes->type != xmlSecNodeSetTreeWithoutComments) return NULL;
    if (nodes->nodes == NULL || nodes->nodes->nodeNr != 1) return NULL;
    xmlNodePtr apex = nodes->nodes->nodeTab[0];
    if (apex == NULL || apex->type != XML_ELEMENT_NODE || apex->doc != nodes->doc) return NULL;
    return apex;
}

// The transform's InclusiveNamespaces PrefixList: xmlsec's C14N transforms keep an xmlSecPtrList of strings right
// after the xmlSecTransform (checked at install by the object size) and end a non-empty list with NULL.
static int prefix_list(xmlSecTransformPtr transform, xmlChar ***prefixes) {
    xmlSecPtrListPtr list = (xmlSecPtrListPtr)((xmlSecByte *)transform + sizeof(xmlSecTransform));
    if (!xmlSecPtrListCheckId(list, xmlSecStringListId)) return -1;
    if (list->use == 0) { *prefixes = NULL; return 0; }
    if (list->data == NULL || list->data[list->use - 1] != NULL) return -1;
    *prefixes = (xmlChar **)list->data;
    return 0;
}

// xmlsec's pushXml for these transforms (c14n.c), with the walk started at the element; anything else, and any
// state it does not expect, goes to xmlsec's own.
static int push_subtree(xmlSecTransformPtr transform, xmlSecNodeSetPtr nodes, xmlSecTransformCtxPtr transformCtx) {
    int with_comments = transform->id == xmlSecTransformExclC14NWithCommentsId;
    xmlSecTransformPushXmlMethod xmlsec_push = with_comments ? xmlsec_push_exclusive_with_comments : xmlsec_push_exclusive;
    xmlNodePtr apex = single_subtree(nodes);
    xmlChar **prefixes = NULL;
    if (apex == NULL || transformCtx == NULL || transform->status != xmlSecTransformStatusNone || prefix_list(transform, &prefixes) < 0) {
        return xmlsec_push(transform, nodes, transformCtx);
    }
    transform->status = xmlSecTransformStatusWorking;
    xmlOutputBufferPtr buf = transform->next != NULL ? xmlSecTransformCreateOutputBuffer(transform->next, transformCtx)
                                                     : xmlSecBufferCreateOutputBuffer(&(transform->outBuf));
    if (buf == NULL) return -1;
    if (cs_c14n_subtree(apex, with_comments, nodes->type == xmlSecNodeSetTreeWithoutComments, prefixes, buf) < 0) {
        (void)xmlOutputBufferClose(buf);
        return -1;
    }
    if (xmlOutputBufferClose(buf) < 0) return -1;
    transform->status = xmlSecTransformStatusFinished;
    subtree_runs += 1;
    return 0;
}

int cs_xmlsec_use_subtree_c14n(void) {
    // The two transforms keep their klasses, and so their ids (every check of xmlsec's on them still holds):
    // only the klass's pushXml changes. A klass is static data of xmlsec's, read-only after relocation.
    struct _xmlSecTransformKlass *exclusive = (struct _xmlSecTransformKlass *)xmlSecTransformExclC14NId;
    struct _xmlSecTransformKlass *with_comments = (struct _xmlSecTransformKlass *)xmlSecTransformExclC14NWithCommentsId;
    xmlSecSize size = sizeof(xmlSecTransform) + sizeof(xmlSecPtrList);
    if (installed) return 1;
    if (exclusive->objSize != size || with_comments->objSize != size || exclusive->pushXml == NULL || with_comments->pushXml == NULL) return 0;
    xmlsec_push_exclusive = exclusive->pushXml;
    xmlsec_push_exclusive_with_comments = with_comments->pushXml;
    if (cs_store_library_pointer((void **)&exclusive->pushXml, (void *)push_subtree) != 0) return 0;
    if (cs_store_library_pointer((void **)&with_comments->pushXml, (void *)push_subtree) != 0) {
        (void)cs_store_library_pointer((void **)&exclusive->pushXml, (void *)xmlsec_push_exclusive);
        return 0;
    }
    installed = 1;
    return 1;
}

unsigned long cs_xmlsec_subtree_c14n_runs(void) { return subtree_runs; }
