import java.util.ArrayList;
import java.util.List;
import org.apache.ws.security.WSConstants;
import org.apache.ws.security.WSEncryptionPart;
import org.apache.ws.security.message.WSSecEncrypt;
import org.apache.ws.security.message.WSSecEncryptedKey;
import org.apache.ws.security.message.WSSecHeader;
import org.apache.ws.security.message.WSSecSignature;
import org.apache.ws.security.message.WSSecTimestamp;
import org.apache.ws.security.message.WSSecUsernameToken;
import org.apache.ws.security.util.WSSecurityUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Secures a plain request the way Rampart does for scenarios 1-8, with WSS4J's own builders: sign before
 * encrypt (or, with --encrypt-before-signing, encrypt first and sign the EncryptedData), Body content encrypted,
 * Timestamp (and UsernameToken) signed, header laid out Timestamp first.
 */
final class PeerBuild {
    static final class Options {
        String recipient;              // alias of the peer's certificate in our keystore (encryption)
        String user;
        String password;
        boolean digest;
        int keyReference;              // signature (asymmetric) or EncryptedKey (symmetric)
        int encryptionKeyReference;    // the asymmetric EncryptedKey
        String keyOut;                 // where the symmetric request's ephemeral key goes (0600), for its response
        String signatureOut;           // where the SignatureValue goes (0600): the client's memory of an encrypted one
        boolean builderOrder;          // --order wss4j: the header as WSS4J's builders leave it (each prepends)

        static Options from(PeerArgs args) throws Exception {
            Options o = new Options();
            o.recipient = args.option("recipient", null);
            o.user = args.option("user", null);
            String passwordFile = args.option("password-file", null);
            o.password = passwordFile == null ? null : PeerKeys.readSecret(passwordFile);
            o.digest = args.flag("digest");
            o.keyReference = keyReference(args.option("keyref", null), -1);
            o.encryptionKeyReference = keyReference(args.option("enc-keyref", null), WSConstants.THUMBPRINT_IDENTIFIER);
            o.keyOut = args.option("key-out", null);
            o.signatureOut = args.option("signature-out", null);
            String order = args.option("order", "rampart");
            if (!order.equals("rampart") && !order.equals("wss4j")) throw new PeerArgs.Usage("--order takes rampart or wss4j");
            o.builderOrder = order.equals("wss4j");
            return o;
        }

        static int keyReference(String name, int fallback) throws PeerArgs.Usage {
            if (name == null) return fallback;
            switch (name) {
                case "bst": return WSConstants.BST_DIRECT_REFERENCE;
                case "skid": return WSConstants.SKI_KEY_IDENTIFIER;
                case "issuerserial": return WSConstants.ISSUER_SERIAL;
                case "thumbprint": return WSConstants.THUMBPRINT_IDENTIFIER;
                default: throw new PeerArgs.Usage("--keyref takes bst, skid, issuerserial or thumbprint");
            }
        }
    }

