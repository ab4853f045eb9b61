#include "include/cshims_krb5.h"

gss_OID cs_GSS_C_NT_USER_NAME(void) { return GSS_C_NT_USER_NAME; }
gss_OID cs_GSS_C_NT_HOSTBASED_SERVICE(void) { return GSS_C_NT_HOSTBASED_SERVICE; }
gss_OID cs_gss_mech_krb5(void) { return (gss_OID)gss_mech_krb5; }
int cs_GSS_ERROR(OM_uint32 major) { return GSS_ERROR(major) ? 1 : 0; }
gss_OID cs_GSS_KRB5_NT_PRINCIPAL_NAME(void) { return GSS_KRB5_NT_PRINCIPAL_NAME; }
gss_OID cs_GSS_C_INQ_SSPI_SESSION_KEY(void) { return GSS_C_INQ_SSPI_SESSION_KEY; }
