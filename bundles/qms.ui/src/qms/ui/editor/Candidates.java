package qms.ui.editor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.emf.ecore.EClass;

import qms.core.ModelRegistry;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.Record;

/** The records a reference can point at: every stored record of a class compatible with its type. */
final class Candidates {

    private Candidates() {
    }

    static List<EClass> concreteTypes(ModelRegistry model, EClass type) {
        return model.recordClasses().stream().filter(type::isSuperTypeOf).toList();
    }

    static List<Record> of(RecordStore store, EClass type) {
        List<Record> all = new ArrayList<>();
        for (EClass c : concreteTypes(store.model(), type)) {
            all.addAll(store.list(Query.of(c)));
        }
        all.sort(Comparator.comparing(Records::label, String.CASE_INSENSITIVE_ORDER));
        return all;
    }
}
