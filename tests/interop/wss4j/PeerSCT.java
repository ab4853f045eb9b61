import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.crypto.dsig.Reference;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSDataRef;
import org.apache.ws.security.WSEncryptionPart;
import org.apache.ws.security.WSPasswordCallback;
import org.apache.ws.security.WSSecurityEngine;
import org.apache.ws.security.WSSecurityEngineResult;
import org.apache.ws.security.conversation.ConversationConstants;
import org.apache.ws.security.message.WSSecEncrypt;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecSecurityContextToken;
import org.apache.ws.security.message.WSSecSignature;
import org.apache.ws.security.message.WSSecTimestamp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Messages under a WS-SecureConversation SecurityContextToken (scenarios 9-15) with WSS4J 1.6's own classes, in the
 * shape Rampart writes them (the token's secret used directly: HMAC-SHA1 signature and AES-256-CBC EncryptedData,
 * each naming the token by a direct reference). Its own entry point, so the main peer stays as it is:
 *   java PeerSCT build  --identifier URN --secret-file F [--protect sign,encrypt] IN OUT
 *   java PeerSCT verify --identifier URN --secret-file F [--protect sign,encrypt] IN
 * The secret file holds the token's key in Base64. Exit codes: 0 accepted (or built), 1 rejected, 2 bad usage.
 */
public final class PeerSCT {
    public static void main(String[] argv) throws Exception {
        org.apache.ws.security.WSSConfig.init();
        int status;
        try {
            PeerArgs args = PeerArgs.parse(argv);
            String identifier = args.option("identifier", null);
            byte[] secret = Base64.getDecoder().decode(Files.readString(Path.of(args.option("secret-file", null))).trim());
            String protect = args.option("protect", "sign,encrypt");
            boolean sign = protect.contains("sign"), encrypt = protect.contains("encrypt");
            Document doc = PeerXML.parse(Files.readAllBytes(Path.of(args.positional(0))));
            if (args.mode.equals("build")) {
                build(doc, identifier, secret, sign, encrypt);
                Files.write(Path.of(args.positional(1)), PeerXML.serialize(doc));
                status = 0;
            } else if (args.mode.equals("verify")) {
                status = verify(doc, identifier, secret, sign, encrypt) ? 0 : 1;
            } else {
                throw new PeerArgs.Usage("unknown mode " + args.mode + " (build, verify)");
            }
        } catch (PeerArgs.Usage e) {
            System.err.println("wss4j-peer-sct: " + e.getMessage());
            status = 2;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Header: Timestamp, SecurityContextToken, ReferenceList, Signature (sign then encrypt, as Rampart). */
    static void build(Document doc, String identifier, byte[] secret, boolean sign, boolean encrypt) throws Exception {
        String soapNs = doc.getDocumentElement().getNamespaceURI();
        WSSecHeader header = new WSSecHeader();
        header.setMustUnderstand(true);
        header.insertSecurityHeader(doc);
        WSSecSecurityContextToken sct = new WSSecSecurityContextToken();
        sct.setWscVersion(ConversationConstants.VERSION_05_02);
        sct.setIdentifier(identifier);
        sct.prepare(doc, null);
        // WSS4J leaves the token without a wsu:Id unless given one; the references need it.
        String sctId = "sctId-" + java.util.UUID.randomUUID();
        sct.getSct().setID(sctId);
        sct.setSctId(sctId);
        sct.prependSCTElementToHeader(doc, header);
        WSSecTimestamp timestamp = new WSSecTimestamp();
        timestamp.setTimeToLive(300);
        timestamp.build(doc, header);
        Element signature = null;
        if (sign) {
            WSSecSignature signer = new WSSecSignature();
            signer.setKeyIdentifierType(WSConstants.CUSTOM_SYMM_SIGNING);
            signer.setCustomTokenId(sctId);
            signer.setSecretKey(secret);
            signer.setSignatureAlgorithm(WSConstants.HMAC_SHA1);
            signer.prepare(doc, null, header);
            List<WSEncryptionPart> parts = new ArrayList<>();
            parts.add(new WSEncryptionPart(WSConstants.ELEM_BODY, soapNs, ""));
            parts.add(new WSEncryptionPart(WSConstants.TIMESTAMP_TOKEN_LN, WSConstants.WSU_NS, ""));
            List<Reference> references = signer.addReferencesToSign(parts, header);
            signer.computeSignature(references, false, null);
            signature = signer.getSignatureElement();
        }
        if (encrypt) {
            WSSecEncrypt encryptor = new WSSecEncrypt();
            encryptor.setEncKeyId(sctId);
            encryptor.setEphemeralKey(secret);
            encryptor.setSymmetricEncAlgorithm(WSConstants.AES_256);
            encryptor.setEncryptSymmKey(false);
            encryptor.setCustomReferenceValue(ConversationConstants.WSC_NS_05_02 + ConversationConstants.TOKEN_TYPE_SECURITY_CONTEXT_TOKEN);
            encryptor.prepare(doc, null);
            List<WSEncryptionPart> parts = new ArrayList<>();
            parts.add(new WSEncryptionPart(WSConstants.ELEM_BODY, soapNs, "Content"));
            Element list = encryptor.encryptForRef(null, parts);
            Element security = header.getSecurityHeader();
            if (signature != null) security.insertBefore(list, signature); else security.appendChild(list);
        }
    }

    /** WSSecurityEngine with a callback that knows the token's secret; then the demands: Body signed and/or encrypted. */
    static boolean verify(Document doc, String identifier, byte[] secret, boolean sign, boolean encrypt) throws Exception {
        CallbackHandler handler = (Callback[] callbacks) -> {
            for (Callback callback : callbacks) {
                if (callback instanceof WSPasswordCallback pc && identifier.equals(pc.getIdentifier())) pc.setKey(secret);
            }
        };
        List<WSSecurityEngineResult> results;
        try {
            results = new WSSecurityEngine().processSecurityHeader(doc, null, handler, null);
        } catch (Exception e) {
            System.out.println("rejected: " + e.getMessage());
            return false;
        }
        boolean token = false, signed = false, encrypted = false;
        for (WSSecurityEngineResult result : results == null ? List.<WSSecurityEngineResult>of() : results) {
            int action = (Integer) result.get(WSSecurityEngineResult.TAG_ACTION);
            if (action == WSConstants.SCT) token = true;
            Object refs = result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
            if (!(refs instanceof List<?> list)) continue;
            for (Object ref : list) {
                if (!(ref instanceof WSDataRef data) || data.getName() == null || !"Body".equals(data.getName().getLocalPart())) continue;
                if (action == WSConstants.SIGN) signed = "http://www.w3.org/2000/09/xmldsig#hmac-sha1".equals(result.get(WSSecurityEngineResult.TAG_SIGNATURE_METHOD));
                if (action == WSConstants.ENCR) encrypted = true;
            }
        }
        if (!token) { System.out.println("rejected: no SecurityContextToken processed"); return false; }
        if (sign && !signed) { System.out.println("rejected: the Body is not signed with HMAC-SHA1 under the token"); return false; }
        if (encrypt && !encrypted) { System.out.println("rejected: the Body is not encrypted"); return false; }
        System.out.println("accepted");
        System.out.println("  SecurityContextToken " + identifier + " resolved through the callback");
        if (sign) System.out.println("  Body signed (hmac-sha1) with the token's secret");
        if (encrypt) System.out.println("  Body decrypted with the token's secret");
        return true;
    }
}
