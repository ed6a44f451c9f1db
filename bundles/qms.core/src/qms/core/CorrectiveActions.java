package qms.core;

import java.util.List;
import java.util.Optional;

import qms.model.Record;

/**
 * Opens a corrective and preventive action for something a module found (an incident's post-incident review): the
 * seam between modules that raise the need and the module that runs CAPAs, so that neither requires the other. The
 * CAPA module registers it as an OSGi service; without it, {@link #installed()} is empty and the raising module says
 * that a CAPA is to be opened by hand.
 */
public interface CorrectiveActions {

    /** The type of the link from a CAPA to what it addresses (contributed by the CAPA module). */
    String ADDRESSES = "addresses";

    /**
     * A new CAPA for {@code source} (it "addresses" it), related to {@code related} (the SOP version the incident was
     * handled under), owned by the signed-in user, with its links — not saved: the caller saves them with its own
     * change, in one transaction (an incident's closing).
     *
     * @return the CAPA first, then its links
     */
    List<Record> open(RecordStore store, Record source, String title, String description, List<Record> related);

    /** The corrective actions service of the installed CAPA module, if one is installed. */
    static Optional<CorrectiveActions> installed() {
        org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(CorrectiveActions.class);
        org.osgi.framework.BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return Optional.empty();
        }
        org.osgi.framework.ServiceReference<CorrectiveActions> ref = context.getServiceReference(
                CorrectiveActions.class);
        return ref == null ? Optional.empty() : Optional.ofNullable(context.getService(ref));
    }
}
