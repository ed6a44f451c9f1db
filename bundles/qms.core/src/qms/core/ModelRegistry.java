package qms.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.emf.ecore.EAnnotation;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.ENamedElement;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.model.QmsPackage;

/**
 * An immutable snapshot of the model the suite runs with: the EPackages, record classes, link types and hints of
 * every {@link ModelContribution} present. Build one with {@link #of(Collection)}; the OSGi side collects the
 * contributions from the service registry ({@link ModelContributions}).
 */
public final class ModelRegistry {

    private final List<EPackage> packages;
    private final List<EClass> recordClasses;
    private final Map<String, EClass> byTypeName;
    private final Map<String, LinkType> linkTypes;
    private final Map<ENamedElement, Map<String, String>> hintOverrides;
    private final List<ModelContribution> contributions;

    private ModelRegistry(Collection<? extends ModelContribution> contributions) {
        this.contributions = List.copyOf(contributions);
        List<EPackage> ps = new ArrayList<>();
        Map<String, LinkType> lts = new LinkedHashMap<>();
        Map<ENamedElement, Map<String, String>> hs = new HashMap<>();
        for (ModelContribution c : contributions) {
            for (EPackage p : c.ePackages()) {
                if (!ps.contains(p)) {
                    ps.add(p);
                }
            }
            c.linkTypes().forEach(t -> lts.putIfAbsent(t.id(), t));
            c.hints().forEach((e, m) -> hs.computeIfAbsent(e, k -> new HashMap<>()).putAll(m));
        }
        ps.sort(Comparator.comparing((EPackage p) -> p != QmsPackage.eINSTANCE).thenComparing(EPackage::getNsURI));
        this.packages = List.copyOf(ps);
        this.linkTypes = Map.copyOf(lts);
        this.hintOverrides = Map.copyOf(hs);
        List<EClass> rcs = new ArrayList<>();
        Map<String, EClass> names = new HashMap<>();
        for (EPackage p : packages) {
            for (EClassifier c : p.getEClassifiers()) {
                if (c instanceof EClass ec && QmsPackage.Literals.RECORD.isSuperTypeOf(ec)) {
                    names.put(typeName(ec), ec);
                    if (!ec.isAbstract() && !ec.isInterface()) {
                        rcs.add(ec);
                    }
                }
            }
        }
        this.recordClasses = List.copyOf(rcs);
        this.byTypeName = Map.copyOf(names);
    }

    public static ModelRegistry of(Collection<? extends ModelContribution> contributions) {
        return new ModelRegistry(contributions);
    }

    /** The core model alone, for tools and tests that run without OSGi. */
    public static ModelRegistry core() {
        return of(List.of(new CoreModelContribution()));
    }

    public List<EPackage> packages() {
        return packages;
    }

    /** Every concrete record class of every contributed package: each has a table in the store. */
    public List<EClass> recordClasses() {
        return recordClasses;
    }

    /** Record classes hinted {@code navigator=true}, in their hinted order. */
    public List<EClass> navigatorRoots() {
        return recordClasses.stream().filter(c -> flag(c, Hints.NAVIGATOR))
                .sorted(Comparator.comparingInt((EClass c) -> intHint(c, Hints.ORDER, 1000))
                        .thenComparing(EClass::getName))
                .toList();
    }

    /** The hint {@code key} of an element: a contributed override, else its EAnnotation, else null. */
    public String hint(ENamedElement element, String key) {
        Map<String, String> override = hintOverrides.get(element);
        if (override != null && override.containsKey(key)) {
            return override.get(key);
        }
        EAnnotation a = element.getEAnnotation(Hints.SOURCE);
        return a == null ? null : a.getDetails().get(key);
    }

