#ifndef CSHIMS_KRB5_H
#define CSHIMS_KRB5_H
#include "../../CKerberos/ckerberos.h"
#include "../../CLDAP/cldap.h"

gss_OID cs_GSS_C_NT_USER_NAME(void);
gss_OID cs_GSS_C_NT_HOSTBASED_SERVICE(void);
gss_OID cs_gss_mech_krb5(void);
int cs_GSS_ERROR(OM_uint32 major);
/// Names of the Kerberos principal form (`HTTP/host@REALM`), a const global.
gss_OID cs_GSS_KRB5_NT_PRINCIPAL_NAME(void);
/// The session key a context established (gss_inquire_sec_context_by_oid): key bytes, then the enctype's OID.
gss_OID cs_GSS_C_INQ_SSPI_SESSION_KEY(void);
#endif
