package qms.store.jpa.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.junit.jupiter.api.Test;

import qms.core.CoreModelContribution;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.model.Person;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Role;
import qms.model.Signature;
import qms.model.UserAccount;
import qms.sop.core.Incidents;
import qms.sop.core.OpenIncidents;
import qms.sop.core.RegulatoryClocks;
import qms.sop.core.SopLifecycle;
import qms.sop.core.SopModelContribution;
import qms.sop.core.Training;
import qms.sop.model.Incident;
import qms.sop.model.IncidentCategory;
import qms.sop.model.IncidentStatus;
import qms.sop.model.IncidentTask;
import qms.sop.model.Notification;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.RegulatoryClock;
import qms.sop.model.Severity;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.TrainingRecord;
import qms.sop.model.VersionStatus;

/**
 * P7: the incident-response module at a large CRO's size — 10,000 incidents not closed (three tasks each, a third
 * notified), 500 SOPs with a superseded and an effective version, 250 people in 5 roles with some 47,500 signed
 * trainings on the two versions — all written through the store API. Measured: the clocks of every open incident
 * (OpenIncidents + RegulatoryClocks) against hand-written SQL reading the same rows, and the training matrix against
 * one hand-written SQL join that yields the same cells. The two must agree on what they count.
 */
class IncidentResponseBenchmark {

    private static final int INCIDENTS = Integer.getInteger("qms.benchmark.incidents", 10_000);
    private static final int SOPS = Integer.getInteger("qms.benchmark.sops", 500);
    private static final int PEOPLE = Integer.getInteger("qms.benchmark.people", 250);
    private static final int ROLES = 5;
    private static final int RUNS = Integer.getInteger("qms.benchmark.runs", 3);

    @Test
    void p7ClocksOfEveryOpenIncidentAndTheTrainingMatrixAgainstHandWrittenSql() throws Exception {
        Path dir = Files.createTempDirectory("qms-p7-");
        Path key = dir.resolveSibling(dir.getFileName() + ".key");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (RecordStore store = new DerbyStoreFactory().open(new StoreConfig(dir, key), ModelRegistry.of(List.of(
                new CoreModelContribution(), new SopModelContribution())), () -> new Principal(ProductRun.USER,
                        "Benchmark"))) {
            BenchmarkReport.enroll(store);
            long t0 = System.nanoTime();
            long trainings = seed((JpaRecordStore) store, today);
            long seeded = (System.nanoTime() - t0) / 1_000_000;
            List<NotificationAgreement> agreements = new Incidents(store).agreements();
            try (Connection c = BenchmarkReport.connect(dir, key)) {
                int[] clocks = clocks(store, agreements); // warm-up of all four, not counted
                int[] rows = incidentRows(c);
                int[] matrix = matrix(store, today);
                int[] joined = matrixSql(c);
                long[][] ms = new long[4][RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long a = System.nanoTime();
                    clocks = clocks(store, agreements);
                    long b = System.nanoTime();
                    rows = incidentRows(c);
                    long d = System.nanoTime();
                    matrix = matrix(store, today);
                    long e = System.nanoTime();
                    joined = matrixSql(c);
                    long f = System.nanoTime();
                    ms[0][i] = (b - a) / 1_000_000;
                    ms[1][i] = (d - b) / 1_000_000;
                    ms[2][i] = (e - d) / 1_000_000;
                    ms[3][i] = (f - e) / 1_000_000;
                }
                if (clocks[0] != rows[0] || clocks[1] != rows[1] || matrix[0] != joined[0] || matrix[1] != joined[1]) {
                    throw new AssertionError(String.format("the store and the SQL disagree: open incidents %d/%d, open"
                            + " tasks %d/%d, matrix cells %d/%d, current %d/%d", clocks[0], rows[0], clocks[1], rows[1],
                            matrix[0], joined[0], matrix[1], joined[1]));
                }
                double[] m = new double[4];
                for (int k = 0; k < 4; k++) {
                    m[k] = BenchmarkReport.median(ms[k]);
                }
                BenchmarkReport.line(String.format("P7 data: %,d open incidents (%,d open tasks), %d SOPs x 2 versions,"
                        + " %d people, %,d signed trainings; seeded through the store API in %,d ms", clocks[0],
                        clocks[1], SOPS, PEOPLE, trainings, seeded));
                BenchmarkReport.line(String.format("P7 clocks of every open incident (%,d with a deadline overdue):"
                        + " median %.0f ms of %s", clocks[2], m[0], Arrays.toString(ms[0])));
                BenchmarkReport.line(String.format("P7 floor, hand-written SQL reading the same rows:         median"
                        + " %.0f ms of %s", m[1], Arrays.toString(ms[1])));
                BenchmarkReport.line(String.format("P7 ratio clocks/SQL = %.2f (goal <= 2)", m[0] / m[1]));
                BenchmarkReport.line(String.format("P7 training matrix (%,d cells, %,d current, %,d overdue): median"
                        + " %.0f ms of %s", matrix[0], matrix[1], matrix[2], m[2], Arrays.toString(ms[2])));
                BenchmarkReport.line(String.format("P7 floor, one hand-written SQL join giving the same cells:  median"
                        + " %.0f ms of %s", m[3], Arrays.toString(ms[3])));
                BenchmarkReport.line(String.format("P7 ratio matrix/SQL = %.2f (goal <= 2)", m[2] / m[3]));
            }
        } finally {
            BenchmarkReport.delete(dir);
        }
    }

