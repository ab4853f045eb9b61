// Accessors for what Swift cannot import: macros, C globals (not concurrency-safe in Swift 6), variadics.
// Each library's part lives in its own header; only this umbrella is imported.
#ifndef CSHIMS_H
#define CSHIMS_H
#include "cshims_curses.h"
#include "cshims_xml.h"
#include "cshims_openssl.h"
#include "cshims_krb5.h"
#include "cshims_keymaterial.h"
#include "cshims_ldap.h"
#endif
