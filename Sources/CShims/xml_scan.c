#include "include/cshims_xml_scan.h"
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

// Where the scan is. Text, comments, CDATA, PIs, end tags and quoted values are skipped with memchr (libc's is
// vectorised); only the names inside start tags are read byte by byte.
enum { TEXT, LT, BANG, BANG_DASH, COMMENT, CDATA, PI, START, QUOTED, END };

void cs_xml_scan_init(cs_xml_scan *s, long max_attributes, long max_depth, long depth) {
    memset(s, 0, sizeof *s);
    s->max_attributes = max_attributes;
    s->max_depth = max_depth;
    s->depth = depth;
    s->state = TEXT;
}

// The last two bytes of the construct being skipped, for closers that span pieces ("--", "]]" before '>').
static void remember(cs_xml_scan *s, const unsigned char *from, const unsigned char *to) {
    if (to - from >= 2) { s->last2 = to[-2]; s->last1 = to[-1]; }
    else if (to - from == 1) { s->last2 = s->last1; s->last1 = to[-1]; }
}

// memchr, but short distances (names, small values, text between tags) are looked at inline: the call costs more there.
static inline const unsigned char *find(const unsigned char *p, const unsigned char *end, unsigned char c) {
    const unsigned char *near = end - p > 16 ? p + 16 : end;
    for (; p < near; p++) if (*p == c) return p;
    return p < end ? memchr(p, c, (size_t)(end - p)) : NULL;
}

static int verdict(cs_xml_scan *s, int v) { s->verdict = v; return v; }

int cs_xml_scan_feed(cs_xml_scan *s, const unsigned char *bytes, size_t length) {
    const unsigned char *p = bytes, *end = bytes + length;
    if (s->verdict) return s->verdict;
    while (p < end) {
        switch (s->state) {
        case TEXT: {
            const unsigned char *lt = find(p, end, '<');
            if (!lt) { p = end; break; }
            s->tag_offset = s->offset + (size_t)(lt - bytes);
            p = lt + 1;
            s->state = LT;
            break;
        }
        case LT: {
            unsigned char c = *p;
            if (c == '/') { s->state = END; p++; }
            else if (c == '?') { s->state = PI; s->last1 = s->last2 = 0; p++; }
            else if (c == '!') { s->state = BANG; p++; }
            else {
                // The name's first byte is read again in START.
                s->state = START;
                s->count = 0;
                if (++s->depth > s->max_depth) { s->offset += (size_t)(p - bytes); return verdict(s, CS_SCAN_DEPTH); }
            }
            break;
        }
        case BANG:
            if (*p == '-') s->state = BANG_DASH;
            else if (*p == '[') { s->state = CDATA; s->last1 = s->last2 = 0; }
            else { s->offset += (size_t)(p - bytes); return verdict(s, CS_SCAN_DECLARATION); }
            p++;
            break;
        case BANG_DASH:
            if (*p != '-') { s->offset += (size_t)(p - bytes); return verdict(s, CS_SCAN_DECLARATION); }
            s->state = COMMENT;
            s->last1 = s->last2 = 0;
            p++;
            break;
        case COMMENT: case CDATA: case PI: {
            const unsigned char *gt = find(p, end, '>');
            if (!gt) { remember(s, p, end); p = end; break; }
            unsigned char before1 = gt - p >= 1 ? gt[-1] : s->last1;
            unsigned char before2 = gt - p >= 2 ? gt[-2] : gt - p == 1 ? s->last1 : s->last2;
            int closed = s->state == COMMENT ? (before1 == '-' && before2 == '-')
                       : s->state == CDATA ? (before1 == ']' && before2 == ']')
                       : before1 == '?';
            remember(s, p, gt + 1);
            p = gt + 1;
            if (closed) s->state = TEXT;
            break;
        }
        case START: {
            // Each '=' outside a quoted value is one attribute or namespace declaration, as libxml2 will count them.
            // Names are the only bytes read one by one: a table keeps that loop to one load and one test per byte.
            static const unsigned char special[256] = { ['='] = 1, ['"'] = 2, ['\''] = 2, ['>'] = 3 };
            long count = s->count;
            while (p < end && !special[*p]) p++;
            while (p < end) {
                unsigned char c = *p++;
                if (special[c] == 1) {
                    count++;
                } else if (special[c] == 2) {
                    s->quote = c;
                    s->state = QUOTED;
                    break;
                } else if (special[c] == 3) {
                    int empty = (p - 1 > bytes ? p[-2] : s->previous) == '/';
                    if (count > s->max_attributes) {
                        s->count = count;
                        s->offset += (size_t)(p - bytes);
                        return verdict(s, CS_SCAN_ATTRIBUTES);
                    }
                    if (empty) s->depth--;
                    s->state = TEXT;
                    break;
                }
                while (p < end && !special[*p]) p++;
            }
            s->count = count;
            break;
        }
        case QUOTED: {
            const unsigned char *q = find(p, end, s->quote);
            if (!q) { p = end; break; }
            p = q + 1;
            s->state = START;
            break;
        }
        case END: {
            const unsigned char *gt = find(p, end, '>');
            if (!gt) { p = end; break; }
            p = gt + 1;
            if (s->depth > 0) s->depth--;
            s->state = TEXT;
            break;
        }
        }
    }
    s->offset += length;
    if (length) s->previous = bytes[length - 1];
    return CS_SCAN_OK;
}