    /**
     * The hint {@code key} of a record class, or if it has none of its nearest super class that has it: hints about a
     * class's records ({@link Hints#WRITERS}, {@link Hints#DELETABLE}, {@link Hints#IMMUTABLE}) hold for its sub-classes.
     */
    public String classHint(EClass eClass, String key) {
        String own = hint(eClass, key);
        if (own != null) {
            return own;
        }
        for (EClass s : eClass.getEAllSuperTypes()) { // nearest first: EMF lists them breadth-first from the class
            String v = hint(s, key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public boolean classFlag(EClass eClass, String key) {
        return Boolean.parseBoolean(classHint(eClass, key));
    }

    public boolean flag(ENamedElement element, String key) {
        return Boolean.parseBoolean(hint(element, key));
    }

    public int intHint(ENamedElement element, String key, int otherwise) {
        String v = hint(element, key);
        try {
            return v == null ? otherwise : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /**
     * The features a record's form and its printed form show, in order: hinted {@link Hints#ORDER} first, then
     * declaration order; not the id, hidden, transient or derived features, nor lists of plain values.
     */
    public List<EStructuralFeature> formFeatures(EClass eClass) {
        List<EStructuralFeature> all = new ArrayList<>();
        for (EStructuralFeature f : eClass.getEAllStructuralFeatures()) {
            if (!f.isTransient() && !f.isDerived() && f != QmsPackage.Literals.RECORD__ID && !flag(f, Hints.HIDDEN)
                    && !(f instanceof EAttribute a && a.isMany() && !(a.getEAttributeType() instanceof EEnum))) {
                all.add(f);
            }
        }
        List<EStructuralFeature> declared = List.copyOf(all);
        all.sort(Comparator.comparingInt((EStructuralFeature f) -> intHint(f, Hints.ORDER, 1000))
                .thenComparingInt(declared::indexOf));
        return all;
    }

    /**
     * The records every contribution starts a store with ({@link ModelContribution#defaultRecords()}), new copies on
     * each call, grouped by record class in the contributions' order.
     */
    public Map<EClass, List<qms.model.Record>> defaultRecords() {
        Map<EClass, List<qms.model.Record>> all = new LinkedHashMap<>();
        for (ModelContribution c : contributions) {
            for (qms.model.Record r : c.defaultRecords()) {
                all.computeIfAbsent(r.eClass(), k -> new ArrayList<>()).add(r);
            }
        }
        return all;
    }

    /** The contributed rules on how records of {@code type} may change (rules for its super classes too). */
    public List<ChangeRule> changeRules(EClass type) {
        List<ChangeRule> rules = new ArrayList<>();
        for (ModelContribution c : contributions) {
            c.changeRules().stream().filter(r -> r.type().isSuperTypeOf(type)).forEach(rules::add);
        }
        return rules;
    }

    /**
     * Why a form may not change {@code feature} of {@code object} now, by a contributed {@link ChangeRule} on the
     * record that holds it, or null.
     */
    public String whyLocked(EObject object, EStructuralFeature feature) {
        if (!(org.eclipse.emf.ecore.util.EcoreUtil.getRootContainer(object) instanceof qms.model.Record record)) {
            return null;
        }
        for (ChangeRule rule : changeRules(record.eClass())) {
            String why = rule.whyLocked(record, object, feature);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    public List<LinkType> linkTypes() {
        return linkTypes.values().stream().sorted(Comparator.comparing(LinkType::label)).toList();
    }

    public Optional<LinkType> linkType(String id) {
        return Optional.ofNullable(linkTypes.get(id));
    }

    /** The stable name of a record class, {@code nsPrefix:Name}, as used in the audit trail and the index. */
    public static String typeName(EClass eClass) {
        return eClass.getEPackage().getNsPrefix() + ":" + eClass.getName();
    }

    /**
     * The entries of a map by {@link #typeName(EClass) type name} whose type a contribution present defines
     * ({@code installed}), or whose type none does (a module's that is not installed).
     */
    public <V> Map<String, V> byInstalled(Map<String, V> byTypeName, boolean installed) {
        Map<String, V> out = new java.util.TreeMap<>();
        byTypeName.forEach((name, v) -> {
            if (eClass(name).isPresent() == installed) {
                out.put(name, v);
            }
        });
        return out;
    }

    /** The record class of a {@link #typeName(EClass) type name}, if a contribution present defines it. */
    public Optional<EClass> eClass(String typeName) {
        return Optional.ofNullable(byTypeName.get(typeName));
    }
}
