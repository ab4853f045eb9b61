import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.ws.security.WSPasswordCallback;
import org.apache.ws.security.components.crypto.Merlin;

/**
 * One side's keys: a PKCS#12 or JKS keystore (its key pair and the certificates it trusts) as WSS4J's Merlin
 * crypto, and the callback WSS4J asks for key passwords (the store password) and UsernameToken passwords.
 */
final class PeerKeys {
    final Merlin crypto;
    final String alias;
    final String password;

    private PeerKeys(Merlin crypto, String alias, String password) {
        this.crypto = crypto;
        this.alias = alias;
        this.password = password;
    }

    /**
     * `--{prefix}keystore F --{prefix}storepass-file P --{prefix}alias A`; the store is also the trust store. It is
     * held as an in-memory JKS store, like WSO2's wso2carbon.jks: Merlin fetches the private key for every message,
     * and from PKCS#12 that would re-run the file's key derivation (thousands of PBKDF2 rounds) each time.
     */
    static PeerKeys load(PeerArgs args, String prefix) throws Exception {
        String password = readSecret(args.option(prefix + "storepass-file"));
        char[] secret = password.toCharArray();
        KeyStore file = KeyStore.getInstance(new File(args.option(prefix + "keystore")), secret);
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        for (String alias : java.util.Collections.list(file.aliases())) {
            if (file.isKeyEntry(alias)) store.setKeyEntry(alias, file.getKey(alias, secret), secret, file.getCertificateChain(alias));
            else store.setCertificateEntry(alias, file.getCertificate(alias));
        }
        Merlin crypto = new Merlin();
        crypto.setKeyStore(store);
        crypto.setTrustStore(store);
        return new PeerKeys(crypto, args.option(prefix + "alias"), password);
    }

    /** The first line of a file, without its line end: how passwords reach the peer (never on the command line). */
    static String readSecret(String path) throws Exception {
        String text = new String(Files.readAllBytes(Path.of(path)), StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
    }

    /** Key bytes, base64, to a file only its owner may read: created 0600, never widened. */
    static void writeSecret(String path, byte[] bytes) throws Exception {
        Path file = Path.of(path);
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.write(file, java.util.Base64.getEncoder().encode(bytes));
    }

    /** `name:password` lines: the clear passwords the service side checks UsernameTokens against. */
    static Map<String, String> users(String path) throws Exception {
        Map<String, String> users = new HashMap<>();
        if (path == null) return users;
        for (String line : Files.readAllLines(Path.of(path), StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            if (colon > 0) users.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return users;
    }

    CallbackHandler callback(Map<String, String> users) {
        return new PasswordCallback(password, users);
    }

    private static final class PasswordCallback implements CallbackHandler {
        private final String keyPassword;
        private final Map<String, String> users;

        PasswordCallback(String keyPassword, Map<String, String> users) {
            this.keyPassword = keyPassword;
            this.users = users;
        }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (!(callback instanceof WSPasswordCallback)) throw new UnsupportedCallbackException(callback);
                WSPasswordCallback pc = (WSPasswordCallback) callback;
                switch (pc.getUsage()) {
                    case WSPasswordCallback.USERNAME_TOKEN:
                        // An unknown user gets no password: WSS4J then fails the authentication.
                        String password = users.get(pc.getIdentifier());
                        if (password != null) pc.setPassword(password);
                        break;
                    case WSPasswordCallback.DECRYPT:
                    case WSPasswordCallback.SIGNATURE:
                        pc.setPassword(keyPassword);
                        break;
                    default:
                        throw new UnsupportedCallbackException(callback, "usage " + pc.getUsage());
                }
            }
        }
    }
}
