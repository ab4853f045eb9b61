#ifndef CSHIMS_OPENSSL_H
#define CSHIMS_OPENSSL_H
#include "../../COpenSSL/copenssl.h"

long cs_BIO_get_mem_data(BIO *b, char **pp);
STACK_OF(X509) *cs_sk_X509_new_null(void);
int cs_sk_X509_push(STACK_OF(X509) *s, X509 *x);
int cs_sk_X509_num(const STACK_OF(X509) *s);
X509 *cs_sk_X509_value(const STACK_OF(X509) *s, int i);
void cs_sk_X509_pop_free(STACK_OF(X509) *s);
/// Adds a certificate bag marked as trusted for any purpose the way Java's keytool reads it
/// (attribute 2.16.840.1.113894.746875.1.1 = anyExtendedKeyUsage), with a friendly name.
int cs_pkcs12_add_trusted_cert(STACK_OF(PKCS12_SAFEBAG) **bags, X509 *cert, const char *alias);
int cs_pkcs12_bag_is_trusted(const PKCS12_SAFEBAG *bag);
#endif
