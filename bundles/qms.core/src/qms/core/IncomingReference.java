package qms.core;

import java.util.List;
import java.util.Objects;

import org.eclipse.emf.ecore.EReference;

import qms.model.Record;

/**
 * A record whose reference points at another: {@code source.eGet(reference)} holds (or contains) the target. When
 * the reference belongs to a record contained in another (a CAPA's action pointing at its evidence), {@code source}
 * is the top-level record and {@code containment} the containment references from it down to the record that
 * holds {@code reference} (here: the CAPA's "actions"); otherwise it is empty.
 */
public record IncomingReference(Record source, List<EReference> containment, EReference reference) {

    public IncomingReference {
        Objects.requireNonNull(source, "source");
        containment = List.copyOf(containment);
        Objects.requireNonNull(reference, "reference");
    }

    public IncomingReference(Record source, EReference reference) {
        this(source, List.of(), reference);
    }
}
