package qms.capa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.SimpleBookmark;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import qms.capa.model.ActionStatus;
import qms.capa.model.Capa;
import qms.capa.model.CapaAction;
import qms.capa.model.EffectivenessResult;
import qms.capa.model.RootCauseMethod;
import qms.core.AuditAction;
import qms.core.AuditQuery;
import qms.core.CoreModelContribution;
import qms.core.FindingCategories;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreException;
import qms.model.ComputerizedSystem;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.UserAccount;
import qms.model.Vendor;
import qms.reports.InspectionBinder;
import qms.testing.ModuleTestStore;

/**
 * The inspection binder of a finding whose CAPA went through its whole lifecycle: what it contains and leaves out,
 * that its manifest's hashes match the stored evidence and records, that {@code sha256sum -c} accepts the folder
 * (and rejects it once a file is altered), that the PDF holds the signatures and audit trails, and that a failed
 * export leaves nothing behind.
 */
class InspectionBinderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final char[] QA_PASSWORD = ModuleTestStore.QA_PASSWORD.toCharArray();
    private static final String QUINN = ModuleTestStore.QA.userId();

    @TempDir
    Path dir;
    @TempDir
    Path out;
    private ModuleTestStore test;
    private RecordStore store;

    private Finding finding;
    private Finding otherFinding;
    private Vendor vendor;
    private ComputerizedSystem system;
    private EvidenceFile restoreLog;
    private EvidenceFile actionProof;
    private EvidenceFile checkProof;
    private Capa capa;

    @BeforeEach
    void open() throws Exception {
        test = new ModuleTestStore(dir, CapaModelContribution.class);
        store = test.store;
        test.actAs(ModuleTestStore.QA);
        vendor = Records.newRecord(QmsPackage.Literals.VENDOR);
        vendor.setName("Helix Cloud Hosting GmbH");
        system = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        system.setName("EDC Database");
        system.setGxpCriticality(GxpCriticality.HIGH);
        system.setDataClassification(qms.model.DataClassification.PSEUDONYMISED);
        system.setHostingVendor(vendor);
        finding = finding("Restoration test of EDC Database failed", "AUTO-RT-1");
        finding.getAffectedSystems().add(system);
        otherFinding = finding("EDC audit trail review overdue", "IA-2026-011");
        store.save(List.of(vendor, system, finding, otherFinding), null);
        restoreLog = evidence("restore-test-EDC.log", "restic restore: 3 files FAILED checksum\n");
        store.save(List.of(Records.link(CoreModelContribution.CONCERNS, otherFinding, system),
                Records.link(CoreModelContribution.EVIDENCE_FOR, restoreLog, finding)), null);
        actionProof = evidence("quarterly-restore-Q1.log", "restic restore: 1,204 files verified\n");
        checkProof = evidence("restores-Q1-Q4.pdf", "%PDF-1.4 four quarterly restores passed\n");
        capa = closedCapa();
    }

    @AfterEach
    void close() {
        test.close();
    }

    private Finding finding(String title, String reference) {
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle(title);
        f.setReference(reference);
        f.setSource(FindingSource.RAISED_BY_MODULE);
        f.setGrade(FindingGrade.MAJOR);
        f.setCategory(FindingCategories.find(store, FindingCategories.FAILED_BACKUPS).orElseThrow());
        return f;
    }

    private EvidenceFile evidence(String name, String content) {
        EvidenceFile e = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        e.setName(name);
        store.save(e, null);
        store.storeContent(e, content.getBytes(StandardCharsets.UTF_8), null);
        return (EvidenceFile) store.get(e.getId());
    }

    private UserAccount account(String userId) {
        return store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(UserAccount.class::cast)
                .filter(a -> a.getUserId().equals(userId)).findFirst().orElseThrow();
    }

    /** Carl's CAPA for the finding, approved, done, verified effective and closed by Quinn. */
    private Capa closedCapa() {
        CapaLifecycle lifecycle = new CapaLifecycle(store, Clock.fixed(TODAY.atTime(9, 0).toInstant(
                ZoneOffset.UTC), ZoneOffset.UTC));
        Capa c = CapaTemplates.newCapa(CapaTemplates.all().get(5), TODAY);
        c.setReference("CAPA-2026-001");
        c.setOwner(account(ModuleTestStore.CONTRIBUTOR.userId()));
        c.setRootCauseMethod(RootCauseMethod.OTHER);
        c.setRootCause("Restores were never tested");
        c.getActions().forEach(a -> a.setOwner(account(ModuleTestStore.CONTRIBUTOR.userId())));
        store.save(List.of(c, Records.link(CapaModelContribution.ADDRESSES, c, finding)), null);
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.submitPlan(c);
        test.actAs(ModuleTestStore.QA);
        c = lifecycle.start(lifecycle.approvePlan(c, QUINN, QA_PASSWORD));
        Capa edit = (Capa) store.get(c.getId());
        for (CapaAction a : edit.getActions()) {
            a.setStatus(ActionStatus.DONE);
            a.getCompletionEvidence().add(actionProof);
        }
        store.save(edit, null);
        c = lifecycle.beginEffectivenessCheck(lifecycle.markImplemented((Capa) store.get(c.getId())));
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.recordEffectiveness(c, EffectivenessResult.EFFECTIVE, "Four quarterly restores passed",
                List.of(checkProof));
        test.actAs(ModuleTestStore.QA);
        c = lifecycle.verifyEffectiveness(c, QUINN, QA_PASSWORD);
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.requestClosure(c);
        test.actAs(ModuleTestStore.QA);
        return lifecycle.approveClosure(c, QUINN, QA_PASSWORD);
    }

    @Test
    void theBinderHoldsTheFindingsEvidenceTrailAndNotWhatMerelySharesItsSystem() {
        List<InspectionBinder.Entry> contents = new InspectionBinder(store).contents(List.of(finding.getId()));
        Map<String, InspectionBinder.Entry> byId = contents.stream().collect(Collectors.toMap(e -> e.record()
                .getId(), e -> e, (a, b) -> a, LinkedHashMap::new));

        assertEquals(finding.getId(), contents.get(0).record().getId());
        assertEquals(0, contents.get(0).from());
        for (Record r : List.of(capa, restoreLog, actionProof, checkProof, system, vendor)) {
            assertTrue(byId.containsKey(r.getId()), Records.label(r) + " is in the binder: " + labels(contents));
        }
        List<String> signOffs = new CapaLifecycle(store).signOffs(capa).stream().map(Record::getId).toList();
        assertEquals(3, signOffs.size());
        assertTrue(byId.keySet().containsAll(signOffs), "the plan approval, verification and closure are part of"
                + " the CAPA: " + labels(contents));
        assertFalse(byId.containsKey(otherFinding.getId()), "another finding about the same system is not gone"
                + " through the system (a register): " + labels(contents));
        assertTrue(contents.stream().noneMatch(e -> e.record() instanceof UserAccount), "people are named, not"
                + " printed as records");
        assertTrue(byId.containsKey(finding.getCategory().getId()), "its category, a register");
        assertEquals(11, contents.size(), labels(contents));

        InspectionBinder.Entry viaCapa = byId.get(actionProof.getId());
        assertEquals(byId.get(capa.getId()).number(), viaCapa.from());
        assertEquals("Actions \u203a Completion evidence", viaCapa.relation());
        assertEquals("is addressed by", byId.get(capa.getId()).relation());
        assertEquals("Hosting vendor", byId.get(vendor.getId()).relation(), "a register's own references are"
                + " followed: the system's vendor");
    }

    @Test
    void theManifestHashesMatchTheStoredEvidenceAndRecordsAndSha256sumAcceptsTheFolder() throws Exception {
        Path folder = out.resolve(InspectionBinder.suggestedName(List.of(finding), java.time.Instant.now()));
        InspectionBinder.Result result = new InspectionBinder(store).export(List.of(finding.getId()), folder);
        assertEquals(11, result.records());
        assertEquals(3, result.evidenceFiles());
        assertTrue(result.integrity().intact());

        Map<String, Object> manifest = json(folder.resolve("manifest.json"));
        assertEquals(InspectionBinder.FORMAT, manifest.get("format"));
        assertEquals(List.of(finding.getId()), manifest.get("findings"));
        List<Map<String, Object>> records = list(manifest.get("records"));
        assertEquals(11, records.size());
        int evidenceChecked = 0;
        for (Map<String, Object> r : records) {
            String id = (String) r.get("id");
            assertEquals(store.signatures().contentHash(id), r.get("contentSha256"), "record " + r.get("label"));
            if (r.get("evidence") instanceof Map<?, ?> e) {
                EvidenceFile stored = (EvidenceFile) store.get(id);
                byte[] content = store.readContent(id);
                assertEquals(stored.getSha256(), e.get("sha256"), "the manifest's hash is the one recorded at"
                        + " capture for " + stored.getName());
                assertEquals(sha256(content), e.get("sha256"));
                Path copy = folder.resolve((String) e.get("file"));
                assertEquals(sha256(Files.readAllBytes(copy)), stored.getSha256(), copy + " is the stored content");
                evidenceChecked++;
            }
        }
        assertEquals(3, evidenceChecked);
        Map<String, Object> plan = records.stream().filter(r -> r.get("type").equals("capa:PlanApproval"))
                .findFirst().orElseThrow();
        Map<String, Object> signature = list(plan.get("signatures")).get(0);
        assertEquals("Approved", signature.get("meaning"));
        assertEquals(QUINN, signature.get("signer"));
        assertEquals(Boolean.TRUE, signature.get("intact"));
        assertEquals(plan.get("contentSha256"), signature.get("contentSha256"), "signed as it is now");

        List<Map<String, Object>> files = list(manifest.get("files"));
        Map<String, Object> pdfFile = files.stream().filter(f -> f.get("path").equals("binder.pdf")).findFirst()
                .orElseThrow();
        assertEquals(sha256(Files.readAllBytes(folder.resolve("binder.pdf"))), pdfFile.get("sha256"));
        assertEquals(result.pdfSha256(), pdfFile.get("sha256"));

        assertEquals(List.of(), InspectionBinder.verify(folder));
        assertEquals(0, sha256sumCheck(folder), "sha256sum -c SHA256SUMS accepts the binder as exported");

        List<String> exports = store.auditTrail().search(AuditQuery.all().withActions(Set.of(AuditAction.EXPORT)),
                0, 10).stream().map(e -> e.reason() + " " + e.newValue()).toList();
        assertTrue(exports.stream().anyMatch(e -> e.contains("Inspection binder of 1 finding(s)") && e.contains(
                result.manifestSha256()) && e.contains(folder.toString())), exports.toString());

        Path altered = folder.resolve((String) ((Map<?, ?>) records.stream().filter(r -> r.get("id").equals(
                restoreLog.getId())).findFirst().orElseThrow().get("evidence")).get("file"));
        Files.writeString(altered, "edited\n", StandardOpenOption.APPEND);
        List<String> problems = InspectionBinder.verify(folder);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(folder.relativize(altered).toString().replace('\\', '/') + ": SHA-256"),
                problems.get(0));
        assertNotEquals(0, sha256sumCheck(folder), "sha256sum notices the altered evidence file");
    }

    @Test
    void thePdfPrintsEveryRecordWithItsSignaturesAndAuditTrail() throws Exception {
        Path folder = out.resolve("binder");
        new InspectionBinder(store).export(List.of(finding.getId()), folder);
        PdfReader reader = new PdfReader(folder.resolve("binder.pdf").toString());
        String text;
        try {
            List<Map<String, Object>> bookmarks = SimpleBookmark.getBookmarkList(reader);
            assertEquals(11, bookmarks.size(), "one bookmark per record");
            assertEquals("1. Restoration test of EDC Database failed \u2013 Finding", bookmarks.get(0).get("Title"));
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder b = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                b.append(extractor.getTextFromPage(page)).append('\n');
            }
            text = b.toString();
        } finally {
            reader.close();
        }
        assertTrue(text.contains("Restoration test of EDC Database failed"), text);
        assertTrue(text.contains("CAPA-2026-001") || text.contains("Quarterly restoration tests"), text);
        assertTrue(text.contains("Quinn QA (quinn)"), "the signer's printed name and user id");
        assertTrue(text.contains("Verified"), "the verification's meaning");
        assertTrue(text.contains("Actions \u203a Completion evidence") || text.contains("Completion evidence"), text);
        assertTrue(text.contains("Restores were never tested"), "the CAPA's fields");
        assertTrue(text.contains("Audit trail"), text);
        assertTrue(text.contains("Helix Cloud Hosting GmbH"), "the system's vendor");
        assertFalse(text.contains("EDC audit trail review overdue"), "not the other finding");
        assertTrue(text.contains(store.signatures().contentHash(capa.getId())), "the CAPA's content hash");
    }

    @Test
    void anExistingFolderIsRefusedAndAFailedExportLeavesNothing() throws Exception {
        Path folder = out.resolve("binder");
        Files.createDirectories(folder);
        StoreException refused = assertThrows(StoreException.class, () -> new InspectionBinder(store).export(List
                .of(finding.getId()), folder));
        assertTrue(refused.getMessage().contains(folder.toString()) && refused.getMessage().contains(
                "exists already"), refused.getMessage());
        StoreException notAFinding = assertThrows(StoreException.class, () -> new InspectionBinder(store).export(
                List.of(capa.getId()), out.resolve("capa")));
        assertTrue(notAFinding.getMessage().contains("made for findings"), notAFinding.getMessage());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(folder), left.toList(), "no partial binder, no temporary folder");
        }
    }

    private static String labels(List<InspectionBinder.Entry> contents) {
        return contents.stream().map(e -> e.number() + " " + Records.label(e.record())).toList().toString();
    }

    private static int sha256sumCheck(Path folder) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", "--check", "--quiet", "SHA256SUMS").directory(folder.toFile())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path file) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            p.nextToken();
            return (Map<String, Object>) value(p);
        }
    }

    /** The JSON value at the parser's current token as maps, lists, strings, numbers and booleans. */
    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                map.put(name, value(p));
            }
            return map;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(value(p));
            }
            return list;
        }
        return switch (t) {
        case VALUE_STRING -> p.getText();
        case VALUE_NUMBER_INT -> p.getLongValue();
        case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
        case VALUE_NULL -> null;
        default -> p.getText();
        };
    }
}
