package qms.backup.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonToken;

import qms.backup.core.JsonInput.Node;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.BackupTool;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.backup.model.VerificationMethod;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreException;
import qms.model.EvidenceFile;
import qms.model.QmsPackage;

/**
 * An automated restoration test of a restic or borg policy: restores a snapshot (the newest, or a chosen one) into a
 * temporary folder, checks every restored file's SHA-256 against the repository's own record of it, and records a
 * {@link RestorationTest} with the result, duration and file count, and the verification report as a hashed
 * evidence file. The temporary folder is always removed. A cancelled run records nothing.
 * <p>
 * The expected hashes: borg lists each file's SHA-256 ({@code borg list --format {sha256}}); restic's listing has no
 * content hash, so each file is read back from the repository separately ({@code restic dump}) and hashed. A
 * repository that cannot give back what it holds fails the test, never passes it.
 */
public final class AutomatedRestore {

    /** Reports progress and asks whether to stop. */
    public interface Progress {
        void step(String what);

        boolean cancelled();
    }

    /** What a run found, before it is recorded. */
    public record Outcome(String snapshot, RestoreResult result, int files, int verified, List<String> problems,
            Duration duration, String report) {
    }

    private final RecordStore store;
    private final Clock clock;

    public AutomatedRestore(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Runs the test and records it (with its evidence; a failed test also raises a finding, see
     * {@link FindingRaiser#forFailedRestore}).
     *
     * @param snapshot the snapshot id or archive name to restore, or null for the newest
     * @throws CancellationException when cancelled: nothing is recorded
     * @throws StoreException        when the test cannot run at all (no tool, no password file, no snapshot)
     */
    public RestorationTest run(BackupPolicy policy, String snapshot, Progress progress) {
        if (!store.accounts().mayWrite(BackupPackage.Literals.RESTORATION_TEST)
                || !store.accounts().mayWrite(QmsPackage.Literals.FINDING)) {
            throw new qms.core.AccessDeniedException("An automated restoration test records the test and, when it"
                    + " fails, a finding: only a QA Manager can run it. Nothing was run.");
        }
        Outcome o = restore(policy, snapshot, progress);
        if (progress.cancelled()) {
            throw new CancellationException("Cancelled: nothing was recorded");
        }
        return record(policy, o);
    }

    /** Restores and verifies without recording anything. */
    public Outcome restore(BackupPolicy policy, String snapshot, Progress progress) {
        BackupTool tool = policy.getTool();
        if (tool != BackupTool.RESTIC && tool != BackupTool.BORG) {
            throw new StoreException("Automated restore tests run with restic or borg; the policy '"
                    + policy.getName() + "' uses " + tool.getLiteral() + ".");
        }
        if (policy.getRepository() == null || policy.getRepository().isBlank()) {
            throw new StoreException("The policy '" + policy.getName() + "' names no repository.");
        }
        String repo = policy.getRepository().strip();
        if (!repo.contains(":") && !Files.isDirectory(Path.of(repo))) {
            throw new StoreException("The repository folder " + repo + " of the policy '" + policy.getName()
                    + "' does not exist (or cannot be seen from this computer). Nothing was run.");
        }
        Map<String, String> env = environment(policy);
        Path work = null;
        Instant start = clock.instant();
        try {
            work = Files.createTempDirectory("qms-restore-test-");
            Path target = Files.createDirectories(work.resolve("restored"));
            Files.createDirectories(work.resolve("cache"));
            env.put("RESTIC_CACHE_DIR", work.resolve("cache").toString());
            env.put("BORG_BASE_DIR", work.resolve("cache").toString());
            ToolRunner runner = new ToolRunner(env, work, progress::cancelled);
            List<String> problems = new ArrayList<>();
            StringBuilder report = new StringBuilder();
            report.append("Automated restoration test\n").append("Policy: ").append(policy.getName()).append('\n')
                    .append("Repository: ").append(policy.getRepository()).append('\n').append("Tool: ")
                    .append(tool.getLiteral()).append('\n').append("Started: ").append(start).append('\n');
            Listing listing;
            try {
                listing = tool == BackupTool.RESTIC ? resticListing(runner, work, policy.getRepository(), snapshot,
                        progress) : borgListing(runner, work, policy.getRepository(), snapshot, progress);
            } catch (ListingFailed e) {
                // the tool ran against the repository and could not say what it holds: the test fails
                Duration took = Duration.between(start, clock.instant());
                report.append("\n").append(e.getMessage()).append("\nResult: Failed\n");
                String name = snapshot == null ? "the newest snapshot" : snapshot;
                return new Outcome(name, RestoreResult.FAILED, 0, 0, List.of(e.getMessage()), took, report
                        .toString());
            }
            report.append("Snapshot: ").append(listing.snapshot).append("\n\n");

            progress.step("Restoring " + listing.snapshot + " (" + listing.files.size() + " files)");
            ToolRunner.Run restore = tool == BackupTool.RESTIC
                    ? runner.run(work, List.of("restic", "-r", policy.getRepository(), "restore", listing.snapshot,
                            "--target", target.toString()))
                    : runner.run(target, List.of("borg", "extract", policy.getRepository() + "::" + listing.snapshot));
            report.append("Restore command: ").append(String.join(" ", restore.command())).append("\nExit code: ")
                    .append(restore.exitCode()).append('\n');
            if (restore.exitCode() != 0) {
                problems.add("The restore ended with exit code " + restore.exitCode() + ": " + firstLine(restore
                        .errors()));
                report.append("Errors:\n").append(restore.errors()).append('\n');
            }
            report.append('\n');

            int verified = 0;
            int i = 0;
            for (Map.Entry<String, Expected> f : listing.files.entrySet()) {
                if (progress.cancelled()) {
                    throw new CancellationException("Cancelled: nothing was recorded");
                }
                // a hash the listing lacks costs a run of the tool per file (restic): then each file is a step
                if (++i % 20 == 1 || f.getValue().sha256 == null) {
                    progress.step("Verifying " + i + " of " + listing.files.size() + ": " + f.getKey());
                }
                Path restored = tool == BackupTool.RESTIC ? target.resolve(relative(f.getKey()))
                        : target.resolve(f.getKey());
                String expected = f.getValue().sha256 != null ? f.getValue().sha256
                        : resticHash(runner, work, policy.getRepository(), listing.snapshot, f.getKey());
                if (!Files.isRegularFile(restored)) {
                    problems.add("Not restored: " + f.getKey());
                    report.append("MISSING   ").append(f.getKey()).append('\n');
                    continue;
                }
                String actual = sha256(restored);
                if (expected == null) {
                    problems.add("The repository could not give back " + f.getKey());
                    report.append("UNREADABLE ").append(actual).append("  ").append(f.getKey()).append('\n');
                } else if (!expected.equals(actual) || Files.size(restored) != f.getValue().size) {
                    problems.add("Different content: " + f.getKey());
                    report.append("MISMATCH  ").append(actual).append("  ").append(f.getKey()).append(" (expected ")
                            .append(expected).append(")\n");
                } else {
                    verified++;
                    report.append("OK        ").append(actual).append("  ").append(f.getKey()).append('\n');
                }
            }
            if (listing.files.isEmpty()) {
                problems.add("The snapshot holds no files");
            }
            Duration took = Duration.between(start, clock.instant());
            RestoreResult result = problems.isEmpty() ? RestoreResult.PASSED : RestoreResult.FAILED;
            report.append("\nFiles: ").append(listing.files.size()).append(", verified: ").append(verified)
                    .append("\nDuration: ").append(took.toSeconds()).append(" s\nResult: ").append(result
                            .getLiteral()).append('\n');
            problems.forEach(p -> report.append("Problem: ").append(p).append('\n'));
            return new Outcome(listing.snapshot, result, listing.files.size(), verified, problems, took, report
                    .toString());
        } catch (IOException e) {
            throw new StoreException("The restore test could not use a temporary folder: " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private RestorationTest record(BackupPolicy policy, Outcome o) {
        Instant now = clock.instant();
        EvidenceFile evidence = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        evidence.setName("restore-test-" + safe(policy.getName()) + "-" + now.toString().substring(0, 19)
                .replace(':', '-') + ".txt");
        evidence.setMediaType("text/plain");
        evidence.setDescription("Verification report of the automated restoration test of snapshot " + o.snapshot()
                + " (" + o.result().getLiteral() + ")");
        store.storeContent(evidence, o.report().getBytes(StandardCharsets.UTF_8), null);

        RestorationTest t = Records.newRecord(BackupPackage.Literals.RESTORATION_TEST);
        String shortId = o.snapshot().matches("[0-9a-f]{64}") ? o.snapshot().substring(0, 8) : o.snapshot();
        t.setTitle("Automated restore of " + shortId + " (" + policy.getName() + ")");
        t.setSystem(policy.getSystem());
        t.setTestedAt(Date.from(now));
        t.setBackupRestored(o.snapshot());
        t.setScope("All " + o.files() + " files of " + o.snapshot() + " from " + policy.getRepository()
                + ", restored into a temporary folder and removed afterwards");
        t.setResult(o.result());
        t.setVerificationMethod(VerificationMethod.CHECKSUMS);
        t.setFileCount(o.files());
        t.setDurationSeconds(o.duration().toSeconds());
        t.setNotes(o.problems().isEmpty() ? "Every file's SHA-256 matched the repository's." : String.join("\n",
                o.problems()));
        t.setEvidence(evidence);
        List<qms.model.Record> all = new ArrayList<>();
        all.add(t);
        if (o.result() != RestoreResult.PASSED) {
            all.addAll(FindingRaiser.forFailedRestore(store, policy, t, evidence, now));
        }
        store.save(all, null);
        return t;
    }

    // -------------------------------------------------------------------------------------------- listings

    private record Expected(long size, String sha256) {
    }

    /** The tool ran against the repository but could not list the snapshot: the repository fails the test. */
    private static final class ListingFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListingFailed(String message) {
            super(message);
        }
    }

    private static final class Listing {
        String snapshot;
        final Map<String, Expected> files = new LinkedHashMap<>();
    }

    private static Listing resticListing(ToolRunner runner, Path work, String repository, String snapshot,
            Progress progress) {
        progress.step("Listing the snapshot");
        ToolRunner.Run ls = runner.run(work, List.of("restic", "-r", repository, "ls", "--json", snapshot == null
                ? "latest" : snapshot));
        if (ls.exitCode() != 0) {
            throw new ListingFailed("restic could not list " + (snapshot == null ? "the newest snapshot" : snapshot)
                    + " of " + repository + " (exit code " + ls.exitCode() + "): " + firstLine(ls.errors()));
        }
        Listing l = new Listing();
        try (JsonInput in = new JsonInput(ls.stdout(), Long.MAX_VALUE)) {
            while (in.next() != null) {
                Node n = in.value(null);
                String kind = in.text(n, "struct_type", false);
                if ("snapshot".equals(kind)) {
                    l.snapshot = in.text(n, "id", true);
                } else if ("file".equals(in.text(n, "type", false))) {
                    Long size = in.number(n, "size");
                    l.files.put(in.text(n, "path", true), new Expected(size == null ? 0 : size, null));
                }
            }
        } catch (ImportException e) {
            throw new ListingFailed("restic's listing could not be read: " + e.getMessage());
        }
        if (l.snapshot == null) {
            throw new ListingFailed("restic listed no snapshot for " + (snapshot == null ? "latest" : snapshot));
        }
        return l;
    }

    private static Listing borgListing(ToolRunner runner, Path work, String repository, String snapshot,
            Progress progress) {
        progress.step("Listing the archive");
        Listing l = new Listing();
        if (snapshot == null) {
            ToolRunner.Run list = runner.run(work, List.of("borg", "list", "--json", "--last", "1", repository));
            if (list.exitCode() != 0) {
                throw new ListingFailed("borg could not list " + repository + " (exit code " + list.exitCode()
                        + "): " + firstLine(list.errors()));
            }
            try (JsonInput in = new JsonInput(list.stdout(), Long.MAX_VALUE)) {
                if (in.next() != JsonToken.START_OBJECT) {
                    throw new ListingFailed("borg list printed no JSON object");
                }
                List<Node> archives = in.objects(in.value(null), "archives");
                if (archives.isEmpty()) {
                    throw new ListingFailed("The repository " + repository + " holds no archive");
                }
                l.snapshot = in.text(archives.get(archives.size() - 1), "name", true);
            }
        } else {
            l.snapshot = snapshot;
        }
        ToolRunner.Run files = runner.run(work, List.of("borg", "list", "--json-lines", "--format",
                "{type}{path}{size}{sha256}", repository + "::" + l.snapshot));
        if (files.exitCode() != 0) {
            throw new ListingFailed("borg could not list the archive " + l.snapshot + " (exit code " + files
                    .exitCode() + "): " + firstLine(files.errors()));
        }
        try (JsonInput in = new JsonInput(files.stdout(), Long.MAX_VALUE)) {
            while (in.next() != null) {
                Node n = in.value(null);
                if ("-".equals(in.text(n, "type", false))) {
                    Long size = in.number(n, "size");
                    l.files.put(in.text(n, "path", true), new Expected(size == null ? 0 : size, in.text(n, "sha256",
                            true)));
                }
            }
        } catch (ImportException e) {
            throw new ListingFailed("borg's listing of " + l.snapshot + " could not be read: " + e.getMessage());
        }
        return l;
    }

    /** The SHA-256 of one file as restic gives it back, or null when it cannot. */
    private static String resticHash(ToolRunner runner, Path work, String repository, String snapshot, String path) {
        ToolRunner.Run dump = runner.run(work, List.of("restic", "-r", repository, "dump", snapshot, path));
        try {
            return dump.exitCode() == 0 ? sha256(dump.stdout()) : null;
        } catch (IOException e) {
            return null;
        } finally {
            try {
                Files.deleteIfExists(dump.stdout());
            } catch (IOException e) {
                // removed with the work folder
            }
        }
    }

    // -------------------------------------------------------------------------------------------- helpers

    private static Map<String, String> environment(BackupPolicy policy) {
        Map<String, String> env = new LinkedHashMap<>();
        String file = policy.getPasswordFile();
        if (file == null || file.isBlank()) {
            throw new StoreException("The policy '" + policy.getName() + "' names no password file: the restore"
                    + " test needs the repository's password (set 'Password file').");
        }
        Path p = Path.of(file.strip());
        if (!Files.isReadable(p)) {
            throw new StoreException("The password file " + p + " of the policy '" + policy.getName()
                    + "' cannot be read.");
        }
        env.put("RESTIC_PASSWORD_FILE", p.toString());
        try {
            env.put("BORG_PASSPHRASE", Files.readString(p, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new StoreException("The password file " + p + " cannot be read: " + e.getMessage(), e);
        }
        env.put("TZ", "UTC");
        return env;
    }

    private static String relative(String absolute) {
        String s = absolute;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return s;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("This Java has no SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? "(no message)" : nl < 0 ? t : t.substring(0, nl);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing the test result for
        }
    }

    /** Reports nothing and never cancels: for headless runs. */
    public static Progress quiet() {
        return new Progress() {
            @Override
            public void step(String what) {
                // nothing to show
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }
}
