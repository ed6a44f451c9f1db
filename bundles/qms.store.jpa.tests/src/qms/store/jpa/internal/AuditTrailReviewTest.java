package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.AuditQuery;
import qms.core.StoreException;
import qms.model.AccessRole;
import qms.model.ComputerizedSystem;
import qms.reports.AuditTrailExport;
import qms.reports.AuditTrailExport.Format;
import qms.testing.TestRecords;

/** The audit trail as a reviewer reads it: filtered, paged, exported to CSV and PDF, exports recorded. */
class AuditTrailReviewTest {

    @TempDir
    Path dir;

    @Test
    void filtersByRecordUserModuleActionAndPeriodAndPagesNewestFirst() {
        try (Part11Fixture f = new Part11Fixture(dir.resolve("data"))) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            ComputerizedSystem edc = TestRecords.system("EDC");
            f.store.save(edc, null);
            ComputerizedSystem ctms = TestRecords.system("CTMS");
            f.store.save(ctms, null);
            edc.setDescription("Rave 7.1");
            f.store.save(edc, null);

            AuditQuery byRecord = AuditQuery.all().withRecord(edc.getId());
            List<AuditEntry> edcEntries = f.store.auditTrail().search(byRecord, 0, 100);
            assertEquals(reversed(f.store.auditTrail().forRecord(edc.getId())), edcEntries, "newest first");
            assertEquals(edcEntries.size(), f.store.auditTrail().count(byRecord));
            assertEquals(List.of(AuditAction.UPDATE, AuditAction.CREATE), edcEntries.stream().map(AuditEntry::action)
                    .toList());

            AuditQuery quinn = AuditQuery.all().withUser("quinn");
            List<AuditEntry> all = new ArrayList<>();
            f.store.auditTrail().forEach(AuditQuery.all(), all::add);
            List<AuditEntry> expected = reversed(all.stream().filter(quinn::matches).toList());
            assertTrue(expected.size() >= 5, "quinn's password change, sign-in and three saves: " + expected);
            assertEquals(expected, f.store.auditTrail().search(quinn, 0, 1000));
            assertEquals(expected.subList(2, 4), f.store.auditTrail().search(quinn, 2, 2), "a page");

            AuditQuery creations = quinn.withActions(Set.of(AuditAction.CREATE));
            assertEquals(List.of(ctms.getId(), edc.getId()), f.store.auditTrail().search(creations, 0, 10).stream()
                    .map(AuditEntry::recordId).toList());

            assertEquals(all.stream().filter(e -> e.recordType() != null && e.recordType().startsWith("qms:"))
                    .count(), f.store.auditTrail().count(AuditQuery.all().inModule("qms")));
            assertEquals(0, f.store.auditTrail().count(AuditQuery.all().inModule("backup")));

            // periods: from inclusive, to exclusive, at whole seconds, whatever the stored precision
            Instant first = all.get(0).at();
            Instant last = all.get(all.size() - 1).at();
            Instant start = first.truncatedTo(ChronoUnit.SECONDS);
            assertEquals(all.size(), f.store.auditTrail().count(AuditQuery.all().between(start,
                    last.plusSeconds(1))));
            assertEquals(0, f.store.auditTrail().count(AuditQuery.all().between(start.minusSeconds(60), start)));
            assertEquals(all.stream().filter(e -> !e.at().isBefore(last.truncatedTo(ChronoUnit.SECONDS))).count(),
                    f.store.auditTrail().count(AuditQuery.all().between(last, null)));
            assertThrows(IllegalArgumentException.class, () -> AuditQuery.all().between(last, start));
            assertTrue(f.store.auditTrail().users().containsAll(List.of("admin", "quinn")));
        }
    }

    @Test
    void anAuditorExportsCsvWithTheStoredHashesAndAReadablePdfAndBothExportsAreRecorded() throws Exception {
        try (Part11Fixture f = new Part11Fixture(dir.resolve("data"))) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.addUser("audrey", "Audrey Auditor", AccessRole.AUDITOR);
            f.actAs("quinn");
            ComputerizedSystem edc = TestRecords.system("EDC \u00e9tude \u2013 Phase III");
            f.store.save(edc, null);
            edc.setDescription("Medidata Rave");
            f.store.save(edc, null);
            f.store.signatures().sign(edc.getId(), "quinn", Part11Fixture.PASSWORD, "Reviewed");
            edc.setDescription("Medidata Rave 2026.1");
            f.store.save(edc, "Upgrade validated under CC-17");

            f.actAs("audrey");
            AuditQuery query = AuditQuery.all().withRecord(edc.getId());
            List<AuditEntry> entries = f.store.auditTrail().forRecord(edc.getId());
            AuditTrailExport export = new AuditTrailExport(f.store);

            Path csvFile = dir.resolve("out/edc.csv");
            AuditTrailExport.Result csv = export.export(query, "EDC", Format.CSV, csvFile);
            assertEquals(entries.size(), csv.entries());
            assertEquals(sha256(csvFile), csv.sha256());
            List<CSVRecord> rows;
            try (Reader r = Files.newBufferedReader(csvFile, StandardCharsets.UTF_8)) {
                rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)
                        .getRecords();
            }
            assertEquals(entries.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                AuditEntry e = entries.get(i);
                CSVRecord row = rows.get(i);
                assertEquals(Long.toString(e.sequence()), row.get("sequence"));
                assertEquals(e.action().name(), row.get("action"));
                assertEquals(e.hash(), row.get("hash"));
                assertEquals(e.previousHash(), row.get("previous_hash"));
                assertEquals(e.newValue() == null ? "" : e.newValue(), row.get("new_value"), "values as stored");
            }
            assertTrue(rows.stream().anyMatch(r -> "SIGNATURE".equals(r.get("action"))), "signature events");
            assertTrue(rows.stream().anyMatch(r -> "Upgrade validated under CC-17".equals(r.get("reason"))));

            Path pdfFile = dir.resolve("out/edc.pdf");
            AuditTrailExport.Result pdf = export.export(query, "EDC", Format.PDF, pdfFile);
            assertEquals(entries.size(), pdf.entries());
            assertTrue(pdf.integrity().intact());
            String text = pdfText(pdfFile);
            String unwrapped = text.replaceAll("\\s*\\n\\s*", ""); // table cells wrap their text
            for (String expected : List.of("Audit Trail", "Audrey Auditor (audrey)", "intact", "Medidata",
                    "Upgrade validated under CC-17", "Signature", "Reviewed", "2026.1", "quinn", "Page 1 of")) {
                assertTrue(text.contains(expected) || unwrapped.contains(expected),
                        expected + " in the PDF:\n" + text);
            }
            assertTrue(text.contains("EDC \u00e9tude"), "Unicode survives the embedded font:\n" + text);

            List<AuditEntry> exports = f.store.auditTrail().search(AuditQuery.all().withActions(
                    Set.of(AuditAction.EXPORT)), 0, 10);
            assertEquals(2, exports.size());
            assertEquals("audrey", exports.get(0).user());
            assertTrue(exports.get(0).newValue().contains(pdf.sha256()), exports.get(0).newValue());
            assertTrue(exports.get(1).newValue().startsWith("CSV export of " + entries.size() + " audit entries"),
                    exports.get(1).newValue());
            assertTrue(f.store.auditTrail().verify().intact());
        }
    }

    @Test
    void aPdfOfABrokenTrailSaysWhereItBrokeAndAFailedExportLeavesNoFile() throws Exception {
        Path data = dir.resolve("data");
        try (Part11Fixture f = new Part11Fixture(data)) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            f.store.save(TestRecords.system("LIMS"), null);
            assertEquals(1, DerbyTesting.sql(data, "UPDATE SYS_AUDIT SET NEW_VALUE = 'forged' WHERE SEQ = 3"));
            Path pdfFile = dir.resolve("broken.pdf");
            AuditTrailExport.Result pdf = new AuditTrailExport(f.store).export(AuditQuery.all(), null, Format.PDF,
                    pdfFile);
            assertFalse(pdf.integrity().intact());
            String text = pdfText(pdfFile);
            assertTrue(text.contains("BROKEN at entry 3"), text);
            assertTrue(text.contains("forged"), "the altered entry is shown as it is now:\n" + text);

            Path blocked = Files.createDirectories(dir.resolve("taken.csv")); // a folder with something in it
            Files.writeString(blocked.resolve("keep.txt"), "not to be replaced");
            long before = f.store.auditTrail().size();
            StoreException failed = assertThrows(StoreException.class, () -> new AuditTrailExport(f.store)
                    .export(AuditQuery.all(), null, Format.CSV, blocked));
            assertTrue(failed.getMessage().contains("taken.csv") && failed.getMessage().contains("Nothing"),
                    failed.getMessage());
            assertTrue(Files.isDirectory(blocked));
            try (var listing = Files.list(dir)) {
                assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no leftovers");
            }
            assertEquals(before, f.store.auditTrail().size(), "a failed export is not recorded as one");
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> r = new ArrayList<>(list);
        java.util.Collections.reverse(r);
        return r;
    }

    private static String pdfText(Path file) throws IOException {
        PdfReader reader = new PdfReader(file.toString());
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder b = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                b.append(extractor.getTextFromPage(page)).append('\n');
            }
            return b.toString();
        } finally {
            reader.close();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
