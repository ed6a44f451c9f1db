package qms.store.jpa.internal;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreBackups;
import qms.core.StoreConfig;
import qms.core.StoreFactory;

/**
 * The store factory service: embedded Derby unless the configuration names a PostgreSQL server. Both open the same
 * store (one {@link JpaRecordStore}, one schema from the same descriptors); only connecting, encryption at rest and
 * the store's own backups differ.
 */
@Component(service = StoreFactory.class)
public final class JpaStoreFactory implements StoreFactory {

    private final DerbyStoreFactory derby = new DerbyStoreFactory();
    private final PostgresStoreFactory postgres = new PostgresStoreFactory();

    private StoreFactory of(StoreConfig config) {
        return config.server() == null ? derby : postgres;
    }

    @Override
    public RecordStore open(StoreConfig config, ModelRegistry model, Supplier<Principal> principal) {
        return of(config).open(config, model, principal);
    }

    @Override
    public StoreBackups.RestoreTest restore(Path backup, StoreConfig target, ModelRegistry model) {
        return of(target).restore(backup, target, model);
    }

    @Override
    public void recoverAdministrator(StoreConfig config, ModelRegistry model, String userId, char[] temporaryPassword,
            String operator) {
        of(config).recoverAdministrator(config, model, userId, temporaryPassword, operator);
    }

    @Override
    public String checkServer(qms.core.StoreServer server) {
        return postgres.checkServer(server);
    }
}
