package qms.store.jpa.internal;

import java.nio.file.Path;

import qms.core.ModelRegistry;
import qms.core.StoreConfig;
import qms.core.StoreServer;

/**
 * Moves an embedded store onto a server in a JVM of its own (for {@link StoreMigrationTest}), and stops before the
 * copy is committed — printing {@code PAUSED} once the audit trail was copied — so that the test can kill it there.
 * Arguments: data folder, key file, the server's URL, user, password file.
 */
public final class MigrateMain {

    private MigrateMain() {
    }

    public static void main(String[] args) throws Exception {
        try (JpaRecordStore source = (JpaRecordStore) new DerbyStoreFactory().open(new StoreConfig(Path.of(args[0]),
                Path.of(args[1])), ModelRegistry.core(), () -> null)) {
            new StoreMigration(source, new StoreServer(args[2], args[3], Path.of(args[4]))).run("admin", (table,
                    rows) -> {
                System.out.println(table);
                if (table.equals("SYS_AUDIT")) {
                    System.out.println("PAUSED");
                    System.out.flush();
                    try {
                        Thread.sleep(120_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        System.out.println("DONE");
    }
}
