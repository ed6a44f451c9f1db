package qms.core;

/**
 * Keys of the model hints: EAnnotations with source {@link #SOURCE} on EClasses and features, or
 * {@link ModelContribution#hints()}. Persistence, forms and the navigator read them; nothing is per class code.
 */
public final class Hints {

    /** The EAnnotation source of all hints. */
    public static final String SOURCE = "http://cro-qms.org/qms/hints";

    /** On an EClass: "true" shows its records as a group in the navigator. */
    public static final String NAVIGATOR = "navigator";
    /** On an EClass: the navigator group's position; on a feature: its position in the form. */
    public static final String ORDER = "order";
    /** On a String attribute: edited in a multi-line text box; stored as a CLOB. */
    public static final String MULTI_LINE = "multiLine";
    /**
     * On a date attribute: "true" means a moment (a backup's start, a signature), edited as date and time of day in
     * the viewer's time zone; without it a date is a calendar day (a due date), stored as midnight UTC.
     */
    public static final String TIME = "time";
    /** On a feature: not shown in forms. */
    public static final String HIDDEN = "hidden";
    /** On a feature: shown but not editable (set by the suite itself). */
    public static final String READ_ONLY = "readOnly";
    /** On an attribute: lists filter on it, so the store indexes its column. */
    public static final String FILTER = "filter";
    /** On an EClass: the plural shown for its group in the navigator, where adding "s" is wrong ("People"). */
    public static final String PLURAL = "plural";
    /**
     * On an EClass: the attribute that labels its records (default: name, title, fullName, first string), or a format
     * over its own attributes, e.g. "{number} v{version}".
     */
    public static final String LABEL = "label";

    /**
     * On an EClass: the attribute that states where its records stand (default: an attribute named status, result
     * or outcome), shown beside the record wherever records of many kinds are listed (the trace).
     */
    public static final String STATUS = "status";

    /**
     * On an EClass: the {@code AccessRole} names, space-separated, whose holders may create, change and delete its
     * records (default {@link #DEFAULT_WRITERS}); empty: only the suite itself writes them (e.g. signatures).
     * Inherited from super classes.
     */
    public static final String WRITERS = "writers";
    /** Who writes a record class without a {@link #WRITERS} hint. */
    public static final String DEFAULT_WRITERS = "QA_MANAGER";
    /** On an EClass: "false" means its records are never deleted (e.g. user accounts: deactivate instead). */
    public static final String DELETABLE = "deletable";
    /** On a feature: set when the record is created, never changed afterwards (e.g. a user id). */
    public static final String FIXED = "fixed";
    /**
     * On an enum literal: a record in this state (e.g. a finding that is Closed) is controlled: changing it needs a
     * reason for the change.
     */
    public static final String CONTROLLED = "controlled";
    /**
     * On a reference: the referring record is part of the referenced one's record (a CAPA's plan approval refers to
     * its CAPA), so an inspection binder that includes the referenced record includes the referring ones too.
     */
    public static final String PART_OF = "partOf";
    /**
     * On an EClass: its records form a register many records refer to (systems, vendors, people, sites, policies).
     * An inspection binder includes a register record it reaches and the registers it refers to (a system's vendor),
     * but does not go on through it, or it would take in every record about the same system.
     */
    public static final String REGISTER = "register";
    /**
     * On an attribute: "reference.attribute" — when the form's user picks a record for the reference and the attribute
     * is still empty, it starts with that record's attribute (a finding's impact from its category's typical impact).
     */
    public static final String DEFAULT_FROM = "defaultFrom";

    /**
     * On an EClass: its records, once stored, never change (an SOP's or a CAPA's sign-off, an incident's timeline
     * entry): the store refuses a save that changes or removes one, naming the field, and forms show them read-only.
     * For a contained class (a timeline entry) new ones may still be added to their container.
     */
    public static final String IMMUTABLE = "immutable";
    /**
     * On a reference: how the trace names the step back from the referenced record to the referring one (a sign-off's
     * subject: "Sign-off"); default: the reference's label and "of" ("System of").
     */
    public static final String INVERSE = "inverse";

    /**
     * On an EClass: its records are made by a module's step, not with New in the navigator (an SOP version comes from
     * its SOP's "New Version…"); the value names that step, for the navigator's tooltip.
     */
    public static final String CREATED_WITH = "createdWith";
    /**
     * On an EClass: an inspection binder can be made of its records (findings, incidents): each is a binder's root
     * and everything reached from it goes in.
     */
    public static final String BINDER_ROOT = "binderRoot";

    /** On a date attribute: "true" means it may not lie in the future (when someone became aware of an incident). */
    public static final String NOT_FUTURE = "notFuture";
    /**
     * On an attribute of a record class: the store sets it when the record (or a contained one) is first saved — "user"
     * to who saves it, "time" to when — whatever it held, so a timeline entry says truly who recorded it when.
     */
    public static final String STAMP = "stamp";

    /**
     * On a contained record class: the attributes, space-separated, that tell its rows apart when two versions of its
     * container are compared (a step's "number"); default: its label.
     */
    public static final String KEY = "key";

    private Hints() {
    }
}
