package qms.store.jpa.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.apache.derby.jdbc.BasicEmbeddedDataSource40;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EcoreFactory;
import org.eclipse.emf.ecore.EcorePackage;

import qms.core.CoreModelContribution;
import qms.core.Hints;
import qms.core.ModelContribution;
import qms.core.ModelRegistry;
import qms.core.RecordStore;
import qms.model.QmsPackage;

/** Raw SQL against a store's booted Derby database (as someone with file access could run it), and test models. */
final class DerbyTesting {

    static final String GADGET_NS = "http://cro-qms.org/test/gadget/1.0";

    private DerbyTesting() {
    }

    /** The key file the tests give a store in {@code dataDir}: beside it, named after it. */
    static Path keyFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".key");
    }

    private static BasicEmbeddedDataSource40 dataSource(Path dataDir) throws java.io.IOException {
        BasicEmbeddedDataSource40 ds = new BasicEmbeddedDataSource40();
        ds.setDatabaseName(dataDir.resolve(DerbyStoreFactory.DATABASE).toAbsolutePath().toString());
        if (java.nio.file.Files.exists(keyFile(dataDir))) { // boots the database if the store closed it
            ds.setConnectionAttributes("bootPassword=" + java.nio.file.Files.readString(keyFile(dataDir)).trim());
        }
        return ds;
    }

    /** Makes the store's principal its first administrator and QA manager, unless an account exists. */
    static RecordStore enrolled(RecordStore store) {
        if (!store.accounts().anyAccount()) {
            store.save(qms.testing.TestAccounts.account(store.principal(), qms.model.AccessRole.ADMINISTRATOR,
                    qms.model.AccessRole.QA_MANAGER), null);
        }
        return store;
    }

    static int sql(Path dataDir, String statement) throws Exception {
        try (Connection c = dataSource(dataDir).getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        }
    }

    /** Rows of a query with parameters, each row a list of column values. */
    static List<List<Object>> query(Path dataDir, String sql, Object... params) throws Exception {
        try (Connection c = dataSource(dataDir).getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The first column of every index on a table, from the JDBC catalogue. */
    static List<String> indexedColumns(Path dataDir, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource(dataDir).getConnection();
                ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rs.next()) {
                if (rs.getShort("ORDINAL_POSITION") == 1) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return columns;
    }

    /**
     * A module's model as it would come from its .ecore: package "gadget" with a record class Gadget, shown in the
     * navigator. {@code extraAttributes} adds String attributes, as a later version of the .ecore would.
     */
    static EPackage gadgetPackage(String... extraAttributes) {
        EcoreFactory f = EcoreFactory.eINSTANCE;
        EPackage p = f.createEPackage();
        p.setName("gadget");
        p.setNsPrefix("gadget");
        p.setNsURI(GADGET_NS);
        EClass gadget = f.createEClass();
        gadget.setName("Gadget");
        gadget.getESuperTypes().add(QmsPackage.Literals.RECORD);
        var hints = f.createEAnnotation();
        hints.setSource(Hints.SOURCE);
        hints.getDetails().put(Hints.NAVIGATOR, "true");
        hints.getDetails().put(Hints.ORDER, "15");
        gadget.getEAnnotations().add(hints);
        gadget.getEStructuralFeatures().add(attribute("name", EcorePackage.Literals.ESTRING, true));
        gadget.getEStructuralFeatures().add(attribute("weight", EcorePackage.Literals.EINT, false));
        for (String extra : extraAttributes) {
            gadget.getEStructuralFeatures().add(attribute(extra, EcorePackage.Literals.ESTRING, false));
        }
        p.getEClassifiers().add(gadget);
        // a generated module has its own factory; this dynamic one makes RecordImpl subclasses, as EMF does for
        // dynamic subclasses of generated classes (EMF's default would try to instantiate the abstract Record)
        p.setEFactoryInstance(new org.eclipse.emf.ecore.impl.EFactoryImpl() {
            @Override
            public org.eclipse.emf.ecore.EObject create(EClass eClass) {
                qms.model.impl.RecordImpl r = new qms.model.impl.RecordImpl() {
                };
                r.eSetClass(eClass);
                return r;
            }
        });
        return p;
    }

    private static EAttribute attribute(String name, org.eclipse.emf.ecore.EDataType type, boolean filter) {
        EAttribute a = EcoreFactory.eINSTANCE.createEAttribute();
        a.setName(name);
        a.setEType(type);
        if (filter) {
            var hints = EcoreFactory.eINSTANCE.createEAnnotation();
            hints.setSource(Hints.SOURCE);
            hints.getDetails().put(Hints.FILTER, "true");
            a.getEAnnotations().add(hints);
        }
        return a;
    }

    static ModelContribution contribution(EPackage p) {
        return () -> List.of(p);
    }

    static ModelRegistry withGadgets(EPackage p) {
        return ModelRegistry.of(List.of(new CoreModelContribution(), contribution(p)));
    }
}
