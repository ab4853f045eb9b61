// renameat2 is declared only under _GNU_SOURCE, which must come before any header.
#define _GNU_SOURCE
#include "cshims_files.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int cs_rename_exchange(const char *a, const char *b) {
#if defined(__APPLE__)
    return renamex_np(a, b, RENAME_SWAP);
#elif defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOTSUP;
    return -1;
#endif
}
