package qms.sop.core;

import java.util.List;

import org.eclipse.emf.ecore.EPackage;
import org.osgi.service.component.annotations.Component;

import qms.core.ChangeRule;
import qms.core.ModelContribution;
import qms.core.Records;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.SignatureMeaning;
import qms.sop.model.SopPackage;

/**
 * The incident-response module's model, the signature meaning of a training acknowledgement ("Read and understood",
 * written once into the store's meanings), and its rules on how SOP versions and incidents may be saved.
 */
@Component(service = ModelContribution.class)
public final class SopModelContribution implements ModelContribution {

    @Override
    public List<EPackage> ePackages() {
        return List.of(SopPackage.eINSTANCE);
    }

    @Override
    public List<Record> defaultRecords() {
        SignatureMeaning read = Records.newRecord(QmsPackage.Literals.SIGNATURE_MEANING);
        read.setName(SopLifecycle.READ_AND_UNDERSTOOD);
        read.setDescription("I read this procedure, understood it, and will follow it.");
        return List.of(read);
    }

    @Override
    public List<ChangeRule> changeRules() {
        return List.of(new SopVersionRules(), new IncidentRules(), new qms.core.lifecycle.LifecycleStatusRule(
                SopPackage.Literals.SOP_VERSION, SopPackage.Literals.SOP_VERSION__STATUS),
                new qms.core.lifecycle.LifecycleStatusRule(SopPackage.Literals.INCIDENT,
                        SopPackage.Literals.INCIDENT__STATUS));
    }
}
