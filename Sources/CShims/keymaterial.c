#include "include/cshims_keymaterial.h"

STACK_OF(PKCS7) *cs_sk_PKCS7_new_null(void) { return sk_PKCS7_new_null(); }
int cs_sk_PKCS7_num(const STACK_OF(PKCS7) *s) { return sk_PKCS7_num(s); }
PKCS7 *cs_sk_PKCS7_value(const STACK_OF(PKCS7) *s, int i) { return sk_PKCS7_value(s, i); }
void cs_sk_PKCS7_pop_free(STACK_OF(PKCS7) *s) { sk_PKCS7_pop_free(s, PKCS7_free); }
int cs_sk_PKCS12_SAFEBAG_num(const STACK_OF(PKCS12_SAFEBAG) *s) { return sk_PKCS12_SAFEBAG_num(s); }
PKCS12_SAFEBAG *cs_sk_PKCS12_SAFEBAG_value(const STACK_OF(PKCS12_SAFEBAG) *s, int i) {
    return sk_PKCS12_SAFEBAG_value(s, i);
}
void cs_sk_PKCS12_SAFEBAG_pop_free(STACK_OF(PKCS12_SAFEBAG) *s) {
    sk_PKCS12_SAFEBAG_pop_free(s, PKCS12_SAFEBAG_free);
}

const unsigned char *cs_pkcs12_bag_local_key_id(const PKCS12_SAFEBAG *bag, int *len) {
    const ASN1_TYPE *t = PKCS12_SAFEBAG_get0_attr(bag, NID_localKeyID);
    if (t == NULL || t->type != V_ASN1_OCTET_STRING || t->value.octet_string == NULL) return NULL;
    *len = ASN1_STRING_length(t->value.octet_string);
    return ASN1_STRING_get0_data(t->value.octet_string);
}

/* PKCS12_get_friendlyname returns NULL for a name ending in a character of three UTF-8 bytes (OpenSSL 3.0's
   bmp_to_utf8 caps the output at the UTF-16 bytes left), so a CJK alias had no name; Swift decodes the bytes. */
const unsigned char *cs_pkcs12_bag_friendly_name_bmp(const PKCS12_SAFEBAG *bag, int *len) {
    const ASN1_TYPE *t = PKCS12_SAFEBAG_get0_attr(bag, NID_friendlyName);
    if (t == NULL || t->type != V_ASN1_BMPSTRING || t->value.bmpstring == NULL) return NULL;
    *len = ASN1_STRING_length(t->value.bmpstring);
    return ASN1_STRING_get0_data(t->value.bmpstring);
}

/* RFC 2253 with non-ASCII characters as UTF-8, as Java's getName(RFC2253) and keytool print them, not \C3\B6. */
unsigned long cs_XN_FLAG_RFC2253(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }
void cs_OPENSSL_free(void *p) { OPENSSL_free(p); }

#include <openssl/provider.h>

X509_SIG *cs_x509_sig_new(const char *oid, const unsigned char *data, int len) {
    X509_SIG *sig = X509_SIG_new();
    X509_ALGOR *alg = NULL;
    ASN1_OCTET_STRING *digest = NULL;
    ASN1_OBJECT *obj = OBJ_txt2obj(oid, 1);
    if (sig == NULL || obj == NULL) goto fail;
    X509_SIG_getm(sig, &alg, &digest);
    if (X509_ALGOR_set0(alg, obj, V_ASN1_NULL, NULL) != 1) goto fail;
    obj = NULL;
    if (ASN1_OCTET_STRING_set(digest, data, len) != 1) goto fail;
    return sig;
fail:
    ASN1_OBJECT_free(obj);
    X509_SIG_free(sig);
    return NULL;
}

int cs_x509_sig_get0(const X509_SIG *sig, const ASN1_OBJECT **oid, const unsigned char **data, int *len) {
    const X509_ALGOR *alg = NULL;
    const ASN1_OCTET_STRING *digest = NULL;
    X509_SIG_get0(sig, &alg, &digest);
    if (alg == NULL || digest == NULL) return 0;
    X509_ALGOR_get0(oid, NULL, NULL, alg);
    *data = ASN1_STRING_get0_data(digest);
    *len = ASN1_STRING_length(digest);
    return 1;
}

static OSSL_LIB_CTX *legacy_ctx = NULL;
static CRYPTO_ONCE legacy_once = CRYPTO_ONCE_STATIC_INIT;

static void legacy_init(void) {
    OSSL_LIB_CTX *ctx = OSSL_LIB_CTX_new();
    if (ctx == NULL) return;
    if (OSSL_PROVIDER_load(ctx, "default") == NULL || OSSL_PROVIDER_load(ctx, "legacy") == NULL) {
        OSSL_LIB_CTX_free(ctx);
        return;
    }
    legacy_ctx = ctx;
}

OSSL_LIB_CTX *cs_legacy_libctx(void) {
    // Only legacy PKCS #12 reading runs in this context; the process default never gets RC2.
    CRYPTO_THREAD_run_once(&legacy_once, legacy_init);
    return legacy_ctx;
}

int cs_req_copy_extension(X509_REQ *req, X509 *cert, int nid) {
    int index = X509_get_ext_by_NID(cert, nid, -1);
    if (index < 0) return 0;
    STACK_OF(X509_EXTENSION) *exts = sk_X509_EXTENSION_new_null();
    if (exts == NULL) return -1;
    sk_X509_EXTENSION_push(exts, X509_get_ext(cert, index));
    int ok = X509_REQ_add_extensions(req, exts);
    sk_X509_EXTENSION_free(exts);  // the extension itself stays the certificate's
    return ok == 1 ? 1 : -1;
}

const ASN1_OBJECT *cs_x509_signature_object(const X509 *cert) {
    const X509_ALGOR *alg = NULL;
    const ASN1_OBJECT *obj = NULL;
    X509_get0_signature(NULL, &alg, cert);
    if (alg == NULL) return NULL;
    X509_ALGOR_get0(&obj, NULL, NULL, alg);
    return obj;
}

STACK_OF(X509) *cs_pkcs7_certificates(PKCS7 *p7) {
    // A CA reply (.p7b/.p7c) is SignedData with certificates only; the union member is OpenSSL's layout.
    if (p7 == NULL || p7->d.ptr == NULL) return NULL;
    if (PKCS7_type_is_signed(p7)) return p7->d.sign->cert;
    if (PKCS7_type_is_signedAndEnveloped(p7)) return p7->d.signed_and_enveloped->cert;
    return NULL;
}

int cs_sk_PKCS12_SAFEBAG_push_new(STACK_OF(PKCS12_SAFEBAG) **s, PKCS12_SAFEBAG *bag) {
    if (*s == NULL && (*s = sk_PKCS12_SAFEBAG_new_null()) == NULL) return 0;
    return sk_PKCS12_SAFEBAG_push(*s, bag) > 0;
}
