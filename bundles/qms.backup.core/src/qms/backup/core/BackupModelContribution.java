package qms.backup.core;

import java.util.List;

import org.eclipse.emf.ecore.EPackage;
import org.osgi.service.component.annotations.Component;

import qms.backup.model.BackupPackage;
import qms.core.ModelContribution;

/** The backup module's model, contributed to the suite like the core's: tables, navigator groups and forms follow. */
@Component(service = ModelContribution.class)
public final class BackupModelContribution implements ModelContribution {

    @Override
    public List<EPackage> ePackages() {
        return List.of(BackupPackage.eINSTANCE);
    }
}
