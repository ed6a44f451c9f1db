package qms.capa.core;

import java.util.List;

import org.eclipse.emf.ecore.EPackage;
import org.osgi.service.component.annotations.Component;

import qms.capa.model.CapaPackage;
import qms.core.LinkType;
import qms.core.ModelContribution;

/** The CAPA module's model and its link type: a CAPA "addresses" findings, incidents, deviations or failed tests. */
@Component(service = ModelContribution.class)
public final class CapaModelContribution implements ModelContribution {

    /** Link type from a CAPA to what it addresses. */
    public static final String ADDRESSES = qms.core.CorrectiveActions.ADDRESSES;

    @Override
    public List<EPackage> ePackages() {
        return List.of(CapaPackage.eINSTANCE);
    }

    @Override
    public List<LinkType> linkTypes() {
        return List.of(new LinkType(ADDRESSES, "addresses", "is addressed by"));
    }

    @Override
    public List<qms.core.ChangeRule> changeRules() {
        return List.of(new CapaDueDates(), new qms.core.lifecycle.LifecycleStatusRule(CapaPackage.Literals.CAPA,
                CapaPackage.Literals.CAPA__STATUS));
    }
}