    static void secure(Scenario scenario, Document doc, PeerKeys keys, Options o) throws Exception {
        String soap = doc.getDocumentElement().getNamespaceURI();
        PeerHeader start = new PeerHeader(doc);
        WSSecHeader header = start.header;
        WSSecTimestamp timestamp = start.timestamp;

        Element usernameToken = null;
        if (scenario.usernameToken) {
            if (o.user == null || o.password == null) throw new PeerArgs.Usage("scenario " + scenario.number + " needs --user and --password-file");
            WSSecUsernameToken ut = new WSSecUsernameToken();
            ut.setPasswordType(o.digest ? WSConstants.PASSWORD_DIGEST : WSConstants.PASSWORD_TEXT);
            ut.setUserInfo(o.user, o.password);
            ut.addNonce();
            ut.addCreated();
            ut.build(doc, header);
            usernameToken = ut.getUsernameTokenElement();
        }

        List<WSEncryptionPart> signed = new ArrayList<>();
        signed.add(new WSEncryptionPart(timestamp.getId()));
        if (scenario.signBody) signed.add(new WSEncryptionPart(WSConstants.ELEM_BODY, soap, ""));
        if (usernameToken != null) signed.add(new WSEncryptionPart(usernameToken.getAttributeNS(WSConstants.WSU_NS, "Id")));
        if (scenario.headerName != null) signed.add(new WSEncryptionPart(scenario.headerName, scenario.headerNamespace, "Element"));
        List<WSEncryptionPart> encrypted = new ArrayList<>();
        if (scenario.encryptBody) encrypted.add(new WSEncryptionPart(WSConstants.ELEM_BODY, soap, "Content"));
        // "Header": WSS4J wraps the EncryptedData in a wsse11:EncryptedHeader, as Rampart does for sp:EncryptedParts headers.
        if (scenario.headerName != null) encrypted.add(new WSEncryptionPart(scenario.headerName, scenario.headerNamespace, "Header"));
        if (scenario.encryptUsernameToken && usernameToken != null)
            encrypted.add(new WSEncryptionPart(usernameToken.getAttributeNS(WSConstants.WSU_NS, "Id"), "Element"));
        // sp:EncryptSignature: {Element}{xmldsig}Signature, found once the signature is built (encryption follows it).
        if (scenario.encryptSignature) encrypted.add(new WSEncryptionPart(WSConstants.SIG_LN, WSConstants.SIG_NS, "Element"));

        Element encryptedKey = null;
        switch (scenario.binding) {
            case TRANSPORT:
                if (scenario.signedEndorse) throw new PeerArgs.Usage("--signed-endorse needs a message binding (scenarios 2-8)");
                if (scenario.endorse) signAsymmetric(doc, header, keys, o, List.of(new WSEncryptionPart(timestamp.getId())));
                break;
            case ASYMMETRIC:
                if (scenario.encryptBeforeSigning && scenario.encryptSignature && scenario.encryptBody) {
                    encryptFirstWithSignature(scenario, doc, header, keys, o, bodyParts(encrypted), signed);
                    break;
                }
                if (scenario.encryptBeforeSigning) {
                    // The Signature, built last, is prepended above the EncryptedKey: verified before decrypting.
                    if (!encrypted.isEmpty()) encryptAsymmetric(scenario, doc, header, keys, o, encrypted);
                    signAsymmetric(doc, header, keys, o, signed);
                    break;
                }
                WSSecSignature endorsing = scenario.endorse ? prepareEndorsement(scenario, doc, header, keys, o, signed) : null;
                Element primary = signAsymmetric(doc, header, keys, o, signed);
                if (endorsing != null) endorse(endorsing, header, primary);
                if (!encrypted.isEmpty()) encryptedKey = encryptAsymmetric(scenario, doc, header, keys, o, encrypted);
                break;
            case SYMMETRIC:
                encryptedKey = symmetric(scenario, doc, header, keys, o, signed, encrypted);
                break;
        }
        if (!o.builderOrder) arrange(header.getSecurityHeader(), timestamp.getElement(), encryptedKey, usernameToken);
    }

    /** Signs `parts` with the client's key (rsa-sha1), the Signature prepended to the header; returns it. */
    private static Element signAsymmetric(Document doc, WSSecHeader header, PeerKeys keys, Options o, List<WSEncryptionPart> parts) throws Exception {
        WSSecSignature signature = x509Signature(keys, o, parts);
        signature.build(doc, keys.crypto, header);
        if (o.signatureOut != null) PeerKeys.writeSecret(o.signatureOut, signature.getSignatureValue());
        return signature.getSignatureElement();
    }

    private static WSSecSignature x509Signature(PeerKeys keys, Options o, List<WSEncryptionPart> parts) {
        WSSecSignature signature = new WSSecSignature();
        signature.setUserInfo(keys.alias, keys.password);
        signature.setKeyIdentifierType(o.keyReference < 0 ? WSConstants.BST_DIRECT_REFERENCE : o.keyReference);
        signature.setSignatureAlgorithm(Scenario.ASYMMETRIC_SIGNATURE);
        signature.setDigestAlgo(Scenario.DIGEST);
        signature.setSigCanonicalization(Scenario.C14N);
        signature.setParts(parts);
        return signature;
    }

    /** --endorse under a message binding (sp:EndorsingSupportingTokens, WCF's MutualCertificate): the client's key
     *  will sign the binding's Signature. Its BinarySecurityToken is made first, so that under --signed-endorse
     *  (sp:SignedEndorsingSupportingTokens) the binding's Signature covers it too: its ID joins `signed`. */
    private static WSSecSignature prepareEndorsement(Scenario scenario, Document doc, WSSecHeader header, PeerKeys keys, Options o,
                                                     List<WSEncryptionPart> signed) throws Exception {
        WSSecSignature endorsing = x509Signature(keys, o, List.of());
        endorsing.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        endorsing.prepare(doc, keys.crypto, header);
        endorsing.prependBSTElementToHeader(header);
        if (scenario.signedEndorse) signed.add(new WSEncryptionPart(endorsing.getBSTTokenId()));
        return endorsing;
    }

