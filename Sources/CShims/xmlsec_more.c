// xmlsec transform and key-data ids beyond the first few in xml.c: the generic names are macros that pick the
// crypto backend, so Swift reaches them through these accessors.
#include "include/cshims_xml.h"

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
