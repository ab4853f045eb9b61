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
/// Pushes `bag` (owned by the stack on success), creating the stack when `*s` is NULL; 1 on success.
int cs_sk_PKCS12_SAFEBAG_push_new(STACK_OF(PKCS12_SAFEBAG) **s, PKCS12_SAFEBAG *bag);

/// The bag's localKeyID attribute bytes (borrowed from the bag), or NULL when it has none.
const unsigned char *cs_pkcs12_bag_local_key_id(const PKCS12_SAFEBAG *bag, int *len);
/// The bag's friendlyName BMPString bytes (UTF-16BE, borrowed from the bag), or NULL when it has none.
const unsigned char *cs_pkcs12_bag_friendly_name_bmp(const PKCS12_SAFEBAG *bag, int *len);
/// XN_FLAG_RFC2253, a composite macro of unsigned long flags.
unsigned long cs_XN_FLAG_RFC2253(void);
/// OPENSSL_free is a macro carrying the caller's file and line.
void cs_OPENSSL_free(void *p);

// Keystore management (JKS key protection, legacy PKCS #12, CSRs, certificate details).
/// A new EncryptedPrivateKeyInfo with algorithm `oid` (NULL parameters) and the given octets.
X509_SIG *cs_x509_sig_new(const char *oid, const unsigned char *data, int len);
/// The algorithm object and octets of an EncryptedPrivateKeyInfo (borrowed); 1 on success.
int cs_x509_sig_get0(const X509_SIG *sig, const ASN1_OBJECT **oid, const unsigned char **data, int *len);
/// A library context with the default and legacy providers (RC2/3DES PKCS #12), created once; NULL on failure.
OSSL_LIB_CTX *cs_legacy_libctx(void);
/// Copies extension `nid` of `cert` into the request's extension attribute; 1 when copied, 0 when absent, -1 on error.
int cs_req_copy_extension(X509_REQ *req, X509 *cert, int nid);
/// The signature algorithm's OID of a certificate.
const ASN1_OBJECT *cs_x509_signature_object(const X509 *cert);
/// The certificates of a PKCS #7 SignedData (borrowed from it), or NULL when it is of another type or has none.
STACK_OF(X509) *cs_pkcs7_certificates(PKCS7 *p7);
#endif
