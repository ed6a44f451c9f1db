package qms.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named value the store keeps for itself, e.g. the fingerprint of the schema it last checked. */
@Entity
@Table(name = "SYS_SETTING")
public class SettingEntity {

    static final String SCHEMA_FINGERPRINT = "schema.fingerprint";
    /** The id of a store on a server (an embedded store keeps it in its data directory). */
    static final String STORE_ID = "store.id";
    /** The store's schema version (see {@link StoreDeployment#SCHEMA_VERSION}). */
    static final String SCHEMA_VERSION = "schema.version";
    /** Prefix of the settings, per record class type name and label, that say a default record was written. */
    static final String DEFAULTS = "defaults.";

    @Id
    @Column(name = "NAME", length = 128)
    String name;

    @Column(name = "SETTING_VALUE", length = 1024)
    String value;
}