    /** Open incidents, their open tasks, and how many have their next deadline overdue. */
    private static int[] clocks(RecordStore store, List<NotificationAgreement> agreements) {
        Map<String, Incident> open = OpenIncidents.read(store, agreements);
        Instant now = Instant.now();
        int tasks = 0;
        int overdue = 0;
        for (Incident i : open.values()) {
            tasks += Incidents.openTasks(i).size();
            RegulatoryClocks.Deadline next = RegulatoryClocks.next(i, agreements);
            if (next != null && next.state(now) == RegulatoryClocks.State.OVERDUE) {
                overdue++;
            }
        }
        return new int[] { open.size(), tasks, overdue };
    }

    private static String t(EClass c) {
        return Naming.table(c);
    }

    private static String col(EStructuralFeature f) {
        return BenchmarkReport.column(f);
    }

    /**
     * The same rows by hand: the open incidents' columns the clocks and tasks need (the store's own list of them),
     * their notifications, their open tasks — every column the store reads, none it does not.
     */
    private static int[] incidentRows(Connection c) throws Exception {
        List<Object[]> incidents = rows(c, "SELECT " + columns(OpenIncidents.INCIDENT) + " FROM " + t(SopPackage
                .Literals.INCIDENT) + " WHERE " + col(SopPackage.Literals.INCIDENT__STATUS) + " <> 'CLOSED'");
        rows(c, "SELECT OWNER_ID, " + columns(List.of(SopPackage.Literals.NOTIFICATION__CLOCK,
                SopPackage.Literals.NOTIFICATION__AGREEMENT, SopPackage.Literals.NOTIFICATION__SENT_AT,
                SopPackage.Literals.NOTIFICATION__RECIPIENT)) + " FROM " + t(SopPackage.Literals.NOTIFICATION));
        List<Object[]> tasks = rows(c, "SELECT OWNER_ID, ID, " + columns(List.of(SopPackage.Literals
                .INCIDENT_TASK__NUMBER, SopPackage.Literals.INCIDENT_TASK__ACTION, SopPackage.Literals.INCIDENT_TASK__DUE,
                SopPackage.Literals.INCIDENT_TASK__OWNER)) + " FROM " + t(SopPackage.Literals.INCIDENT_TASK) + " WHERE "
                + col(SopPackage.Literals.INCIDENT_TASK__STATUS) + " = 'OPEN'");
        return new int[] { incidents.size(), tasks.size() };
    }

    private static String columns(List<EStructuralFeature> features) {
        return String.join(", ", features.stream().map(IncidentResponseBenchmark::col).toList());
    }

    /** Cells, current ones and overdue ones of the matrix. */
    private static int[] matrix(RecordStore store, LocalDate today) {
        Training.Matrix m = new Training(store).matrix(today);
        List<Training.Cell> all = m.all();
        return new int[] { all.size(), (int) all.stream().filter(x -> x.state() == Training.State.CURRENT).count(),
                (int) all.stream().filter(x -> x.state() == Training.State.OVERDUE).count() };
    }

