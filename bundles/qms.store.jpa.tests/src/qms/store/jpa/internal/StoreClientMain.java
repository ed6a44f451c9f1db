package qms.store.jpa.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreServer;
import qms.model.ComputerizedSystem;
import qms.testing.TestRecords;

/**
 * A second client of a store on a server, in a JVM of its own (started by {@link OtherJvm}): a person on another
 * machine. Arguments: URL, database user, password file, the person's user id, then a command —
 * {@code rename <record id> <name>} (loads the system, renames it, saves), or {@code save <count> <name>} (creates a
 * system, then renames it {@code count - 1} times: {@code count} saves). Prints {@code DONE} when it finished.
 */
public final class StoreClientMain {

    private StoreClientMain() {
    }

    public static void main(String[] args) throws Exception {
        StoreServer server = new StoreServer(args[0], args[1], Path.of(args[2]));
        Principal who = new Principal(args[3], args[3]);
        Path dir = Files.createTempDirectory("qms-client-");
        try (RecordStore store = new JpaStoreFactory().open(new StoreConfig(dir, null, server), ModelRegistry.core(),
                () -> who)) {
            switch (args[4]) {
            case "rename" -> {
                ComputerizedSystem s = (ComputerizedSystem) store.get(args[5]);
                s.setName(args[6]);
                store.save(s, null);
            }
            case "save" -> {
                int count = Integer.parseInt(args[5]);
                ComputerizedSystem s = TestRecords.system(args[6]);
                store.save(s, null);
                for (int i = 1; i < count; i++) {
                    s.setName(args[6] + " " + i);
                    store.save(s, null);
                }
            }
            default -> throw new IllegalArgumentException("unknown command " + args[4]);
            }
        }
        System.out.println("DONE");
    }
}
