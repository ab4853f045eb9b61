#include "include/cshims_xml.h"
#include "include/cshims_c14n.h"
#include "include/cshims_base64.h"
#include <stdio.h>
#include <string.h>
#include <pthread.h>

void cs_xmlFree(void *p) { xmlFree(p); }

static void silent_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void silent_structured(void *ctx, xmlErrorPtr err) { (void)ctx; (void)err; }

void cs_xml_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

// The last xmlsec error of the process, kept for messages; xmlsec reports through a callback.
// Per thread: concurrent operations must not garble each other's messages.
static _Thread_local char last_error[512];
static void xmlsec_error(const char *file, int line, const char *func, const char *object,
                         const char *subject, int reason, const char *msg) {
    (void)file; (void)line;
    snprintf(last_error, sizeof last_error, "%s: %s%s%s (reason %d)%s%s", func ? func : "?",
             object ? object : "", subject ? " " : "", subject ? subject : "", reason,
             msg ? ": " : "", msg ? msg : "");
}
const char *cs_xmlsec_last_error(void) { return last_error; }

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_result = -1;
static void init_all(void) {
    xmlInitParser();
    cs_xml_silence_errors();
    if (xmlSecInit() < 0) return;
    if (xmlSecCheckVersion() != 1) return;
    if (xmlSecOpenSSLAppInit(NULL) < 0) return;
    if (xmlSecOpenSSLInit() < 0) return;
    // xmlSecInit resets the callback, so it is installed afterwards.
    xmlSecErrorsSetCallback(xmlsec_error);
    (void)cs_xmlsec_use_subtree_c14n();
    (void)cs_xmlsec_use_fast_base64();
    (void)cs_xmlsec_favour_transforms();
    init_result = 0;
}
int cs_xmlsec_init(void) { pthread_once(&once, init_all); return init_result; }
size_t cs_sizeof_xmlSecSize(void) { return sizeof(xmlSecSize); }

xmlSecTransformId cs_xmlSecTransformExclC14NId(void) { return xmlSecTransformExclC14NId; }
xmlSecTransformId cs_xmlSecTransformEnvelopedId(void) { return xmlSecTransformEnvelopedId; }
xmlSecTransformId cs_xmlSecTransformHmacSha1Id(void) { return xmlSecTransformHmacSha1Id; }
xmlSecTransformId cs_xmlSecTransformHmacSha256Id(void) { return xmlSecTransformHmacSha256Id; }
xmlSecTransformId cs_xmlSecTransformRsaSha1Id(void) { return xmlSecTransformRsaSha1Id; }
xmlSecTransformId cs_xmlSecTransformRsaSha256Id(void) { return xmlSecTransformRsaSha256Id; }
xmlSecTransformId cs_xmlSecTransformSha1Id(void) { return xmlSecTransformSha1Id; }
xmlSecTransformId cs_xmlSecTransformSha256Id(void) { return xmlSecTransformSha256Id; }
xmlSecKeyDataId cs_xmlSecKeyDataHmacId(void) { return xmlSecKeyDataHmacId; }
