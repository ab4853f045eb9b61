#ifndef CSHIMS_KRB5_H
#define CSHIMS_KRB5_H
#include "../../CKerberos/ckerberos.h"
#include "../../CLDAP/cldap.h"

gss_OID cs_GSS_C_NT_USER_NAME(void);
gss_OID cs_GSS_C_NT_HOSTBASED_SERVICE(void);
gss_OID cs_gss_mech_krb5(void);
int cs_GSS_ERROR(OM_uint32 major);
#endif
