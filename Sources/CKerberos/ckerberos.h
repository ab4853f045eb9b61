// Debian links /usr/include/krb5.h and gssapi/ into mit-krb5/, so the dropped -isystem flag is harmless.
#ifndef CKERBEROS_H
#define CKERBEROS_H
#include <krb5.h>
#include <profile.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <gssapi/gssapi_ext.h>
#endif
