import org.apache.ws.security.WSConstants;

/**
 * What WSO2's scenarios 1-8 demand of a request (shared/reference/wso2-scenarios.md): the binding, the
 * UsernameToken, Body signed and/or encrypted, always a timestamp, and the Basic256 algorithm suite.
 */
final class Scenario {
    enum Binding { TRANSPORT, ASYMMETRIC, SYMMETRIC }

    // Basic256: AES-256-CBC, RSA-OAEP (MGF1-SHA1) key wrap, SHA-1 digests, rsa-sha1 / hmac-sha1, exc-c14n.
    // --suite changes the first two (TripleDes, TripleDesRsa15, Basic128, Basic192, their Rsa15 forms).
    String encryption = WSConstants.AES_256;
    String keyWrap = WSConstants.KEYTRANSPORT_RSAOEP;
    static final String DIGEST = WSConstants.SHA1;
    static final String ASYMMETRIC_SIGNATURE = WSConstants.RSA_SHA1;
    static final String SYMMETRIC_SIGNATURE = WSConstants.HMAC_SHA1;
    static final String C14N = WSConstants.C14N_EXCL_OMIT_COMMENTS;

    final int number;
    final Binding binding;
    final boolean usernameToken;
    final boolean signBody;
    final boolean encryptBody;
    /** sp:EncryptSignature (--encrypt-signature): the Signature element encrypted with the parts, after signing. */
    boolean encryptSignature;
    /** sp:EncryptBeforeSigning (--encrypt-before-signing): the Body encrypted first, the Signature over the EncryptedData. */
    boolean encryptBeforeSigning;
    /** sp:SignedEncryptedSupportingTokens (--encrypt-username-token): the UsernameToken encrypted with the parts. */
    boolean encryptUsernameToken;
    /** sp:EndorsingSupportingTokens (--endorse): the client's X.509 key signs the Timestamp (transport binding) or the
     *  binding's Signature (message bindings). */
    boolean endorse;
    /** sp:SignedEndorsingSupportingTokens (--signed-endorse, message bindings): as --endorse, and the binding's
     *  Signature also covers the endorsing BinarySecurityToken. */
    boolean signedEndorse;
    /** A header in sp:SignedParts and sp:EncryptedParts (--header {namespace}name): signed, then encrypted whole into a
     *  wsse11:EncryptedHeader. Null when none. */
    String headerNamespace;
    String headerName;

    /** The endorsing flags of verify and build. */
    void endorsing(PeerArgs args) {
        signedEndorse = args.flag("signed-endorse");
        endorse = signedEndorse || args.flag("endorse");
    }

    private Scenario(int number, Binding binding, boolean usernameToken, boolean signBody, boolean encryptBody) {
        this.number = number;
        this.binding = binding;
        this.usernameToken = usernameToken;
        this.signBody = signBody;
        this.encryptBody = encryptBody;
    }

    static Scenario of(int number) throws PeerArgs.Usage {
        switch (number) {
            case 1: return new Scenario(1, Binding.TRANSPORT, true, false, false);
            case 2: return new Scenario(2, Binding.ASYMMETRIC, false, true, false);
            case 3: return new Scenario(3, Binding.SYMMETRIC, false, true, false);
            case 4: return new Scenario(4, Binding.SYMMETRIC, false, false, true);
            case 5: return new Scenario(5, Binding.ASYMMETRIC, false, true, true);
            case 6: return new Scenario(6, Binding.SYMMETRIC, false, true, true);
            case 7: return new Scenario(7, Binding.SYMMETRIC, true, false, true);
            case 8: return new Scenario(8, Binding.SYMMETRIC, true, true, true);
            default: throw new PeerArgs.Usage("scenario " + number + " is not one of 1-8");
        }
    }

    /** The scenario --scenario names, under the suite --suite names (Basic256 when absent). */
    static Scenario from(PeerArgs args) throws PeerArgs.Usage {
        Scenario scenario = of(args.intOption("scenario"));
        scenario.suite(args.option("suite", "Basic256"));
        return scenario;
    }

    /** --header {namespace}name, or nothing when `spec` is null. */
    void header(String spec) throws PeerArgs.Usage {
        if (spec == null) return;
        int close = spec.indexOf('}');
        if (!spec.startsWith("{") || close < 2 || close == spec.length() - 1) throw new PeerArgs.Usage("--header takes {namespace}name");
        headerNamespace = spec.substring(1, close);
        headerName = spec.substring(close + 1);
    }

    /** The algorithm suite's data cipher and key transport (--suite NAME; the Sha256 forms are not offered). */
    void suite(String name) throws PeerArgs.Usage {
        encryption = cipherOf(name);
        keyWrap = name.endsWith("Rsa15") ? WSConstants.KEYTRANSPORT_RSA15 : WSConstants.KEYTRANSPORT_RSAOEP;
    }

    /** The data cipher of an algorithm suite. */
    static String cipherOf(String suite) throws PeerArgs.Usage {
        String base = suite.endsWith("Rsa15") ? suite.substring(0, suite.length() - 5) : suite;
        switch (base) {
            case "Basic256": return WSConstants.AES_256;
            case "Basic192": return WSConstants.AES_192;
            case "Basic128": return WSConstants.AES_128;
            case "TripleDes": return WSConstants.TRIPLE_DES;
            default: throw new PeerArgs.Usage("--suite " + suite + " is not one the peer offers");
        }
    }

    /** The last part of an algorithm URI, e.g. "tripledes-cbc". */
    static String shortName(String uri) { return uri.substring(uri.indexOf('#') + 1); }

    /** Message security signs the timestamp (and the UsernameToken, a signed supporting token); HTTPS does not. */
    boolean signs() { return binding != Binding.TRANSPORT; }

    /** Wss11 RequireSignatureConfirmation: every message-security scenario but 2 (Wss10 only). */
    boolean confirmsSignatures() { return signs() && number != 2; }
}
