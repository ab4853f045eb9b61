// SwiftPM drops the -D flags of xmlsec1-openssl.pc. They change the ABI (xmlSecSize is 4 bytes only with
// XMLSEC_NO_SIZE_T) and select the OpenSSL symbols, so they are repeated here. Copied from
// `pkg-config --cflags xmlsec1-openssl` for xmlsec 1.2.37; re-check on upgrade (1.3 changes several).
#ifndef CXMLSEC_H
#define CXMLSEC_H
#include "../CLibXML2/clibxml2.h"
#define XMLSEC_NO_SIZE_T 1
#define XMLSEC_OPENSSL3_ENGINES 1
#define XMLSEC_NO_GOST 1
#define XMLSEC_NO_GOST2012 1
#define XMLSEC_NO_CRYPTO_DYNAMIC_LOADING 1
#define XMLSEC_CRYPTO_OPENSSL 1
#define XMLSEC_NO_XSLT 1
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlenc.h>
#include <xmlsec/templates.h>
#include <xmlsec/errors.h>
#include <xmlsec/crypto.h>
#include <xmlsec/openssl/evp.h>
#endif
