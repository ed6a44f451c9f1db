package qms.store.jpa.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import qms.core.HeadlessTask;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreServer;

/**
 * {@code -task migrate-store}: moves the embedded store of {@code -dataDir} onto an empty PostgreSQL database, for an
 * administrator (see {@link StoreMigration}). Afterwards the installation is pointed at the server (its data folder's
 * server settings, or {@code -Dqms.store.url}); the Derby database stays as it was, a copy to keep or archive.
 */
@Component(service = HeadlessTask.class)
public final class MigrateStoreTask implements HeadlessTask {

    @Override
    public String name() {
        return "migrate-store";
    }

    @Override
    public String usage() {
        return "-to jdbc:postgresql://<host>:5432/<database> -toUser <owner role> [-toPasswordFile <file>]"
                + " (moves the embedded store of -dataDir onto an empty database; administrators)";
    }

    @Override
    public boolean run(RecordStore store, List<String> args, PrintStream out) {
        String url = HeadlessTask.argument(args, "-to");
        String user = HeadlessTask.argument(args, "-toUser");
        String file = HeadlessTask.argument(args, "-toPasswordFile");
        if (url == null || user == null) {
            throw new IllegalArgumentException("-to <jdbc:postgresql://host:5432/database> and -toUser <role> are"
                    + " needed");
        }
        StoreServer target = new StoreServer(url, user, file == null ? null : Path.of(file));
        Principal p = store.principal();
        if (!store.accounts().isAdministrator(p)) {
            out.println("Moving the store is for administrators; " + (p == null ? "nobody" : p.userId()) + " is not"
                    + " one. Nothing was copied.");
            return false;
        }
        out.println("Moving the store to PostgreSQL " + target.describe() + " \u2026");
        StoreMigration.Result r = new StoreMigration((JpaRecordStore) store, target).run(p.userId(), (table,
                rows) -> out.println("  " + table + ": " + rows + " rows"));
        out.println("Done: " + r.records() + " records and " + r.auditEntries() + " audit entries (head hash "
                + r.headHash() + ") are on the server, counted and verified. Point the installation at it, e.g. with"
                + " -Dqms.store.url=" + url + " -Dqms.store.user=<application role>; the embedded database is"
                + " unchanged.");
        return true;
    }
}
