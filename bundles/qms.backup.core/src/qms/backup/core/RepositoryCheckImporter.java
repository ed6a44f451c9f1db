package qms.backup.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.RepositoryCheck;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.EvidenceFile;
import qms.model.QmsPackage;

/**
 * Records what {@code restic check} printed (standard output and error, {@code 2>&1}) as a {@link RepositoryCheck}
 * of the system whose restic policy has the given repository, with the output as a hashed evidence file. restic
 * prints neither a time nor the repository: the check is dated by the file's last change, and the repository is
 * given. The verdict is restic's last word — "no errors were found" or "Fatal: …"; without one the output is
 * incomplete and refused. A check that could not open the repository (wrong password, no repository) is refused
 * too: it checked nothing. Importing the same output again records nothing (its SHA-256 is in the source).
 */
public final class RepositoryCheckImporter {

    private static final String PASSED = "no errors were found";
    private static final String FATAL = "Fatal:";
    /** What restic prints on the way, whatever the verdict (0.14 to 0.17). */
    private static final Pattern PROGRESS = Pattern.compile("^(using temporary cache in .*|created new cache in .*"
            + "|create exclusive lock for repository|repository [0-9a-f]+ opened.*|load indexes|check all packs"
            + "|check snapshots, trees and blobs|read all data|read group #.*|\\[[0-9:]+\\] .*"
            + "|no errors were found|)$");
    private static final int MAX_PROBLEMS = 50;

    private final RecordStore store;
    private final Clock clock;
    private final long maxBytes;

    public RepositoryCheckImporter(RecordStore store, Clock clock, long maxBytes) {
        this.store = store;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    public BackupImporter.Result importFile(Path file, String repository) {
        ImportFormat format = ImportFormat.RESTIC_CHECK;
        if (repository == null || repository.isBlank()) {
            throw new ImportException(file, 0, null, "'" + format.command() + "' names neither the host nor the"
                    + " repository: give the repository that was checked (it must be the one on the system's"
                    + " policy)");
        }
        byte[] content = read(file);
        List<String> lines = lines(file, content);
        boolean checked = lines.stream().anyMatch(l -> l.equals("load indexes") || l.startsWith("check "));
        String verdict = null;
        long verdictLine = 0;
        for (int i = lines.size() - 1; i >= 0 && verdict == null; i--) {
            String l = lines.get(i).strip();
            if (l.equals(PASSED) || l.startsWith(FATAL)) {
                verdict = l;
                verdictLine = i + 1L;
            }
        }
        if (verdict == null) {
            throw new ImportException(file, lines.size(), null, "the output ends without restic's verdict ('" + PASSED
                    + "' or 'Fatal: …'): import the whole output of 'restic check', standard output and error"
                    + " (2>&1), once the check has ended");
        }
        if (!checked) {
            throw new ImportException(file, verdictLine, null, verdict.startsWith(FATAL) ? "restic could not check"
                    + " the repository, so this is no check: " + verdict : "this is not the output of 'restic check'"
                            + " (it never loads the indexes)");
        }
        boolean passed = verdict.equals(PASSED);
        boolean allData = lines.contains("read all data");
        List<String> problems = new ArrayList<>();
        for (String l : lines) {
            if (!PROGRESS.matcher(l.strip()).matches() && problems.size() < MAX_PROBLEMS) {
                problems.add(l.strip());
            }
        }
        BackupPolicy policy = BackupImporter.policyByRepository(store, file, format, repository);
        Instant at = BackupOutputParser.lastModified(file);
        if (at.isAfter(clock.instant().plus(BackupImporter.CLOCK_SKEW))) {
            throw new ImportException(file, 0, null, "the file was last changed at " + at + ", in the future");
        }
        String sha256 = sha256(content);
        String source = file.getFileName() + " (" + format.command() + ", SHA-256 " + sha256 + ")";
        if (!store.list(Query.of(BackupPackage.Literals.REPOSITORY_CHECK).where(
                BackupPackage.Literals.REPOSITORY_CHECK__SOURCE_FILE, source)).isEmpty()) {
            return new BackupImporter.Result(file, format, 1, List.of(), 1);
        }
        String day = at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        EvidenceFile evidence = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        evidence.setName(file.getFileName().toString());
        evidence.setMediaType("text/plain");
        evidence.setDescription("Output of restic check of " + repository + " (" + (passed ? "no errors"
                : "errors found") + ")");
        RepositoryCheck check = Records.newRecord(BackupPackage.Literals.REPOSITORY_CHECK);
        check.setTitle("restic check of " + policy.getName() + " on " + day + (passed ? "" : ": errors found"));
        check.setSystem(policy.getSystem());
        check.setCheckedAt(Date.from(at));
        check.setTool(format.tool());
        check.setRepository(repository.strip());
        check.setPassed(passed);
        check.setDataRead(allData);
        check.setProblems(problems.isEmpty() ? null : String.join("\n", problems));
        check.setToolOutput((allData ? "All data read (--read-data). " : "Structure only: restic check without"
                + " --read-data does not read the backed-up data and misses damaged data. ") + "Verdict: " + verdict);
        check.setSourceFile(source);
        // the evidence first (its own transaction), then the check that refers to it
        store.storeContent(evidence, content, null);
        check.setEvidence(evidence);
        store.save(check, null);
        return new BackupImporter.Result(file, format, 1, List.of(check), 0);
    }

    private byte[] read(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ImportException(file, 0, null, "the file has " + (size >> 20) + " MB; at most "
                        + (maxBytes >> 20) + " MB are imported at once");
            }
            if (size == 0) {
                throw new ImportException(file, 0, null, "the file is empty");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImportException(file, 0, null, "cannot be read: " + e.getMessage());
        }
    }

    private static List<String> lines(Path file, byte[] content) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(content),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            for (String l; (l = in.readLine()) != null;) {
                lines.add(l);
            }
        } catch (CharacterCodingException e) {
            throw new ImportException(file, lines.size() + 1L, null, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ImportException(file, 0, null, "cannot be read: " + e.getMessage());
        }
        return lines;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