int cs_xml_scan_end(cs_xml_scan *s) {
    if (s->verdict) return s->verdict;
    if ((s->state == START || s->state == QUOTED) && s->count > s->max_attributes) return verdict(s, CS_SCAN_ATTRIBUTES);
    return CS_SCAN_OK;
}

// Encodings in which every byte below 0x80 is the ASCII character: the scan reads them as they are.
static int ascii_compatible(const char *name) {
    static const char *const exact[] = { "UTF-8", "UTF8", "US-ASCII", "ASCII" };
    static const char *const prefixes[] = { "ISO-8859-", "ISO8859-", "ISO_8859-", "ISO-LATIN-", "LATIN", "WINDOWS-125", "CP125", "KOI8-", "EUC-" };
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++) if (strcasecmp(name, exact[i]) == 0) return 1;
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        if (strncasecmp(name, prefixes[i], strlen(prefixes[i])) == 0) return 1;
    }
    return 0;
}

// The encoding named by an XML declaration at the start of `bytes`, copied into `name`; 0 when there is none.
static int declared_encoding(const unsigned char *p, size_t n, char *name, size_t size) {
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) { p += 3; n -= 3; }
    if (n < 6 || memcmp(p, "<?xml", 5) != 0 || !(p[5] == ' ' || p[5] == '\t' || p[5] == '\r' || p[5] == '\n')) return 0;
    size_t limit = n < 1024 ? n : 1024, i = 5;
    for (; i + 8 < limit && !(p[i] == '?' && p[i + 1] == '>'); i++) {
        if (memcmp(p + i, "encoding", 8) != 0) continue;
        i += 8;
        while (i < limit && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) i++;
        if (i >= limit || p[i] != '=') return 0;
        i++;
        while (i < limit && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n')) i++;
        if (i >= limit || (p[i] != '"' && p[i] != '\'')) return 0;
        unsigned char quote = p[i++];
        size_t len = 0;
        while (i < limit && p[i] != quote && len + 1 < size) name[len++] = (char)p[i++];
        name[len] = 0;
        return len > 0;
    }
    return 0;
}

