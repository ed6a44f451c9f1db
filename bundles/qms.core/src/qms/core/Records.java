package qms.core;

import java.util.List;
import java.util.UUID;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.EcoreUtil;

import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Record;

/** Helpers for records: creation with a fresh id, proxies that stand for a record by id, labels. */
public final class Records {

    /** Scheme of the URIs of record proxies: {@code qms:/record#<id>}. */
    public static final String PROXY_SCHEME = "qms";

    private static final List<String> LABEL_NAMES = List.of("name", "title", "fullName");

    private Records() {
    }

    /** A new, unsaved record of the given class with a fresh UUID. */
    @SuppressWarnings("unchecked")
    public static <T extends Record> T newRecord(EClass eClass) {
        if (!QmsPackage.Literals.RECORD.isSuperTypeOf(eClass) || eClass.isAbstract()) {
            throw new IllegalArgumentException(eClass.getName() + " is not a concrete record class");
        }
        T record = (T) EcoreUtil.create(eClass);
        record.setId(UUID.randomUUID().toString());
        return record;
    }

    /** A new link of the given type from {@code source} to {@code target} (saved with them, or later). */
    public static qms.model.Link link(String type, Record source, Record target) {
        qms.model.Link l = newRecord(qms.model.QmsPackage.Literals.LINK);
        l.setType(type);
        l.setSource(source);
        l.setTarget(target);
        return l;
    }

    /** An unresolved stand-in for the record with this id (references of loaded records point at these). */
    public static Record proxy(EClass eClass, String id) {
        Record proxy = (Record) EcoreUtil.create(eClass);
        ((InternalEObject) proxy).eSetProxyURI(URI.createHierarchicalURI(PROXY_SCHEME, null, null,
                new String[] { "record" }, null, id));
        return proxy;
    }

    /** The id of a record, or of the record a proxy stands for. */
    public static String id(EObject object) {
        if (object == null) {
            return null;
        }
        if (object.eIsProxy()) {
            URI uri = ((InternalEObject) object).eProxyURI();
            return uri.fragment();
        }
        return object instanceof Record r ? r.getId() : null;
    }

    /**
     * The attribute that labels records of this class: hinted (the first one a hinted format names), else name,
     * title, fullName, first string.
     */
    public static EAttribute labelAttribute(EClass eClass) {
        String hint = labelHint(eClass);
        if (hint != null) {
            java.util.regex.Matcher m = FORMAT_PART.matcher(hint);
            String name = m.find() ? m.group(1) : hint;
            if (eClass.getEStructuralFeature(name) instanceof EAttribute a) {
                return a;
            }
        }
        for (String name : LABEL_NAMES) {
            if (eClass.getEStructuralFeature(name) instanceof EAttribute a) {
                return a;
            }
        }
        return eClass.getEAllAttributes().stream()
                .filter(a -> a.getEAttributeType() == EcorePackage.Literals.ESTRING && !a.isID())
                .findFirst().orElse(null);
    }

    private static final java.util.regex.Pattern FORMAT_PART = java.util.regex.Pattern.compile("\\{(\\w+)}");

    private static String labelHint(EClass eClass) {
        var hinted = eClass.getEAnnotation(Hints.SOURCE);
        return hinted == null ? null : hinted.getDetails().get(Hints.LABEL);
    }

    /** "{number} v{version}" with the record's own attribute values ("SOP-IT-001 v2"); "" if none is set. */
    private static String format(EObject object, String format) {
        java.util.regex.Matcher m = FORMAT_PART.matcher(format);
        StringBuilder b = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            var f = object.eClass().getEStructuralFeature(m.group(1));
            Object v = f instanceof EAttribute ? object.eGet(f) : null;
            any |= v != null && !v.toString().isBlank();
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(v == null ? "" : v.toString()));
        }
        m.appendTail(b);
        return any ? b.toString().strip() : "";
    }

    /** A short human label: the label attribute's value, or the type and id for unnamed records and proxies. */
    public static String label(EObject object) {
        if (object == null) {
            return "";
        }
        if (object instanceof Link link && !object.eIsProxy()) {
            return (link.getType() == null ? "link" : link.getType()) + ": " + label(link.getSource()) + " \u2192 "
                    + label(link.getTarget());
        }
        String format = object.eIsProxy() ? null : labelHint(object.eClass());
        if (format != null && format.indexOf('{') >= 0) {
            String formatted = format(object, format);
            if (!formatted.isBlank()) {
                return formatted;
            }
        }
        EAttribute a = object.eIsProxy() ? null : labelAttribute(object.eClass());
        Object value = a == null ? null : object.eGet(a);
        if (value != null && !value.toString().isBlank()) {
            return value.toString();
        }
        String id = id(object);
        return object.eClass().getName() + " " + (id == null ? "(new)" : id.substring(0, Math.min(8, id.length())));
    }
}
