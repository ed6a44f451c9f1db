package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.EvidenceFile;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;

/** The database files hold no plaintext, and the key that unlocks them is guarded. */
class DerbyEncryptionTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path keyDir;

    private RecordStore open() {
        return DerbyTesting.enrolled(new DerbyStoreFactory().open(new StoreConfig(dataDir,
                keyDir.resolve("store.key")), ModelRegistry.core(), () -> new Principal("alice", "Alice")));
    }

    private static ComputerizedSystem system(String description) {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setName("EDC Database");
        s.setDescription(description);
        s.setGxpCriticality(GxpCriticality.HIGH);
        s.setDataClassification(DataClassification.PATIENT_IDENTIFIABLE);
        return s;
    }

    @Test
    void aMarkerWrittenToARecordIsInNoDatabaseFile() throws IOException {
        String marker = "SUBJECT-MARKER-" + UUID.randomUUID();
        ComputerizedSystem s = system(marker);
        try (RecordStore store = open()) {
            store.save(s, "marker " + marker);
            EvidenceFile evidence = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
            evidence.setName("subject-list.csv");
            store.storeContent(evidence, marker.getBytes(StandardCharsets.UTF_8), null);
            assertEquals(List.of(), filesContaining(dataDir, marker), "while the database is open");
        }
        assertEquals(List.of(), filesContaining(dataDir, marker), "after shutdown");
        try (RecordStore store = open()) {
            assertEquals(marker, ((ComputerizedSystem) store.get(s.getId())).getDescription(),
                    "the marker really was stored");
        }
    }

    /** Files under {@code dir} that contain the marker as UTF-8, UTF-16LE or UTF-16BE. */
    private static List<Path> filesContaining(Path dir, String marker) throws IOException {
        List<byte[]> needles = List.of(marker.getBytes(StandardCharsets.UTF_8),
                marker.getBytes(StandardCharsets.UTF_16LE), marker.getBytes(StandardCharsets.UTF_16BE));
        List<Path> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files++;
                byte[] content = Files.readAllBytes(p);
                if (needles.stream().anyMatch(n -> indexOf(content, n) >= 0)) {
                    found.add(dir.relativize(p));
                }
            }
        }
        assertTrue(files > 5, "the database files were searched, not an empty folder: " + files);
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void theKeyFileIsOwnerOnlyAndNotInTheDataDirectory() throws IOException {
        open().close();
        Path key = keyDir.resolve("store.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String secret = Files.readString(key).trim();
        assertEquals(64, secret.length());
        assertEquals(List.of(), filesContaining(dataDir, secret), "the secret is nowhere in the data directory");
    }

    @Test
    void aWrongKeyOpensNothing() throws IOException {
        open().close();
        Path key = keyDir.resolve("store.key");
        Files.writeString(key, "0".repeat(64));
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("does not unlock"), e.getMessage());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws IOException {
        open().close();
        Path key = keyDir.resolve("store.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("chmod 600 " + key), e.getMessage());
    }

    @Test
    void aMissingKeyFileIsNamed() throws IOException {
        open().close();
        Files.delete(keyDir.resolve("store.key"));
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("store.key not found"), e.getMessage());
        assertFalse(Files.exists(keyDir.resolve("store.key")), "no new key was made for an existing database");
    }
}
