package qms.core;

/** Which links of a record to follow. */
public enum LinkDirection {
    /** Links whose source is the record: what the record links to. */
    OUTGOING,
    /** Links whose target is the record: what links to the record. */
    INCOMING,
    BOTH
}
