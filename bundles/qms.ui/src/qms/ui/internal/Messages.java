package qms.ui.internal;

import org.eclipse.osgi.util.NLS;

/** The workbench UI's texts (messages.properties beside this class). */
public final class Messages extends NLS {

    public static String Navigator_refresh;
    public static String Navigator_counting;
    public static String Navigator_new;
    public static String Navigator_open;
    public static String Navigator_delete;
    public static String Navigator_openFailed;
    public static String Navigator_deleteTitle;
    public static String Navigator_deleteConfirm;
    public static String Navigator_deleteReferenced;
    public static String Navigator_createdWith;
    public static String Navigator_notInstalled;
    public static String Navigator_notInstalledModules;
    public static String Navigator_notInstalledDetails;

    public static String Form_notANumber;
    public static String Form_chooseTitle;
    public static String Form_chooseMessage;
    public static String Form_addTitle;
    public static String Form_choose;
    public static String Form_clear;
    public static String Form_notSet;
    public static String Form_changedByLifecycle;
    public static String Form_add;
    public static String Form_addExisting;
    public static String Form_edit;
    public static String Form_immutableRows;
    public static String Form_remove;

    public static String Editor_save;
    public static String Editor_notSaved;
    public static String Editor_cannotSave;
    public static String Editor_conflict;
    public static String Editor_conflictReload;
    public static String Editor_conflictDeleted;
    public static String Editor_reload;
    public static String Editor_keepEditing;
    public static String Editor_invalid;
    public static String Editor_undo;
    public static String Editor_redo;

    public static String Audit_when;
    public static String Audit_user;
    public static String Audit_action;
    public static String Audit_attribute;
    public static String Audit_old;
    public static String Audit_new;
    public static String Audit_reason;
    public static String Audit_sequence;
    public static String Audit_verify;
    public static String Audit_record;
    public static String Audit_module;
    public static String Audit_from;
    public static String Audit_to;
    public static String Audit_onlySelected;
    public static String Audit_onlyRecord;
    public static String Audit_anyUser;
    public static String Audit_anyModule;
    public static String Audit_anyAction;
    public static String Audit_kindChanges;
    public static String Audit_kindSignatures;
    public static String Audit_kindSessions;
    public static String Audit_kindDenials;
    public static String Audit_kindBackups;
    public static String Audit_kindExports;
    public static String Audit_kindSystem;
    public static String Audit_more;
    public static String Audit_refresh;
    public static String Audit_readingUsers;
    public static String Audit_stored;
    public static String Audit_export;
    public static String Audit_exportTitle;
    public static String Audit_exported;
    public static String Audit_noSelection;
    public static String Audit_showing;
    public static String Audit_showingNone;
    public static String Audit_intact;
    public static String Audit_broken;

    public static String Evidence_attach;
    public static String Evidence_attachDescription;
    public static String Evidence_attachedFrom;
    public static String Evidence_tooLarge;
    public static String Evidence_cannotRead;
    public static String Evidence_export;
    public static String Evidence_cannotWrite;
    public static String Evidence_verify;
    public static String Evidence_verified;
    public static String Editor_saveFirst;
    public static String Editor_saveFirstMessage;
    public static String Editor_actionFailed;
    public static String Editor_signatures;
    public static String Editor_flagging;
    public static String Editor_flagsFailed;
    public static String Editor_reasonTitle;
    public static String Editor_reasonMessage;
    public static String Editor_reasonMissing;
    public static String Editor_readOnly;
    public static String Navigator_notAllowed;

    public static String Link_action;
    public static String Link_actionDescription;
    public static String Link_title;
    public static String Link_heading;
    public static String Link_message;
    public static String Link_relation;
    public static String Link_kind;
    public static String Link_filter;
    public static String Link_ok;
    public static String Binder_action;
    public static String Binder_actionDescription;
    public static String Binder_chooseFolder;
    public static String Binder_title;
    public static String Binder_exported;
    public static String Trace_preparing;
    public static String Trace_empty;
    public static String Trace_heading;
    public static String Trace_record;
    public static String Trace_type;
    public static String Trace_status;
    public static String Trace_dates;
    public static String Trace_sha256;
    public static String Trace_back;
    public static String Trace_refresh;
    public static String Trace_above;
    public static String Trace_group;
    public static String Trace_open;
    public static String Trace_fromHere;
    public static String Trace_verifiedMark;
    public static String Trace_failedMark;
    public static String Trace_action;
    public static String Trace_actionDescription;

    public static String Lifecycle_steps;
    public static String Lifecycle_readOnly;
    public static String Lifecycle_notNow;
    public static String Lifecycle_possible;
    public static String Lifecycle_history;
    public static String Lifecycle_signOff;
    public static String Lifecycle_requested;
    public static String Lifecycle_signature;
    public static String Lifecycle_superseded;
    public static String Lifecycle_waits;
    public static String Lifecycle_notSigned;

    static {
        NLS.initializeMessages("qms.ui.internal.messages", Messages.class);
    }

    private Messages() {
    }
}
