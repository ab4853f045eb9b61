#ifndef CSHIMS_XML_H
#define CSHIMS_XML_H
#include "../../CXMLSec/cxmlsec.h"

void cs_xmlFree(void *p);
/// Routes libxml2's generic and structured error output away from stderr (it would paint over the TUI).
void cs_xml_silence_errors(void);
/// Initialises libxml2, xmlsec and its OpenSSL backend once; 0 on success.
int cs_xmlsec_init(void);
/// sizeof(xmlSecSize): 4 when XMLSEC_NO_SIZE_T is in force, as Debian's library was built.
size_t cs_sizeof_xmlSecSize(void);
const char *cs_xmlsec_last_error(void);

xmlSecTransformId cs_xmlSecTransformExclC14NId(void);
xmlSecTransformId cs_xmlSecTransformEnvelopedId(void);
xmlSecTransformId cs_xmlSecTransformHmacSha1Id(void);
xmlSecTransformId cs_xmlSecTransformHmacSha256Id(void);
xmlSecTransformId cs_xmlSecTransformRsaSha1Id(void);
xmlSecTransformId cs_xmlSecTransformRsaSha256Id(void);
xmlSecTransformId cs_xmlSecTransformSha1Id(void);
xmlSecTransformId cs_xmlSecTransformSha256Id(void);
xmlSecKeyDataId cs_xmlSecKeyDataHmacId(void);
// More ids, in xmlsec_more.c.
xmlSecTransformId cs_xmlSecTransformInclC14NId(void);
xmlSecTransformId cs_xmlSecTransformInclC14NWithCommentsId(void);
xmlSecTransformId cs_xmlSecTransformExclC14NWithCommentsId(void);
xmlSecTransformId cs_xmlSecTransformRsaSha512Id(void);
xmlSecTransformId cs_xmlSecTransformSha512Id(void);
xmlSecTransformId cs_xmlSecTransformAes128CbcId(void);
xmlSecTransformId cs_xmlSecTransformAes192CbcId(void);
xmlSecTransformId cs_xmlSecTransformAes256CbcId(void);
xmlSecTransformId cs_xmlSecTransformAes128GcmId(void);
xmlSecTransformId cs_xmlSecTransformAes192GcmId(void);
xmlSecTransformId cs_xmlSecTransformAes256GcmId(void);
xmlSecTransformId cs_xmlSecTransformKWAes128Id(void);
xmlSecTransformId cs_xmlSecTransformKWAes192Id(void);
xmlSecTransformId cs_xmlSecTransformKWAes256Id(void);
xmlSecTransformId cs_xmlSecTransformBase64Id(void);
xmlSecKeyDataId cs_xmlSecKeyDataAesId(void);
xmlSecKeyDataId cs_xmlSecKeyDataDesId(void);
xmlSecTransformId cs_xmlSecTransformDes3CbcId(void);
xmlSecKeyDataId cs_xmlSecKeyDataRsaId(void);
xmlSecKeyDataId cs_xmlSecKeyDataX509Id(void);
/// A keys manager that hands every context the key in its keyInfoReadCtx.userData (an xmlSecKeyPtr the caller
/// keeps alive), duplicated, without xmlsec's key-type probe. Created once, after cs_xmlsec_init.
xmlSecKeysMngrPtr cs_given_key_manager(void);
/// Moves the transforms secured messages name (exc-c14n, SHA-1/256, RSA and HMAC signatures, AES, base64) to the
/// front of xmlsec's list of registered transforms, which xmlsec searches from the start, comparing the href of each,
/// for every Algorithm it reads (12 a signed request). Only a transform whose href no other one has moves, and the
/// others keep their order, so every search finds what it found before. Called once by cs_xmlsec_init; returns how
/// many moved.
int cs_xmlsec_favour_transforms(void);
#endif
