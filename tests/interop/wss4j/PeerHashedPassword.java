import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What a service whose user store keeps PBKDF2-SHA256 hashes (as wssconsole's embedded store does) adds to
 * WSS4J's clear-text password comparison: one derivation at the store's cost, compared in constant time.
 * `bench message` runs it after each verification of a UsernameToken so both sides do the same work.
 */
final class PeerHashedPassword {
    private final byte[] salt = new byte[16];
    private final byte[] hash;
    private final int iterations;

    PeerHashedPassword(String password, int iterations) throws Exception {
        new SecureRandom().nextBytes(salt);
        this.iterations = iterations;
        hash = derive(password);
    }

    void check(String password) throws Exception {
        if (!MessageDigest.isEqual(hash, derive(password))) throw new IllegalStateException("the password does not match its hash");
    }

    private byte[] derive(String password) throws Exception {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    }
}
