package qms.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The passwords seen most often in data breaches (the UK NCSC's list of 100,000 from Have I Been Pwned, shipped in
 * this bundle as {@code breached-passwords.txt}), which NIST SP 800-63B §5.1.1.2 asks to refuse. Compared without
 * regard to case; the list is read once, at the first check, into a hash set, so a check costs the same whatever the
 * password.
 */
public final class BreachedPasswords {

    static final String RESOURCE = "breached-passwords.txt";
    private static volatile Set<String> list;

    private BreachedPasswords() {
    }

    /** Whether the password is on the list. */
    public static boolean contains(char[] password) {
        return passwords().contains(new String(password).toLowerCase(Locale.ROOT));
    }

    /** How many passwords the list holds (distinct without regard to case). */
    public static int size() {
        return passwords().size();
    }

    private static Set<String> passwords() {
        Set<String> l = list;
        if (l == null) {
            synchronized (BreachedPasswords.class) {
                l = list;
                if (l == null) {
                    l = read();
                    list = l;
                }
            }
        }
        return l;
    }

    private static Set<String> read() {
        try (InputStream in = BreachedPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle qms.core lacks " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Set<String> passwords = new HashSet<>(150_000);
            String line;
            boolean header = true; // up to the first empty line
            while ((line = r.readLine()) != null) {
                if (header) {
                    header = !line.isEmpty();
                } else if (!line.isEmpty()) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " of qms.core", e);
        }
    }
}
