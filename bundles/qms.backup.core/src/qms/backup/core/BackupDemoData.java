package qms.backup.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import qms.backup.model.BackupCopy;
import qms.backup.model.BackupFrequency;
import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.BackupTool;
import qms.backup.model.LogSource;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.backup.model.VerificationMethod;
import qms.core.DemoContribution;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.EvidenceFile;
import qms.model.QmsPackage;
import qms.model.Record;

/**
 * The backup module's part of the demo: a policy for each seed system, 400 days of backup log up to today (so the
 * dashboard has a year of months to judge), and quarterly restoration tests — the EDC's last one failed (with the finding it raised); the Safety Database lacks an off-site
 * copy; the eTMF is At Risk only because its passed test awaits review — so the views show statuses with their
 * reasons. (Nothing is Compliant: a review needs a signature, which needs a password the demo does not have.)
 */
@Component(service = DemoContribution.class)
public final class BackupDemoData implements DemoContribution {

    static final int DAYS = 400;

    @Override
    public void load(RecordStore store) {
        Optional<ComputerizedSystem> edc = system(store, "EDC Database");
        Optional<ComputerizedSystem> safety = system(store, "Safety Database");
        Optional<ComputerizedSystem> etmf = system(store, "eTMF Repository");
        if (edc.isEmpty() || safety.isEmpty() || etmf.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Record> all = new ArrayList<>();
        BackupPolicy edcPolicy = policy(edc.get(), "EDC nightly (restic)", BackupTool.RESTIC, BackupFrequency.DAILY,
                "sftp:backup@vault.helix-cloud.example:/edc", "edc-db01", copy("Raleigh Data Centre", "US-East",
                        "own", false, true), copy("Helix Cloud Frankfurt", "EU-Central", "Helix Cloud Hosting GmbH",
                                true, true));
        BackupPolicy safetyPolicy = policy(safety.get(), "Safety DB nightly (borg)", BackupTool.BORG,
                BackupFrequency.DAILY, "ssh://backup@argus-pv.example/./safety", null, copy("Argus primary DC",
                        "US-East", "Argus Pharmacovigilance Services", false, true));
        BackupPolicy etmfPolicy = policy(etmf.get(), "eTMF weekly (restic)", BackupTool.RESTIC,
                BackupFrequency.WEEKLY, "/mnt/backup/etmf", "etmf-app", copy("Cambridge HQ", "EU-West", "own",
                        false, true), copy("Offsite tape vault", "EU-West", "IronVault Ltd", true, true));
        etmfPolicy.setRpoHours(8 * 24);
        all.addAll(List.of(edcPolicy, safetyPolicy, etmfPolicy));

        Instant now = Instant.now();
        for (int i = DAYS; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            boolean edcMissed = i == 17 || i == 18; // two nights the job did not run
            if (!edcMissed) {
                add(all, now, entry(edc.get(), day, 1, true, 44_000_000_000L + i * 10_000_000L, 2_850));
            }
            add(all, now, entry(safety.get(), day, 2, i != 9, 12_500_000_000L, 1_260));
            if (day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
                add(all, now, entry(etmf.get(), day, 3, true, 230_000_000_000L, 9_100));
            }
        }
        RestorationTest edcPassed = test(edc.get(), today.minusDays(80), RestoreResult.PASSED,
                "Full restore of the EDC database into the validation environment; study counts compared.");
        RestorationTest edcFailed = test(edc.get(), today.minusDays(12), RestoreResult.FAILED,
                "Restore of last night's snapshot aborted: 3 pack files unreadable after the storage migration.");
        RestorationTest safetyPassed = test(safety.get(), today.minusDays(40), RestoreResult.PASSED,
                "Restore of the safety database to a sandbox; case counts and 20 sampled cases compared.");
        RestorationTest etmfPassed = test(etmf.get(), today.minusDays(30), RestoreResult.PASSED,
                "Restore of the latest weekly backup; 50 sampled documents opened and their checksums compared.");
        all.addAll(List.of(edcPassed, edcFailed, safetyPassed, etmfPassed));
        for (int quarter = 1; quarter <= 3; quarter++) { // the year before: a passed test a quarter each
            all.add(test(edc.get(), today.minusDays(80 + 91 * quarter), RestoreResult.PASSED,
                    "Quarterly restore of the EDC database into the validation environment; study counts compared."));
            all.add(test(safety.get(), today.minusDays(40 + 91 * quarter), RestoreResult.PASSED,
                    "Quarterly restore of the safety database to a sandbox; case counts compared."));
            all.add(test(etmf.get(), today.minusDays(30 + 91 * quarter), RestoreResult.PASSED,
                    "Quarterly restore of the weekly backup; 50 sampled documents opened and compared."));
        }
        store.save(all, "Demo data loaded");

        EvidenceFile report = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        report.setName("edc-restore-test-" + today.minusDays(12) + ".txt");
        report.setMediaType("text/plain");
        report.setDescription("Verification report of the failed EDC restoration test");
        store.storeContent(report, ("Automated restoration test\nPolicy: EDC nightly (restic)\nRestore command: restic"
                + " restore latest --target /tmp/qms-restore-test\nExit code: 1\nErrors: ciphertext verification"
                + " failed (3 packs)\nResult: Failed\n").getBytes(StandardCharsets.UTF_8), "Demo data loaded");
        edcFailed.setEvidence(report);
        List<Record> raised = new ArrayList<>(List.of(edcFailed));
        raised.addAll(FindingRaiser.forFailedRestore(store, edcPolicy, edcFailed, report, today.minusDays(12)
                .atTime(11, 0).toInstant(ZoneOffset.UTC)));
        store.save(raised, "Demo data loaded");
    }

    /** Only what has already happened: today's runs after now are left out. */
    private static void add(List<Record> all, Instant now, BackupLogEntry e) {
        if (!e.getStartedAt().toInstant().isAfter(now)) {
            all.add(e);
        }
    }

    private static Optional<ComputerizedSystem> system(RecordStore store, String name) {
        return store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM).where(
                QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME, name)).stream().map(ComputerizedSystem.class::cast)
                .findFirst();
    }

    private static BackupPolicy policy(ComputerizedSystem system, String name, BackupTool tool,
            BackupFrequency frequency, String repository, String host, BackupCopy... copies) {
        BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
        p.setName(name);
        p.setSystem(system);
        p.setTool(tool);
        p.setFrequency(frequency);
        p.setRepository(repository);
        p.setMatchHost(host);
        p.getCopies().addAll(List.of(copies));
        return p;
    }

    private static BackupCopy copy(String site, String region, String provider, boolean offsite, boolean encrypted) {
        BackupCopy c = Records.newRecord(BackupPackage.Literals.BACKUP_COPY);
        c.setSite(site);
        c.setRegion(region);
        c.setProvider(provider);
        c.setOffsite(offsite);
        c.setEncrypted(encrypted);
        return c;
    }

    private static BackupLogEntry entry(ComputerizedSystem system, LocalDate day, int hour, boolean completed,
            long size, long seconds) {
        BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
        e.setSystem(system);
        Instant at = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
        e.setStartedAt(Date.from(at));
        e.setSnapshotId("demo-" + system.getName().toLowerCase().replace(' ', '-') + "-" + day);
        e.setCompleted(completed);
        e.setSizeBytes(completed ? size : 0);
        e.setDurationSeconds(seconds);
        e.setToolOutput(completed ? "completed" : "failed: repository lock held by a stale process");
        e.setSource(LogSource.MANUAL);
        return e;
    }

    private static RestorationTest test(ComputerizedSystem system, LocalDate day, RestoreResult result,
            String scope) {
        RestorationTest t = Records.newRecord(BackupPackage.Literals.RESTORATION_TEST);
        t.setTitle("Restore test of " + system.getName() + " " + day);
        t.setSystem(system);
        t.setTestedAt(Date.from(day.atTime(10, 0).toInstant(ZoneOffset.UTC)));
        t.setBackupRestored("demo-" + system.getName().toLowerCase().replace(' ', '-') + "-" + day.minusDays(1));
        t.setScope(scope);
        t.setResult(result);
        t.setVerificationMethod(result == RestoreResult.PASSED ? VerificationMethod.RECORD_COUNTS
                : VerificationMethod.CHECKSUMS);
        t.setNotes(result == RestoreResult.PASSED ? "All compared values matched." : "Restore aborted; see the"
                + " evidence.");
        return t;
    }
}