    /**
     * The matrix's cells by hand: one join person × role × effective version (× the person's account), one of the
     * signed trainings, matched in a hash set — as a developer writes it for Derby, whose nested-loop plan for the
     * two as one outer join reads the trainings once per cell.
     */
    private static int[] matrixSql(Connection c) throws Exception {
        String cells = "SELECT p.ID, v.ID, a." + col(QmsPackage.Literals.USER_ACCOUNT__USER_ID) + " FROM " + t(
                QmsPackage.Literals.PERSON) + " p JOIN SYS_REFERENCE pr ON pr.OWNER_ID = p.ID AND pr.FEATURE = 'roles'"
                + " JOIN SYS_REFERENCE vr ON vr.TARGET_ID = pr.TARGET_ID AND vr.FEATURE = 'trainingRoles' JOIN " + t(
                        SopPackage.Literals.SOP_VERSION) + " v ON v.ID = vr.OWNER_ID AND v." + col(SopPackage.Literals
                                .SOP_VERSION__STATUS) + " = 'EFFECTIVE' LEFT JOIN " + t(QmsPackage.Literals
                                        .USER_ACCOUNT) + " a ON a." + col(QmsPackage.Literals.USER_ACCOUNT__PERSON)
                + " = p.ID";
        String trained = "SELECT t." + col(QmsPackage.Literals.SIGN_OFF__SUBJECT) + ", t." + col(QmsPackage.Literals
                .SIGN_OFF__REQUESTED_BY) + " FROM " + t(SopPackage.Literals.TRAINING_RECORD) + " t JOIN " + t(
                        QmsPackage.Literals.SIGNATURE) + " s ON s." + col(QmsPackage.Literals.SIGNATURE__RECORD)
                + " = t.ID WHERE s." + col(QmsPackage.Literals.SIGNATURE__MEANING) + " = 'Read and understood'";
        java.util.Set<String> signed = new java.util.HashSet<>();
        for (Object[] r : rows(c, trained)) {
            signed.add(r[0] + "/" + r[1]);
        }
        List<Object[]> all = rows(c, cells);
        return new int[] { all.size(), (int) all.stream().filter(r -> r[2] != null && signed.contains(r[1] + "/"
                + r[2])).count() };
    }

