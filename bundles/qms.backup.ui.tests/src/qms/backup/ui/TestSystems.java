package qms.backup.ui;

import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;

/** Computerized systems the UI tests save through the store (pseudonymised data, no backup policy yet). */
final class TestSystems {

    private TestSystems() {
    }

    static ComputerizedSystem saved(RecordStore store, String name, GxpCriticality criticality) {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setName(name);
        s.setGxpCriticality(criticality);
        s.setDataClassification(DataClassification.PSEUDONYMISED);
        store.save(s, null);
        return s;
    }
}
