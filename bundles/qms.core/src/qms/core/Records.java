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

    /** The attribute that labels records of this class: hinted, else name, title, fullName, first string. */
    public static EAttribute labelAttribute(EClass eClass) {
        var hinted = eClass.getEAnnotation(Hints.SOURCE);
        if (hinted != null && hinted.getDetails().get(Hints.LABEL) != null
                && eClass.getEStructuralFeature(hinted.getDetails().get(Hints.LABEL)) instanceof EAttribute a) {
            return a;
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

    /** A short human label: the label attribute's value, or the type and id for unnamed records and proxies. */
    public static String label(EObject object) {
        if (object == null) {
            return "";
        }
        if (object instanceof Link link && !object.eIsProxy()) {
            return (link.getType() == null ? "link" : link.getType()) + ": " + label(link.getSource()) + " \u2192 "
                    + label(link.getTarget());
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
