package qms.store.jpa.internal;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import qms.backup.core.BackupImporter;
import qms.backup.core.BackupModelContribution;
import qms.backup.core.BackupOutputParser;
import qms.backup.core.ImportFormat;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.core.CoreModelContribution;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;

/**
 * Import throughput: a restic {@code snapshots --json} file of 100,000 snapshots imported into the store (parsing,
 * matching to the policy, one transaction with the audit trail) against the floor of parsing the same file alone.
 */
class ImportThroughputBenchmark {

    private static final int SNAPSHOTS = Integer.getInteger("qms.benchmark.snapshots", 100_000);

    @Test
    void importAgainstParsingAlone() throws Exception {
        Path dir = Files.createTempDirectory("qms-import-");
        Path file = dir.resolveSibling(dir.getFileName() + "-snapshots.json");
        write(file);
        BackupOutputParser parser = new BackupOutputParser(ZoneOffset.UTC, Long.MAX_VALUE);
        parser.parse(file, ImportFormat.RESTIC_SNAPSHOTS); // warm-up
        long[] parse = new long[3];
        for (int i = 0; i < parse.length; i++) {
            long t0 = System.nanoTime();
            int n = parser.parse(file, ImportFormat.RESTIC_SNAPSHOTS).size();
            parse[i] = System.nanoTime() - t0;
            if (n != SNAPSHOTS) {
                throw new AssertionError(n + " snapshots parsed");
            }
        }
        ModelRegistry model = ModelRegistry.of(List.of(new CoreModelContribution(), new BackupModelContribution()));
        try (RecordStore store = new DerbyStoreFactory().open(new StoreConfig(dir.resolve("data"), dir.resolve(
                "store.key")), model, () -> new Principal("bench", "Benchmark"))) {
            BenchmarkReport.enroll(store);
            ComputerizedSystem edc = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
            edc.setName("EDC Database");
            edc.setGxpCriticality(GxpCriticality.HIGH);
            edc.setDataClassification(DataClassification.PSEUDONYMISED);
            BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
            p.setName("EDC nightly");
            p.setSystem(edc);
            p.setMatchHost("edc-db01");
            store.save(List.of(edc, p), null);
            long t0 = System.nanoTime();
            BackupImporter.Result r = new BackupImporter(store, parser, Clock.systemUTC()).importFile(file,
                    ImportFormat.RESTIC_SNAPSHOTS, null);
            long importNanos = System.nanoTime() - t0;
            long stored = store.count(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY));
            double parseSeconds = BenchmarkReport.median(parse) / 1e9;
            BenchmarkReport.line(String.format("Import of %,d restic snapshots (%,d MB) into the store: %.1f s ="
                    + " %,.0f snapshots/s; %,d log entries stored", SNAPSHOTS, Files.size(file) >> 20,
                    importNanos / 1e9, SNAPSHOTS / (importNanos / 1e9), stored));
            BenchmarkReport.line(String.format("Import floor, parsing the same file alone: %.2f s = %,.0f snapshots/s",
                    parseSeconds, SNAPSHOTS / parseSeconds));
            BenchmarkReport.line(String.format("Import ratio import/parse time = %.1f (no goal set; %s)",
                    importNanos / 1e9 / parseSeconds, r.describe()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A file shaped like restic 0.14's output: one snapshot an hour, back from now. */
    private static void write(Path file) throws Exception {
        Random random = new Random(7);
        Instant start = Instant.now().minus(SNAPSHOTS + 1L, ChronoUnit.HOURS);
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            for (int i = 0; i < SNAPSHOTS; i++) {
                String id = hex(random, 64);
                g.writeStartObject();
                g.writeStringField("time", start.plus(i, ChronoUnit.HOURS).atOffset(ZoneOffset.ofHours(1)).toString());
                g.writeStringField("tree", hex(random, 64));
                g.writeArrayFieldStart("paths");
                g.writeString("/srv/edc/data");
                g.writeEndArray();
                g.writeStringField("hostname", "edc-db01");
                g.writeStringField("username", "root");
                g.writeArrayFieldStart("tags");
                g.writeString("edc");
                g.writeEndArray();
                g.writeStringField("id", id);
                g.writeStringField("short_id", id.substring(0, 8));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static String hex(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }
}
