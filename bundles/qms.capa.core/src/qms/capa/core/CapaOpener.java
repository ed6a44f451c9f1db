package qms.capa.core;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import qms.capa.model.Capa;
import qms.capa.model.CapaPackage;
import qms.core.CoreModelContribution;
import qms.core.CorrectiveActions;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.UserAccount;

/**
 * The CAPA module's side of the core's corrective-actions seam: another module (an incident's post-incident review)
 * opens a CAPA that addresses what it found, owned by whoever opens it and due in 30 days, for its plan to be written
 * and approved like any CAPA's; the caller saves it.
 */
@Component(service = CorrectiveActions.class)
public final class CapaOpener implements CorrectiveActions {

    /** Days a CAPA opened this way has until its plan's due date (the owner moves it while planning). */
    static final int DUE_IN_DAYS = 30;

    @Override
    public List<Record> open(RecordStore store, Record source, String title, String description,
            List<Record> related) {
        Capa c = Records.newRecord(CapaPackage.Literals.CAPA);
        c.setTitle(title);
        c.setReference(String.format("CAPA-%d-%03d", LocalDate.now(ZoneOffset.UTC).getYear(), store.count(Query.of(
                CapaPackage.Literals.CAPA)) + 1));
        c.setDescription(description);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        c.setOpenedOn(CapaLifecycle.day(today));
        c.setDueDate(CapaLifecycle.day(today.plusDays(DUE_IN_DAYS)));
        String user = store.principal() == null ? null : store.principal().userId();
        store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT).where(QmsPackage.Literals.USER_ACCOUNT__USER_ID, user))
                .stream().findFirst().ifPresent(a -> c.setOwner((UserAccount) a));
        List<Record> all = new ArrayList<>(List.of(c, Records.link(CapaModelContribution.ADDRESSES, c, source)));
        related.forEach(r -> all.add(Records.link(CoreModelContribution.RELATES_TO, c, r)));
        return all;
    }
}
