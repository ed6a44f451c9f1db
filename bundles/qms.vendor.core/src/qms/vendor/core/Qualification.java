package qms.vendor.core;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import qms.core.Days;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.lifecycle.ControlledLifecycle;
import qms.core.lifecycle.Lifecycle;
import qms.core.lifecycle.Transition;
import qms.core.lifecycle.Transition.Effect;
import qms.model.SignOff;
import qms.vendor.model.QualificationDecision;
import qms.vendor.model.QualificationStatus;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;

/**
 * A vendor's qualification, declared on the core's controlled lifecycle: Not assessed → Under assessment (Start
 * Assessment) → Qualified, Qualified with conditions or Disqualified by a decision signed "Qualification decided" (Record Decision
 * writes what is decided, Sign Decision signs it). A qualified or disqualified vendor is assessed again with Start
 * Assessment (requalification). A qualification with conditions states them, a disqualification its rationale; the
 * statement signed names the decision, the conditions, the rationale, the criticality and the next requalification.
 */
public final class Qualification {

    /**
     * The meaning a decision is signed with (the module's default signature meaning). Not "Approved": the store lets
     * no one approve a record they wrote, and a QA manager records and signs a decision in one go.
     */
    public static final String DECIDED = "Qualification decided";
    /** The decisions a qualification can end in. */
    public static final Set<QualificationStatus> DECISIONS = EnumSet.of(QualificationStatus.QUALIFIED,
            QualificationStatus.QUALIFIED_WITH_CONDITIONS, QualificationStatus.DISQUALIFIED);

    private final RecordStore store;
    private final ControlledLifecycle<VendorProfile> steps;

    public final Transition<VendorProfile> startAssessment;
    public final Transition<VendorProfile> signDecision;
    public final Transition<VendorProfile> recordDecision;

    public Qualification(RecordStore store) {
        this(store, Clock.systemUTC());
    }

    public Qualification(RecordStore store, Clock clock) {
        this.store = store;
        startAssessment = Transition.<VendorProfile>direct("Start Assessment", "start the assessment of")
                .from(QualificationStatus.NOT_ASSESSED, QualificationStatus.QUALIFIED,
                        QualificationStatus.QUALIFIED_WITH_CONDITIONS, QualificationStatus.DISQUALIFIED)
                .to(QualificationStatus.UNDER_ASSESSMENT)
                .effect(a -> new Effect(List.of(), a.subject().getQualifiedOn() == null ? "Assessment started"
                        : "Requalification started")).build(); // the status moved already; a decision was dated
        signDecision = Transition.<VendorProfile>sign("Sign Decision", "sign the qualification decision on", DECIDED)
                .from(QualificationStatus.UNDER_ASSESSMENT).none("no decision was recorded")
                .effect(a -> decided(a.subject(), (QualificationDecision) a.signOff())).build();
        recordDecision = Transition.<VendorProfile>request("Record Decision", "record a qualification decision on",
                signDecision, VendorPackage.Literals.QUALIFICATION_DECISION).from(QualificationStatus.UNDER_ASSESSMENT)
                .wrongState(p -> "it is " + p.getStatus().getLiteral() + "; start its assessment first")
                .waiting("a decision was recorded and waits for its signature").build();
        steps = new ControlledLifecycle<>(store, clock, Lifecycle.of(VendorProfile.class,
                VendorPackage.Literals.VENDOR_PROFILE__STATUS, Qualification::name).transition(startAssessment)
                .transition(recordDecision).transition(signDecision).build());
    }

    public ControlledLifecycle<VendorProfile> steps() {
        return steps;
    }

    public LocalDate today() {
        return steps.today();
    }

    /** How a refusal names the profile: its vendor ("Cannot sign the qualification decision on Helix …: …"). */
    public static String name(VendorProfile p) {
        return Records.label(p.getVendor());
    }

