import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSEncryptionPart;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.message.WSSecEncrypt;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecSignature;
import org.apache.ws.security.message.WSSecTimestamp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The service side of an exchange, in the shape Rampart's service side gives a response for scenarios 2-8: the
 * request processed with the service's keys first (what Rampart keeps for the response), then Timestamp,
 * SignatureConfirmation of each request signature, and the binding's protection: asymmetric, signed with the
 * service key and encrypted for the requester's certificate; symmetric, with the request's EncryptedKey, named
 * by its EncryptedKeySHA1.
 */
final class PeerRespond {
    /** What the request carried that its response needs. */
    static final class RequestFacts {
        final List<byte[]> signatureValues = new ArrayList<>();
        X509Certificate signer;
        byte[] key;
        String keySHA1;
    }

    static RequestFacts process(Document request, PeerKeys service, Map<String, String> users) throws PeerVerify.Rejected {
        List<WSSecurityEngineResult> results = PeerVerify.process(request, service, users, "the request: ");
        RequestFacts facts = new RequestFacts();
        if (results.isEmpty()) throw new PeerVerify.Rejected("the request has no wsse:Security header");
        for (WSSecurityEngineResult r : results) {
            int action = (int) r.get(WSSecurityEngineResult.TAG_ACTION);
            if (action == WSConstants.SIGN) {
                facts.signatureValues.add((byte[]) r.get(WSSecurityEngineResult.TAG_SIGNATURE_VALUE));
                X509Certificate cert = (X509Certificate) r.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                if (cert != null) facts.signer = cert;
            }
            byte[] encrypted = (byte[]) r.get(WSSecurityEngineResult.TAG_ENCRYPTED_EPHEMERAL_KEY);
            if (action == WSConstants.ENCR && encrypted != null) {
                facts.key = (byte[]) r.get(WSSecurityEngineResult.TAG_SECRET);
                facts.keySHA1 = sha1(encrypted);
            }
        }
        return facts;
    }

    static String sha1(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void secure(Scenario scenario, Document doc, PeerKeys service, RequestFacts request) throws Exception {
        String soap = doc.getDocumentElement().getNamespaceURI();
        PeerHeader start = new PeerHeader(doc);
        WSSecHeader header = start.header;
        WSSecTimestamp timestamp = start.timestamp;
        Element security = header.getSecurityHeader();
        List<Element> order = new ArrayList<>();
        order.add(timestamp.getElement());

        List<WSEncryptionPart> signed = new ArrayList<>();
        signed.add(new WSEncryptionPart(timestamp.getId()));
        if (scenario.signBody) signed.add(new WSEncryptionPart(WSConstants.ELEM_BODY, soap, ""));
        if (scenario.confirmsSignatures()) start.confirm(doc, request.signatureValues, order, signed);
        List<WSEncryptionPart> encrypted = new ArrayList<>();
        if (scenario.encryptBody) encrypted.add(new WSEncryptionPart(WSConstants.ELEM_BODY, soap, "Content"));
        if (scenario.encryptSignature) encrypted.add(new WSEncryptionPart(WSConstants.SIG_LN, WSConstants.SIG_NS, "Element"));

        WSSecSignature signature = new WSSecSignature();
        signature.setDigestAlgo(Scenario.DIGEST);
        signature.setSigCanonicalization(Scenario.C14N);
        signature.setParts(signed);
        if (scenario.binding == Scenario.Binding.ASYMMETRIC) {
            // The recipient token is never included: the service names its certificate by thumbprint.
            signature.setUserInfo(service.alias, service.password);
            signature.setKeyIdentifierType(WSConstants.THUMBPRINT_IDENTIFIER);
            signature.setSignatureAlgorithm(Scenario.ASYMMETRIC_SIGNATURE);
            signature.build(doc, service.crypto, header);
            if (!encrypted.isEmpty()) {
                if (request.signer == null) throw new PeerVerify.Rejected("the request was not signed with a certificate to encrypt for");
                WSSecEncrypt encrypt = new WSSecEncrypt();
                encrypt.setUseThisCert(request.signer);   // Rampart's encryptionUser useReqSigCert
                encrypt.setKeyIdentifierType(WSConstants.THUMBPRINT_IDENTIFIER);
                encrypt.setSymmetricEncAlgorithm(scenario.encryption);
                encrypt.setKeyEnc(scenario.keyWrap);
                encrypt.setParts(encrypted);
                encrypt.build(doc, service.crypto, header);
                order.add(encrypt.getEncryptedKeyElement());
            }
        } else {
            if (request.key == null) throw new PeerVerify.Rejected("the request carried no EncryptedKey to answer with");
            signature.setKeyIdentifierType(WSConstants.ENCRYPTED_KEY_SHA1_IDENTIFIER);
            signature.setEncrKeySha1value(request.keySHA1);
            signature.setSecretKey(request.key);
            signature.setSignatureAlgorithm(Scenario.SYMMETRIC_SIGNATURE);
            signature.build(doc, service.crypto, header);
            if (!encrypted.isEmpty()) {
                WSSecEncrypt encrypt = new WSSecEncrypt();
                encrypt.setKeyIdentifierType(WSConstants.ENCRYPTED_KEY_SHA1_IDENTIFIER);
                encrypt.setCustomReferenceValue(request.keySHA1);
                encrypt.setEphemeralKey(request.key);
                encrypt.setEncryptSymmKey(false);
                encrypt.setSymmetricEncAlgorithm(scenario.encryption);
                encrypt.prepare(doc, service.crypto);
                Element referenceList = encrypt.encryptForRef(null, encrypted);
                encrypt.addExternalRefElement(referenceList, header);
                order.add(referenceList);
            }
        }
        // Encrypted (sp:EncryptSignature), the Signature was replaced in place by an EncryptedData: that moves instead.
        order.add(scenario.encryptSignature ? (Element) security.getElementsByTagNameNS(WSConstants.ENC_NS, "EncryptedData").item(0)
                                            : signature.getSignatureElement());
        // Rampart's order: Timestamp, SignatureConfirmations, EncryptedKey or ReferenceList, Signature.
        for (Element element : order) security.appendChild(element);
    }
}
