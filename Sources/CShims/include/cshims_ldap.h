#ifndef CSHIMS_LDAP_H
#define CSHIMS_LDAP_H
#include "../../CLDAP/cldap.h"

/// ldap_init_fd for an already connected TCP socket (declared in <openldap.h>, which the module map leaves out).
/// The connection is made by the caller so that its timeouts and errors are the caller's own.
int cs_ldap_init_tcp_fd(int fd, const char *url, LDAP **ldp);
#endif
