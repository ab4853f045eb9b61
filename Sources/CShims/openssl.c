#include "include/cshims_openssl.h"
#include <openssl/objects.h>

long cs_BIO_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }
STACK_OF(X509) *cs_sk_X509_new_null(void) { return sk_X509_new_null(); }
int cs_sk_X509_push(STACK_OF(X509) *s, X509 *x) { return sk_X509_push(s, x); }
int cs_sk_X509_num(const STACK_OF(X509) *s) { return sk_X509_num(s); }
X509 *cs_sk_X509_value(const STACK_OF(X509) *s, int i) { return sk_X509_value(s, i); }
void cs_sk_X509_pop_free(STACK_OF(X509) *s) { sk_X509_pop_free(s, X509_free); }

#define ORACLE_TRUSTED_KEY_USAGE "2.16.840.1.113894.746875.1.1"

int cs_pkcs12_add_trusted_cert(STACK_OF(PKCS12_SAFEBAG) **bags, X509 *cert, const char *alias) {
    PKCS12_SAFEBAG *bag = PKCS12_add_cert(bags, cert);
    if (bag == NULL) return 0;
    if (alias && !PKCS12_add_friendlyname_utf8(bag, alias, -1)) return 0;
    ASN1_OBJECT *any = OBJ_txt2obj("2.5.29.37.0", 1);
    if (any == NULL) return 0;
    // len -1 with a non-string type makes OpenSSL store the ASN1_OBJECT itself.
    int ok = PKCS12_add1_attr_by_txt(bag, ORACLE_TRUSTED_KEY_USAGE, V_ASN1_OBJECT,
                                     (const unsigned char *)any, -1);
    ASN1_OBJECT_free(any);
    return ok;
}

int cs_pkcs12_bag_is_trusted(const PKCS12_SAFEBAG *bag) {
    ASN1_OBJECT *oid = OBJ_txt2obj(ORACLE_TRUSTED_KEY_USAGE, 1);
    if (oid == NULL) return 0;
    const STACK_OF(X509_ATTRIBUTE) *attrs = PKCS12_SAFEBAG_get0_attrs(bag);
    int found = X509at_get_attr_by_OBJ(attrs, oid, -1) >= 0;
    ASN1_OBJECT_free(oid);
    return found;
}
