#ifndef CSHIMS_PBKDF2_H
#define CSHIMS_PBKDF2_H
#include <stddef.h>

/// PBKDF2-HMAC-SHA-256 (RFC 8018) over OpenSSL's SHA-256 compression function: the HMAC pads are hashed once
/// and each iteration is two compressions, about three times faster than PKCS5_PBKDF2_HMAC, which re-initialises
/// its HMAC on every iteration. The same output, bit for bit (tests compare it with `openssl kdf`).
/// 1 on success, 0 when an argument is out of range (no iterations, or not 1 to 1024 bytes of output).
int cs_pbkdf2_hmac_sha256(const unsigned char *password, size_t password_length,
                          const unsigned char *salt, size_t salt_length, unsigned long iterations,
                          unsigned char *out, size_t out_length);
#endif
