package qms.store.jpa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.derby.jdbc.BasicEmbeddedDataSource40;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.ChainVerification;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.StoreBackups;
import qms.core.StoreException;
import qms.model.AccessRole;

/**
 * Online backups of the store's Derby database with {@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}, taken under the
 * store's write lock so that the record counts and the audit-chain head written to the backup's manifest
 * ({@value #MANIFEST}) describe exactly what the backup holds. A backup folder holds {@code db/} (Derby's copy,
 * encrypted like the database), {@code qms-store.properties} and the manifest; never the key.
 */
final class DerbyBackups implements StoreBackups {

    static final String MANIFEST = "backup.json";
    static final String PREFIX = "qms-backup-";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    private final DerbyStoreFactory factory;
    private final JpaRecordStore store;
    private final Path dataDir;
    private final String storeId;
    private final String secret;
    private final ModelRegistry model;

    DerbyBackups(DerbyStoreFactory factory, JpaRecordStore store, Path dataDir, String storeId, String secret,
            ModelRegistry model) {
        this.factory = factory;
        this.store = store;
        this.dataDir = dataDir;
        this.storeId = storeId;
        this.secret = secret;
        this.model = model;
    }

    @Override
    public Path defaultFolder() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-backups");
    }

    // ------------------------------------------------------------------------------------------------ backing up

    @Override
    public BackupReport backUp(Path folder, int retention, Trigger trigger) {
        String user = authorize(trigger);
        if (retention < 1) {
            throw new IllegalArgumentException("Keep at least one backup (retention was " + retention + ")");
        }
        long start = System.nanoTime();
        Path target = folder.toAbsolutePath().normalize();
        Instant now = Instant.now();
        Path dir = target.resolve(PREFIX + NAME.format(now));
        for (int n = 2; Files.exists(dir); n++) {
            dir = target.resolve(PREFIX + NAME.format(now) + "-" + n);
        }
        BackupInfo info;
        try {
            if (target.toString().contains(";")) {
                throw new IOException("the folder's name contains ';', which Derby cannot take in a path");
            }
            Files.createDirectories(dir);
            Path into = dir;
            info = store.underWriteLock(() -> {
                Map<String, Long> counts = counts(store);
                ChainHeadEntity head = store.read(em -> em.find(ChainHeadEntity.class, ChainHeadEntity.ID));
                try (Connection c = DerbyStoreFactory.dataSource(dataDir.resolve(DerbyStoreFactory.DATABASE),
                        secret).getConnection(); CallableStatement call = c.prepareCall(
                                "CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                    call.setString(1, into.toString());
                    call.execute();
                } catch (SQLException e) {
                    throw new StoreException("Derby could not back the database up: " + e.getMessage(), e);
                }
                return new BackupInfo(into, now, storeId, counts, head == null ? 0 : head.sequence,
                        head == null ? AuditChain.GENESIS : head.hash);
            });
            Files.copy(dataDir.resolve(DerbyStoreFactory.PROPERTIES), dir.resolve(DerbyStoreFactory.PROPERTIES));
            writeManifest(info);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            String why = e instanceof IOException ? e.toString() : e.getMessage();
            audit(user, "Backup to " + target + " FAILED (" + trigger(trigger) + "): " + why + ". Nothing was kept.");
            throw new StoreException("The backup to " + target + " failed: " + why + ". Nothing was kept.", e);
        }
        audit(user, "Backup " + dir.getFileName() + " made (" + trigger(trigger) + ") in " + target + ": "
                + info.records() + " records, audit trail up to entry " + info.auditSequence() + " (head hash "
                + info.auditHeadHash() + "), " + megabytes(size(dir)) + ", took " + seconds(start));
        RestoreTest test = restoreTest(dir, user);
        List<Path> removed = test.passed() ? prune(target, retention, user) : List.of();
        return new BackupReport(info, test, removed, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Who the backup is attributed to: on demand, an administrator; scheduled, the suite ("system"). */
    private String authorize(Trigger trigger) {
        Principal p = store.principal();
        if (p == null) {
            throw new AccessDeniedException("Nobody is signed in: no backup was made");
        }
        if (trigger == Trigger.SCHEDULED) {
            return "system";
        }
        if (!store.accounts().roles(p.userId()).contains(AccessRole.ADMINISTRATOR)) {
            String message = p.userId() + " may not back up the database: that is for administrators";
            store.denied(p.userId(), null, message + ". Nothing was written.");
            throw new AccessDeniedException(message + ". Nothing was written.");
        }
        return p.userId();
    }

    private static String trigger(Trigger t) {
        return t == Trigger.SCHEDULED ? "scheduled" : "on demand";
    }

    /** Removes the oldest backups beyond the retention count (only folders that are backups: with a manifest). */
    private List<Path> prune(Path folder, int retention, String user) {
        List<BackupInfo> all = list(folder);
        List<Path> removed = new ArrayList<>();
        for (BackupInfo old : all.subList(Math.min(retention, all.size()), all.size())) {
            try {
                delete(old.directory());
                removed.add(old.directory());
            } catch (IOException e) {
                audit(user, "Retention: could not remove the old backup " + old.directory() + ": " + e);
            }
        }
        if (!removed.isEmpty()) {
            audit(user, "Retention (keep " + retention + "): removed " + removed.size() + " older backup(s): "
                    + String.join(", ", removed.stream().map(p -> p.getFileName().toString()).toList()));
        }
        return removed;
    }

    @Override
    public List<BackupInfo> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BackupInfo> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path dir : children.filter(p -> Files.isRegularFile(p.resolve(MANIFEST))).toList()) {
                try {
                    found.add(readManifest(dir));
                } catch (IOException | RuntimeException unreadable) {
                    // not one of ours, or damaged: a restore test reports it, listing leaves it out
                }
            }
        } catch (IOException e) {
            throw new StoreException("Cannot list the backups in " + folder + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(BackupInfo::createdAt).reversed());
        return found;
    }

    // ------------------------------------------------------------------------------------------------ restore test

    @Override
    public RestoreTest restoreTest(Path backup) {
        Principal p = store.principal();
        if (p == null) {
            throw new AccessDeniedException("Nobody is signed in: no restore test was run");
        }
        return restoreTest(backup.toAbsolutePath().normalize(), p.userId());
    }

    private RestoreTest restoreTest(Path backup, String user) {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        long[] found = { 0, 0 };
        Path tmp = null;
        try {
            BackupInfo info = readManifest(backup);
            tmp = Files.createTempDirectory("qms-restore-test-");
            Path db = tmp.resolve(DerbyStoreFactory.DATABASE);
            restoreDatabase(backup, db, secret);
            JpaRecordStore copy = factory.deploy(tmp, db, secret, info.storeId(), false, model, () -> null);
            try {
                check(copy, info, problems, found);
            } finally {
                copy.close();
            }
        } catch (IOException e) {
            problems.add("the backup cannot be read: " + e);
        } catch (RuntimeException e) {
            problems.add(JpaRecordStore.rootMessage(e));
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
        RestoreTest test = new RestoreTest(backup, problems.isEmpty(), List.copyOf(problems), found[0], found[1],
                Duration.ofNanos(System.nanoTime() - start));
        audit(user, test.describe());
        return test;
    }

    /** Compares a restored, opened copy with the manifest: counts per type, the chain and its head. */
    static void check(JpaRecordStore copy, BackupInfo info, List<String> problems, long[] found) {
        Map<String, Long> counts = counts(copy);
        found[0] = counts.values().stream().mapToLong(Long::longValue).sum();
        TreeSet<String> types = new TreeSet<>(counts.keySet());
        types.addAll(info.counts().keySet());
        for (String type : types) {
            long expected = info.counts().getOrDefault(type, 0L);
            long restored = counts.getOrDefault(type, 0L);
            if (expected != restored) {
                problems.add(type + ": " + expected + " records at backup time, " + restored + " restored");
            }
        }
        ChainVerification v = copy.auditTrail().verify();
        found[1] = v.entriesChecked();
        if (!v.intact()) {
            problems.add("the restored audit trail is broken at entry " + v.firstBroken() + ": " + v.problem());
        } else if (!endsAtRecordedHead(copy, v, info)) {
            problems.add("the restored audit trail ends at entry " + v.entriesChecked() + " with hash "
                    + v.headHash() + ", but the backup recorded entry " + info.auditSequence() + " with hash "
                    + info.auditHeadHash());
        }
    }

    /**
     * Whether the restored chain holds the recorded head: it ends there, or it goes on only with the entries written
     * while the copy was opened — schema extensions, when the suite now has modules (tables) the backup did not.
     */
    private static boolean endsAtRecordedHead(JpaRecordStore copy, ChainVerification v, BackupInfo info) {
        if (v.entriesChecked() == info.auditSequence()) {
            return v.headHash().equals(info.auditHeadHash());
        }
        if (v.entriesChecked() < info.auditSequence()) {
            return false;
        }
        List<AuditEntry> at = copy.auditTrail().page(info.auditSequence() - 1, 1);
        if (at.isEmpty() || !at.get(0).hash().equals(info.auditHeadHash())) {
            return false;
        }
        List<AuditEntry> after = copy.auditTrail().page(info.auditSequence(), Integer.MAX_VALUE);
        return after.stream().allMatch(e -> e.action() == AuditAction.SYSTEM && e.newValue() != null
                && e.newValue().startsWith(DerbyStoreFactory.SCHEMA_EXTENDED));
    }

    /** Records per type name, from the store's record index. */
    static Map<String, Long> counts(JpaRecordStore s) {
        Map<String, Long> counts = new TreeMap<>();
        s.countByType().forEach((type, n) -> counts.put(ModelRegistry.typeName(type), n));
        return counts;
    }

    /** Creates the database {@code db} from the backup's copy with Derby's {@code restoreFrom}. */
    static void restoreDatabase(Path backup, Path db, String secret) {
        Path copy = backup.resolve(DerbyStoreFactory.DATABASE);
        if (!Files.isDirectory(copy)) {
            throw new StoreException(backup + " holds no database copy (" + DerbyStoreFactory.DATABASE + "/)");
        }
        if ((copy.toString() + db).contains(";")) {
            throw new StoreException("Derby cannot restore paths containing ';': " + copy + ", " + db);
        }
        BasicEmbeddedDataSource40 ds = new BasicEmbeddedDataSource40();
        ds.setDatabaseName(db.toString());
        ds.setConnectionAttributes("restoreFrom=" + copy + ";bootPassword=" + secret);
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            DerbyStoreFactory.shutdown(db);
            StringBuilder why = new StringBuilder(e.getMessage());
            for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
                why.append(" (").append(next.getMessage()).append(')');
            }
            throw new StoreException("Derby could not restore " + copy + ": " + why, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ manifest

    static void writeManifest(BackupInfo info) throws IOException {
        try (OutputStream out = Files.newOutputStream(info.directory().resolve(MANIFEST));
                JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", "cro-qms-backup/1");
            g.writeStringField("createdAt", info.createdAt().toString());
            g.writeStringField("storeId", info.storeId());
            g.writeStringField("database", "embedded Derby, encrypted with the store's key (not included)");
            g.writeNumberField("auditSequence", info.auditSequence());
            g.writeStringField("auditHeadHash", info.auditHeadHash());
            g.writeObjectFieldStart("counts");
            for (Map.Entry<String, Long> e : new TreeMap<>(info.counts()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    static BackupInfo readManifest(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " is not a backup of the suite: it has no " + MANIFEST);
        }
        String created = null;
        String id = null;
        String head = null;
        long sequence = -1;
        Map<String, Long> counts = new TreeMap<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                case "createdAt" -> created = p.getValueAsString();
                case "storeId" -> id = p.getValueAsString();
                case "auditHeadHash" -> head = p.getValueAsString();
                case "auditSequence" -> sequence = p.getValueAsLong(-1);
                case "counts" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw new IOException(file + ": 'counts' is not an object");
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String type = p.currentName();
                        p.nextToken();
                        counts.put(type, p.getValueAsLong());
                    }
                }
                default -> p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is damaged: " + e.getOriginalMessage(), e);
        }
        if (created == null || id == null || head == null || sequence < 0) {
            throw new IOException(file + " lacks createdAt, storeId, auditSequence or auditHeadHash");
        }
        try {
            return new BackupInfo(dir, Instant.parse(created), id, counts, sequence, head);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException(file + ": createdAt '" + created + "' is not an ISO-8601 instant", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void audit(String user, String text) {
        store.write(user, null, tx -> {
            tx.audit.append(null, null, null, AuditAction.BACKUP, null, null, text);
            return null;
        });
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (IOException e) {
            System.err.println("[qms] could not remove " + dir + ": " + e);
        }
    }
}
