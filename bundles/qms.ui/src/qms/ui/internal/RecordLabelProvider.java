package qms.ui.internal;

import java.net.URL;
import java.util.List;

import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.emf.edit.provider.ComposedImage;
import org.eclipse.emf.edit.provider.IItemLabelProvider;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

import qms.core.Records;
import qms.ui.QmsUi;

/**
 * Labels and icons of records for SWT viewers. The text is the record's label ({@link Records#label}); the icon
 * comes from the record's EMF.Edit item provider, converted to an SWT image here (EMF's own SWT bridge,
 * org.eclipse.emf.edit.ui, is not published on Maven Central).
 */
public class RecordLabelProvider extends LabelProvider {

    private final LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources());

    @Override
    public String getText(Object element) {
        return element instanceof EObject o ? Records.label(o) : super.getText(element);
    }

    @Override
    public Image getImage(Object element) {
        if (element instanceof EClass c) { // an EClass is an EObject too: the icon of its records
            return c.isAbstract() ? null : image(c.getEPackage().getEFactoryInstance().create(c));
        }
        if (element instanceof EObject o) {
            return image(o);
        }
        return null;
    }

    /** The item provider's icon of a record (the same for a proxy as for the record it stands for). */
    public Image image(EObject object) {
        AdapterFactory factory = QmsUi.get().adapterFactory();
        IItemLabelProvider labels = (IItemLabelProvider) factory.adapt(object, IItemLabelProvider.class);
        return labels == null ? null : toImage(labels.getImage(object));
    }

    private Image toImage(Object image) {
        if (image instanceof ComposedImage composed) {
            List<Object> images = composed.getImages();
            return images.isEmpty() ? null : toImage(images.get(0));
        }
        if (image instanceof URL url) {
            return resources.create(ImageDescriptor.createFromURL(url));
        }
        if (image instanceof ImageDescriptor descriptor) {
            return resources.create(descriptor);
        }
        return null;
    }

    @Override
    public void dispose() {
        resources.dispose();
        super.dispose();
    }
}
