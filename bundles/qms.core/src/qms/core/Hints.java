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
    /** On a feature: not shown in forms. */
    public static final String HIDDEN = "hidden";
    /** On a feature: shown but not editable (set by the suite itself). */
    public static final String READ_ONLY = "readOnly";
    /** On an attribute: lists filter on it, so the store indexes its column. */
    public static final String FILTER = "filter";
    /** On an EClass: the attribute that labels its records (default: name, title, fullName, first string). */
    public static final String LABEL = "label";

    private Hints() {
    }
}