    /** Signs the binding's Signature with the prepared endorsement, placed after it; its token goes before both. */
    private static void endorse(WSSecSignature endorsing, WSSecHeader header, Element primary) throws Exception {
        endorsing.computeSignature(endorsing.addReferencesToSign(List.of(new WSEncryptionPart(primary.getAttributeNS(null, "Id"))), header));
        primary.getParentNode().insertBefore(endorsing.getSignatureElement(), primary.getNextSibling());
        primary.getParentNode().insertBefore(endorsing.getBinarySecurityTokenElement(), primary);
    }

    /** The parts but the Signature (encrypted once it exists). */
    private static List<WSEncryptionPart> bodyParts(List<WSEncryptionPart> encrypted) {
        List<WSEncryptionPart> parts = new ArrayList<>();
        for (WSEncryptionPart part : encrypted) if (!WSConstants.SIG_LN.equals(part.getName())) parts.add(part);
        return parts;
    }

    private static final List<WSEncryptionPart> SIGNATURE = List.of(new WSEncryptionPart(WSConstants.SIG_LN, WSConstants.SIG_NS, "Element"));

    /**
     * sp:EncryptBeforeSigning with sp:EncryptSignature, asymmetric: the Body under the EncryptedKey's key, the
     * Signature over its EncryptedData, then the Signature encrypted under the same key. The EncryptedKey (listing
     * the Signature's EncryptedData) goes just before that EncryptedData, the Body's ReferenceList after it, so the
     * engine opens and verifies the Signature before it decrypts the Body.
     */
    private static void encryptFirstWithSignature(Scenario scenario, Document doc, WSSecHeader header, PeerKeys keys, Options o,
                                                  List<WSEncryptionPart> body, List<WSEncryptionPart> signed) throws Exception {
        WSSecEncrypt encrypt = new WSSecEncrypt();
        encrypt.setUserInfo(recipient(o));
        encrypt.setKeyIdentifierType(o.encryptionKeyReference);
        encrypt.setSymmetricEncAlgorithm(scenario.encryption);
        encrypt.setKeyEnc(scenario.keyWrap);
        encrypt.prepare(doc, keys.crypto);
        Element bodyList = encrypt.encryptForRef(null, body);
        signAsymmetric(doc, header, keys, o, signed);
        encrypt.addInternalRefElement(encrypt.encryptForRef(null, SIGNATURE));
        Element security = header.getSecurityHeader();
        Element signatureData = WSSecurityUtil.getDirectChildElement(security, "EncryptedData", WSConstants.ENC_NS);
        security.insertBefore(encrypt.getEncryptedKeyElement(), signatureData);
        if (encrypt.getBinarySecurityTokenElement() != null) security.insertBefore(encrypt.getBinarySecurityTokenElement(), encrypt.getEncryptedKeyElement());
        security.appendChild(bodyList);
    }

    private static Element encryptAsymmetric(Scenario scenario, Document doc, WSSecHeader header, PeerKeys keys, Options o, List<WSEncryptionPart> parts) throws Exception {
        WSSecEncrypt encrypt = new WSSecEncrypt();
        encrypt.setUserInfo(recipient(o));
        encrypt.setKeyIdentifierType(o.encryptionKeyReference);
        encrypt.setSymmetricEncAlgorithm(scenario.encryption);
        encrypt.setKeyEnc(scenario.keyWrap);
        encrypt.setParts(parts);
        encrypt.build(doc, keys.crypto, header);
        return encrypt.getEncryptedKeyElement();
    }

