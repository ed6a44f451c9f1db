package qms.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * A PostgreSQL server holding the store, for a QA department working on one quality record from several machines;
 * without one the store is the embedded, encrypted Derby database in the data directory. The password is never part
 * of the settings: it is read from a file only its owner can read (or the server needs none, e.g. client
 * certificates). TLS is the URL's: {@code ?sslmode=verify-full&sslrootcert=/path/ca.crt}.
 *
 * @param url          {@code jdbc:postgresql://host[:port]/database[?parameters]}
 * @param user         the database role the suite connects as (the application role of
 *                     {@code releng/postgres/setup.sql})
 * @param passwordFile file holding that role's password, owner-only permissions; null when the server asks none
 */
public record StoreServer(String url, String user, Path passwordFile) {

    /** The settings file in a data directory that points the installation at a server. */
    public static final String SETTINGS = "qms-server.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public StoreServer {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("The server URL '" + url + "' is not a PostgreSQL JDBC URL (expected"
                    + " jdbc:postgresql://host:5432/database)");
        }
        try {
            URI u = new URI(url.substring("jdbc:".length()));
            if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
                throw new IllegalArgumentException("The server URL '" + url + "' names no host or no database"
                        + " (expected jdbc:postgresql://host:5432/database)");
            }
            if (u.getQuery() != null && u.getQuery().matches("(?i)(.*&)?password=.*")) {
                throw new IllegalArgumentException("The server URL holds a password: put it in a password file"
                        + " (owner-only) instead, never in the settings");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The server URL '" + url + "' is not a valid URL: " + e.getMessage(),
                    e);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("No database user is set for " + url);
        }
    }

    /**
     * The server named by {@code -Dqms.store.url} (with {@code -Dqms.store.user}, {@code -Dqms.store.passwordFile}),
     * or else by the data directory's {@value #SETTINGS}; null for the embedded database.
     */
    public static StoreServer configured(Path dataDirectory) {
        String url = System.getProperty("qms.store.url");
        if (url != null && !url.isBlank()) {
            String file = System.getProperty("qms.store.passwordFile");
            try {
                return new StoreServer(url.strip(), System.getProperty("qms.store.user", System.getProperty(
                        "user.name")), file == null || file.isBlank() ? null : Path.of(file));
            } catch (IllegalArgumentException e) {
                throw new StoreException("-Dqms.store.url: " + e.getMessage(), e);
            }
        }
        return dataDirectory == null ? null : read(dataDirectory.resolve(SETTINGS));
    }

    /** The server a settings file names, or null when there is no such file. */
    public static StoreServer read(Path settings) {
        if (!Files.isRegularFile(settings)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(settings)) {
            p.load(in);
        } catch (IOException e) {
            throw new StoreException("Cannot read the server settings " + settings + ": " + e.getMessage(), e);
        }
        String file = p.getProperty("passwordFile");
        try {
            return new StoreServer(p.getProperty("url"), p.getProperty("user"), file == null || file.isBlank() ? null
                    : Path.of(file.strip()));
        } catch (IllegalArgumentException e) {
            throw new StoreException(settings + ": " + e.getMessage(), e);
        }
    }

    /** Writes these settings (never a password) into a data directory's {@value #SETTINGS}. */
    public void write(Path dataDirectory) {
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("user", user);
        if (passwordFile != null) {
            p.setProperty("passwordFile", passwordFile.toString());
        }
        try {
            Files.createDirectories(dataDirectory);
            try (OutputStream out = Files.newOutputStream(dataDirectory.resolve(SETTINGS))) {
                p.store(out, "CRO Quality Suite: the PostgreSQL server holding the store (no password here)");
            }
        } catch (IOException e) {
            throw new StoreException("Cannot write the server settings into " + dataDirectory + ": " + e
                    .getMessage(), e);
        }
    }

    /** The password from the password file, refusing a file others can read; null when there is no file. */
    public char[] password() {
        if (passwordFile == null) {
            return null;
        }
        if (!Files.isRegularFile(passwordFile)) {
            throw new StoreException("The password file " + passwordFile + " of database user " + user
                    + " does not exist. Nothing was opened.");
        }
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(passwordFile, PosixFileAttributeView.class);
            if (view != null && !OWNER_ONLY.containsAll(view.readAttributes().permissions())) {
                throw new StoreException("The password file " + passwordFile + " can be read by others ("
                        + PosixFilePermissions.toString(view.readAttributes().permissions()) + "); run: chmod 600 "
                        + passwordFile + ". Nothing was opened.");
            }
            String s = Files.readString(passwordFile, StandardCharsets.UTF_8);
            return s.strip().toCharArray();
        } catch (IOException e) {
            throw new StoreException("Cannot read the password file " + passwordFile + ": " + e.getMessage(), e);
        }
    }

    /** Where the store is, for people: "user@host:port/database". */
    public String describe() {
        URI u = URI.create(url.substring("jdbc:".length()));
        return user + "@" + u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort()) + u.getPath();
    }
}
