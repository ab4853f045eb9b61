// Debian's libxml2 is built with ICU; its ICU types clash with Foundation's copy (_FoundationICU).
// Swift never allocates xmlCharEncodingHandler, whose two trailing ICU fields are the only change.
#ifndef CLIBXML2_H
#define CLIBXML2_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/valid.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/c14n.h>
#include <libxml/xmlsave.h>
#include <libxml/uri.h>
#include <libxml/SAX2.h>
#endif
