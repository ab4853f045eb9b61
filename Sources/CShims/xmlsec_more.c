// xmlsec transform and key-data ids beyond the first few in xml.c: the generic names are macros that pick the
// crypto backend, so Swift reaches them through these accessors.
#include "include/cshims_xml.h"
#include <string.h>

xmlSecTransformId cs_xmlSecTransformInclC14NId(void) { return xmlSecTransformInclC14NId; }
xmlSecTransformId cs_xmlSecTransformInclC14NWithCommentsId(void) { return xmlSecTransformInclC14NWithCommentsId; }
xmlSecTransformId cs_xmlSecTransformExclC14NWithCommentsId(void) { return xmlSecTransformExclC14NWithCommentsId; }
xmlSecTransformId cs_xmlSecTransformRsaSha512Id(void) { return xmlSecTransformRsaSha512Id; }
xmlSecTransformId cs_xmlSecTransformSha512Id(void) { return xmlSecTransformSha512Id; }
xmlSecTransformId cs_xmlSecTransformAes128CbcId(void) { return xmlSecTransformAes128CbcId; }
xmlSecTransformId cs_xmlSecTransformAes192CbcId(void) { return xmlSecTransformAes192CbcId; }
xmlSecTransformId cs_xmlSecTransformAes256CbcId(void) { return xmlSecTransformAes256CbcId; }
xmlSecTransformId cs_xmlSecTransformAes128GcmId(void) { return xmlSecTransformAes128GcmId; }
xmlSecTransformId cs_xmlSecTransformAes192GcmId(void) { return xmlSecTransformAes192GcmId; }
xmlSecTransformId cs_xmlSecTransformAes256GcmId(void) { return xmlSecTransformAes256GcmId; }
xmlSecTransformId cs_xmlSecTransformKWAes128Id(void) { return xmlSecTransformKWAes128Id; }
xmlSecTransformId cs_xmlSecTransformKWAes192Id(void) { return xmlSecTransformKWAes192Id; }
xmlSecTransformId cs_xmlSecTransformKWAes256Id(void) { return xmlSecTransformKWAes256Id; }
xmlSecTransformId cs_xmlSecTransformBase64Id(void) { return xmlSecTransformBase64Id; }
xmlSecTransformId cs_xmlSecTransformDes3CbcId(void) { return xmlSecTransformDes3CbcId; }
xmlSecKeyDataId cs_xmlSecKeyDataAesId(void) { return xmlSecKeyDataAesId; }
xmlSecKeyDataId cs_xmlSecKeyDataDesId(void) { return xmlSecKeyDataDesId; }
xmlSecKeyDataId cs_xmlSecKeyDataRsaId(void) { return xmlSecKeyDataRsaId; }
xmlSecKeyDataId cs_xmlSecKeyDataX509Id(void) { return xmlSecKeyDataX509Id; }

/* The caller has already checked that the key suits the operation (SignatureAlgorithm.accepts, the encryptors'
   checks); xmlsec's own check, xmlSecKeyMatch, asks OpenSSL 3 for every RSA parameter, padded and constant-time,
   on every signature and every key transport (a few per cent of a 2 KB signature). Clearing the key type skips only
   that probe: the key's algorithm is still matched. */
static xmlSecKeyPtr cs_given_key(xmlNodePtr keyInfoNode, xmlSecKeyInfoCtxPtr keyInfoCtx) {
    (void)keyInfoNode;
    if (keyInfoCtx == NULL || keyInfoCtx->userData == NULL) return NULL;
    keyInfoCtx->keyReq.keyType = xmlSecKeyDataTypeUnknown;
    return xmlSecKeyDuplicate((xmlSecKeyPtr)keyInfoCtx->userData);
}

xmlSecKeysMngrPtr cs_given_key_manager(void) {
    xmlSecKeysMngrPtr manager = xmlSecKeysMngrCreate();
    if (manager != NULL) manager->getKey = cs_given_key;
    return manager;
}

int cs_xmlsec_favour_transforms(void) {
    xmlSecPtrListPtr list = xmlSecTransformIdsGet();
    if (list == NULL || list->data == NULL) return 0;
    xmlSecTransformId favoured[] = {
        xmlSecTransformExclC14NId, xmlSecTransformSha1Id, xmlSecTransformSha256Id, xmlSecTransformRsaSha1Id,
        xmlSecTransformRsaSha256Id, xmlSecTransformHmacSha1Id, xmlSecTransformHmacSha256Id, xmlSecTransformAes128CbcId,
        xmlSecTransformAes256CbcId, xmlSecTransformBase64Id,
    };
    xmlSecSize front = 0;
    for (size_t f = 0; f < sizeof favoured / sizeof *favoured; f++) {
        xmlSecTransformId id = favoured[f];
        xmlSecSize at = list->use, sharing = 0;
        for (xmlSecSize i = 0; i < list->use; i++) {
            xmlSecTransformId other = (xmlSecTransformId)list->data[i];
            if (other == id) at = i;
            else if (other != NULL && other->href != NULL && id->href != NULL && xmlStrEqual(other->href, id->href)) sharing++;
        }
        if (at == list->use || at < front || sharing > 0 || id->href == NULL) continue;
        // Out of its place and in at the front; everything between shifts by one and keeps its order.
        memmove(&list->data[front + 1], &list->data[front], (at - front) * sizeof *list->data);
        list->data[front++] = (xmlSecPtr)id;
    }
    return (int)front;
}
