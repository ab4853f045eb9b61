#ifndef CLDAP_H
#define CLDAP_H
#include <sys/time.h>
#include <ldap.h>
#include <lber.h>
#endif
