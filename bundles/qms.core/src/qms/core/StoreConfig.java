package qms.core;

import java.nio.file.Path;

/**
 * Where a store keeps its data and how it finds its boot secret.
 *
 * @param dataDirectory folder of the database (created on first start)
 * @param keyFile       file holding the database's boot secret, owner-only permissions; null for the default,
 *                      {@link BootKey#defaultKeyFile}, which is outside the data directory
 */
public record StoreConfig(Path dataDirectory, Path keyFile) {

    /** The data directory used when none is chosen: {@code ~/cro-qms}. */
    public static Path defaultDataDirectory() {
        return Path.of(System.getProperty("user.home"), "cro-qms");
    }

}
