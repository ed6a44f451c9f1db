package qms.store.jpa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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

/**
 * The store's own backups, whatever the database: each one made into a folder of its own with a manifest
 * ({@value #MANIFEST}: the record counts and the audit-chain head of exactly what the copy holds), restore-tested at
 * once — rebuilt elsewhere, opened like the suite opens its data, compared with the manifest, its whole chain
 * verified —, the oldest beyond the retention count removed only after a passed test; every step audited. How the
 * copy is made and rebuilt is the database's ({@link DerbyBackups}, {@link PostgresBackups}).
 */
abstract class OwnBackups implements StoreBackups {

    static final String MANIFEST = "backup.json";
    static final String PREFIX = "qms-backup-";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    final JpaRecordStore store;
    final Path dataDir;
    final String storeId;
    final ModelRegistry model;

    OwnBackups(JpaRecordStore store, Path dataDir, String storeId, ModelRegistry model) {
        this.store = store;
        this.dataDir = dataDir;
        this.storeId = storeId;
        this.model = model;
    }

    /**
     * Writes the database's copy into the new folder {@code into} and returns what it holds: counts and chain head
     * taken so that they describe exactly that copy.
     */
    abstract BackupInfo capture(Path into, Instant now) throws IOException;

    /** What the manifest says the copy is (never a secret). */
    abstract String describeCopy();

    /**
     * A backup rebuilt into a database of its own and opened; closing it closes the store, then {@code cleanup}
     * removes that database.
     */
    record Restored(JpaRecordStore store, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                cleanup.run();
            }
        }
    }

    /** Rebuilds the backup's copy somewhere new (never over the store) and opens the store on it. */
    abstract Restored restore(Path backup, BackupInfo info) throws IOException;

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
            Files.createDirectories(dir);
            info = capture(dir, now);
            writeManifest(info, describeCopy());
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
        if (!store.accounts().isAdministrator(p)) {
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
        try {
            BackupInfo info = readManifest(backup);
            try (Restored copy = restore(backup, info)) {
                check(copy.store(), info, problems, found);
            }
        } catch (IOException e) {
            problems.add("the backup cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add(JpaRecordStore.rootMessage(e));
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

    /** Records per type name, from the store's record index (a module's not installed included). */
    static Map<String, Long> counts(JpaRecordStore s) {
        return new TreeMap<>(s.countByTypeName());
    }

    // ------------------------------------------------------------------------------------------------ manifest

    static void writeManifest(BackupInfo info, String database) throws IOException {
        try (OutputStream out = Files.newOutputStream(info.directory().resolve(MANIFEST));
                JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", "cro-qms-backup/1");
            g.writeStringField("createdAt", info.createdAt().toString());
            g.writeStringField("storeId", info.storeId());
            g.writeStringField("database", database);
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

    void audit(String user, String text) {
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
