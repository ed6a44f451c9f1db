package qms.vendor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.model.BackupFrequency;
import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.backup.model.VerificationMethod;
import qms.core.BackupAssurance;
import qms.core.RecordFlags;
import qms.core.RecordFlags.Flag;
import qms.core.RecordFlags.Severity;
import qms.core.Records;
import qms.model.Record;
import qms.vendor.model.ServiceAgreement;

/**
 * The agreement's backup commitments against the backup module's policies, through the core's seam (the backup
 * module is installed in this test's runtime, as in the full product): what it commits to less than the policy
 * requires, at the boundary, and how the backups did — measured from the backup log, not typed.
 */
class BackupCommitmentsTest {

    private static final Instant AS_OF = VendorFixture.TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theAgreementMustCommitToAtLeastWhatTheCoveredSystemsPoliciesRequire() throws Exception {
        try (VendorFixture f = new VendorFixture(dir)) {
            assertTrue(BackupAssurance.installed().isPresent(), "the backup module answers the seam");
            BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
            p.setName("EDC nightly");
            p.setSystem(f.edc);
            p.setFrequency(BackupFrequency.DAILY);
            p.setRpoHours(24);
            p.setRtoHours(4);
            p.setRestoreTestCadenceDays(90);
            p.setEncryptionRequired(false);
            p.setOffsiteCopyRequired(false);
            ServiceAgreement a = (ServiceAgreement) f.store.get(f.agreement.getId());
            a.setRpoHours(24); // as required: the boundary is met
            a.setRtoHours(8);
            a.setBackupFrequencyHours(null);
            a.setRestoreTestsPerYear(2);
            f.store.save(List.<Record>of(p, a), null);

            List<String> edcPolicy = List.of(
                    "Agreement MSA-1 allows an RTO of 8 h where EDC's backup policy 'EDC nightly' requires at most 4 h",
                    "Agreement MSA-1 states no backup interval where EDC's backup policy 'EDC nightly' requires at most"
                            + " 24 h",
                    "Agreement MSA-1 commits to 2 restoration tests a year where EDC's backup policy 'EDC nightly'"
                            + " requires 4 (one every 90 days)");
            List<Flag> flags = check(f);
            assertEquals(edcPolicy, flags.subList(0, 3).stream().map(Flag::text).toList(), "eTMF has no policy");
            assertEquals(4, flags.size(), flags.toString());
            Flag measured = flags.get(3);
            assertEquals(Severity.PROBLEM, measured.severity());
            assertTrue(measured.text().startsWith("Backups of EDC, which MSA-1 covers, were Non-Compliant over the last"
                    + " 30 days: No completed backup on record; No completed backup on 29 day(s): "), measured.text());
            assertTrue(measured.text().endsWith("; No passed restoration test on record"), measured.text());

            a = (ServiceAgreement) f.store.get(a.getId());
            a.setRtoHours(4);
            a.setBackupFrequencyHours(24);
            a.setRestoreTestsPerYear(4);
            List<Record> log = new ArrayList<>(List.of(a));
            for (int i = 0; i <= 40; i++) {
                BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
                e.setSystem(f.edc);
                e.setStartedAt(Date.from(VendorFixture.TODAY.minusDays(i).atTime(1, 0).toInstant(ZoneOffset.UTC)));
                e.setSnapshotId("edc-" + i);
                e.setCompleted(true);
                log.add(e);
            }
            RestorationTest t = Records.newRecord(BackupPackage.Literals.RESTORATION_TEST);
            t.setTitle("Quarterly restore of EDC");
            t.setSystem(f.edc);
            t.setTestedAt(Date.from(VendorFixture.TODAY.minusDays(20).atTime(10, 0).toInstant(ZoneOffset.UTC)));
            t.setResult(RestoreResult.PASSED);
            t.setVerificationMethod(VerificationMethod.CHECKSUMS);
            log.add(t);
            f.store.save(log, null);
            assertEquals(List.of(new Flag(Severity.WARNING, "Backups of EDC, which MSA-1 covers, were At Risk over the"
                    + " last 30 days: The restoration test of " + VendorFixture.TODAY.minusDays(20) + " passed but its"
                    + " review is not signed yet")), check(f), "every commitment met; the test is not reviewed yet");

            List<String> onTheForm = RecordFlags.of(f.store, f.store.get(a.getId())).stream().map(Flag::text)
                    .toList();
            // the form measures as of now, not the fixture's day: which status depends on the day the test runs
            assertTrue(onTheForm.stream().anyMatch(t2 -> t2.startsWith("Backups of EDC, which MSA-1 covers, were ")),
                    "the agreement's form shows it: " + onTheForm);
        }
    }

    private static List<Flag> check(VendorFixture f) {
        return BackupCommitments.check(f.store, (ServiceAgreement) f.store.get(f.agreement.getId()), AS_OF);
    }
}
