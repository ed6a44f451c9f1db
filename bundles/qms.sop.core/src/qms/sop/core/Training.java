package qms.sop.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import qms.core.Days;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.Person;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionStatus;

/**
 * Read-and-understood training: who must acknowledge which SOP's version in force (the people holding one of its
 * training roles), and where each stands — current (signed the version in force; a signature on an earlier version
 * does not count), due (within the SOP's training window from the day the version became effective) or overdue.
 * Computed in a few reads of the whole store (people, accounts, effective versions, training records and their
 * signatures), not a read per person: the matrix of 500 SOPs and 50,000 training records is benchmark P7.
 */
public final class Training {

    public enum State {
        CURRENT("Current"), DUE("Due"), OVERDUE("Overdue");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One person's training on one SOP: its version in force, where it stands, and by when it is due. */
    public record Cell(String personId, String personName, String userId, Sop sop, String versionId,
            String versionName, State state, LocalDate dueBy) {
    }

    /** The matrix: people (those who must be trained on something) × SOPs in force, and each cell that applies. */
    public record Matrix(List<Person> people, List<Sop> sops, Map<String, Map<String, Cell>> cells) {

        /** The cell of a person and an SOP, or null where the person need not be trained on it. */
        public Cell cell(String personId, String sopId) {
            return cells.getOrDefault(personId, Map.of()).get(sopId);
        }

        public List<Cell> all() {
            List<Cell> all = new ArrayList<>();
            cells.values().forEach(m -> all.addAll(m.values()));
            return all;
        }
    }

    private final RecordStore store;

    public Training(RecordStore store) {
        this.store = store;
    }

    /** The training matrix on {@code today}. */
    public Matrix matrix(LocalDate today) {
        Map<String, Sop> sops = new LinkedHashMap<>();
        for (Record r : store.list(Query.of(SopPackage.Literals.SOP).orderBy(SopPackage.Literals.SOP__NUMBER, false))) {
            sops.put(r.getId(), (Sop) r);
        }
        List<SopVersion> effective = store.list(Query.of(SopPackage.Literals.SOP_VERSION).where(SopPackage.Literals
                .SOP_VERSION__STATUS, VersionStatus.EFFECTIVE)).stream().map(SopVersion.class::cast).toList();
        Map<String, String> userOfPerson = new HashMap<>();
        store.scan(Query.of(QmsPackage.Literals.USER_ACCOUNT), List.of(QmsPackage.Literals.USER_ACCOUNT__USER_ID,
                QmsPackage.Literals.USER_ACCOUNT__PERSON, QmsPackage.Literals.USER_ACCOUNT__ACTIVE), row -> {
                    if (row[1] != null && Boolean.TRUE.equals(row[2])) {
                        userOfPerson.putIfAbsent((String) row[1], (String) row[0]);
                    }
                });
        Set<String> trained = trained();
        Map<String, Map<String, Cell>> cells = new HashMap<>();
        List<Person> people = new ArrayList<>();
        for (Record r : store.list(Query.of(QmsPackage.Literals.PERSON).orderBy(QmsPackage.Literals.PERSON__FULL_NAME,
                false))) {
            Person p = (Person) r;
            Set<String> roles = new HashSet<>();
            p.getRoles().forEach(role -> roles.add(Records.id(role)));
            String user = userOfPerson.get(p.getId());
            for (SopVersion v : effective) {
                Sop sop = sops.get(Records.id(v.getSop()));
                if (sop == null || v.getTrainingRoles().stream().noneMatch(role -> roles.contains(Records.id(role)))) {
                    continue;
                }
                LocalDate since = Days.dayOf(v.getEffectiveDate());
                LocalDate dueBy = since == null ? today : since.plusDays(sop.getTrainingWindowDays());
                State state = user != null && trained.contains(v.getId() + "/" + user) ? State.CURRENT : today.isAfter(
                        dueBy) ? State.OVERDUE : State.DUE;
                cells.computeIfAbsent(p.getId(), k -> new HashMap<>()).put(sop.getId(), new Cell(p.getId(), p
                        .getFullName(), user, sop, v.getId(), Records.label(v), state, dueBy));
            }
            if (cells.containsKey(p.getId())) {
                people.add(p);
            }
        }
        List<Sop> inForce = effective.stream().map(v -> sops.get(Records.id(v.getSop()))).filter(s -> s != null)
                .distinct().sorted(Comparator.comparing(Sop::getNumber)).toList();
        return new Matrix(people, inForce, cells);
    }

    /**
     * "versionId/userId" of every training record signed "Read and understood" (one scan of the records, one of the
     * signatures of that meaning). The record is never changed once written (the store refuses it), so its signature
     * binds it as written.
     */
    private Set<String> trained() {
        Set<String> signed = new HashSet<>();
        store.scan(Query.of(QmsPackage.Literals.SIGNATURE).where(QmsPackage.Literals.SIGNATURE__MEANING,
                SopLifecycle.READ_AND_UNDERSTOOD), List.of(QmsPackage.Literals.SIGNATURE__RECORD), row -> signed.add(
                        (String) row[0]));
        Set<String> trained = new HashSet<>();
        store.scan(Query.of(SopPackage.Literals.TRAINING_RECORD), List.of(QmsPackage.Literals.RECORD__ID,
                QmsPackage.Literals.SIGN_OFF__SUBJECT, QmsPackage.Literals.SIGN_OFF__REQUESTED_BY), row -> {
                    if (signed.contains((String) row[0])) {
                        trained.add(row[1] + "/" + row[2]);
                    }
                });
        return trained;
    }
}
