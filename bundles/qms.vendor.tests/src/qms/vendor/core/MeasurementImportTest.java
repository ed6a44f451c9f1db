package qms.vendor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.ChangeRefusedException;
import qms.core.LinkDirection;
import qms.core.Query;
import qms.core.Records;
import qms.core.Trace;
import qms.core.ValidationException;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.Link;
import qms.model.QmsPackage;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.VendorPackage;

/** KPI measurements from CSV: a breach raises a finding once; a wrong row is named and nothing is stored. */
class MeasurementImportTest {

    private static final Instant NOW = Instant.parse("2026-10-05T09:00:00Z");
    private static final String HEADER = "agreement,kpi,period,downtime_minutes,value,notes\n";

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

    private Path csv(String rows) throws Exception {
        Path file = dir.resolve("kpis.csv");
        Files.writeString(file, HEADER + rows);
        return file;
    }

    /** The record one trace step from {@code from} whose relation and label read {@code step}. */
    private qms.model.Record step(qms.model.Record from, String step) {
        List<Trace.Step> steps = Trace.steps(f.store, from);
        return steps.stream().filter(s -> (s.relation() + " " + Records.label(s.record())).equals(step)).findFirst()
                .map(Trace.Step::record).orElseThrow(() -> new AssertionError("no step '" + step + "' from "
                        + Records.label(from) + " in " + steps.stream().map(s -> s.relation() + " " + Records.label(s
                                .record())).toList()));
    }

    private long count(org.eclipse.emf.ecore.EClass type) {
        return f.store.count(Query.of(type));
    }

    @Test
    void aQuarterWithOneMonthBelowTargetRaisesOneFindingLinkedToTheMeasurementAndTheAgreementOnce() throws Exception {
        Path file = csv("""
                MSA-1,Availability,2026-07,21,,
                msa-1,availability,2026-08,97,,storage failover
                MSA-1,Availability,2026-09,43,,
                MSA-1,Support response,2026-Q3,,3.5,
                """);
        MeasurementImport.Result r = new MeasurementImport(f.store).importFile(file, NOW);
        assertEquals(4, r.imported());
        assertEquals(1, r.breaches().size());
        assertEquals(1, r.raised().size());
        Finding finding = (Finding) f.store.get(r.raised().get(0).getId());
        assertEquals("SLA breach: Availability of MSA-1 in 2026-08", finding.getTitle());
        assertEquals(FindingGrade.MAJOR, finding.getGrade(), "the agreement covers a High system");
        assertEquals(List.of("EDC", "eTMF"), finding.getAffectedSystems().stream().map(s -> s.getName()).sorted()
                .toList());
        assertEquals(List.of("Helix Hosting"), finding.getAffectedVendors().stream().map(v -> v.getName()).toList());
        assertTrue(finding.getDescription().startsWith("Availability 99.782 % (97 min down of 44,640) misses the"
                + " target of at least 99.9 %"), finding.getDescription());
        KpiMeasurement august = r.breaches().get(0).measurement();
        assertEquals("kpis.csv, line 3", ((KpiMeasurement) f.store.get(august.getId())).getSource());
        List<String> linked = f.store.links(finding.getId(), LinkDirection.OUTGOING).stream().map(Link::getTarget)
                .map(Records::label).sorted().toList();
        assertEquals(List.of("2026-08", "MSA-1 Managed hosting"), linked);
        // the trace goes on from the measurement to its KPI, the agreement, the vendor and the systems it hosts
        qms.model.Record at = finding;
        for (String next : List.of("relates to 2026-08", "KPI Availability", "Agreement MSA-1 Managed hosting",
                "Vendor Helix Hosting", "Hosting vendor of EDC")) {
            at = step(at, next);
        }

        MeasurementImport.Result again = new MeasurementImport(f.store).importFile(file, NOW);
        assertEquals(0, again.imported());
        assertEquals(4, again.skipped(), "the same file adds nothing");
        List<BreachFindings.Breach> breaches = BreachFindings.breaches(f.store, List.of((KpiMeasurement) f.store.get(
                august.getId())));
        assertEquals(1, breaches.size(), "it is still a breach");
        assertEquals(List.of(august.getId()), BreachFindings.all(f.store).stream().map(b -> b.measurement().getId())
                .toList(), "the one breach among the store's measurements");
        assertEquals(List.of(), BreachFindings.raise(f.store, breaches, NOW), "but its finding was raised already");
        assertEquals(1, count(QmsPackage.Literals.FINDING));
    }

