package qms.sop.core;

import java.util.Collection;
import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.core.ChangeRule;
import qms.core.Days;
import qms.core.RecordDiff;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.Record;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionStatus;

/**
 * How SOP versions may be saved, whoever saves them: only a draft's content changes (an approved, effective or
 * superseded version is what was signed; a change is a new version); only one version of an SOP is Effective at a
 * time; a new version is the SOP's next, numbered one above its newest, and starts as a draft, unless it records a
 * version approved on paper before the suite was in use.
 */
final class SopVersionRules implements ChangeRule {

    static final String LOCKED = "Only a draft is edited: a change to a version sent to review or approved is a new"
            + " version (New Version\u2026 on the SOP's form), or return it to draft first";

    @Override
    public EClass type() {
        return SopPackage.Literals.SOP_VERSION;
    }

    @Override
    public String whyLocked(Record record, EObject object, EStructuralFeature feature) {
        return record instanceof SopVersion v && v.getStatus() != VersionStatus.DRAFT ? LOCKED : null;
    }

    @Override
    public String whyNot(RecordStore store, Record stored, Record changed, Collection<? extends Record> batch) {
        SopVersion before = (SopVersion) stored;
        SopVersion after = (SopVersion) changed;
        if (before.getStatus() != VersionStatus.DRAFT) {
            List<RecordDiff.Change> changes = new RecordDiff(store.model(), r -> label(store, r)).between(before,
                    after);
            if (!changes.isEmpty()) {
                return "Cannot change " + changes.get(0).field() + " of " + SopVersions.name(before) + " ("
                        + before.getStatus().getLiteral() + "): " + LOCKED.substring(0, 1).toLowerCase() + LOCKED
                                .substring(1);
            }
        }
        return after.getStatus() == VersionStatus.EFFECTIVE && before.getStatus() != VersionStatus.EFFECTIVE
                ? secondEffective(store, after, batch) : null;
    }

    @Override
    public String whyNotNew(RecordStore store, Record created, Collection<? extends Record> batch) {
        SopVersion v = (SopVersion) created;
        if (v.getSop() == null) {
            return null; // the model's own check names the missing SOP
        }
        qms.sop.model.Sop sop = (qms.sop.model.Sop) store.find(Records.id(v.getSop())).orElse(null);
        if (sop == null) {
            return null;
        }
        List<SopVersion> existing = SopVersions.of(store, sop.getId());
        int next = existing.stream().mapToInt(SopVersion::getVersionNumber).max().orElse(0) + 1;
        for (Record other : batch) { // versions saved together (a migration, the demo) count in order
            if (other != v && other instanceof SopVersion o && Records.id(o.getSop()).equals(sop.getId())
                    && o.getVersionNumber() < v.getVersionNumber() && existing.stream().noneMatch(e -> e.getId().equals(o
                            .getId()))) {
                next = Math.max(next, o.getVersionNumber() + 1);
            }
        }
        if (!sop.getNumber().equals(v.getNumber())) {
            return "Cannot save a version of " + Records.label(sop) + " numbered '" + v.getNumber() + "' (Number): it"
                    + " carries its SOP's number, " + sop.getNumber();
        }
        if (v.getVersionNumber() != next) {
            return "Cannot save " + SopVersions.name(v) + " (Version): the next version of " + Records.label(sop)
                    + " is v" + next;
        }
        if (v.getStatus() != VersionStatus.DRAFT && Days.blank(v.getApprovedOnPaper())) {
            return "Cannot save " + SopVersions.name(v) + " as " + v.getStatus().getLiteral() + " (Status): a new"
                    + " version starts as a draft and is approved by electronic signatures";
        }
        return v.getStatus() == VersionStatus.EFFECTIVE ? secondEffective(store, v, batch) : null;
    }

    /** Why {@code v} may not be Effective now: another version of its SOP is, and stays so in this save. */
    private static String secondEffective(RecordStore store, SopVersion v, Collection<? extends Record> batch) {
        for (SopVersion other : SopVersions.of(store, Records.id(v.getSop()))) {
            boolean leaving = batch.stream().anyMatch(r -> r instanceof SopVersion b && b.getId().equals(other
                    .getId()) && b.getStatus() != VersionStatus.EFFECTIVE);
            if (!other.getId().equals(v.getId()) && other.getStatus() == VersionStatus.EFFECTIVE && !leaving) {
                return "Cannot make " + SopVersions.name(v) + " Effective (Status): " + SopVersions.name(other)
                        + " is Effective, and only one version of an SOP is in force at a time (it is superseded when"
                        + " the next one becomes effective)";
            }
        }
        return null;
    }

    static String label(RecordStore store, EObject r) {
        return r.eIsProxy() ? store.find(Records.id(r)).map(Records::label).orElse(Records.label(r)) : Records.label(
                r);
    }
}
