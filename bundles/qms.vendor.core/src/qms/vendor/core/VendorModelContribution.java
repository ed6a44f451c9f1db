package qms.vendor.core;

import java.util.List;

import org.eclipse.emf.ecore.EPackage;
import org.osgi.service.component.annotations.Component;

import qms.core.ChangeRule;
import qms.core.ModelContribution;
import qms.core.Records;
import qms.core.lifecycle.LifecycleStatusRule;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.SignatureMeaning;
import qms.vendor.model.VendorPackage;

/**
 * The vendor module's model, its settings record (requalification cadences), the signature meaning of a
 * qualification decision, and its rules: a vendor has one
 * profile, a KPI one measurement a period, and a profile's qualification moves only by its signed lifecycle.
 */
@Component(service = ModelContribution.class)
public final class VendorModelContribution implements ModelContribution {

    @Override
    public List<EPackage> ePackages() {
        return List.of(VendorPackage.eINSTANCE);
    }

    @Override
    public List<Record> defaultRecords() {
        SignatureMeaning decided = Records.newRecord(QmsPackage.Literals.SIGNATURE_MEANING);
        decided.setName(Qualification.DECIDED);
        decided.setDescription("I decided this vendor's qualification as stated, on the evidence of its assessment.");
        return List.of(Records.newRecord(VendorPackage.Literals.VENDOR_SETTINGS), decided);
    }

    @Override
    public List<ChangeRule> changeRules() {
        return List.of(new VendorRules.OneProfile(), new VendorRules.OneMeasurement(), new LifecycleStatusRule(
                VendorPackage.Literals.VENDOR_PROFILE, VendorPackage.Literals.VENDOR_PROFILE__STATUS));
    }
}
