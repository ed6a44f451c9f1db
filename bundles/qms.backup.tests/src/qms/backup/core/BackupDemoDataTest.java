package qms.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.core.BackupCompliance.SystemStatus;
import qms.backup.core.ComplianceRules.Rule;
import qms.backup.model.BackupPackage;
import qms.core.DemoData;
import qms.core.LinkDirection;
import qms.core.Query;
import qms.model.Finding;
import qms.model.FindingSource;
import qms.model.QmsPackage;

/** The demo organisation with the backup module installed: policies, log, tests and the failed test's finding. */
class BackupDemoDataTest {

    @TempDir
    Path dir;

    @Test
    void theDemoShowsEveryKindOfStatusAndAFailedTestsFinding() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            DemoData.load(s.store);
            assertEquals(3, s.store.count(Query.of(BackupPackage.Literals.BACKUP_POLICY)));
            assertTrue(s.store.count(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY)) > 100);
            Finding raised = s.store.list(Query.of(QmsPackage.Literals.FINDING)).stream().map(Finding.class::cast)
                    .filter(f -> f.getSource() == FindingSource.RAISED_BY_MODULE).findFirst().orElseThrow();
            assertEquals("Restoration test of EDC Database failed on " + LocalDate.now(ZoneOffset.UTC).minusDays(12),
                    raised.getTitle(), "the test's day tells two failures of a system apart");
            assertEquals(2, s.store.links(raised.getId(), LinkDirection.BOTH).size(), "test, evidence");
            assertEquals(List.of("EDC Database"), ((Finding) s.store.get(raised.getId())).getAffectedSystems().stream()
                    .map(qms.core.Records::label).toList(), "the system is the finding's affected system");

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            Map<String, SystemStatus> byName = new BackupCompliance(s.store, 14, ZoneOffset.UTC)
                    .assess(today.minusDays(30), today, Instant.now()).stream()
                    .collect(Collectors.toMap(st -> st.system().getName(), st -> st));
            assertRules(byName.get("EDC Database"), Rule.MISSING_BACKUPS, Rule.RESTORE_TEST_DUE_SOON, Rule.REVIEW_PENDING,
                    Rule.FAILED_RESTORE);
            assertRules(byName.get("Safety Database"), Rule.MISSING_BACKUPS, Rule.REVIEW_PENDING, Rule.OFFSITE_COPY);
            assertRules(byName.get("eTMF Repository"), Rule.REVIEW_PENDING);
            assertEquals(ComplianceStatus.AT_RISK, byName.get("eTMF Repository").assessment().status());
        }
    }

    private static void assertRules(SystemStatus s, Rule... rules) {
        assertEquals(List.of(rules), s.assessment().reasons().stream().map(ComplianceRules.Reason::rule).toList(),
                s.system().getName() + ": " + s.assessment().reasons());
    }
}
