package qms.sop.core;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.emf.ecore.util.EcoreUtil;

import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.lifecycle.StepRefusedException;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.UserAccount;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionStatus;

/** An SOP's versions: reading them, the one in force, and starting the next one. */
public final class SopVersions {

    private SopVersions() {
    }

    /** "SOP-IT-001 v2". */
    public static String name(SopVersion v) {
        return Records.label(v);
    }

    /** The SOP's versions (by its id), oldest first, read whole. */
    public static List<SopVersion> of(RecordStore store, String sopId) {
        Sop sop = (Sop) store.get(sopId);
        return store.list(Query.of(SopPackage.Literals.SOP_VERSION).where(SopPackage.Literals.SOP_VERSION__NUMBER, sop
                .getNumber())).stream().map(r -> (SopVersion) store.get(r.getId())).filter(v -> sopId.equals(Records
                        .id(v.getSop()))).sorted(Comparator.comparingInt(SopVersion::getVersionNumber)).toList();
    }

    /** The SOP's version in force, if one is. */
    public static Optional<SopVersion> effective(RecordStore store, String sopId) {
        return of(store, sopId).stream().filter(v -> v.getStatus() == VersionStatus.EFFECTIVE).findFirst();
    }

    /** The SOP's version being written or reviewed (Draft, In review or Approved, not yet in force), if any. */
    public static Optional<SopVersion> inProgress(RecordStore store, String sopId) {
        return of(store, sopId).stream().filter(v -> v.getStatus() == VersionStatus.DRAFT || v.getStatus()
                == VersionStatus.IN_REVIEW || v.getStatus() == VersionStatus.APPROVED).findFirst();
    }

    /** Every approved version (not yet in force), read whole. */
    static List<SopVersion> approved(RecordStore store) {
        return store.list(Query.of(SopPackage.Literals.SOP_VERSION).where(SopPackage.Literals.SOP_VERSION__STATUS,
                VersionStatus.APPROVED)).stream().map(r -> (SopVersion) store.get(r.getId())).toList();
    }

    /** The account of a user id, if there is one. */
    public static Optional<UserAccount> account(RecordStore store, String userId) {
        return store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT).where(QmsPackage.Literals.USER_ACCOUNT__USER_ID,
                userId)).stream().map(UserAccount.class::cast).findFirst();
    }

    /**
     * Starts the SOP's next version as a draft written by the signed-in user: a copy of the newest version's content
     * (none for the first), numbered one above it; saved. Refused while a version is being written or reviewed.
     */
    public static SopVersion newVersion(RecordStore store, Sop sop) {
        Optional<SopVersion> open = inProgress(store, sop.getId());
        if (open.isPresent()) {
            throw new StepRefusedException("Cannot start a new version of " + Records.label(sop) + ": "
                    + name(open.get()) + " is " + open.get().getStatus().getLiteral() + "; finish it (or return it to"
                    + " draft and edit it) first. Nothing was changed.");
        }
        List<SopVersion> all = of(store, sop.getId());
        String user = store.principal() == null ? null : store.principal().userId();
        SopVersion v = all.isEmpty() ? first(store, sop, user) : draftFrom(store, sop, all.get(all.size() - 1), user);
        store.save(v, null);
        return (SopVersion) store.get(v.getId());
    }

    private static SopVersion first(RecordStore store, Sop sop, String user) {
        SopVersion v = Records.newRecord(SopPackage.Literals.SOP_VERSION);
        v.setSop(sop);
        v.setNumber(sop.getNumber());
        v.setVersionNumber(1);
        v.setTitle(sop.getTitle());
        account(store, user).ifPresent(v::setAuthor);
        return v;
    }

    /** A draft of the SOP's next version with the content of {@code from}, by {@code user}; not saved. */
    static SopVersion draftFrom(RecordStore store, Sop sop, SopVersion from, String user) {
        SopVersion v = EcoreUtil.copy(from);
        v.setId(Records.newRecord(SopPackage.Literals.SOP_VERSION).getId());
        v.eAllContents().forEachRemaining(o -> ((Record) o).setId(java.util.UUID.randomUUID().toString()));
        v.eAdapters().clear();
        v.eAllContents().forEachRemaining(o -> o.eAdapters().clear());
        v.setSop(sop);
        v.setNumber(sop.getNumber());
        v.setVersionNumber(of(store, sop.getId()).stream().mapToInt(SopVersion::getVersionNumber).max().orElse(0) + 1);
        v.setStatus(VersionStatus.DRAFT);
        v.setApprovedOn(null);
        v.setSupersededOn(null);
        v.setRetiredOn(null);
        v.setApprovedOnPaper(null);
        v.setEffectiveDate(null);
        v.setChangeSummary(null);
        v.setAuthor(account(store, user).orElse(null));
        return v;
    }
}
