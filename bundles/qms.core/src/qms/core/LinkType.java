package qms.core;

/**
 * A kind of link between records, contributed by a module through {@link ModelContribution#linkTypes()}.
 *
 * @param id           stored in {@code Link.type}, e.g. {@code evidenceFor}
 * @param label        read from source to target, e.g. "is evidence for"
 * @param inverseLabel read from target to source, e.g. "has evidence"
 */
public record LinkType(String id, String label, String inverseLabel) {
}
