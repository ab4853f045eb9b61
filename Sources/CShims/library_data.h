#ifndef CSHIMS_LIBRARY_DATA_H
#define CSHIMS_LIBRARY_DATA_H
// Not exported to Swift: what the xmlsec transform patches (c14n_subtree.c, base64_fast.c) share.

/// Stores `value` in `field`, a pointer in a library's static data (an xmlsec transform klass's method): such data is
/// read-only after relocation, so its page is made writable for the store and given back the protection it had.
/// Returns 0 when stored, -1 otherwise (nothing changed).
int cs_store_library_pointer(void **field, void *value);
#endif
