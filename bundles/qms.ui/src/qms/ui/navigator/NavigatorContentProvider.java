package qms.ui.navigator;

import java.util.Comparator;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.jface.viewers.ITreeContentProvider;

import qms.core.Query;
import qms.core.Records;
import qms.model.Record;
import qms.ui.QmsUi;

/** Groups per navigator root class; a group's records are read from the store when it is expanded. */
final class NavigatorContentProvider implements ITreeContentProvider {

    @Override
    public Object[] getElements(Object input) {
        return QmsUi.get().model().navigatorRoots().stream().map(TypeGroup::new).toArray();
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (parent instanceof TypeGroup g) {
            EAttribute label = Records.labelAttribute(g.eClass());
            Query q = Query.of(g.eClass());
            List<Record> records = QmsUi.get().store().list(label == null ? q : q.orderBy(label, false));
            if (label == null) {
                return records.stream().sorted(Comparator.comparing(Records::label)).toArray();
            }
            return records.toArray();
        }
        return new Object[0];
    }

    @Override
    public Object getParent(Object element) {
        return element instanceof Record r ? new TypeGroup(r.eClass()) : null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof TypeGroup;
    }
}