    /** Why the signed-in user cannot take the step now, or empty. */
    public Optional<String> whyNot(Transition<VendorProfile> step, VendorProfile p) {
        return steps.whyNot(step, p, store.principal() == null ? "" : store.principal().userId());
    }

    /** Starts the (re)assessment of the vendor. */
    public VendorProfile startAssessment(VendorProfile p) {
        return steps.run(startAssessment, p);
    }

    /**
     * Records the decision and signs it ("Approved") in one go, with the signer's password. A decision left unsigned
     * before (a wrong password) is signed if it states the same; another decision is refused while it waits.
     */
    public QualificationDecision decide(VendorProfile p, QualificationStatus decision, String conditions,
            String rationale, String userId, char[] password) {
        String statement = statement(p, decision, conditions, rationale);
        Optional<SignOff> waiting = steps.pending(p, signDecision);
        QualificationDecision d;
        if (waiting.isPresent() && statement.equals(waiting.get().getStatement())) {
            d = (QualificationDecision) waiting.get();
        } else {
            steps.refuseIf(recordDecision, p, problem(decision, conditions, rationale));
            d = steps.request(recordDecision, p, "Qualification of " + Records.label(p.getVendor()) + ": "
                    + decision.getLiteral(), statement, (QualificationDecision q) -> {
                        q.setDecision(decision);
                        q.setDecisionConditions(blank(conditions) ? null : conditions.strip());
                        q.setRationale(blank(rationale) ? null : rationale.strip());
                    });
        }
        steps.sign(signDecision, p, d, userId, password);
        return d;
    }

    /** Why the decision cannot be recorded as given, or empty. */
    public static Optional<String> problem(QualificationStatus decision, String conditions, String rationale) {
        if (decision == null || !DECISIONS.contains(decision)) {
            return Optional.of("a decision is Qualified, Qualified with conditions or Disqualified, not " + (decision
                    == null ? "nothing" : decision.getLiteral()));
        }
        if (decision == QualificationStatus.QUALIFIED_WITH_CONDITIONS && blank(conditions)) {
            return Optional.of("a qualification with conditions states the conditions");
        }
        if (decision == QualificationStatus.DISQUALIFIED && blank(rationale)) {
            return Optional.of("a disqualification states its rationale");
        }
        return Optional.empty();
    }

    /** What the decision's signature binds, as the signature dialog shows it. */
    public String statement(VendorProfile p, QualificationStatus decision, String conditions, String rationale) {
        Criticality c = Criticality.of(p, Vendors.hosted(store, Records.id(p.getVendor())));
        StringBuilder b = new StringBuilder("Qualification decision on ").append(Records.label(p.getVendor()))
                .append("\nDecision: ").append(decision == null ? "(none)" : decision.getLiteral())
                .append("\nCriticality: ").append(c.level().getLiteral()).append(" (").append(c.basis()).append(')');
        if (!blank(conditions)) {
            b.append("\nConditions: ").append(conditions.strip());
        }
        if (!blank(rationale)) {
            b.append("\nRationale: ").append(rationale.strip());
        }
        if (decision != QualificationStatus.DISQUALIFIED) {
            b.append("\nRequalification due: ").append(c.requalificationDue(today(), Vendors.settings(store)).map(
                    LocalDate::toString).orElse("not needed at this criticality"));
        }
        return b.append('\n').toString();
    }

    private Effect decided(VendorProfile p, QualificationDecision d) {
        p.setStatus(d.getDecision());
        if (d.getDecision() != QualificationStatus.DISQUALIFIED) {
            p.setQualifiedOn(Days.day(today()));
        }
        p.setConditions(d.getDecision() == QualificationStatus.QUALIFIED_WITH_CONDITIONS ? d.getDecisionConditions()
                : null);
        return new Effect(List.of(p), "Qualification decision: " + d.getDecision().getLiteral());
    }

    private static boolean blank(String s) {
        return Days.blank(s);
    }
}
