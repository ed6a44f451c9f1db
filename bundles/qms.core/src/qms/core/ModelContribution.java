package qms.core;

import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.ENamedElement;
import org.eclipse.emf.ecore.EPackage;

/**
 * How a module plugs its model into the suite: register an implementation as an OSGi service (a DS component).
 * The store creates tables for the concrete {@code Record} subclasses of the contributed packages, the navigator
 * shows the classes hinted {@code navigator=true}, and the form editors read the hints. The core model is
 * contributed the same way.
 */
public interface ModelContribution {

    /** The EPackages this module adds. Their record classes must extend {@code qms.model.Record}. */
    List<EPackage> ePackages();

    /** Link types this module adds (the core adds the generic ones). */
    default List<LinkType> linkTypes() {
        return List.of();
    }

    /**
     * Hints for model elements, overriding or adding to the EAnnotations with source {@link Hints#SOURCE}, e.g.
     * to show another module's class in the navigator or to order a feature in a form.
     */
    default Map<ENamedElement, Map<String, String>> hints() {
        return Map.of();
    }

    /**
     * Records a store starts with once this contribution is present (e.g. the finding categories), new ones on each
     * call. The store writes the defaults of a record class once: when it first opens with the class and holds no
     * records of it, attributed to the suite and audited. Editing or deleting them afterwards is the users' business;
     * they do not come back.
     */
    default List<qms.model.Record> defaultRecords() {
        return List.of();
    }

    /** Rules on how this module's stored records may change, checked by the store on every save (see {@link ChangeRule}). */
    default List<ChangeRule> changeRules() {
        return List.of();
    }
}
