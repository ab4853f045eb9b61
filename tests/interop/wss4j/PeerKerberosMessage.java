import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.kerberos.KerberosPrincipal;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSDataRef;
import org.apache.ws.security.WSEncryptionPart;
import org.apache.ws.security.WSSConfig;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.WSSecurityException;
import org.apache.ws.security.message.WSSecEncrypt;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecSignature;
import org.apache.ws.security.message.WSSecTimestamp;
import org.apache.ws.security.message.token.KerberosSecurity;
import org.apache.ws.security.util.WSSecurityUtil;
import org.apache.ws.security.validate.KerberosTokenValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Scenario 16's whole request (a Kerberos token as the symmetric binding's protection token) with WSS4J 1.6, as a
 * Rampart service verifies it and a Rampart client builds it:
 *   kerberos-verify --krb5 F --jaas F --service PRINCIPAL IN
 *       (KerberosTokenValidator with JAAS entry "Server" as the BinarySecurityToken validator; then the Timestamp
 *        and Body must be signed, hmac-sha1 over SHA-1 digests, by that token's session key)
 *   kerberos-build --krb5 F --jaas F --client P --password-file F --service PRINCIPAL IN OUT
 *       (Timestamp, the GSS AP-REQ token from JAAS entry "Client", an hmac-sha1 Signature keyed by its session key
 *        naming the token by a direct reference; header laid out Timestamp, token, Signature as Rampart's Lax)
 *   both take --encrypt-body [--suite NAME]: the Body's content also encrypted, after signing, with the suite's cipher
 *       (Basic256 by default) under the session key cut to the cipher's length (KeyUtils.prepareSecretKey), its
 *       ReferenceList before the Signature
 */
final class PeerKerberosMessage {
    static int verify(PeerArgs args) throws Exception {
        PeerKerberos.configure(args);
        Document doc = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
        try {
            List<WSSecurityEngineResult> results = process(doc, args.option("service"));
            List<String> checked = check(doc, results);
            if (args.flag("encrypt-body")) checked.add(bodyEncrypted(doc, results, Scenario.cipherOf(args.option("suite", "Basic256"))));
            System.out.println("accepted");
            for (String line : checked) System.out.println("  " + line);
            return 0;
        } catch (WSSecurityException | PeerVerify.Rejected e) {
            System.out.println("rejected: " + e.getMessage());
            return 1;
        }
    }

    /** WSS4J's engine over a request, with KerberosTokenValidator (JAAS entry "Server") for its token. */
    static List<WSSecurityEngineResult> process(Document doc, String service) throws WSSecurityException, PeerVerify.Rejected {
        KerberosTokenValidator validator = new KerberosTokenValidator();
        validator.setContextName("Server");
        validator.setServiceName(service);
        validator.setUsernameServiceNameForm(true);
        WSSConfig config = WSSConfig.getNewInstance();
        config.setTimeStampStrict(true);
        config.setValidator(WSSecurityEngine.BINARY_TOKEN, validator);
        WSSecurityEngine engine = new WSSecurityEngine();
        engine.setWssConfig(config);
        List<WSSecurityEngineResult> results = engine.processSecurityHeader(doc, null, null, null);
        if (results == null) throw new PeerVerify.Rejected("no wsse:Security header");
        return results;
    }

    /**
     * Basic256's symmetric signature by `key` over the Timestamp and the SOAP Body, with the suite's digests, for a
     * request (the token's key) and a response (the request's key); returns the signature's references.
     */
    static List<WSDataRef> signedBySessionKey(Document doc, List<WSSecurityEngineResult> results, byte[] key, String keyName)
            throws PeerVerify.Rejected {
        WSSecurityEngineResult timestamp = PeerResults.one(results, WSConstants.TS, "a Timestamp");
        WSSecurityEngineResult signature = PeerResults.one(results, WSConstants.SIGN, "a Signature");
        String method = (String) signature.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD);
        if (!Scenario.SYMMETRIC_SIGNATURE.equals(method))
            throw new PeerVerify.Rejected("signature method " + method + ", Basic256 demands " + Scenario.SYMMETRIC_SIGNATURE);
        if (!Arrays.equals(key, (byte[]) signature.get(WSSecurityEngineResult.TAG_SECRET)))
            throw new PeerVerify.Rejected("the signature key is not " + keyName);
        List<WSDataRef> refs = PeerResults.refs(signature);
        for (WSDataRef ref : refs) {
            if (!Scenario.DIGEST.equals(ref.getDigestAlgorithm()))
                throw new PeerVerify.Rejected("digest " + ref.getDigestAlgorithm() + ", Basic256 demands " + Scenario.DIGEST);
        }
        PeerResults.requireCovered(refs, (Element) timestamp.get(WSSecurityEngineResult.TAG_TOKEN_ELEMENT), "the Timestamp");
        PeerResults.requireCovered(refs, WSSecurityUtil.findBodyElement(doc), "the SOAP Body");
        return refs;
    }

    /** After the crypto, the scenario's demands: one Kerberos token, its session key signed Timestamp and Body. */
    private static List<String> check(Document doc, List<WSSecurityEngineResult> results) throws PeerVerify.Rejected {
        List<String> checked = new ArrayList<>();
        WSSecurityEngineResult token = PeerResults.one(results, WSConstants.BST, "a Kerberos token");
        if (!(token.get(WSSecurityEngineResult.TAG_BINARY_SECURITY_TOKEN) instanceof KerberosSecurity))
            throw new PeerVerify.Rejected("the BinarySecurityToken is not a Kerberos token");
        Object principal = token.get(WSSecurityEngineResult.TAG_PRINCIPAL);
        if (!(principal instanceof KerberosPrincipal)) throw new PeerVerify.Rejected("the Kerberos token names no client");
        checked.add("principal=" + ((KerberosPrincipal) principal).getName());
        byte[] sessionKey = (byte[]) token.get(WSSecurityEngineResult.TAG_SECRET);
        if (sessionKey == null) throw new PeerVerify.Rejected("no session key from the Kerberos token");

        signedBySessionKey(doc, results, sessionKey, "the Kerberos token's session key");
        checked.add("Signature hmac-sha1 by the Kerberos session key (" + sessionKey.length * 8 + "-bit) over Timestamp, Body");
        return checked;
    }

    /** --encrypt-body: the Body decrypted, with the suite's cipher and nothing else. */
    private static String bodyEncrypted(Document doc, List<WSSecurityEngineResult> results, String cipher) throws PeerVerify.Rejected {
        List<WSDataRef> refs = new ArrayList<>();
        for (WSSecurityEngineResult r : results) {
            if ((int) r.get(WSSecurityEngineResult.TAG_ACTION) == WSConstants.ENCR) refs.addAll(PeerResults.refs(r));
        }
        for (WSDataRef ref : refs) {
            if (!cipher.equals(ref.getAlgorithm())) throw new PeerVerify.Rejected("encryption " + ref.getAlgorithm() + ", the suite demands " + cipher);
        }
        PeerResults.requireCovered(refs, WSSecurityUtil.findBodyElement(doc), "the SOAP Body (encrypted)");
        return "Body encrypted with " + Scenario.shortName(cipher) + " under the Kerberos session key";
    }

    static int build(PeerArgs args) throws Exception {
        PeerKerberos.configure(args);
        Document doc = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
        PeerHeader start = new PeerHeader(doc);
        WSSecHeader header = start.header;
        WSSecTimestamp timestamp = start.timestamp;

        KerberosSecurity token = new KerberosSecurity(doc);
        token.retrieveServiceTicket("Client", PeerKerberos.passwordHandler(args), args.option("service"), true);
        token.addWSUNamespace();
        token.setID(WSSConfig.getNewInstance().getIdAllocator().createSecureId("KerbToken-", token));
        WSSecurityUtil.prependChildElement(header.getSecurityHeader(), token.getElement());

        WSSecSignature signature = new WSSecSignature();
        signature.setKeyIdentifierType(WSConstants.CUSTOM_SYMM_SIGNING);
        signature.setCustomTokenId(token.getID());
        signature.setCustomTokenValueType(WSConstants.WSS_GSS_KRB_V5_AP_REQ);
        signature.setSecretKey(token.getSecretKey().getEncoded());
        signature.setSignatureAlgorithm(Scenario.SYMMETRIC_SIGNATURE);
        signature.setDigestAlgo(Scenario.DIGEST);
        signature.setSigCanonicalization(Scenario.C14N);
        List<WSEncryptionPart> parts = new ArrayList<>();
        parts.add(new WSEncryptionPart(timestamp.getId()));
        String soap = doc.getDocumentElement().getNamespaceURI();
        parts.add(new WSEncryptionPart(WSConstants.ELEM_BODY, soap, ""));
        signature.setParts(parts);
        signature.build(doc, null, header);

        Element security = header.getSecurityHeader();
        Element referenceList = null;
        if (args.flag("encrypt-body")) {
            String cipher = Scenario.cipherOf(args.option("suite", "Basic256"));
            WSSecEncrypt encrypt = new WSSecEncrypt();
            encrypt.setSymmetricEncAlgorithm(cipher);
            encrypt.setSymmetricKey(WSSecurityUtil.prepareSecretKey(cipher, token.getSecretKey().getEncoded()));
            encrypt.setEncryptSymmKey(false);
            encrypt.setCustomReferenceValue(WSConstants.WSS_GSS_KRB_V5_AP_REQ);
            encrypt.setEncKeyId(token.getID());
            List<WSEncryptionPart> body = new ArrayList<>();
            body.add(new WSEncryptionPart(WSConstants.ELEM_BODY, soap, "Content"));
            encrypt.setParts(body);
            encrypt.build(doc, null, header);
            referenceList = WSSecurityUtil.getDirectChildElement(security, "ReferenceList", WSConstants.ENC_NS);
        }
        // Rampart's Lax layout: Timestamp first, then the token, (the ReferenceList, decrypted before the Signature is
        // checked over the Body in clear,) then the Signature that refers to the token.
        for (Element e : new Element[] {timestamp.getElement(), token.getElement(), referenceList, signature.getSignatureElement()}) {
            if (e != null) security.appendChild(e);
        }
        Files.write(Path.of(args.positional(1)), PeerXML.serialize(doc));
        return 0;
    }
}
