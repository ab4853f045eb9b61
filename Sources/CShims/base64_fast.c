#include "include/cshims_base64.h"
#include "library_data.h"
#include <xmlsec/membuf.h>
#include <string.h>

// Why: xmlsec decodes base64 one character at a time (a call, a state machine and five range tests each); for the
// CipherValue of an encrypted Body that was the largest single item of a secured request outside cryptography.

static xmlSecTransformExecuteMethod xmlsec_execute;
static int installed;
static signed char sextet[256];
static _Thread_local int reference_only;
static _Thread_local unsigned long fast_bytes;

// xmlsec's private context of the transform (base64.c, struct _xmlSecBase64Ctx), right after the xmlSecTransform;
// the layout is checked at install against the klass's object size.
struct base64_state { int encode; xmlSecSize columns; int inByte; xmlSecSize inPos; xmlSecSize linePos; int finished; };

static int is_space(xmlSecByte c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Decodes the alphabet characters and the whitespace at the front of the input as xmlsec's decoder does, one
// character at a time only where a quad is cut (by a line break or a chunk's end), and leaves the decoder's state
// (the sextet held, the position in the quad) as its own code would. It stops at padding or at a character outside
// the alphabet: xmlsec's code takes those, from that state. Nothing is taken after padding (`finished`).
static int decode_alphabet(xmlSecTransformPtr transform) {
    struct base64_state *state = (struct base64_state *)((xmlSecByte *)transform + sizeof(xmlSecTransform));
    xmlSecBufferPtr in = &(transform->inBuf), out = &(transform->outBuf);
    const xmlSecByte *data = xmlSecBufferGetData(in);
    xmlSecSize size = xmlSecBufferGetSize(in);
    if (state->encode != 0 || state->finished != 0 || state->inPos > 3 || data == NULL || size == 0) return 0;
    xmlSecSize outSize = xmlSecBufferGetSize(out);
    // At most one byte per character.
    if (xmlSecBufferSetMaxSize(out, outSize + size) < 0) return -1;
    xmlSecByte *to = xmlSecBufferGetData(out) + outSize;
    xmlSecSize pos = 0, written = 0, at = state->inPos;
    int held = state->inByte;
    while (pos < size) {
        if (at == 0 && size - pos >= 4) {
            int a = sextet[data[pos]], b = sextet[data[pos + 1]], c = sextet[data[pos + 2]], d = sextet[data[pos + 3]];
            if ((a | b | c | d) >= 0) {
                to[written++] = (xmlSecByte)((a << 2) | (b >> 4));
                to[written++] = (xmlSecByte)((b << 4) | (c >> 2));
                to[written++] = (xmlSecByte)((c << 6) | d);
                pos += 4;
                continue;
            }
        }
        if (is_space(data[pos])) { pos++; continue; }
        int v = sextet[data[pos]];
        if (v < 0) break;
        switch (at) {
        case 0: held = v; at = 1; break;
        case 1: to[written++] = (xmlSecByte)((held << 2) | (v >> 4)); held = v; at = 2; break;
        case 2: to[written++] = (xmlSecByte)((held << 4) | (v >> 2)); held = v; at = 3; break;
        default: to[written++] = (xmlSecByte)((held << 6) | v); held = 0; at = 0; break;
        }
        pos++;
    }
    if (pos == 0) return 0;
    if (xmlSecBufferSetSize(out, outSize + written) < 0 || xmlSecBufferRemoveHead(in, pos) < 0) return -1;
    state->inByte = held;
    state->inPos = at;
    fast_bytes += pos;
    return 0;
}

static int execute(xmlSecTransformPtr transform, int last, xmlSecTransformCtxPtr transformCtx) {
    if (!reference_only && transform != NULL && transform->operation == xmlSecTransformOperationDecode) {
        struct base64_state *state = (struct base64_state *)((xmlSecByte *)transform + sizeof(xmlSecTransform));
        // As xmlsec's execute starts.
        if (transform->status == xmlSecTransformStatusNone) {
            state->encode = 0;
            transform->status = xmlSecTransformStatusWorking;
        }
        if (transform->status == xmlSecTransformStatusWorking && decode_alphabet(transform) < 0) return -1;
    }
    return xmlsec_execute(transform, last, transformCtx);
}

int cs_xmlsec_use_fast_base64(void) {
    struct _xmlSecTransformKlass *klass = (struct _xmlSecTransformKlass *)xmlSecTransformBase64Id;
    if (installed) return 1;
    if (klass->objSize != sizeof(xmlSecTransform) + sizeof(struct base64_state) || klass->execute == NULL) return 0;
    for (int i = 0; i < 256; i++) sextet[i] = -1;
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; i++) sextet[(unsigned char)alphabet[i]] = (signed char)i;
    xmlsec_execute = klass->execute;
    if (cs_store_library_pointer((void **)&klass->execute, (void *)execute) != 0) return 0;
    installed = 1;
    return 1;
}

long cs_base64_transform_decode(const unsigned char *in, size_t size, size_t chunk, int reference, unsigned char *out, size_t capacity) {
    xmlSecTransformCtxPtr ctx = xmlSecTransformCtxCreate();
    if (ctx == NULL) return -1;
    long result = -1;
    xmlSecTransformPtr transform = xmlSecTransformCtxCreateAndAppend(ctx, xmlSecTransformBase64Id);
    // A transform hands its output on and drops it: a memory buffer at the end keeps it.
    xmlSecTransformPtr sink = xmlSecTransformCtxCreateAndAppend(ctx, xmlSecTransformMemBufId);
    if (transform != NULL && sink != NULL && chunk > 0) {
        transform->operation = xmlSecTransformOperationDecode;
        reference_only = reference;
        int failed = 0;
        for (size_t pos = 0; !failed && pos < size; pos += chunk) {
            size_t length = size - pos < chunk ? size - pos : chunk;
            failed = xmlSecTransformPushBin(transform, in + pos, (xmlSecSize)length, 0, ctx) < 0;
        }
        if (!failed) failed = xmlSecTransformPushBin(transform, NULL, 0, 1, ctx) < 0;
        reference_only = 0;
        xmlSecBufferPtr kept = xmlSecTransformMemBufGetBuffer(sink);
        xmlSecSize length = kept != NULL ? xmlSecBufferGetSize(kept) : 0;
        if (!failed && kept != NULL && length <= capacity) {
            if (length > 0) memcpy(out, xmlSecBufferGetData(kept), length);
            result = (long)length;
        }
    }
    xmlSecTransformCtxDestroy(ctx);
    return result;
}

unsigned long cs_xmlsec_fast_base64_bytes(void) { return fast_bytes; }
