package qms.core;

import java.nio.file.Path;

/**
 * Where a store keeps its data and how it finds its secrets.
 *
 * @param dataDirectory folder of the embedded database (created on first start); with a server, the folder of the
 *                      installation's own files (its settings)
 * @param keyFile       file holding the embedded database's boot secret, owner-only permissions; null for the
 *                      default, {@link BootKey#defaultKeyFile}, which is outside the data directory
 * @param server        the PostgreSQL server holding the store, or null for the embedded database
 */
public record StoreConfig(Path dataDirectory, Path keyFile, StoreServer server) {

    /** The embedded database in {@code dataDirectory}. */
    public StoreConfig(Path dataDirectory, Path keyFile) {
        this(dataDirectory, keyFile, null);
    }

    /** The data directory used when none is chosen: {@code ~/cro-qms}. */
    public static Path defaultDataDirectory() {
        return Path.of(System.getProperty("user.home"), "cro-qms");
    }

    /** Where the store is, for people: the server, or the data directory of the embedded database. */
    public String describe() {
        return server != null ? "PostgreSQL " + server.describe() : "embedded Derby in " + dataDirectory;
    }
}
