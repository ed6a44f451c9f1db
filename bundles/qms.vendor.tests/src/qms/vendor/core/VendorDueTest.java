package qms.vendor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.Days;
import qms.core.DemoData;
import qms.core.Query;
import qms.core.Records;
import qms.testing.ModuleTestStore;
import qms.vendor.model.Certification;
import qms.vendor.model.CertificationType;
import qms.vendor.model.ClauseTopic;
import qms.vendor.model.QualificationStatus;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;

/** What is due about vendors, in the task view's terms and as {@code -task vendor-due} prints it; the demo. */
class VendorDueTest {

    @TempDir
    Path dir;
    private VendorFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new VendorFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<String> due(LocalDate day) {
        return new VendorDue(f.store).items(day).stream().map(i -> i.state() + " " + i.kind() + " " + i.when(day))
                .toList();
    }

    @Test
    void requalificationCertificatesAndRenewalsAreDueSoonThenOverdue() {
        LocalDate qualified = LocalDate.of(2024, 2, 29);
        Qualification q = new Qualification(f.store, VendorFixture.clock(qualified));
        q.startAssessment(f.profile());
        q.decide(f.profile(), QualificationStatus.QUALIFIED, null, "Audit acceptable", ModuleTestStore.QA.userId(),
                VendorFixture.QA);
        VendorProfile p = f.profile();
        Certification iso = Records.newRecord(VendorPackage.Literals.CERTIFICATION);
        iso.setType(CertificationType.ISO_27001);
        iso.setValidUntil(Days.day(LocalDate.of(2025, 3, 31)));
        p.getCertifications().add(iso);
        f.store.save(p, "ISO 27001 certificate received");
        ServiceAgreement a = (ServiceAgreement) f.store.get(f.agreement.getId());
        a.setValidUntil(Days.day(LocalDate.of(2025, 6, 30)));
        a.setRenewalNoticeDays(90);
        f.store.save(a, null);
        // High: 12 months from 29 Feb 2024 is 28 Feb 2025; due soon is 60 days ahead
        assertEquals(List.of("LATER REQUALIFICATION due in 61 days", "LATER CERTIFICATE expires in 92 days",
                "LATER AGREEMENT due in 93 days"), due(LocalDate.of(2024, 12, 29)));
        assertEquals(List.of("DUE_SOON REQUALIFICATION due in 60 days", "LATER CERTIFICATE expires in 91 days",
                "LATER AGREEMENT due in 92 days"), due(LocalDate.of(2024, 12, 30)));
        assertEquals(List.of("OVERDUE REQUALIFICATION overdue by 1 day", "DUE_SOON CERTIFICATE expires in 30 days",
                "DUE_SOON AGREEMENT due in 31 days"), due(LocalDate.of(2025, 3, 1)));
        assertEquals(List.of("OVERDUE REQUALIFICATION overdue by 32 days", "OVERDUE CERTIFICATE expired 1 day ago",
                "OVERDUE AGREEMENT due today"), due(LocalDate.of(2025, 4, 1)));
        assertTrue(VendorDue.overdue(f.profile(), Criticality.of(f.profile(), Vendors.hosted(f.store, f.vendor
                .getId())), Vendors.settings(f.store), LocalDate.of(2025, 3, 1)));
    }

    @Test
    void theTaskListsWhatIsDueAndExitsTwoWhenSomethingIsOverdue() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new VendorDueTask(VendorFixture.clock(VendorFixture.TODAY)).execute(f.store, List.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(VendorDueTask.OVERDUE, code, out);
        assertTrue(out.contains("Overdue:\n  Qualification \u2014 Helix Hosting: Not assessed, High (derived from EDC"
                + " (High)): not qualified yet \u2014 due now"), out);
    }

    @Test
    void theDemoHostingVendorIsUnderAssessmentAndItsAgreementHasTwoGapsAndAPartialOne() throws Exception {
        f.close();
        ModuleTestStore test = new ModuleTestStore(dir.resolve("demo"), VendorModelContribution.class);
        try {
            DemoData.load(test.store);
            ServiceAgreement a = test.store.list(Query.of(VendorPackage.Literals.SERVICE_AGREEMENT)).stream().map(
                    ServiceAgreement.class::cast).filter(s -> s.getReference().equals(VendorDemoData.AGREEMENT))
                    .findFirst().orElseThrow();
            assertEquals(List.of(ClauseTopic.BREACH_NOTIFICATION, ClauseTopic.RIGHT_TO_AUDIT, ClauseTopic.EXIT), Clauses
                    .gaps(a).stream().map(Clauses.Gap::topic).toList());
            assertEquals(List.of(ClauseTopic.RIGHT_TO_AUDIT, ClauseTopic.EXIT), Clauses.missing(a).stream().map(
                    Clauses.Gap::topic).toList());
            VendorProfile p = Vendors.profile(test.store, Records.id(a.getVendor())).orElseThrow();
            assertEquals(QualificationStatus.UNDER_ASSESSMENT, p.getStatus());
            assertEquals(14, test.store.count(Query.of(VendorPackage.Literals.KPI_MEASUREMENT)));
            assertTrue(BreachFindings.breaches(test.store, test.store.list(Query.of(VendorPackage.Literals
                    .KPI_MEASUREMENT)).stream().map(qms.vendor.model.KpiMeasurement.class::cast).toList()).isEmpty(),
                    "the demo's measurements meet their targets");
            Path q3 = Path.of(System.getProperty("user.dir")).resolve("../../docs/examples/vendor-kpis-2026-Q3.csv");
            assertTrue(java.nio.file.Files.exists(q3), q3 + " is the README's example");
            MeasurementImport.Result r = new MeasurementImport(test.store).importFile(q3, java.time.Instant.now());
            assertEquals(7, r.imported());
            assertEquals(1, r.raised().size(), "August misses 99.9 %");
        } finally {
            test.close();
        }
    }
}
