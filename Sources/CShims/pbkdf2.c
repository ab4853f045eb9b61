// SHA256_Init/Update/Transform are deprecated in OpenSSL 3 only as "use EVP": EVP offers no raw compression
// function, which is what makes this loop fast.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <stdint.h>
#include <string.h>
#include "include/cshims_pbkdf2.h"

static void put_be32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16); p[2] = (unsigned char)(v >> 8); p[3] = (unsigned char)v;
}

static void put_state(unsigned char *out, const SHA256_CTX *c) {
    for (int i = 0; i < 8; i++) put_be32(out + 4 * i, c->h[i]);
}

int cs_pbkdf2_hmac_sha256(const unsigned char *password, size_t password_length,
                          const unsigned char *salt, size_t salt_length, unsigned long iterations,
                          unsigned char *out, size_t out_length) {
    if (iterations < 1 || out_length < 1 || out_length > 1024) return 0;
    if ((password == NULL && password_length > 0) || (salt == NULL && salt_length > 0) || out == NULL) return 0;
    unsigned char key[64] = {0}, pad[64];
    SHA256_CTX inner, outer, c;
    // HMAC: a key longer than the block is hashed first.
    if (password_length > 64) SHA256(password, password_length, key); else if (password_length > 0) memcpy(key, password, password_length);
    for (int i = 0; i < 64; i++) pad[i] = key[i] ^ 0x36;
    SHA256_Init(&inner); SHA256_Update(&inner, pad, 64);
    for (int i = 0; i < 64; i++) pad[i] = key[i] ^ 0x5c;
    SHA256_Init(&outer); SHA256_Update(&outer, pad, 64);

    // The one block each later hash reads: a 32-byte value, then SHA-256 padding for a 96-byte message
    // (the 64-byte pad already compressed, plus these 32): 0x80, zeros, and the length in bits (768).
    unsigned char inner_block[64] = {0}, outer_block[64] = {0};
    inner_block[32] = outer_block[32] = 0x80;
    inner_block[62] = outer_block[62] = 0x03;

    unsigned char u[32], t[32], index[4];
    for (uint32_t block = 1; out_length > 0; block++) {
        put_be32(index, block);
        c = inner; SHA256_Update(&c, salt, salt_length); SHA256_Update(&c, index, 4); SHA256_Final(u, &c);
        c = outer; SHA256_Update(&c, u, 32); SHA256_Final(u, &c);
        memcpy(t, u, 32);
        for (unsigned long j = 1; j < iterations; j++) {
            memcpy(inner_block, u, 32);
            c = inner; SHA256_Transform(&c, inner_block);
            put_state(outer_block, &c);
            c = outer; SHA256_Transform(&c, outer_block);
            put_state(u, &c);
            for (int k = 0; k < 32; k++) t[k] ^= u[k];
        }
        size_t n = out_length < 32 ? out_length : 32;
        memcpy(out, t, n);
        out += n;
        out_length -= n;
    }
    OPENSSL_cleanse(key, sizeof key); OPENSSL_cleanse(pad, sizeof pad);
    OPENSSL_cleanse(inner_block, sizeof inner_block); OPENSSL_cleanse(outer_block, sizeof outer_block);
    OPENSSL_cleanse(u, sizeof u); OPENSSL_cleanse(t, sizeof t);
    OPENSSL_cleanse(&inner, sizeof inner); OPENSSL_cleanse(&outer, sizeof outer); OPENSSL_cleanse(&c, sizeof c);
    return 1;
}
