#include "include/cshims_base64.h"
#include "library_data.h"
#include <xmlsec/membuf.h>
#include <string.h>

// Why: xmlsec decodes and encodes base64 one character at a time (a call and a state machine each); for the
// CipherValue of an encrypted Body that was the largest single item of a secured request outside cryptography, on
// the reading side and then on the writing side.

static xmlSecTransformExecuteMethod xmlsec_execute;
static int installed;
static signed char sextet[256];
static _Thread_local int reference_only;
static _Thread_local unsigned long fast_bytes;

// xmlsec's private context of the transform (base64.c, struct _xmlSecBase64Ctx), right after the xmlSecTransform;
// the layout is checked at install against the klass's object size.
struct base64_state { int encode; xmlSecSize columns; int inByte; xmlSecSize inPos; xmlSecSize linePos; int finished; };

static struct base64_state *state_of(xmlSecTransformPtr transform) {
    return (struct base64_state *)((xmlSecByte *)transform + sizeof(xmlSecTransform));
}

static int is_space(xmlSecByte c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Decodes the alphabet characters and the whitespace at the front of the input as xmlsec's decoder does, one
// character at a time only where a quad is cut (by a line break or a chunk's end), and leaves the decoder's state
// (the sextet held, the position in the quad) as its own code would. It stops at padding or at a character outside
// the alphabet: xmlsec's code takes those, from that state. Nothing is taken after padding (`finished`).
static int decode_alphabet(xmlSecTransformPtr transform) {
    struct base64_state *state = state_of(transform);
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

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Encodes all of the input as xmlsec's encoder does (base64.c, xmlSecBase64CtxEncodeByte): a line feed before a
// character once `columns` have been written on the line; a group of three bytes written whole, the last one or two
// bytes of the input kept in the state (the byte held, the position in the group) for the next input or the padding,
// which xmlsec's own code writes.
static int encode_all(xmlSecTransformPtr transform) {
    struct base64_state *state = state_of(transform);
    xmlSecBufferPtr in = &(transform->inBuf), out = &(transform->outBuf);
    const xmlSecByte *data = xmlSecBufferGetData(in);
    xmlSecSize size = xmlSecBufferGetSize(in);
    if (state->encode == 0 || state->finished != 0 || state->inPos > 2 || data == NULL || size == 0) return 0;
    xmlSecSize columns = state->columns, outSize = xmlSecBufferGetSize(out);
    // Four characters per three bytes, and a line feed per line: xmlsec's own bound, with room to spare.
    xmlSecSize characters = 4 * (size / 3) + 8, most = characters + (columns > 0 ? characters / columns + 2 : 0);
    if (xmlSecBufferSetMaxSize(out, outSize + most) < 0) return -1;
    xmlSecByte *to = xmlSecBufferGetData(out) + outSize;
    xmlSecSize written = 0, line = state->linePos, at = state->inPos, pos = 0;
    int held = state->inByte;
#define EMIT(sextet) do { \
        if (columns > 0 && line >= columns) { to[written++] = '\n'; line = 0; } \
        to[written++] = (xmlSecByte)alphabet[(sextet) & 0x3F]; line++; \
    } while (0)
    for (; pos < size; pos++) {
        if (at == 0 && size - pos >= 3) {
            int a = data[pos], b = data[pos + 1], c = data[pos + 2];
            EMIT(a >> 2); EMIT(((a & 0x03) << 4) | (b >> 4)); EMIT(((b & 0x0F) << 2) | (c >> 6)); EMIT(c);
            pos += 2;
            continue;
        }
        int b = data[pos];
        if (at == 0) { EMIT(b >> 2); held = b; at = 1; }
        else if (at == 1) { EMIT(((held & 0x03) << 4) | (b >> 4)); held = b; at = 2; }
        else { EMIT(((held & 0x0F) << 2) | (b >> 6)); EMIT(b); held = 0; at = 0; }
    }
#undef EMIT
    if (xmlSecBufferSetSize(out, outSize + written) < 0 || xmlSecBufferRemoveHead(in, size) < 0) return -1;
    state->inByte = held;
    state->inPos = at;
    state->linePos = line;
    fast_bytes += size;
    return 0;
}

static int execute(xmlSecTransformPtr transform, int last, xmlSecTransformCtxPtr transformCtx) {
    if (!reference_only && transform != NULL) {
        int encode = transform->operation == xmlSecTransformOperationEncode;
        struct base64_state *state = state_of(transform);
        // As xmlsec's execute starts.
        if (transform->status == xmlSecTransformStatusNone) {
            state->encode = encode;
            transform->status = xmlSecTransformStatusWorking;
        }
        if (transform->status == xmlSecTransformStatusWorking && (encode ? encode_all(transform) : decode_alphabet(transform)) < 0) {
            return -1;
        }
    }
    return xmlsec_execute(transform, last, transformCtx);
}

int cs_xmlsec_use_fast_base64(void) {
    struct _xmlSecTransformKlass *klass = (struct _xmlSecTransformKlass *)xmlSecTransformBase64Id;
    if (installed) return 1;
    if (klass->objSize != sizeof(xmlSecTransform) + sizeof(struct base64_state) || klass->execute == NULL) return 0;
    for (int i = 0; i < 256; i++) sextet[i] = -1;
    for (int i = 0; i < 64; i++) sextet[(unsigned char)alphabet[i]] = (signed char)i;
    xmlsec_execute = klass->execute;
    if (cs_store_library_pointer((void **)&klass->execute, (void *)execute) != 0) return 0;
    installed = 1;
    return 1;
}

long cs_base64_transform(const unsigned char *in, size_t size, size_t chunk, int encode, int reference, unsigned char *out, size_t capacity) {
    xmlSecTransformCtxPtr ctx = xmlSecTransformCtxCreate();
    if (ctx == NULL) return -1;
    long result = -1;
    xmlSecTransformPtr transform = xmlSecTransformCtxCreateAndAppend(ctx, xmlSecTransformBase64Id);
    // A transform hands its output on and drops it: a memory buffer at the end keeps it.
    xmlSecTransformPtr sink = xmlSecTransformCtxCreateAndAppend(ctx, xmlSecTransformMemBufId);
    if (transform != NULL && sink != NULL && chunk > 0) {
        transform->operation = encode ? xmlSecTransformOperationEncode : xmlSecTransformOperationDecode;
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