    @Test
    void wrongRowsAreNamedByLineAndColumnAndNothingIsStored() throws Exception {
        Path file = csv("""
                MSA-1,Availability,2026-07,21,,
                MSA-9,Availability,2026-08,3,,
                MSA-1,Uptime,2026-08,3,,

                MSA-1,Availability,2026-Q3,3,,
                MSA-1,Availability,2026-09,,99.95,
                MSA-1,Support response,2026-Q3,,four,
                MSA-1,Availability,2026-07,21,,
                MSA-1,Availability,2026-11,50000,,
                """);
        long before = count(VendorPackage.Literals.KPI_MEASUREMENT);
        MeasurementImport.RefusedException e = assertThrows(MeasurementImport.RefusedException.class,
                () -> new MeasurementImport(f.store).importFile(file, NOW));
        assertEquals(List.of(
                "line 3, column 'agreement': there is no agreement with the reference 'MSA-9'",
                "line 4, column 'kpi': MSA-1 has no KPI named 'Uptime'",
                "line 6, column 'period': '2026-Q3' is not a month such as 2026-07 (Availability is measured by month)",
                "line 7, column 'value': is not given for availability; give downtime_minutes",
                "line 7, column 'downtime_minutes': is empty; availability is computed from it (0 if never down)",
                "line 8, column 'value': 'four' is not a number (a decimal point, no unit)",
                "line 9, column 'period': Availability 2026-07 is on line 2 already",
                "line 10, column 'downtime_minutes': 50000 is not between 0 and the period's 43200 minutes"),
                e.problems());
        assertTrue(e.getMessage().startsWith("kpis.csv: 8 rows are wrong; nothing was imported."), e.getMessage());
        assertEquals(before, count(VendorPackage.Literals.KPI_MEASUREMENT), "nothing was stored");
        assertEquals(0, count(QmsPackage.Literals.FINDING));

        Files.writeString(file, "agreement,kpi,when,value\nMSA-1,Availability,2026-07,3\n");
        assertEquals(List.of("line 1: the header has no column 'period', 'downtime_minutes' (expected:"
                + " agreement,kpi,period,downtime_minutes,value,notes)"), assertThrows(
                        MeasurementImport.RefusedException.class, () -> new MeasurementImport(f.store).importFile(file,
                                NOW)).problems());
    }

    @Test
    void aStoredMeasurementIsCorrectedNotDuplicatedAndFormsAreCheckedByTheModel() throws Exception {
        new MeasurementImport(f.store).importFile(csv("MSA-1,Availability,2026-07,21,,\n"), NOW);
        assertEquals(List.of("line 2, column 'downtime_minutes': Availability 2026-07 is stored already with other"
                + " figures (21 min down); correct it on its form, with a reason"), assertThrows(
                        MeasurementImport.RefusedException.class, () -> new MeasurementImport(f.store).importFile(csv(
                                "MSA-1,Availability,2026-07,30,,\n"), NOW)).problems());
        Path capitalised = dir.resolve("capitalised.csv");
        Files.writeString(capitalised, "Agreement,KPI,Period,Downtime_Minutes,Value\nMSA-1,Availability,2026-07,21,\n");
        assertEquals(1, new MeasurementImport(f.store).importFile(capitalised, NOW).skipped(), "the header's case"
                + " does not matter");
        KpiMeasurement twice = Records.newRecord(VendorPackage.Literals.KPI_MEASUREMENT);
        twice.setKpi(f.availability);
        twice.setPeriod("2026-07");
        twice.setDowntimeMinutes(5);
        assertTrue(assertThrows(ChangeRefusedException.class, () -> f.store.save(twice, null)).getMessage().contains(
                "Availability has a measurement for 2026-07 already"));
        KpiMeasurement bad = Records.newRecord(VendorPackage.Literals.KPI_MEASUREMENT);
        bad.setKpi(f.availability);
        bad.setPeriod("July 2026");
        bad.setValue(99.0);
        String invalid = assertThrows(ValidationException.class, () -> f.store.save(bad, null)).getMessage();
        assertTrue(invalid.contains("Period 'July 2026' is not a month such as 2026-07"), invalid);
        assertTrue(invalid.contains("Downtime minutes is required for availability"), invalid);
    }
}
