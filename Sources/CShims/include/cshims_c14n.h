#ifndef CSHIMS_C14N_H
#define CSHIMS_C14N_H
#include "../../CXMLSec/cxmlsec.h"

/// Whether a namespace URI is relative as libxml2 2.9's C14N decides it (xmlC14NCheckForRelativeNamespaces: the URI
/// does not parse, or has no scheme; "tag:x" and "http:/x" are absolute), on which C14N fails. The tree walk and the
/// streaming canonicaliser both ask this. Absolute URIs are remembered per thread: messages repeat the same few.
int cs_c14n_relative_namespace(const xmlChar *href);

/// libxml2's exclusive C14N of `apex` and its subtree, the walk started at `apex` instead of the document's root.
/// xmlC14NExecute visits every node of the document, asking a callback of each whether it is in the node set;
/// outside the referenced element nothing is rendered, and in exclusive C14N an element that is not rendered
/// leaves no namespace state behind, so the bytes are the same (SecureXMLTests hold the two to each other). When
/// something outside could change the outcome (a relative namespace URI, on which C14N fails; a node libxml2's
/// walk refuses), the whole document is walked instead, as xmlsec does.
/// `with_comments`: exc-c14n#WithComments; `skip_comments`: the node set leaves comments out (a same-document
/// reference does, whatever the method); `prefixes`: the InclusiveNamespaces PrefixList, null-terminated, or NULL.
int cs_c14n_subtree(xmlNodePtr apex, int with_comments, int skip_comments, xmlChar **prefixes, xmlOutputBufferPtr buf);

/// The same through xmlsec's own call: the whole document walked, xmlSecNodeSetContains asked of every node, the
/// node set made as xmlsec makes it for a Reference or SignedInfo. What cs_c14n_subtree is held to by the tests
/// and the fuzz harness; never used on the product's paths.
int cs_c14n_subtree_walked(xmlNodePtr apex, int with_comments, int skip_comments, xmlChar **prefixes, xmlOutputBufferPtr buf);

/// Makes xmlsec's two exclusive C14N transforms canonicalise a node set that is one element's whole subtree (an
/// `#id` Reference, SignedInfo) through cs_c14n_subtree; any other node set goes through xmlsec as before.
/// Called once by cs_xmlsec_init. Returns 1 when installed, 0 when this xmlsec's transform is not laid out as
/// expected (then nothing is changed).
int cs_xmlsec_use_subtree_c14n(void);
/// How many times this thread's xmlsec transforms took the subtree path (for the tests).
unsigned long cs_xmlsec_subtree_c14n_runs(void);
#endif
