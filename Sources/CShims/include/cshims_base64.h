#ifndef CSHIMS_BASE64_H
#define CSHIMS_BASE64_H
#include "../../CXMLSec/cxmlsec.h"

/// Makes xmlsec's base64 transform decode the alphabet characters and whitespace of its input (a CipherValue: the
/// Body of every encrypted message) in bulk, four at a time where it can, and encode its input three bytes at a time,
/// instead of one character at a time through its state machine, leaving that machine in the state its own code
/// would; padding and a character outside the alphabet go to xmlsec's own code. Called once by cs_xmlsec_init.
/// Returns 1 when installed, 0 when this xmlsec's transform is not laid out as expected (then nothing is changed).
int cs_xmlsec_use_fast_base64(void);

/// Decodes (or with `encode`, encodes) `size` bytes through an xmlsec base64 transform, pushed in chunks of `chunk`
/// bytes, into `out` (capacity `capacity`); `reference`: through xmlsec's own execute only. Returns the output's
/// length, or -1 when xmlsec refuses the input or the output does not fit. For the tests, which hold the two paths to
/// each other.
long cs_base64_transform(const unsigned char *in, size_t size, size_t chunk, int encode, int reference, unsigned char *out, size_t capacity);

/// How many input bytes this thread's base64 transforms took through the fast path (for the tests).
unsigned long cs_xmlsec_fast_base64_bytes(void);
#endif
