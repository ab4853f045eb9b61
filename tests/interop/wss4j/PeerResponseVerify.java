import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSDataRef;
import org.apache.ws.security.WSPasswordCallback;
import org.apache.ws.security.WSSConfig;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.components.crypto.CryptoType;
import org.apache.ws.security.message.token.SignatureConfirmation;
import org.apache.ws.security.util.WSSecurityUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The client side of an exchange: a response processed with WSSecurityEngine and the client's keys, then checked
 * against what the request it answers carried. Asymmetric: signed by the service's certificate (the alias given),
 * Body encrypted for the client. Symmetric: signed (and encrypted) with the request's ephemeral key, which WSS4J
 * asks for by its EncryptedKeySHA1 and gets only when that names the request's EncryptedKey. SignatureConfirmation:
 * exactly the request's signature values, each confirmation signed.
 */
final class PeerResponseVerify {
    /** `sentSignature`: the request's SignatureValue as the client kept it (build's --signature-out), when the
     *  request's Signature went out encrypted; otherwise the values are read from the request. */
    static List<String> verify(Scenario scenario, Document response, Document request, byte[] requestKey, PeerKeys client,
                               String serviceAlias, byte[] sentSignature) throws Exception {
        String requestKeySHA1 = requestKeySHA1(request);
        WSSecurityEngine engine = new WSSecurityEngine();
        WSSConfig config = WSSConfig.getNewInstance();
        config.setTimeStampStrict(true);
        engine.setWssConfig(config);
        List<WSSecurityEngineResult> results;
        try {
            CallbackHandler keys = new RequestKeyCallback(requestKeySHA1, requestKey, client.callback(java.util.Map.of()));
            results = engine.processSecurityHeader(response, null, keys, client.crypto, client.crypto);
        } catch (WSSecurityException e) {
            throw new PeerVerify.Rejected(e.getMessage());
        }
        if (results == null || results.isEmpty()) throw new PeerVerify.Rejected("no wsse:Security header");
        List<String> checked = new ArrayList<>();
        Element body = WSSecurityUtil.findBodyElement(response);
        WSSecurityEngineResult timestamp = PeerResults.one(results, WSConstants.TS, "a Timestamp");
        checked.add("Timestamp fresh");

        WSSecurityEngineResult signature = PeerResults.one(results, WSConstants.SIGN, "a Signature");
        List<WSDataRef> signedRefs = PeerResults.refs(signature);
        if (scenario.binding == Scenario.Binding.SYMMETRIC) {
            byte[] secret = (byte[]) signature.get(WSSecurityEngineResult.TAG_SECRET);
            if (secret == null || requestKey == null || !MessageDigest.isEqual(secret, requestKey))
                throw new PeerVerify.Rejected("the response is not signed with the request's ephemeral key");
            checked.add("Signature hmac-sha1 with the request's EncryptedKey (EncryptedKeySHA1 " + requestKeySHA1 + ")");
        } else {
            X509Certificate cert = (X509Certificate) signature.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
            CryptoType alias = new CryptoType(CryptoType.TYPE.ALIAS);
            alias.setAlias(serviceAlias);
            X509Certificate[] expected = client.crypto.getX509Certificates(alias);
            if (cert == null || expected == null || !cert.equals(expected[0]))
                throw new PeerVerify.Rejected("the response is not signed by the service's certificate (" + serviceAlias + ")");
            checked.add("Signature rsa-sha1 by X.509 " + cert.getSubjectX500Principal().getName());
        }
        PeerResults.requireCovered(signedRefs, (Element) timestamp.get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT), "the Timestamp");
        if (scenario.signBody) PeerResults.requireCovered(signedRefs, body, "the SOAP Body");

