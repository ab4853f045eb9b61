#ifndef CSHIMS_FILES_H
#define CSHIMS_FILES_H

/// Exchanges the paths `a` and `b` (both must exist) in one rename: renameat2(RENAME_EXCHANGE) on Linux,
/// renamex_np(RENAME_SWAP) on macOS, which Swift cannot import. 0 on success, else -1 with errno set (EINVAL or
/// ENOTSUP where the file system cannot exchange, as NFS).
int cs_rename_exchange(const char *a, const char *b);

#endif