    private static List<Object[]> rows(Connection c, String sql) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = r.getObject(i + 1);
                }
                out.add(row);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ the data

    /** Writes the data set through the store API (signatures through the store's own write path); the trainings. */
    private static long seed(JpaRecordStore store, LocalDate today) {
        List<Role> roles = new ArrayList<>();
        for (int r = 0; r < ROLES; r++) {
            Role role = Records.newRecord(QmsPackage.Literals.ROLE);
            role.setName("Role " + r);
            roles.add(role);
        }
        store.save(roles, "benchmark data");
        List<Person> people = new ArrayList<>();
        List<UserAccount> accounts = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            Person person = Records.newRecord(QmsPackage.Literals.PERSON);
            person.setFullName(String.format("Person %03d", p));
            person.getRoles().add(roles.get(p % ROLES));
            people.add(person);
            UserAccount a = Records.newRecord(QmsPackage.Literals.USER_ACCOUNT);
            a.setUserId(String.format("u%03d", p));
            a.setFullName(person.getFullName());
            a.setPerson(person);
            a.getRoles().add(qms.model.AccessRole.CONTRIBUTOR);
            accounts.add(a);
        }
        store.save(people, "benchmark data");
        store.save(accounts, "benchmark data");
        UserAccount author = accounts.get(0);
        List<Sop> sops = new ArrayList<>();
        for (int s = 0; s < SOPS; s++) {
            Sop sop = Records.newRecord(SopPackage.Literals.SOP);
            sop.setNumber(String.format("SOP-%03d", s));
            sop.setTitle("Procedure " + s);
            sop.setTrainingWindowDays(30);
            sops.add(sop);
        }
        store.save(sops, "benchmark data");
        List<SopVersion> v1 = new ArrayList<>();
        List<SopVersion> v2 = new ArrayList<>();
        for (int s = 0; s < SOPS; s++) {
            v1.add(version(sops.get(s), 1, VersionStatus.SUPERSEDED, today.minusYears(2), roles.get(s % ROLES), author));
            v2.add(version(sops.get(s), 2, VersionStatus.EFFECTIVE, today.minusDays(60), roles.get(s % ROLES), author));
        }
        store.save(v1, "benchmark data");
        store.save(v2, "benchmark data");
        long trainings = 0;
        for (int p = 0; p < PEOPLE; p++) {
            List<Record> batch = new ArrayList<>();
            for (int s = p % ROLES; s < SOPS; s += ROLES) {
                batch.add(training(v1.get(s), accounts.get(p)));
                if ((p + s) % 10 != 0) {
                    batch.add(training(v2.get(s), accounts.get(p)));
                }
            }
            store.save(batch, "benchmark data");
            store.write(ProductRun.USER, "benchmark data", tx -> {
                for (Record r : batch) {
                    Signature sig = Records.newRecord(QmsPackage.Literals.SIGNATURE);
                    sig.setRecord(Records.proxy(r.eClass(), r.getId()));
                    sig.setMeaning(SopLifecycle.READ_AND_UNDERSTOOD);
                    sig.setSignerUserId(((TrainingRecord) r).getRequestedBy());
                    sig.setPrintedName(((TrainingRecord) r).getTrainee().getFullName());
                    sig.setSignedAt(new Date());
                    sig.setContentHash(String.format("%064x", r.getId().hashCode() & 0xffffffffL));
                    store.upsertIn(tx, sig);
                }
                return null;
            });
            trainings += batch.size();
        }
        Instant now = Instant.now();
        List<Record> batch = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            batch.add(incident(i, now, v2.get(i % SOPS), roles.get(i % ROLES)));
            if (batch.size() == 1_000) {
                store.save(batch, "benchmark data");
                batch.clear();
            }
        }
        store.save(batch, "benchmark data");
        return trainings;
    }

    private static SopVersion version(Sop sop, int n, VersionStatus status, LocalDate effective, Role trained,
            UserAccount author) {
        SopVersion v = Records.newRecord(SopPackage.Literals.SOP_VERSION);
        v.setSop(sop);
        v.setNumber(sop.getNumber());
        v.setVersionNumber(n);
        v.setTitle(sop.getTitle());
        v.setAuthor(author);
        v.setStatus(status);
        v.setApprovedOnPaper("benchmark");
        v.setEffectiveDate(Date.from(effective.atStartOfDay(ZoneOffset.UTC).toInstant()));
        v.setPurpose("Purpose of " + sop.getNumber());
        v.getTrainingRoles().add(trained);
        return v;
    }

    private static TrainingRecord training(SopVersion v, UserAccount trainee) {
        TrainingRecord t = Records.newRecord(SopPackage.Literals.TRAINING_RECORD);
        t.setSubject(v);
        t.setTitle("Training of " + trainee.getFullName() + " on " + v.getNumber() + " v" + v.getVersionNumber());
        t.setStep("Acknowledge Training");
        t.setMeaning(SopLifecycle.READ_AND_UNDERSTOOD);
        t.setRequestedBy(trainee.getUserId());
        t.setRequestedAt(new Date());
        t.setStatement("I have read and understood it.");
        t.setTrainee(trainee);
        return t;
    }

    /** Aware 1 to 1,000 hours ago; half with personal data; a third notified in time; three tasks, one done. */
    private static Incident incident(int i, Instant now, SopVersion under, Role role) {
        Incident x = Records.newRecord(SopPackage.Literals.INCIDENT);
        x.setReference(String.format("INC-%05d", i));
        x.setTitle("Incident " + i);
        x.setCategory(IncidentCategory.get(i % IncidentCategory.VALUES.size()));
        x.setSeverity(Severity.get(i % Severity.VALUES.size()));
        x.setStatus(IncidentStatus.get(i % 4));
        Instant aware = now.minus(Duration.ofHours(1 + i % 1_000));
        x.setDetectedAt(Date.from(aware.minus(Duration.ofHours(1))));
        x.setAwareAt(Date.from(aware));
        x.setPersonalData(i % 2 == 0);
        x.setTrialSubjects(i % 7 == 0);
        x.setSopVersion(under);
        for (int k = 1; k <= 3; k++) {
            IncidentTask task = Records.newRecord(SopPackage.Literals.INCIDENT_TASK);
            task.setNumber(k);
            task.setAction("Step " + k);
            task.setRole(role);
            task.setDue(Date.from(aware.plus(Duration.ofHours(4L * k))));
            if (k == 1) {
                task.setStatus(qms.sop.model.TaskStatus.DONE);
                task.setDoneAt(Date.from(aware.plus(Duration.ofHours(2))));
            }
            x.getTasks().add(task);
        }
        if (i % 2 == 0 && i % 3 == 0) {
            Notification n = Records.newRecord(SopPackage.Literals.NOTIFICATION);
            n.setClock(RegulatoryClock.GDPR_ART33);
            n.setRecipient("the supervisory authority");
            n.setSentAt(Date.from(aware.plus(Duration.ofMinutes(30))));
            x.getNotifications().add(n);
        }
        return x;
    }
}
