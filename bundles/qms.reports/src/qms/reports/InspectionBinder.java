package qms.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.EClass;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import qms.core.AccessDeniedException;
import qms.core.ChainVerification;
import qms.core.Hints;
import qms.core.IntegrityException;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.core.StoreException;
import qms.core.Trace;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.QmsPackage;
import qms.model.Record;

/**
 * The inspection binder of one or more findings: a folder an inspector can take away and check.
 * <ul>
 * <li>{@code binder.pdf}: a title page with the contents, then every record of the binder on its own pages (with a
 * bookmark): its fields, the related records of the binder, its signatures (each checked against the record's
 * current content) and its audit trail;</li>
 * <li>{@code evidence/}: a copy of every evidence file's content, read back from the store and checked against the
 * SHA-256 recorded when it was captured;</li>
 * <li>{@code manifest.json}: every record with the SHA-256 of its content (the value signatures bind) and its
 * signatures, and every file of the folder with its SHA-256;</li>
 * <li>{@code SHA256SUMS}: the files' SHA-256 in the format {@code sha256sum -c} checks.</li>
 * </ul>
 * What the binder contains is stated on its title page ({@link #SCOPE}). The folder appears only when complete,
 * and the export is recorded in the audit trail with the manifest's SHA-256.
 */
public final class InspectionBinder {

    /** The rule that decides which records a binder contains, printed on its title page and in the manifest. */
    public static final String SCOPE = "The chosen findings and every record reached from them through links (either"
            + " way), through references, and through records that are part of a record (a CAPA's sign-offs)."
            + " Registers (systems, vendors, people, sites, policies) are included with the registers they refer to"
            + " (a system's vendor) but are not gone through further. People are named where they appear;"
            + " signatures are printed with the record they sign.";

    /** The manifest's format, for tools that read it. */
    public static final String FORMAT = "cro-qms-inspection-binder/1";

    static final String PDF = "binder.pdf";
    static final String MANIFEST = "manifest.json";
    static final String SUMS = "SHA256SUMS";
    static final String EVIDENCE = "evidence";

    /** Record classes that are not records of a binder: people sign in, signatures and links belong to records. */
    private static final Set<EClass> NOT_IN_BINDER = Set.of(QmsPackage.Literals.USER_ACCOUNT,
            QmsPackage.Literals.SIGNATURE, QmsPackage.Literals.SIGNATURE_MEANING, QmsPackage.Literals.SYSTEM_SETTINGS,
            QmsPackage.Literals.LINK);

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * A record of the binder: its number (section), how it was reached ({@code from} is the number of the record it
     * was reached from, 0 for a chosen finding) and the record's steps, which the PDF prints as its related records.
     */
    public static final class Entry {
        private final int number;
        private Record record;
        private final int from;
        private final String relation;
        private List<Trace.Step> steps = List.of();

        Entry(int number, Record record, int from, String relation) {
            this.number = number;
            this.record = record;
            this.from = from;
            this.relation = relation;
        }

        public int number() {
            return number;
        }

        public Record record() {
            return record;
        }

        /** The number of the record this one was reached from; 0 for a chosen finding. */
        public int from() {
            return from;
        }

        /** How it was reached, read from the record it was reached from ("addresses", "Owner"). */
        public String relation() {
            return relation;
        }

        List<Trace.Step> steps() {
            return steps;
        }
    }

    /** An evidence file's content in the binder, or why it is not there. */
    record EvidenceCopy(String path, long size, String sha256, String problem) {
    }

    /** What was written. */
    public record Result(Path folder, int records, int evidenceFiles, String pdfSha256, String manifestSha256,
            ChainVerification integrity) {
    }

    private final RecordStore store;

    public InspectionBinder(RecordStore store) {
        this.store = store;
    }

