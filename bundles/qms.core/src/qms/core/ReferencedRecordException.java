package qms.core;

import java.util.List;

/**
 * A delete was refused because other records point at the record (links, or references such as a system's hosting
 * vendor). Nothing was deleted. {@link RecordStore#delete(qms.model.Record, String, boolean)} with {@code force}
 * removes the links and clears the references, each audited.
 */
public final class ReferencedRecordException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final List<String> referrers;

    public ReferencedRecordException(String message, List<String> referrers) {
        super(message);
        this.referrers = List.copyOf(referrers);
    }

    /** A description of each referring record, e.g. "Link 'evidence for' from Finding 'F-1'". */
    public List<String> referrers() {
        return referrers;
    }
}
