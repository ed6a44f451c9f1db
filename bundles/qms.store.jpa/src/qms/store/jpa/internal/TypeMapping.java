package qms.store.jpa.internal;

import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.persistence.dynamic.DynamicEntity;
import org.eclipse.persistence.dynamic.DynamicType;

/** How one record class is stored: its table, its JPQL alias, its dynamic entity type and its features. */
final class TypeMapping {

    static final String ID = "id";
    static final String VERSION = "version";
    static final String OWNER_ID = "owner__id";
    static final String OWNER_FEATURE = "owner__feature";
    static final String OWNER_POS = "owner__pos";

    final EClass eClass;
    final String typeName;
    final String table;
    final String alias;
    final List<FeatureMapping> features;
    /** Whether records of this class can be contained in another record (then they have OWNER_* columns). */
    final boolean containable;
    DynamicType type;

    TypeMapping(EClass eClass, String typeName, List<FeatureMapping> features, boolean containable) {
        this.eClass = eClass;
        this.typeName = typeName;
        this.table = Naming.table(eClass);
        this.alias = Naming.alias(eClass);
        this.features = List.copyOf(features);
        this.containable = containable;
    }

    Class<?> javaClass() {
        return type.getJavaClass();
    }

    DynamicEntity newEntity() {
        return type.newDynamicEntity();
    }

    FeatureMapping feature(EStructuralFeature f) {
        for (FeatureMapping m : features) {
            if (m.feature == f) {
                return m;
            }
        }
        return null;
    }
}
