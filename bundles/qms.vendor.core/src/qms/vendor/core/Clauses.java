package qms.vendor.core;

import java.util.ArrayList;
import java.util.List;

import qms.core.Records;
import qms.vendor.model.AgreementClause;
import qms.vendor.model.ClauseCoverage;
import qms.vendor.model.ClauseTopic;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.VendorPackage;

/**
 * The GxP clause checklist of an agreement: every topic of {@link ClauseTopic} is required unless the agreement's
 * clause of it says otherwise. A required clause that is absent, or that nobody assessed yet (no row, or no
 * coverage), is a gap; a partial one is a partial gap.
 */
public final class Clauses {

    /**
     * A required clause the agreement does not fully cover.
     *
     * @param coverage Absent, Partial, or null when it is not assessed
     */
    public record Gap(ClauseTopic topic, ClauseCoverage coverage, String section) {

        /** Whether the clause is covered in part (the others are not covered at all, or not known to be). */
        public boolean partial() {
            return coverage == ClauseCoverage.PARTIAL;
        }

        /** "Breach and incident notification: absent", "…: partial (§ 9.1)", "…: not assessed". */
        public String text() {
            return topic.getLiteral() + ": " + (coverage == null ? "not assessed" : coverage.getLiteral()
                    .toLowerCase()) + (section == null || section.isBlank() ? "" : " (" + section.strip() + ")");
        }
    }

    private Clauses() {
    }

    /** The agreement's clause of the topic, if it has one. */
    public static AgreementClause clause(ServiceAgreement a, ClauseTopic topic) {
        for (AgreementClause c : a.getClauses()) {
            if (c.isSetTopic() && c.getTopic() == topic) {
                return c;
            }
        }
        return null;
    }

    /** The gaps of the agreement, in the order of the topics; partial gaps included. */
    public static List<Gap> gaps(ServiceAgreement a) {
        List<Gap> gaps = new ArrayList<>();
        for (ClauseTopic topic : ClauseTopic.VALUES) {
            AgreementClause c = clause(a, topic);
            if (c != null && !c.isRequired()) {
                continue;
            }
            ClauseCoverage coverage = c == null || !c.isSetCoverage() ? null : c.getCoverage();
            if (coverage != ClauseCoverage.PRESENT) {
                gaps.add(new Gap(topic, coverage, c == null ? null : c.getSection()));
            }
        }
        return gaps;
    }

    /** The gaps that are not partial: a required clause absent or not assessed. */
    public static List<Gap> missing(ServiceAgreement a) {
        return gaps(a).stream().filter(g -> !g.partial()).toList();
    }

    /**
     * Adds a clause row, required and not yet assessed, for every topic the agreement has none of (the checklist
     * filled in); returns how many were added. Not saved.
     */
    public static int fillChecklist(ServiceAgreement a) {
        int added = 0;
        for (ClauseTopic topic : ClauseTopic.VALUES) {
            if (clause(a, topic) == null) {
                AgreementClause c = Records.newRecord(VendorPackage.Literals.AGREEMENT_CLAUSE);
                c.setTopic(topic);
                c.setRequired(true);
                a.getClauses().add(c);
                added++;
            }
        }
        return added;
    }
}