    /** One ephemeral key of the suite's cipher, sent in an EncryptedKey for the service: HMAC-SHA1 signs, the cipher encrypts. */
    private static Element symmetric(Scenario scenario, Document doc, WSSecHeader header, PeerKeys keys, Options o,
                                     List<WSEncryptionPart> signed, List<WSEncryptionPart> encrypted) throws Exception {
        boolean encryptFirst = scenario.encryptBeforeSigning;
        WSSecEncryptedKey encryptedKey = new WSSecEncryptedKey();
        encryptedKey.setUserInfo(recipient(o));
        encryptedKey.setKeyIdentifierType(o.keyReference < 0 ? WSConstants.THUMBPRINT_IDENTIFIER : o.keyReference);
        encryptedKey.setKeyEncAlgo(scenario.keyWrap);
        encryptedKey.setSymmetricEncAlgorithm(scenario.encryption);
        encryptedKey.prepare(doc, keys.crypto);
        byte[] key = encryptedKey.getEphemeralKey();
        if (o.keyOut != null) PeerKeys.writeSecret(o.keyOut, key);

        WSSecSignature endorsing = scenario.endorse ? prepareEndorsement(scenario, doc, header, keys, o, signed) : null;
        // Encrypt before signing: the ReferenceList is prepended first, so the Signature lands above it.
        Element bodyList = encryptFirst ? encryptSymmetric(scenario, doc, header, keys, encryptedKey, key, bodyParts(encrypted)) : null;
        WSSecSignature signature = new WSSecSignature();
        signature.setKeyIdentifierType(WSConstants.CUSTOM_SYMM_SIGNING);
        signature.setCustomTokenId(encryptedKey.getId());
        signature.setCustomTokenValueType(WSConstants.SOAPMESSAGE_NS11 + "#" + WSConstants.ENC_KEY_VALUE_TYPE);
        signature.setSecretKey(key);
        signature.setSignatureAlgorithm(Scenario.SYMMETRIC_SIGNATURE);
        signature.setDigestAlgo(Scenario.DIGEST);
        signature.setSigCanonicalization(Scenario.C14N);
        signature.setParts(signed);
        signature.build(doc, keys.crypto, header);
        if (o.signatureOut != null) PeerKeys.writeSecret(o.signatureOut, signature.getSignatureValue());
        if (endorsing != null) endorse(endorsing, header, signature.getSignatureElement());

        if (!encryptFirst) encryptSymmetric(scenario, doc, header, keys, encryptedKey, key, encrypted);
        if (encryptFirst && scenario.encryptSignature) {
            // sp:EncryptSignature too: the Signature's own ReferenceList just before it, the Body's after it.
            Element security = header.getSecurityHeader();
            Element signatureList = encryptSymmetric(scenario, doc, header, keys, encryptedKey, key, SIGNATURE);
            security.insertBefore(signatureList, WSSecurityUtil.getDirectChildElement(security, "EncryptedData", WSConstants.ENC_NS));
            if (bodyList != null) security.appendChild(bodyList);
        }
        encryptedKey.prependToHeader(header);
        return encryptedKey.getEncryptedKeyElement();
    }

    /** The parts under the EncryptedKey's ephemeral key, listed in a header-level ReferenceList (returned; null
     *  when there is nothing to encrypt). */
    private static Element encryptSymmetric(Scenario scenario, Document doc, WSSecHeader header, PeerKeys keys, WSSecEncryptedKey encryptedKey,
                                            byte[] key, List<WSEncryptionPart> encrypted) throws Exception {
        if (encrypted.isEmpty()) return null;
        WSSecEncrypt encrypt = new WSSecEncrypt();
        encrypt.setEncKeyId(encryptedKey.getId());
        encrypt.setEphemeralKey(key);
        encrypt.setSymmetricEncAlgorithm(scenario.encryption);
        encrypt.setEncryptSymmKey(false);
        encrypt.setCustomReferenceValue(WSConstants.SOAPMESSAGE_NS11 + "#" + WSConstants.ENC_KEY_VALUE_TYPE);
        encrypt.prepare(doc, keys.crypto);
        Element referenceList = encrypt.encryptForRef(null, encrypted);
        encrypt.addExternalRefElement(referenceList, header);
        return referenceList;
    }

    private static String recipient(Options o) throws PeerArgs.Usage {
        if (o.recipient == null) throw new PeerArgs.Usage("encryption needs --recipient ALIAS (the peer's certificate in the keystore)");
        return o.recipient;
    }

    /** Rampart's order: Timestamp, EncryptedKey, UsernameToken first; the rest as the builders left it. */
    private static void arrange(Element security, Element... first) {
        org.w3c.dom.Node anchor = security.getFirstChild();
        for (Element element : first) {
            if (element == null || element.getParentNode() != security) continue;
            if (element != anchor) security.insertBefore(element, anchor);
            anchor = element.getNextSibling();
        }
    }
}