// libxml2's xmlDetectCharEncoding on the first four bytes: the encodings it switches to before any declaration.
// UCS-4 and EBCDIC come back as "unread": nobody sends them, and their declarations would need more than this scan.
static const char *detected_encoding(const unsigned char *p, size_t n) {
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) return "UTF-16BE";
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) return n >= 4 && p[2] == 0 && p[3] == 0 ? "unread" : "UTF-16LE";
    if (n < 4) return NULL;
    if (p[0] == 0x3C && p[1] == 0 && p[2] == 0x3F && p[3] == 0) return "UTF-16LE";
    if (p[0] == 0 && p[1] == 0x3C && p[2] == 0 && p[3] == 0x3F) return "UTF-16BE";
    if ((p[0] == 0 && p[1] == 0 && (p[2] == 0x3C || p[2] == 0xFE)) || (p[0] == 0x3C && p[1] == 0 && p[2] == 0 && p[3] == 0)
        || (p[0] == 0 && p[1] == 0x3C && p[2] == 0 && p[3] == 0) || (p[0] == 0x4C && p[1] == 0x6F && p[2] == 0xA7 && p[3] == 0x94)) {
        return "unread";
    }
    return NULL;
}

static int is_utf16_name(const char *name) { return strcasecmp(name, "UTF-16") == 0 || strcasecmp(name, "UTF16") == 0; }

static size_t line_of(const unsigned char *bytes, size_t offset) {
    size_t line = 1;
    const unsigned char *p = bytes, *end = bytes + offset;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) { line++; p++; }
    return line;
}

// Scans UTF-8 converted from `encoding` in pieces; what converts before an invalid sequence is all libxml2 reads too.
// detected: the encoding libxml2 chose from the first bytes; its declaration may only name the same (libxml2 would swap
// decoders in the middle of the input otherwise).
static int scan_converted(cs_xml_scan *s, const unsigned char *bytes, size_t length, const char *encoding, const char *detected) {
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1) return verdict(s, CS_SCAN_ENCODING);
    char *in = (char *)bytes;
    size_t left = length;
    unsigned char out[1 << 16];
    int result = CS_SCAN_OK, first = 1;
    while (left > 0 && result == CS_SCAN_OK) {
        char *o = (char *)out;
        size_t room = sizeof out;
        size_t r = iconv(cd, &in, &left, &o, &room);
        int stop = r == (size_t)-1 && errno != E2BIG;
        size_t produced = (size_t)((unsigned char *)o - out);
        char declared[64];
        if (first && detected && declared_encoding(out, produced, declared, sizeof declared) && !is_utf16_name(declared)
            && strcasecmp(declared, detected) != 0 && strcasecmp(declared, "UTF-8") != 0 && strcasecmp(declared, "UTF8") != 0) {
            result = verdict(s, CS_SCAN_ENCODING);
            break;
        }
        first = 0;
        result = cs_xml_scan_feed(s, out, produced);
        if (stop) break;
    }
    iconv_close(cd);
    if (result == CS_SCAN_OK) result = cs_xml_scan_end(s);
    return result;
}

int cs_xml_scan_document(cs_xml_scan *s, const unsigned char *bytes, size_t length, const char *encoding) {
    if (encoding) {
        // Imposed for a fragment: libxml2 reads all of it so, and takes "UTF-16" as little-endian.
        if (is_utf16_name(encoding)) encoding = "UTF-16LE";
        if (!ascii_compatible(encoding)) return scan_converted(s, bytes, length, encoding, NULL);
    } else {
        const char *detected = detected_encoding(bytes, length);
        if (detected && strcmp(detected, "unread") == 0) return verdict(s, CS_SCAN_ENCODING);
        if (detected) return scan_converted(s, bytes, length, detected, detected);
        // libxml2 switches decoders right after a declared encoding; one whose bytes below 0x80 are not all ASCII
        // (Shift_JIS, Big5, ISO-2022, UTF-7, ...) is not read. A declared "UTF-16" in 8-bit text switches nothing.
        char declared[64];
        if (declared_encoding(bytes, length, declared, sizeof declared) && !ascii_compatible(declared) && !is_utf16_name(declared)) {
            return verdict(s, CS_SCAN_ENCODING);
        }
    }
    int result = cs_xml_scan_feed(s, bytes, length);
    if (result == CS_SCAN_OK) result = cs_xml_scan_end(s);
    if (result != CS_SCAN_OK && s->tag_offset <= length) s->line = (long)line_of(bytes, s->tag_offset);
    return result;
}
