package qms.core;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow, salted password hashes: PBKDF2-HMAC-SHA256 with a random 128-bit salt and, by default, 600,000 iterations
 * (OWASP's figure for this algorithm). A hash is kept as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64),
 * so the iteration count can be raised later and old hashes still verify; {@link #needsRehash} tells when a hash
 * should be replaced at the next successful sign-in. Only the JDK's own crypto is used.
 */
public final class PasswordHasher {

    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /** A hasher with another iteration count; fewer than 600,000 is refused. */
    public PasswordHasher(int iterations) {
        if (iterations < DEFAULT_ITERATIONS) {
            throw new IllegalArgumentException("at least " + DEFAULT_ITERATIONS + " iterations, not " + iterations);
        }
        this.iterations = iterations;
    }

    public int iterations() {
        return iterations;
    }

    /** A new hash of the password with a fresh salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encode(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * A stored hash that no password matches: a random salt and random hash bytes at this hasher's iteration count.
     * Checking a password against it costs one derivation, as checking against a real hash does (for a user id that
     * does not exist), while making it costs none.
     */
    public String decoy() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BITS / 8];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return encode(iterations, salt, hash);
    }

    /**
     * Has the JIT compile the derivation before the first sign-in needs it: a derivation with a throw-away password
     * and a tenth of the iterations, whose result is dropped. A sign-in's own derivation (still at the stored
     * iteration count) then runs compiled from its start: 0.2 s instead of 0.45 s at 600,000 iterations, measured on
     * two cores.
     */
    public static void warmUp() {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        derive("warm-up".toCharArray(), salt, DEFAULT_ITERATIONS / 10);
    }

    /** Whether the password matches the stored hash (in constant time with respect to the hash). */
    public boolean matches(char[] password, String stored) {
        Parsed p = parse(stored);
        byte[] actual = derive(password, p.salt, p.iterations);
        return MessageDigest.isEqual(actual, p.hash);
    }

    /** Whether a stored hash uses fewer iterations than this hasher (re-hash it at the next sign-in). */
    public boolean needsRehash(String stored) {
        return parse(stored).iterations < iterations;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String encode(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            throw new IllegalArgumentException("not a password hash of this suite");
        }
        try {
            return new Parsed(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("damaged password hash", e);
        }
    }
}