    /**
     * The records a binder of these findings contains, in the order it prints them (breadth first from the findings);
     * see {@link #SCOPE}.
     *
     * @throws qms.core.RecordNotFoundException a finding does not exist
     */
    public List<Entry> contents(List<String> findingIds) {
        ModelRegistry model = store.model();
        Map<String, Entry> included = new LinkedHashMap<>();
        Deque<Entry> queue = new ArrayDeque<>();
        for (String id : findingIds) {
            Record finding = store.get(id);
            if (!model.flag(finding.eClass(), Hints.BINDER_ROOT)) {
                throw new StoreException("An inspection binder is made for findings (and, with their modules,"
                        + " incidents); " + Records.label(finding) + " is a " + qms.core.Validation.typeLabel(finding
                                .eClass()) + ". Nothing was exported.");
            }
            included.computeIfAbsent(id, k -> {
                Entry e = new Entry(included.size() + 1, finding, 0, "chosen " + qms.core.Validation.typeLabel(
                        finding.eClass()).toLowerCase(java.util.Locale.ROOT));
                queue.add(e);
                return e;
            });
        }
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            e.record = store.get(Records.id(e.record)); // whole: a step's record has its references as proxies
            e.steps = Trace.steps(store, e.record);
            boolean register = model.flag(e.record.eClass(), Hints.REGISTER);
            for (Trace.Step s : e.steps) {
                boolean reference = s.via() == null;
                boolean outgoingReference = reference && s.direction() == Trace.Direction.OUT;
                if (NOT_IN_BINDER.contains(s.record().eClass()) || register && !outgoingReference
                        || reference && !outgoingReference && !model.flag(s.reference(), Hints.PART_OF)) {
                    continue;
                }
                String id = Records.id(s.record());
                if (!included.containsKey(id)) {
                    Entry next = new Entry(included.size() + 1, s.record(), e.number, s.relation());
                    included.put(id, next);
                    queue.add(next);
                }
            }
        }
        return List.copyOf(included.values());
    }

    /**
     * Writes the binder of these findings into {@code folder}, which must not exist yet, and records the export in
     * the audit trail.
     *
     * @throws StoreException the folder exists or cannot be written; nothing is left behind
     */
    public Result export(List<String> findingIds, Path folder) {
        Principal by = store.principal();
        if (by == null) {
            throw new AccessDeniedException("Nobody is signed in: nothing was exported");
        }
        if (findingIds.isEmpty()) {
            throw new StoreException("Choose at least one finding for the inspection binder. Nothing was exported.");
        }
        Path target = folder.toAbsolutePath();
        if (Files.exists(target)) {
            throw new StoreException("Cannot write the inspection binder to " + target + ": it exists already. Choose"
                    + " a new folder name. Nothing was exported.");
        }
        List<Entry> entries = contents(findingIds);
        ChainVerification integrity = store.auditTrail().verify();
        Instant now = Instant.now();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            Map<String, EvidenceCopy> evidence = copyEvidence(entries, tmp);
            Map<String, String> files = new LinkedHashMap<>();
            String pdfSha = ReportFile.write(tmp.resolve(PDF), out -> new BinderPdf(store, entries, evidence, by,
                    now, integrity).write(out));
            files.put(PDF, pdfSha);
            evidence.values().stream().filter(c -> c.path() != null).forEach(c -> files.put(c.path(), c.sha256()));
            String manifestSha = ReportFile.write(tmp.resolve(MANIFEST), out -> {
                try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                    g.useDefaultPrettyPrinter();
                    manifest(g, entries, evidence, files, by, now, integrity);
                }
            });
            files.put(MANIFEST, manifestSha);
            ReportFile.write(tmp.resolve(SUMS), out -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> f : files.entrySet()) {
                    w.write(f.getValue() + "  " + f.getKey() + "\n");
                }
                w.flush();
            });
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            tmp = null;
            long copies = evidence.values().stream().filter(c -> c.path() != null).count();
            store.auditTrail().recordExport("Inspection binder of " + findingIds.size() + " finding(s) ("
                    + entries.stream().filter(e -> e.from == 0).map(e -> Records.label(e.record))
                            .reduce((a, b) -> a + "; " + b).orElse("") + ") with " + entries.size()
                    + " records and " + copies + " evidence files to " + target + ", manifest SHA-256 " + manifestSha);
            return new Result(target, entries.size(), (int) copies, pdfSha, manifestSha, integrity);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("Cannot write the inspection binder to " + target + ": it exists already."
                    + " Nothing was exported.", e);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("Cannot write the inspection binder to " + target + ": " + AuditTrailExport.rootMessage(e)
                    + ". Nothing was exported.", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Reads every evidence file's content back (checked against its recorded SHA-256) into {@code evidence/}. */
    private Map<String, EvidenceCopy> copyEvidence(List<Entry> entries, Path folder) throws IOException {
        Map<String, EvidenceCopy> copies = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (!(e.record instanceof EvidenceFile file)) {
                continue;
            }
            if (file.getSha256() == null) {
                copies.put(file.getId(), new EvidenceCopy(null, 0, null, "no content was stored for it"));
                continue;
            }
            byte[] content;
            try {
                content = store.readContent(file.getId());
            } catch (IntegrityException x) {
                copies.put(file.getId(), new EvidenceCopy(null, 0, null, x.getMessage()));
                continue;
            }
            String path = EVIDENCE + "/" + String.format(Locale.ROOT, "%03d-", e.number) + safeName(file.getName());
            Files.createDirectories(folder.resolve(EVIDENCE));
            Files.write(folder.resolve(path), content);
            copies.put(file.getId(), new EvidenceCopy(path, content.length, sha256(content), null));
        }
        return copies;
    }

    private void manifest(JsonGenerator g, List<Entry> entries, Map<String, EvidenceCopy> evidence,
            Map<String, String> files, Principal by, Instant now, ChainVerification integrity) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeStringField("generatedAt", now.toString());
        g.writeObjectFieldStart("generatedBy");
        g.writeStringField("userId", by.userId());
        g.writeStringField("name", by.displayName());
        g.writeEndObject();
        g.writeStringField("scope", SCOPE);
        g.writeArrayFieldStart("findings");
        for (Entry e : entries) {
            if (e.from == 0) {
                g.writeString(Records.id(e.record));
            }
        }
        g.writeEndArray();
        g.writeObjectFieldStart("auditTrail");
        g.writeBooleanField("intact", integrity.intact());
        g.writeNumberField("entriesChecked", integrity.entriesChecked());
        g.writeStringField("headHash", integrity.headHash());
        g.writeEndObject();
        g.writeArrayFieldStart("records");
        for (Entry e : entries) {
            String id = Records.id(e.record);
            g.writeStartObject();
            g.writeNumberField("number", e.number);
            g.writeStringField("id", id);
            g.writeStringField("type", ModelRegistry.typeName(e.record.eClass()));
            g.writeStringField("label", Records.label(e.record));
            g.writeStringField("status", Trace.status(store.model(), e.record));
            g.writeNumberField("reachedFrom", e.from);
            g.writeStringField("relation", e.relation);
            g.writeStringField("contentSha256", store.signatures().contentHash(id));
            g.writeArrayFieldStart("signatures");
            for (SignatureCheck c : store.signatures().signatures(id)) {
                g.writeStartObject();
                g.writeStringField("meaning", c.signature().getMeaning());
                g.writeStringField("signer", c.signature().getSignerUserId());
                g.writeStringField("printedName", c.signature().getPrintedName());
                g.writeStringField("signedAt", c.signature().getSignedAt().toInstant().toString());
                g.writeStringField("contentSha256", c.signature().getContentHash());
                g.writeBooleanField("intact", c.intact());
                g.writeEndObject();
            }
            g.writeEndArray();
            EvidenceCopy copy = evidence.get(id);
            if (copy != null) {
                EvidenceFile file = (EvidenceFile) e.record;
                g.writeObjectFieldStart("evidence");
                g.writeStringField("fileName", file.getName());
                g.writeStringField("recordedSha256", file.getSha256());
                if (copy.path() != null) {
                    g.writeStringField("file", copy.path());
                    g.writeNumberField("size", copy.size());
                    g.writeStringField("sha256", copy.sha256());
                } else {
                    g.writeStringField("problem", copy.problem());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("files");
        for (Map.Entry<String, String> f : files.entrySet()) {
            g.writeStartObject();
            g.writeStringField("path", f.getKey());
            g.writeStringField("sha256", f.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Checks a binder folder against its manifest: every file it lists is there with the SHA-256 it states. Returns
     * the problems, each naming the file; empty when the binder is as exported.
     */
    public static List<String> verify(Path folder) {
        Path manifest = folder.resolve(MANIFEST);
        Map<String, String> files = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(manifest.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return List.of(manifest + ": not a binder manifest (no JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!"files".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String path = null;
                    String sha = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if ("path".equals(name)) {
                            path = p.getText();
                        } else if ("sha256".equals(name)) {
                            sha = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                    files.put(path, sha);
                }
            }
        } catch (IOException e) {
            return List.of(manifest + ": cannot be read (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            return List.of(manifest + ": lists no files");
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = folder.resolve(f.getKey()).normalize();
            if (f.getKey() == null || !file.startsWith(folder.normalize())) {
                problems.add(manifest + ": lists a file outside the binder: " + f.getKey());
            } else if (!Files.isRegularFile(file)) {
                problems.add(f.getKey() + ": missing");
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    MessageDigest sha = ReportFile.sha256();
                    byte[] buffer = new byte[65536];
                    for (int n; (n = in.read(buffer)) > 0;) {
                        sha.update(buffer, 0, n);
                    }
                    String actual = HexFormat.of().formatHex(sha.digest());
                    if (!actual.equalsIgnoreCase(f.getValue())) {
                        problems.add(f.getKey() + ": SHA-256 " + actual + " but the manifest states " + f.getValue());
                    }
                } catch (IOException e) {
                    problems.add(f.getKey() + ": cannot be read (" + e.getMessage() + ")");
                }
            }
        }
        return problems;
    }

    /** A folder name that says what the binder holds: inspection-binder-IA-2026-007-20261123-1403. */
    public static String suggestedName(List<? extends Record> findings, Instant now) {
        String what = findings.size() == 1 && reference(findings.get(0)) != null ? reference(findings.get(0))
                : findings.size() + (findings.stream().allMatch(Finding.class::isInstance) ? "-findings" : "-records");
        return "inspection-binder-" + safeName(what) + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
                .withZone(ZoneOffset.UTC).format(now.truncatedTo(ChronoUnit.MINUTES));
    }

    /** A root's own reference ("IA-2026-007", "INC-2026-003"): its attribute named "reference", if it has one. */
    private static String reference(Record r) {
        var f = r.eClass().getEStructuralFeature("reference");
        return f instanceof org.eclipse.emf.ecore.EAttribute && r.eGet(f) instanceof String s && !s.isBlank() ? s
                : null;
    }

    static String safeName(String name) {
        String s = name == null || name.isBlank() ? "content" : name.strip().replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(ReportFile.sha256().digest(content));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a hidden temporary folder is left
        }
    }
}
