import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSDataRef;
import org.apache.ws.security.WSEncryptionPart;
import org.apache.ws.security.WSPasswordCallback;
import org.apache.ws.security.WSSConfig;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecSignature;
import org.apache.ws.security.message.WSSecTimestamp;
import org.apache.ws.security.message.token.KerberosSecurity;
import org.apache.ws.security.message.token.SignatureConfirmation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Scenario 16's response (service to client) with WSS4J 1.6: no token, a Signature keyed by the request's Kerberos
 * session key that names the token by wsse:KeyIdentifier #Kerberosv5APREQSHA1 = base64(SHA-1(the AP-REQ token)).
 *   kerberos-respond --krb5 F --jaas F --service PRINCIPAL --request REQ IN OUT
 *       (the service: REQ verified as kerberos-verify does; then Timestamp, a SignatureConfirmation of each request
 *        signature value, and an hmac-sha1 Signature over them and the Body, laid out in Rampart's Lax order)
 *   kerberos-verify-response --session-key-hex HEX --token-sha1 B64 IN
 *       (the client: the secret-key callback answers only for that KeyIdentifier; the Timestamp, Body and every
 *        SignatureConfirmation must be signed, hmac-sha1 over SHA-1 digests, by that key)
 */
final class PeerKerberosResponse {
    static int respond(PeerArgs args) throws Exception {
        PeerKerberos.configure(args);
        Document request = PeerXML.parse(Files.readAllBytes(Path.of(args.option("request"))));
        Document doc = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
        byte[] sessionKey = null;
        String tokenSHA1 = null;
        List<byte[]> signatureValues = new ArrayList<>();
        try {
            for (WSSecurityEngineResult r : PeerKerberosMessage.process(request, args.option("service"))) {
                int action = (int) r.get(WSSecurityEngineResult.TAG_ACTION);
                if (action == WSConstants.SIGN) signatureValues.add((byte[]) r.get(WSSecurityEngineResult.TAG_SIGNATURE_VALUE));
                if (action == WSConstants.BST && r.get(WSSecurityEngineResult.TAG_BINARY_SECURITY_TOKEN) instanceof KerberosSecurity) {
                    KerberosSecurity token = (KerberosSecurity) r.get(WSSecurityEngineResult.TAG_BINARY_SECURITY_TOKEN);
                    sessionKey = (byte[]) r.get(WSSecurityEngineResult.TAG_SECRET);
                    tokenSHA1 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(token.getToken()));
                }
            }
            if (sessionKey == null) throw new PeerVerify.Rejected("the request carried no Kerberos token with a session key");
        } catch (WSSecurityException | PeerVerify.Rejected e) {
            System.out.println("rejected: the request: " + e.getMessage());
            return 1;
        }

        PeerHeader start = new PeerHeader(doc);
        WSSecHeader header = start.header;
        WSSecTimestamp timestamp = start.timestamp;
        Element security = header.getSecurityHeader();
        List<Element> order = new ArrayList<>();
        order.add(timestamp.getElement());
        List<WSEncryptionPart> parts = new ArrayList<>();
        parts.add(new WSEncryptionPart(timestamp.getId()));
        start.confirm(doc, signatureValues, order, parts);
        parts.add(new WSEncryptionPart(WSConstants.ELEM_BODY, doc.getDocumentElement().getNamespaceURI(), ""));

        // WSS4J's CUSTOM_KEY_IDENTIFIER with the Kerberos value type: KeyIdentifier (Base64Binary) + wsse11:TokenType.
        WSSecSignature signature = new WSSecSignature();
        signature.setKeyIdentifierType(WSConstants.CUSTOM_KEY_IDENTIFIER);
        signature.setCustomTokenValueType(WSConstants.WSS_KRB_KI_VALUE_TYPE);
        signature.setCustomTokenId(tokenSHA1);
        signature.setSecretKey(sessionKey);
        signature.setSignatureAlgorithm(Scenario.SYMMETRIC_SIGNATURE);
        signature.setDigestAlgo(Scenario.DIGEST);
        signature.setSigCanonicalization(Scenario.C14N);
        signature.setParts(parts);
        signature.build(doc, null, header);
        order.add(signature.getSignatureElement());
        for (Element e : order) security.appendChild(e);
        Files.write(Path.of(args.positional(1)), PeerXML.serialize(doc));
        System.out.println("confirmed " + signatureValues.size() + " request signature value(s)");
        return 0;
    }

    static int verify(PeerArgs args) throws Exception {
        byte[] key = HexFormat.of().parseHex(args.option("session-key-hex"));
        String tokenSHA1 = args.option("token-sha1");
        Document doc = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
        // What a Rampart client's callback does with its KrbSession: the key for this token's SHA-1 and no other.
        CallbackHandler keys = callbacks -> {
            for (Callback callback : callbacks) {
                if (!(callback instanceof WSPasswordCallback)) continue;
                WSPasswordCallback pc = (WSPasswordCallback) callback;
                if (pc.getUsage() == WSPasswordCallback.SECRET_KEY && tokenSHA1.equals(pc.getIdentifier())) pc.setKey(key);
            }
        };
        WSSConfig config = WSSConfig.getNewInstance();
        config.setTimeStampStrict(true);
        WSSecurityEngine engine = new WSSecurityEngine();
        engine.setWssConfig(config);
        try {
            List<WSSecurityEngineResult> results = engine.processSecurityHeader(doc, null, keys, null);
            if (results == null) throw new PeerVerify.Rejected("no wsse:Security header");
            List<WSDataRef> refs = PeerKerberosMessage.signedBySessionKey(doc, results, key, "the request's Kerberos session key");
            int confirmations = 0;
            for (WSSecurityEngineResult r : results) {
                if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) != WSConstants.SC) continue;
                SignatureConfirmation sc = (SignatureConfirmation) r.get(WSSecurityEngineResult.TAG_SIGNATURE_CONFIRMATION);
                PeerResults.requireCovered(refs, sc.getElement(), "a SignatureConfirmation");
                confirmations++;
            }
            if (confirmations == 0) throw new PeerVerify.Rejected("no SignatureConfirmation (the policy requires it)");
            System.out.println("accepted");
            System.out.println("  Signature hmac-sha1 by the Kerberos session key over Timestamp, Body, " + confirmations + " SignatureConfirmation(s)");
            return 0;
        } catch (WSSecurityException | PeerVerify.Rejected e) {
            System.out.println("rejected: " + e.getMessage());
            return 1;
        }
    }
}
