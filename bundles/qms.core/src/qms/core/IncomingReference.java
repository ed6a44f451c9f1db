package qms.core;

import java.util.Objects;

import org.eclipse.emf.ecore.EReference;

import qms.model.Record;

/** A record whose reference points at another: {@code source.eGet(reference)} holds (or contains) the target. */
public record IncomingReference(Record source, EReference reference) {

    public IncomingReference {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reference, "reference");
    }
}
