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

unsigned long cs_XN_FLAG_RFC2253(void) { return XN_FLAG_RFC2253; }
void cs_OPENSSL_free(void *p) { OPENSSL_free(p); }
