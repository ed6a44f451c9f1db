package qms.backup.core;

/** The computed compliance of a system's backups, worst last. */
public enum ComplianceStatus {

    COMPLIANT("Compliant"), AT_RISK("At Risk"), NON_COMPLIANT("Non-Compliant");

    private final String label;

    ComplianceStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The worse of the two. */
    public ComplianceStatus worst(ComplianceStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