        if (scenario.confirmsSignatures()) {
            List<byte[]> sent = sentSignature != null ? List.of(sentSignature) : signatureValues(request);
            List<byte[]> confirmed = new ArrayList<>();
            for (WSSecurityEngineResult r : results) {
                if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) != WSConstants.SC) continue;
                SignatureConfirmation sc = (SignatureConfirmation) r.get(WSSecurityEngineResult.TAG_SIGNATURE_CONFIRMATION);
                PeerResults.requireCovered(signedRefs, sc.getElement(), "a SignatureConfirmation");
                confirmed.add(sc.getSignatureValue());
            }
            if (!sameValues(sent, confirmed))
                throw new PeerVerify.Rejected("the SignatureConfirmations (" + confirmed.size() + ") do not confirm the request's " + sent.size() + " signature value(s)");
            checked.add("SignatureConfirmation of the request's " + sent.size() + " signature value(s), signed");
        }
        if (scenario.encryptBody) {
            List<WSDataRef> encryptedRefs = new ArrayList<>();
            for (WSSecurityEngineResult r : results) {
                if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) == WSConstants.ENCR) encryptedRefs.addAll(PeerResults.refs(r));
            }
            for (WSDataRef ref : encryptedRefs) {
                if (!scenario.encryption.equals(ref.getAlgorithm())) throw new PeerVerify.Rejected("encryption " + ref.getAlgorithm());
            }
            PeerResults.requireCovered(encryptedRefs, body, "the SOAP Body (encrypted)");
            if (scenario.encryptSignature) {
                PeerResults.requireSignatureEncrypted(encryptedRefs, body.getOwnerDocument());
                checked.add("Signature decrypted before it was verified (sp:EncryptSignature)");
            }
            checked.add("Body decrypted (" + Scenario.shortName(scenario.encryption) + ") with " + (scenario.binding == Scenario.Binding.SYMMETRIC ? "the request's ephemeral key" : "the client's private key"));
        }
        return checked;
    }

    /** The ds:SignatureValue bytes of the request's Security header. */
    static List<byte[]> signatureValues(Document request) {
        List<byte[]> values = new ArrayList<>();
        NodeList nodes = request.getElementsByTagNameNS(WSConstants.SIG_NS, "SignatureValue");
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(Base64.getMimeDecoder().decode(nodes.item(i).getTextContent().getBytes(StandardCharsets.US_ASCII)));
        }
        return values;
    }

    /** Base64 SHA-1 of the request's EncryptedKey cipher value: how a symmetric response names its key. */
    static String requestKeySHA1(Document request) {
        NodeList keys = request.getElementsByTagNameNS(WSConstants.ENC_NS, "EncryptedKey");
        if (keys.getLength() != 1) return null;
        NodeList values = ((Element) keys.item(0)).getElementsByTagNameNS(WSConstants.ENC_NS, "CipherValue");
        if (values.getLength() != 1) return null;
        return PeerRespond.sha1(Base64.getMimeDecoder().decode(values.item(0).getTextContent().getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] readKey(String path) throws Exception {
        return path == null ? null : Base64.getMimeDecoder().decode(Files.readAllBytes(Path.of(path)));
    }

    /** Same values, as multisets; an empty request is confirmed by one confirmation without a value. */
    private static boolean sameValues(List<byte[]> sent, List<byte[]> confirmed) {
        if (sent.isEmpty()) return confirmed.size() == 1 && confirmed.get(0) == null;
        if (sent.size() != confirmed.size()) return false;
        List<byte[]> left = new ArrayList<>(confirmed);
        for (byte[] value : sent) {
            int match = -1;
            for (int i = 0; i < left.size() && match < 0; i++) if (left.get(i) != null && Arrays.equals(left.get(i), value)) match = i;
            if (match < 0) return false;
            left.remove(match);
        }
        return true;
    }

    /** Hands WSS4J the request's key when it asks for it by the request's EncryptedKeySHA1, and no other. */
    private static final class RequestKeyCallback implements CallbackHandler {
        private final String sha1;
        private final byte[] key;
        private final CallbackHandler others;

        RequestKeyCallback(String sha1, byte[] key, CallbackHandler others) {
            this.sha1 = sha1;
            this.key = key;
            this.others = others;
        }

        @Override
        public void handle(Callback[] callbacks) throws java.io.IOException, UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof WSPasswordCallback && ((WSPasswordCallback) callback).getUsage() == WSPasswordCallback.SECRET_KEY) {
                    WSPasswordCallback pc = (WSPasswordCallback) callback;
                    if (key != null && sha1 != null && sha1.equals(pc.getIdentifier())) pc.setKey(key);
                } else {
                    others.handle(new Callback[] { callback });
                }
            }
        }
    }
}
