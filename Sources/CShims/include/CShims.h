// Accessors for what Swift cannot import: macros, C globals (not concurrency-safe in Swift 6), variadics;
// and PBKDF2's inner loop, which needs OpenSSL's raw SHA-256 compression (deprecated, so warned about in Swift).
// Each library's part lives in its own header; only this umbrella is imported.
#ifndef CSHIMS_H
#define CSHIMS_H
#include "cshims_curses.h"
#include "cshims_xml.h"
#include "cshims_c14n.h"
#include "cshims_base64.h"
#include "cshims_xml_scan.h"
#include "cshims_xml_save.h"
#include "cshims_openssl.h"
#include "cshims_krb5.h"
#include "cshims_keymaterial.h"
#include "cshims_ldap.h"
#include "cshims_pbkdf2.h"
#include "cshims_signals.h"
#include "cshims_files.h"
#endif
