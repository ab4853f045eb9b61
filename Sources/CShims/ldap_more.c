#include "include/cshims_ldap.h"
#include <openldap.h>

int cs_ldap_init_tcp_fd(int fd, const char *url, LDAP **ldp) {
    return ldap_init_fd((ber_socket_t)fd, LDAP_PROTO_TCP, url, ldp);
}
