package qms.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secret that unlocks an encrypted database, kept in a key file with owner-only permissions, outside the data
 * directory: a copy of the data directory alone (a stolen disk image, a backup) cannot be opened without it.
 * <p>
 * Why a key file rather than a password prompt at each start: the suite's own scheduled backup and restore test
 * must be able to open the database unattended. The key file must itself be backed up, separately from the data.
 */
public final class BootKey {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private BootKey() {
    }

    /** {@code $XDG_CONFIG_HOME/cro-qms/keys/<storeId>.key}, default {@code ~/.config/cro-qms/keys/<storeId>.key}. */
    public static Path defaultKeyFile(String storeId) {
        return defaultKeyFolder().resolve(storeId + ".key");
    }

    /** Where key files go unless one is named: {@code $XDG_CONFIG_HOME/cro-qms/keys}, default under {@code ~/.config}. */
    public static Path defaultKeyFolder() {
        return keyFolder(System.getenv("XDG_CONFIG_HOME"), System.getProperty("user.home"));
    }

    /** The key folder for this XDG configuration folder (null or blank: none set) and home folder. */
    static Path keyFolder(String xdgConfigHome, String home) {
        Path config = xdgConfigHome != null && !xdgConfigHome.isBlank() ? Path.of(xdgConfigHome) : Path.of(home,
                ".config");
        return config.resolve("cro-qms").resolve("keys");
    }

    /** Creates a new random key file (256 bits, hex) readable only by its owner; fails if it exists. */
    public static String create(Path keyFile) {
        try {
            Path dir = keyFile.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String secret = HexFormat.of().formatHex(bytes);
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(keyFile, secret + "\n", StandardCharsets.US_ASCII);
            return secret;
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("Key file " + keyFile + " already exists; refusing to overwrite it", e);
        } catch (IOException e) {
            throw new StoreException("Cannot create key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Reads a key file, refusing one that others can read. */
    public static String read(Path keyFile) {
        if (!Files.isRegularFile(keyFile)) {
            throw new StoreException("Key file " + keyFile + " not found. The database is encrypted with the key in"
                    + " that file: restore the file from your key backup (nothing was opened or changed)");
        }
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
            if (view != null) {
                Set<PosixFilePermission> perms = view.readAttributes().permissions();
                if (!OWNER_ONLY.containsAll(perms)) {
                    throw new StoreException("Key file " + keyFile + " can be read by others ("
                            + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + keyFile);
                }
            }
            String secret = Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
            if (secret.length() < 32) {
                throw new StoreException("Key file " + keyFile + " holds no valid key (expected 64 hex digits)");
            }
            return secret;
        } catch (IOException e) {
            throw new StoreException("Cannot read key file " + keyFile + ": " + e.getMessage(), e);
        }
    }
}
