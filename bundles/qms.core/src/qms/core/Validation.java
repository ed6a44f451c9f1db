package qms.core;

import java.util.Locale;

import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.emf.ecore.util.EObjectValidator;

import qms.model.Record;

/**
 * Validates records against the model (multiplicities, enum values, the model's invariants) with messages a QA
 * manager can act on: each names the record and the field. The store refuses to save what fails here, and the
 * form editors show the same messages before saving.
 */
public final class Validation {

    private Validation() {
    }

    /**
     * The diagnostic of a record and the records it contains. Each child diagnostic's data starts with the
     * offending object and, where known, the feature.
     */
    public static Diagnostic validate(EObject record) {
        Diagnostic raw = Diagnostician.INSTANCE.validate(record);
        BasicDiagnostic result = new BasicDiagnostic(EObjectValidator.DIAGNOSTIC_SOURCE, 0,
                describe(record) + " is not valid", new Object[] { record });
        collect(raw, result);
        notInTheFuture(record, result);
        record.eAllContents().forEachRemaining(child -> notInTheFuture(child, result));
        return result.getChildren().isEmpty() ? Diagnostic.OK_INSTANCE : result;
    }

    /** Allowed for clocks a little apart (the moment typed on one machine, checked on another). */
    private static final java.time.Duration SKEW = java.time.Duration.ofMinutes(5);

    /** Moments hinted {@link Hints#NOT_FUTURE} that lie in the future. */
    private static void notInTheFuture(EObject object, BasicDiagnostic into) {
        java.time.Instant latest = java.time.Instant.now().plus(SKEW);
        for (org.eclipse.emf.ecore.EAttribute a : object.eClass().getEAllAttributes()) {
            var hints = a.getEAnnotation(Hints.SOURCE);
            if (hints != null && "true".equals(hints.getDetails().get(Hints.NOT_FUTURE)) && !a.isMany()
                    && object.eGet(a) instanceof java.util.Date d && d.toInstant().isAfter(latest)) {
                into.add(new BasicDiagnostic(Diagnostic.ERROR, EObjectValidator.DIAGNOSTIC_SOURCE, 0, describe(object)
                        + ": " + featureLabel(a) + " " + java.time.format.DateTimeFormatter.ofPattern(
                                "yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC).format(d.toInstant())
                        + " is in the future", new Object[] { object, a }));
            }
        }
    }

    private static void collect(Diagnostic d, BasicDiagnostic into) {
        if (d.getChildren().isEmpty()) {
            if (d.getSeverity() >= Diagnostic.WARNING && !isProxyCheck(d)) {
                into.add(friendly(d));
            }
            return;
        }
        d.getChildren().forEach(c -> collect(c, into));
    }

    /**
     * Records refer to each other by id: a referenced record is a proxy, or a copy outside the referring record's
     * resource. EMF's checks that proxies resolve and that referenced objects sit in a resource do not apply.
     */
    private static boolean isProxyCheck(Diagnostic d) {
        return EObjectValidator.DIAGNOSTIC_SOURCE.equals(d.getSource())
                && (d.getCode() == EObjectValidator.EOBJECT__EVERY_PROXY_RESOLVES
                        || d.getCode() == EObjectValidator.EOBJECT__EVERY_REFERENCE_IS_CONTAINED);
    }

    private static Diagnostic friendly(Diagnostic d) {
        Object object = d.getData().isEmpty() ? null : d.getData().get(0);
        EStructuralFeature feature = d.getData().size() > 1 && d.getData().get(1) instanceof EStructuralFeature f ? f
                : null;
        String message = d.getMessage();
        if (EObjectValidator.DIAGNOSTIC_SOURCE.equals(d.getSource())
                && d.getCode() == EObjectValidator.EOBJECT__EVERY_MULTIPCITY_CONFORMS && feature != null) {
            message = featureLabel(feature) + " is required";
        }
        if (object instanceof EObject o) {
            message = describe(o) + ": " + message;
        }
        return new BasicDiagnostic(d.getSeverity(), d.getSource(), d.getCode(), message, d.getData().toArray());
    }

    /** Fails with a {@link ValidationException} listing every problem, if the record is not valid. */
    public static void check(Record record) {
        Diagnostic d = validate(record);
        if (d.getSeverity() >= Diagnostic.ERROR) {
            StringBuilder b = new StringBuilder(describe(record)).append(" cannot be saved: ");
            String sep = "";
            for (Diagnostic c : d.getChildren()) {
                if (c.getSeverity() >= Diagnostic.ERROR) {
                    b.append(sep).append(c.getMessage());
                    sep = "; ";
                }
            }
            throw new ValidationException(b.append(". Nothing was saved.").toString(), d);
        }
    }

    /** A single-problem failure, e.g. a value too long for the store. */
    public static ValidationException failure(EObject record, EStructuralFeature feature, String problem) {
        String message = describe(record) + ": " + featureLabel(feature) + " " + problem;
        BasicDiagnostic d = new BasicDiagnostic(Diagnostic.ERROR, EObjectValidator.DIAGNOSTIC_SOURCE, 0,
                describe(record) + " is not valid", new Object[] { record });
        d.add(new BasicDiagnostic(Diagnostic.ERROR, EObjectValidator.DIAGNOSTIC_SOURCE, 0, message,
                new Object[] { record, feature }));
        return new ValidationException(message + ". Nothing was saved.", d);
    }

    /** "Computerized System 'EDC Database'". */
    public static String describe(EObject record) {
        return typeLabel(record.eClass()) + " '" + Records.label(record) + "'";
    }

    /** "Computerized System" for ComputerizedSystem. */
    public static String typeLabel(EClass eClass) {
        return words(eClass.getName(), true);
    }

    /** "Response due" for responseDue. */
    public static String featureLabel(EStructuralFeature feature) {
        return words(feature.getName(), false);
    }

    private static String words(String camel, boolean titleCase) {
        // "responseDue" -> [response, Due]; "sha256" -> [sha256]; "gxpCriticality" -> [gxp, Criticality]
        String[] parts = camel.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String w = ACRONYMS.getOrDefault(parts[i].toLowerCase(Locale.ROOT), parts[i]);
            boolean acronym = w.length() > 1 && !w.equals(w.toLowerCase(Locale.ROOT)) && !w.substring(1)
                    .equals(w.substring(1).toLowerCase(Locale.ROOT));
            if (i == 0 || titleCase) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            } else if (!acronym) {
                w = w.toLowerCase(Locale.ROOT);
            }
            b.append(i == 0 ? "" : " ").append(w);
        }
        return b.toString();
    }

    private static final java.util.Map<String, String> ACRONYMS = java.util.Map.ofEntries(java.util.Map.entry("gxp",
            "GxP"), java.util.Map.entry("sha256", "SHA-256"), java.util.Map.entry("rpo", "RPO"), java.util.Map.entry(
                    "rto", "RTO"), java.util.Map.entry("sop", "SOP"), java.util.Map.entry("capa", "CAPA"), java.util.Map
                            .entry("sla", "SLA"), java.util.Map.entry("etmf", "eTMF"), java.util.Map.entry("edc",
                                    "EDC"), java.util.Map.entry("nis2", "NIS2"),
            java.util.Map.entry("kpi", "KPI"), java.util.Map.entry("kpis", "KPIs"));
}
