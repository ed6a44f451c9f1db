package qms.core;

import java.util.List;

import org.eclipse.emf.ecore.EPackage;

import org.osgi.service.component.annotations.Component;

import qms.model.QmsPackage;

/** The core model's own contribution; registered as a DS component like any module's. */
@Component(service = ModelContribution.class)
public final class CoreModelContribution implements ModelContribution {

    /** Link type ids of the core. */
    public static final String RELATES_TO = "relatesTo";
    public static final String EVIDENCE_FOR = "evidenceFor";
    public static final String CONCERNS = "concerns";

    @Override
    public List<EPackage> ePackages() {
        return List.of(QmsPackage.eINSTANCE);
    }

    @Override
    public List<LinkType> linkTypes() {
        return List.of(new LinkType(RELATES_TO, "relates to", "is related to"),
                new LinkType(EVIDENCE_FOR, "is evidence for", "has evidence"),
                new LinkType(CONCERNS, "concerns", "is concerned by"));
    }

    @Override
    public List<qms.model.Record> defaultRecords() {
        return List.copyOf(FindingCategories.defaults());
    }
}
