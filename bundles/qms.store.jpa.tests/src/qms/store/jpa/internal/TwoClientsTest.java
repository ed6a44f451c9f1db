package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AuditEntry;
import qms.core.ChainVerification;
import qms.core.ConflictException;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreServer;
import qms.model.AccessRole;
import qms.model.ComputerizedSystem;
import qms.model.QmsPackage;
import qms.testing.PostgresCluster;
import qms.testing.TestAccounts;
import qms.testing.TestRecords;

/**
 * Several people on one PostgreSQL server at once: clients in this JVM and in another one (each with its own
 * connections and EclipseLink) write the same store. A stale save is refused naming who changed the record and when;
 * eight writers interleaving 1,000 saves each leave one intact hash chain.
 */
class TwoClientsTest {

    private static final Principal ALICE = new Principal("alice", "Alice Andersen");
    private static final Principal BOB = new Principal("bob", "Bob Brown");

    @TempDir
    Path dir;
    private StoreServer server;
    private RecordStore store;
    private final AtomicReference<Principal> user = new AtomicReference<>(ALICE);

    @BeforeEach
    void openStore() throws Exception {
        server = PostgresCluster.shared().newDatabase();
        store = open(user);
        TestAccounts.enroll(store, ALICE, List.of(AccessRole.ADMINISTRATOR, AccessRole.QA_MANAGER), BOB);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private RecordStore open(AtomicReference<Principal> who) {
        return new JpaStoreFactory().open(new StoreConfig(dir, null, server), ModelRegistry.core(), who::get);
    }

    private OtherJvm client(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(server.url(), server.user(), server.passwordFile().toString(),
                BOB.userId()));
        args.addAll(List.of(command));
        return OtherJvm.start(args.toArray(String[]::new));
    }

    @Test
    void aSaveOverAnotherClientsChangeIsRefusedNamingWhoAndWhenAndNothingIsLost() throws Exception {
        ComputerizedSystem edc = TestRecords.system("EDC Database");
        store.save(edc, null);
        ComputerizedSystem mine = (ComputerizedSystem) store.get(edc.getId()); // Alice has it open

        client("rename", edc.getId(), "EDC Database (Bob)").finish(); // Bob, on another machine, saves first

        mine.setDescription("Alice's description");
        ConflictException refused = assertThrows(ConflictException.class, () -> store.save(mine, null));
        assertTrue(refused.getMessage().matches("(?s).*was changed by Bob Brown \\(bob\\) at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"
                + " after you opened it\\. Nothing was saved.*"), refused.getMessage());
        assertEquals(edc.getId(), refused.recordId());

        ComputerizedSystem reloaded = (ComputerizedSystem) store.get(edc.getId());
        assertEquals("EDC Database (Bob)", reloaded.getName(), "Bob's change is kept");
        assertNull(reloaded.getDescription(), "nothing of Alice's refused save was written");
        reloaded.setDescription("Alice's description"); // reload, apply again: saved
        store.save(reloaded, null);

        List<String> writers = new ArrayList<>(); // who wrote the record's entries, in order, repeats folded
        for (AuditEntry e : store.auditTrail().forRecord(edc.getId())) {
            if (writers.isEmpty() || !writers.get(writers.size() - 1).equals(e.user())) {
                writers.add(e.user());
            }
        }
        assertEquals(List.of("alice", "bob", "alice"), writers, "created by Alice, renamed by Bob, described by Alice");
        ChainVerification v = store.auditTrail().verify();
        assertTrue(v.intact(), v.toString());
    }

    @Test
    void eightWritersInTwoJvmsInterleavingAThousandSavesEachLeaveOneIntactChain() throws Exception {
        int saves = 1000;
        long before = store.auditTrail().verify().entriesChecked();
        List<OtherJvm> remote = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            remote.add(client("save", Integer.toString(saves), "Remote " + w));
        }
        ExecutorService local = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String name = "Local " + w;
            done.add(local.submit(() -> {
                try (RecordStore own = open(new AtomicReference<>(ALICE))) { // a client of its own
                    ComputerizedSystem s = TestRecords.system(name);
                    own.save(s, null);
                    for (int i = 1; i < saves; i++) {
                        s.setName(name + " " + i);
                        own.save(s, null);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        local.shutdown();
        for (OtherJvm r : remote) {
            r.finish();
        }

        ChainVerification v = store.auditTrail().verify();
        assertTrue(v.intact(), v.toString());
        // each save is one audit entry (a creation's snapshot, or a rename) and every one of them is in the chain
        assertEquals(before + 8L * saves, v.entriesChecked(), "every save of every writer is in the one chain");
        Map<String, Long> writers = new java.util.TreeMap<>();
        store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)).forEach(r -> writers.merge(((ComputerizedSystem) r)
                .getName(), 1L, Long::sum));
        List<String> expected = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            expected.add("Local " + w + " " + (saves - 1));
            expected.add("Remote " + w + " " + (saves - 1));
        }
        assertEquals(expected.stream().sorted().toList(), List.copyOf(writers.keySet()), "each writer's last save");
    }
}
