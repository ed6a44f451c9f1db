package qms.reports;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.core.Hints;
import qms.core.ModelRegistry;
import qms.core.Records;
import qms.core.Validation;

/**
 * A record's fields as printed: the features its form shows, in the form's order, each as "label: value". Records it
 * contains (a CAPA's actions) follow their container's field, numbered ("Actions 1 › Owner"). Dates are printed in
 * UTC: calendar days as stored, moments with their time.
 */
final class RecordFields {

    /** One printed field. */
    record Field(String label, String value) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RecordFields() {
    }

    static List<Field> of(ModelRegistry model, EObject record) {
        List<Field> fields = new ArrayList<>();
        add(model, record, "", fields);
        return fields;
    }

    private static void add(ModelRegistry model, EObject object, String prefix, List<Field> fields) {
        for (EStructuralFeature f : model.formFeatures(object.eClass())) {
            String label = prefix + Validation.featureLabel(f);
            if (f instanceof EReference r && r.isContainment()) {
                List<?> children = r.isMany() ? (List<?>) object.eGet(r)
                        : object.eIsSet(r) ? List.of(object.eGet(r)) : List.of();
                if (children.isEmpty()) {
                    fields.add(new Field(label, ""));
                }
                int n = 0;
                for (Object child : children) {
                    String numbered = label + (r.isMany() ? " " + ++n : "");
                    fields.add(new Field(numbered, Records.label((EObject) child)));
                    add(model, (EObject) child, numbered + " \u203a ", fields);
                }
            } else {
                fields.add(new Field(label, value(model, f, object.eGet(f))));
            }
        }
    }

    /** A feature's value as text: enum literals, dates in UTC, Yes/No, referenced records by label and type. */
    static String value(ModelRegistry model, EStructuralFeature f, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> many) {
            return many.stream().map(v -> value(model, f, v)).collect(Collectors.joining(f instanceof EReference
                    ? "; " : ", "));
        }
        if (value instanceof qms.model.UserAccount u && !u.eIsProxy() && u.getFullName() != null) {
            return u.getFullName() + " (" + u.getUserId() + ")"; // a person, as signatures print them
        }
        if (value instanceof EObject o) {
            return Records.label(o) + " [" + Validation.typeLabel(o.eClass()) + "]";
        }
        if (value instanceof Enumerator e) {
            return e.getLiteral();
        }
        if (value instanceof Date d) {
            return (model.flag(f, Hints.TIME) ? MOMENT : DAY).format(d.toInstant());
        }
        if (value instanceof Boolean b) {
            return b ? "Yes" : "No";
        }
        return value.toString();
    }
}
