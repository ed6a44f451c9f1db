package qms.testing;

import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;

/** Valid records for tests, with only what a test names set by the test. */
public final class TestRecords {

    private TestRecords() {
    }

    /** A computerized system that passes validation (high GxP criticality, pseudonymised data). */
    public static ComputerizedSystem system(String name) {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setName(name);
        s.setGxpCriticality(GxpCriticality.HIGH);
        s.setDataClassification(DataClassification.PSEUDONYMISED);
        return s;
    }
}
