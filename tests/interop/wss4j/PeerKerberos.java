import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.ws.security.handler.RequestData;
import org.apache.ws.security.message.token.KerberosSecurity;
import org.apache.ws.security.validate.Credential;
import org.apache.ws.security.validate.KerberosTokenValidator;
import org.w3c.dom.Document;

/**
 * WSS4J's own Kerberos token code (KerberosSecurity, KerberosTokenValidator) over Java's GSS-API, the code a
 * Rampart or WSO2 service and client run for scenario 16:
 *   kerberos-request --krb5 F --jaas F --client P --password-file F --service PRINCIPAL TOKEN_OUT
 *       (JAAS entry "Client"; writes the token in base64, prints key=HEX of its session key)
 *   kerberos-accept  --krb5 F --jaas F --service PRINCIPAL TOKEN_IN
 *       (JAAS entry "Server" with the service keytab; prints principal=NAME and key=HEX)
 */
final class PeerKerberos {
    /**
     * WSS4J 1.6 asks Java's GSS for the session key (ExtendedGSSContext) only when java.vendor names Oracle, IBM
     * or Hewlett; Debian's OpenJDK says "Debian", so without this every Kerberos signature would fail.
     */
    static void configure(PeerArgs args) throws PeerArgs.Usage {
        System.setProperty("java.vendor", "Oracle Corporation");
        System.setProperty("java.security.krb5.conf", args.option("krb5"));
        System.setProperty("java.security.auth.login.config", args.option("jaas"));
        System.setProperty("javax.security.auth.useSubjectCredsOnly", "true");
    }

    static int request(PeerArgs args) throws Exception {
        configure(args);
        KerberosSecurity token = new KerberosSecurity(emptyDocument());
        token.retrieveServiceTicket("Client", passwordHandler(args), args.option("service"), true);
        Files.writeString(Path.of(args.positional(0)), Base64.getEncoder().encodeToString(token.getToken()));
        System.out.println("key=" + hex(token.getSecretKey().getEncoded()));
        return 0;
    }

    /** The JAAS "Client" login's answers: --client and the password in --password-file. */
    static CallbackHandler passwordHandler(PeerArgs args) throws Exception {
        String client = args.option("client");
        char[] password = new String(Files.readAllBytes(Path.of(args.option("password-file"))), StandardCharsets.UTF_8).trim().toCharArray();
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback) ((NameCallback) callback).setName(client);
                if (callback instanceof PasswordCallback) ((PasswordCallback) callback).setPassword(password);
            }
        };
    }

    static int accept(PeerArgs args) throws Exception {
        configure(args);
        byte[] bytes = Base64.getDecoder().decode(Files.readString(Path.of(args.positional(0))).trim());
        KerberosSecurity token = new KerberosSecurity(emptyDocument());
        token.setValueType("http://docs.oasis-open.org/wss/oasis-wss-kerberos-token-profile-1.1#GSS_Kerberosv5_AP_REQ");
        token.setToken(bytes);
        KerberosTokenValidator validator = new KerberosTokenValidator();
        validator.setContextName("Server");
        validator.setServiceName(args.option("service"));
        validator.setUsernameServiceNameForm(true);
        Credential credential = new Credential();
        credential.setBinarySecurityToken(new KerberosSecurity(token.getElement()));
        try {
            Credential accepted = validator.validate(credential, new RequestData());
            System.out.println("principal=" + accepted.getPrincipal().getName());
            System.out.println("key=" + hex(accepted.getSecretKey()));
            return 0;
        } catch (org.apache.ws.security.WSSecurityException e) {
            System.out.println("rejected: " + e.getMessage());
            return 1;
        }
    }

    private static Document emptyDocument() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().newDocument();
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) text.append(String.format("%02x", b));
        return text.toString();
    }
}
