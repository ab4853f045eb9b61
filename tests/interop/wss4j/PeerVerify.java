import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSDataRef;
import org.apache.ws.security.WSSConfig;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.message.token.Timestamp;
import org.apache.ws.security.util.WSSecurityUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Processes the Security header with WSSecurityEngine (crypto, trust, timestamp, UsernameToken passwords), then
 * checks the results against the scenario's demands as Rampart's policy validator would: the tokens present,
 * the real Body (not a wrapped copy) and the Timestamp signed, the Body encrypted, the Basic256 algorithms.
 */
final class PeerVerify {
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1;
        Rejected(String message) { super(message); }
    }

    static List<String> verify(Scenario scenario, Document doc, PeerKeys keys, Map<String, String> users) throws Rejected {
        List<WSSecurityEngineResult> results = process(doc, keys, users, "");
        if (results.isEmpty()) throw new Rejected("no wsse:Security header");
        return new Demands(scenario, doc, results).check();
    }

    /** WSSecurityEngine over the header with `keys` (strict timestamps); a refusal is Rejected, prefixed by `what`. */
    static List<WSSecurityEngineResult> process(Document doc, PeerKeys keys, Map<String, String> users, String what) throws Rejected {
        WSSecurityEngine engine = new WSSecurityEngine();
        WSSConfig config = WSSConfig.getNewInstance();
        config.setTimeStampStrict(true);
        engine.setWssConfig(config);
        try {
            List<WSSecurityEngineResult> results = engine.processSecurityHeader(doc, null, keys.callback(users), keys.crypto, keys.crypto);
            return results == null ? new ArrayList<>() : results;
        } catch (WSSecurityException e) {
            throw new Rejected(what + e.getMessage());
        }
    }

    /** The checks after the crypto, one method per demand; each returns what it saw, or throws. */
    private static final class Demands {
        final Scenario scenario;
        final Element body;
        final List<WSSecurityEngineResult> results;
        final List<String> checked = new ArrayList<>();

        private Element usernameToken;
        /** --header: the header as it stands once decrypted. */
        final Element header;

        Demands(Scenario scenario, Document doc, List<WSSecurityEngineResult> results) {
            this.scenario = scenario;
            this.body = WSSecurityUtil.findBodyElement(doc);
            this.results = results;
            this.header = scenario.headerName == null ? null
                : (Element) doc.getElementsByTagNameNS(scenario.headerNamespace, scenario.headerName).item(0);
        }

        List<String> check() throws Rejected {
            WSSecurityEngineResult timestamp = one(WSConstants.TS, "a Timestamp");
            Timestamp ts = (Timestamp) timestamp.get(WSSecurityEngineResult.TAG_TIMESTAMP);
            // A Timestamp may have no Expires (a sender's time to live of 0).
            checked.add("Timestamp created " + ts.getCreated().toInstant() + ", expires "
                        + (ts.getExpires() == null ? "never" : ts.getExpires().toInstant()));
            if (scenario.usernameToken) {
                WSSecurityEngineResult ut = one(WSConstants.UT, "a UsernameToken with a password");
                usernameToken = (Element) ut.get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT);
                checked.add("UsernameToken of " + ((Principal) ut.get(WSSecurityEngineResult.TAG_PRINCIPAL)).getName() + " authenticated");
            }
            Element timestampElement = (Element) timestamp.get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT);
            if (scenario.endorse && scenario.binding != Scenario.Binding.TRANSPORT) {
                // Two signatures: the binding's, and the client certificate's over it (sp:EndorsingSupportingTokens).
                WSSecurityEngineResult[] pair = endorsedPair();
                signature(pair[0], timestampElement, usernameToken);
                endorsement(pair[1], (Element) pair[0].get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT), "the binding's Signature");
                if (scenario.signedEndorse)
                    requireCovered(PeerResults.refs(pair[0]), endorsingToken(pair[1]), "the endorsing BinarySecurityToken (signed endorsing token)");
            } else {
                if (scenario.signs()) signature(one(WSConstants.SIGN, "a Signature"), timestampElement, usernameToken);
                if (scenario.endorse) endorsement(one(WSConstants.SIGN, "an endorsing Signature"), timestampElement, "the Timestamp");
            }
            if (scenario.encryptBody) encryption();
            return checked;
        }

        private void signature(WSSecurityEngineResult signature, Element timestamp, Element usernameToken) throws Rejected {
            String method = (String) signature.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD);
            String expected = scenario.binding == Scenario.Binding.SYMMETRIC ? Scenario.SYMMETRIC_SIGNATURE : Scenario.ASYMMETRIC_SIGNATURE;
            if (!expected.equals(method)) throw new Rejected("signature method " + method + ", the policy's suite demands " + expected);
            String key;
            if (scenario.binding == Scenario.Binding.SYMMETRIC) {
                byte[] secret = (byte[]) signature.get(WSSecurityEngineResult.TAG_SECRET);
                WSSecurityEngineResult encryptedKey = encryptedKey();
                if (secret == null || !Arrays.equals(secret, (byte[]) encryptedKey.get(WSSecurityEngineResult.TAG_SECRET)))
                    throw new Rejected("the signature key is not the EncryptedKey's (the protection token)");
                key = "the EncryptedKey's ephemeral key";
            } else {
                X509Certificate cert = (X509Certificate) signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                if (cert == null) throw new Rejected("the signature was not made with an X.509 certificate");
                key = "X.509 " + cert.getSubjectX500Principal().getName();
            }
            @SuppressWarnings("unchecked")
            List<WSDataRef> refs = (List<WSDataRef>) signature.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
            for (WSDataRef ref : refs) {
                if (!Scenario.DIGEST.equals(ref.getDigestAlgorithm()))
                    throw new Rejected("digest " + ref.getDigestAlgorithm() + ", the suite demands " + Scenario.DIGEST);
            }
            requireCovered(refs, timestamp, "the Timestamp");
            if (scenario.signBody) requireCovered(refs, body, "the SOAP Body");
            if (usernameToken != null) requireCovered(refs, usernameToken, "the UsernameToken (signed supporting token)");
            if (scenario.headerName != null) requireCovered(refs, header, "the header " + scenario.headerName + " (signed part)");
            checked.add("Signature " + method.substring(method.indexOf('#') + 1) + " by " + key + " over " + refs.size() + " part(s)");
        }

        /** --endorse: a Signature by an X.509 certificate (WSS4J checked it against the keystore) over `target`: the
         *  Timestamp (transport binding) or the binding's Signature. */
        private void endorsement(WSSecurityEngineResult signature, Element target, String what) throws Rejected {
            X509Certificate certificate = (X509Certificate) signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
            if (certificate == null) throw new Rejected("the endorsing Signature is not by an X.509 certificate");
            requireCovered(PeerResults.refs(signature), target, what + " (endorsing token)");
            checked.add((what.equals("the Timestamp") ? "Timestamp" : "Signature") + " endorsed by " + certificate.getSubjectX500Principal().getName());
        }

        /** The BinarySecurityToken the endorsing Signature's KeyInfo points at. */
        private static Element endorsingToken(WSSecurityEngineResult endorsing) throws Rejected {
            Element signature = (Element) endorsing.get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT);
            NodeList references = signature.getElementsByTagNameNS(WSConstants.WSSE_NS, "Reference");
            String uri = references.getLength() == 1 ? ((Element) references.item(0)).getAttributeNS(null, "URI") : "";
            Element token = uri.startsWith("#") ? WSSecurityUtil.findElementById(signature.getOwnerDocument(), uri.substring(1), true) : null;
            if (token == null || !WSConstants.BINARY_TOKEN_LN.equals(token.getLocalName()))
                throw new Rejected("the endorsing Signature does not name one BinarySecurityToken by reference");
            return token;
        }

        /** The binding's Signature and the one over it, told apart by what each covers. */
        private WSSecurityEngineResult[] endorsedPair() throws Rejected {
            List<WSSecurityEngineResult> signatures = new ArrayList<>();
            for (WSSecurityEngineResult r : results) if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) == WSConstants.SIGN) signatures.add(r);
            if (signatures.size() != 2) throw new Rejected("the policy demands the binding's Signature and an endorsing one; the message has " + signatures.size());
            for (int i = 0; i < 2; i++) {
                Element other = (Element) signatures.get(1 - i).get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT);
                for (WSDataRef ref : PeerResults.refs(signatures.get(i))) {
                    if (ref.getProtectedElement() == other) return new WSSecurityEngineResult[] { signatures.get(1 - i), signatures.get(i) };
                }
            }
            throw new Rejected("neither Signature covers the other: the binding's Signature is not endorsed");
        }

        private void encryption() throws Rejected {
            WSSecurityEngineResult encryptedKey = encryptedKey();
            String transport = (String) encryptedKey.get(WSSecurityEngineResult.TAG_ENCRYPTED_KEY_TRANSPORT_METHOD);
            if (!scenario.keyWrap.equals(transport)) throw new Rejected("key transport " + transport + ", the suite demands " + scenario.keyWrap);
            List<WSDataRef> refs = new ArrayList<>();
            for (WSSecurityEngineResult r : results) {
                @SuppressWarnings("unchecked")
                List<WSDataRef> more = (List<WSDataRef>) r.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
                if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) == WSConstants.ENCR && more != null) refs.addAll(more);
            }
            for (WSDataRef ref : refs) {
                if (!scenario.encryption.equals(ref.getAlgorithm()))
                    throw new Rejected("encryption " + ref.getAlgorithm() + ", the suite demands " + scenario.encryption);
            }
            requireCovered(refs, body, "the SOAP Body (encrypted)");
            if (scenario.headerName != null) {
                requireCovered(refs, header, "the header " + scenario.headerName + " (encrypted part)");
                checked.add("Header " + scenario.headerName + " decrypted from its EncryptedHeader, and signed");
            }
            if (scenario.encryptUsernameToken) {
                requireCovered(refs, usernameToken, "the UsernameToken (encrypted supporting token)");
                checked.add("UsernameToken encrypted (decrypted before it was authenticated)");
            }
            checked.add("Body encrypted with " + Scenario.shortName(scenario.encryption) + ", key by " + Scenario.shortName(scenario.keyWrap));
            if (scenario.encryptSignature) PeerResults.requireSignatureEncrypted(refs, body.getOwnerDocument());
            if (scenario.encryptBeforeSigning) {
                requireSignatureFirst(body.getOwnerDocument(), refs, body);
                checked.add("Body encrypted before it was signed: the Signature, verified first, covers the EncryptedData");
            }
            List<String> names = new ArrayList<>();
            for (WSDataRef ref : refs) names.add(ref.getName() == null ? "?" : ref.getName().toString());
            checked.add("Decrypted elements: " + String.join(", ", names));
        }

        /** WSSecurityEngine works through the header in order: a Signature above the ReferenceList of the Body's
         *  EncryptedData was verified over it (sp:EncryptBeforeSigning). With sp:EncryptSignature the Signature's
         *  own list comes first, so only the lists naming the Body's EncryptedData are held to this. */
        private static void requireSignatureFirst(Document doc, List<WSDataRef> refs, Element body) throws Rejected {
            Element signature = (Element) doc.getElementsByTagNameNS(WSConstants.SIG_NS, WSConstants.SIG_LN).item(0);
            java.util.Set<String> bodyData = new java.util.HashSet<>();
            for (WSDataRef ref : refs) if (ref.getProtectedElement() == body && ref.getWsuId() != null) bodyData.add(ref.getWsuId().replaceFirst("^#", ""));
            org.w3c.dom.NodeList references = doc.getElementsByTagNameNS(WSConstants.ENC_NS, "DataReference");
            int named = 0;
            for (int i = 0; i < references.getLength(); i++) {
                Element reference = (Element) references.item(i);
                if (!bodyData.contains(reference.getAttributeNS(null, "URI").replaceFirst("^#", ""))) continue;
                named++;
                if ((signature.compareDocumentPosition(reference) & org.w3c.dom.Node.DOCUMENT_POSITION_FOLLOWING) == 0)
                    throw new Rejected("the Body's ReferenceList precedes the Signature: the Body was signed before it was encrypted");
            }
            if (named == 0) throw new Rejected("no ReferenceList names the Body's EncryptedData");
        }

        private WSSecurityEngineResult encryptedKey() throws Rejected {
            for (WSSecurityEngineResult r : results) {
                if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) == WSConstants.ENCR
                    && r.get(WSSecurityEngineResult.TAG_ENCRYPTED_KEY_TRANSPORT_METHOD) != null) return r;
            }
            throw new Rejected("the policy demands an EncryptedKey");
        }

        private WSSecurityEngineResult one(int action, String what) throws Rejected {
            return PeerResults.one(results, action, what);
        }

        private static void requireCovered(List<WSDataRef> refs, Element element, String what) throws Rejected {
            PeerResults.requireCovered(refs, element, what);
        }
    }

}
