package qms.store.jpa.internal;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EcoreFactory;
import org.eclipse.emf.ecore.EcorePackage;

import qms.core.Hints;
import qms.model.QmsPackage;

/**
 * A small module model, as a module's .ecore would declare it, for the controlled lifecycle's tests: a Permit with a
 * status (Draft, In review, Approved, Withdrawn), a start that may not lie in the future, an append-only list of
 * contained entries stamped with who recorded them when, and a sign-off class.
 */
final class PermitModel {

    final EPackage ePackage;
    final EClass permit;
    final EAttribute name;
    final EAttribute author;
    final EAttribute status;
    final EReference entries;
    final EClass entry;
    final EAttribute text;
    final EAttribute recordedBy;
    final EAttribute recordedAt;
    final EAttribute startsAt;
    final EClass approval;
    final EEnumLiteral draft;
    final EEnumLiteral inReview;
    final EEnumLiteral approved;
    final EEnumLiteral withdrawn;

    PermitModel() {
        EcoreFactory f = EcoreFactory.eINSTANCE;
        ePackage = f.createEPackage();
        ePackage.setName("permit");
        ePackage.setNsPrefix("permit");
        ePackage.setNsURI("http://cro-qms.org/test/permit/1.0");
        EEnum states = f.createEEnum();
        states.setName("PermitStatus");
        draft = literal(states, "DRAFT", "Draft", 0);
        inReview = literal(states, "IN_REVIEW", "In review", 1);
        approved = literal(states, "APPROVED", "Approved", 2);
        withdrawn = literal(states, "WITHDRAWN", "Withdrawn", 3);
        ePackage.getEClassifiers().add(states);

        entry = record("Entry");
        hint(entry, Hints.IMMUTABLE, "true");
        text = attribute(entry, "text", EcorePackage.Literals.ESTRING);
        text.setLowerBound(1);
        recordedBy = attribute(entry, "recordedBy", EcorePackage.Literals.ESTRING);
        hint(recordedBy, Hints.STAMP, "user");
        recordedAt = attribute(entry, "recordedAt", EcorePackage.Literals.EDATE);
        hint(recordedAt, Hints.STAMP, "time");

        permit = record("Permit");
        name = attribute(permit, "name", EcorePackage.Literals.ESTRING);
        name.setLowerBound(1);
        author = attribute(permit, "author", EcorePackage.Literals.ESTRING);
        status = attribute(permit, "status", states);
        status.setDefaultValueLiteral("Draft");
        startsAt = attribute(permit, "startsAt", EcorePackage.Literals.EDATE);
        hint(startsAt, Hints.NOT_FUTURE, "true");
        entries = f.createEReference();
        entries.setName("entries");
        entries.setEType(entry);
        entries.setContainment(true);
        entries.setUpperBound(-1);
        permit.getEStructuralFeatures().add(entries);

        approval = f.createEClass();
        approval.setName("PermitApproval");
        approval.getESuperTypes().add(QmsPackage.Literals.SIGN_OFF);
        ePackage.getEClassifiers().add(approval);

        ePackage.setEFactoryInstance(new org.eclipse.emf.ecore.impl.EFactoryImpl() {
            @Override
            public EObject create(EClass eClass) {
                if (QmsPackage.Literals.SIGN_OFF.isSuperTypeOf(eClass)) {
                    qms.model.impl.SignOffImpl s = new qms.model.impl.SignOffImpl() {
                    };
                    s.eSetClass(eClass);
                    return s;
                }
                qms.model.impl.RecordImpl r = new qms.model.impl.RecordImpl() {
                };
                r.eSetClass(eClass);
                return r;
            }
        });
    }

    private EClass record(String className) {
        EClass c = EcoreFactory.eINSTANCE.createEClass();
        c.setName(className);
        c.getESuperTypes().add(QmsPackage.Literals.RECORD);
        ePackage.getEClassifiers().add(c);
        return c;
    }

    private static EAttribute attribute(EClass owner, String name, org.eclipse.emf.ecore.EClassifier type) {
        EAttribute a = EcoreFactory.eINSTANCE.createEAttribute();
        a.setName(name);
        a.setEType(type);
        owner.getEStructuralFeatures().add(a);
        return a;
    }

    private static EEnumLiteral literal(EEnum e, String name, String literal, int value) {
        EEnumLiteral l = EcoreFactory.eINSTANCE.createEEnumLiteral();
        l.setName(name);
        l.setLiteral(literal);
        l.setValue(value);
        e.getELiterals().add(l);
        return l;
    }

    private static void hint(org.eclipse.emf.ecore.EModelElement c, String key, String value) {
        var hints = EcoreFactory.eINSTANCE.createEAnnotation();
        hints.setSource(Hints.SOURCE);
        hints.getDetails().put(key, value);
        c.getEAnnotations().add(hints);
    }
}
