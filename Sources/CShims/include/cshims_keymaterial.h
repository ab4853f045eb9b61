#ifndef CSHIMS_KEYMATERIAL_H
#define CSHIMS_KEYMATERIAL_H
#include "../../COpenSSL/copenssl.h"

// Typed stack accessors for PKCS#12 walking; OpenSSL 3 defines them as macros Swift cannot import.
STACK_OF(PKCS7) *cs_sk_PKCS7_new_null(void);
int cs_sk_PKCS7_num(const STACK_OF(PKCS7) *s);
PKCS7 *cs_sk_PKCS7_value(const STACK_OF(PKCS7) *s, int i);
void cs_sk_PKCS7_pop_free(STACK_OF(PKCS7) *s);
int cs_sk_PKCS12_SAFEBAG_num(const STACK_OF(PKCS12_SAFEBAG) *s);
PKCS12_SAFEBAG *cs_sk_PKCS12_SAFEBAG_value(const STACK_OF(PKCS12_SAFEBAG) *s, int i);
void cs_sk_PKCS12_SAFEBAG_pop_free(STACK_OF(PKCS12_SAFEBAG) *s);

/// The bag's localKeyID attribute bytes (borrowed from the bag), or NULL when it has none.
const unsigned char *cs_pkcs12_bag_local_key_id(const PKCS12_SAFEBAG *bag, int *len);
/// XN_FLAG_RFC2253, a composite macro of unsigned long flags.
unsigned long cs_XN_FLAG_RFC2253(void);
/// OPENSSL_free is a macro carrying the caller's file and line.
void cs_OPENSSL_free(void *p);
#endif
