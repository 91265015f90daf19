"""The dossier's life from draft to accepted, as verbs: every verb checks the state, records an
event and an audit entry, and notifies whom it concerns. Services never commit.

The verbs live by stage and are all importable from here:

- `transitions`: what they share (states, `DossierError`, the recorded event, recipients);
- `drafting`: the producer's draft (details, self-assessment, files, declaration);
- `submission`: sending it in, the receipt code, resubmitting after a supplement request;
- `intake`: the commune's pre-review and the secretariat's check, refusal or acceptance.
"""

from evalapp.dossiers.drafting import (
    SelfAssessmentRefused,
    attach_document,
    check_previous_certificate,
    items_open_for_upload,
    link_previous_certificate,
    remove_document,
    round_rulebook,
    save_self_assessment,
    sign_declaration,
    start_dossier,
    update_details,
)
from evalapp.dossiers.intake import (
    accept_dossier,
    forward_dossier,
    is_accepted,
    items_needing_correction,
    pass_unchecked_items,
    receive_dossier,
    refuse_dossier,
    request_supplement,
    review_item,
    supplement_due_line,
)
from evalapp.dossiers.submission import (
    item_name,
    last_event_at,
    missing_for_submission,
    next_receipt_code,
    replaced_rulebook,
    resubmit_dossier,
    submit_dossier,
)
from evalapp.dossiers.transitions import (
    AT_INTAKE,
    EDITABLE,
    DossierError,
    dossier_link,
    producer_users,
    record_event,
    require_state,
    staff_of,
)

__all__ = [
    "AT_INTAKE",
    "EDITABLE",
    "DossierError",
    "SelfAssessmentRefused",
    "accept_dossier",
    "attach_document",
    "check_previous_certificate",
    "dossier_link",
    "forward_dossier",
    "is_accepted",
    "item_name",
    "items_needing_correction",
    "items_open_for_upload",
    "last_event_at",
    "link_previous_certificate",
    "missing_for_submission",
    "next_receipt_code",
    "pass_unchecked_items",
    "producer_users",
    "receive_dossier",
    "record_event",
    "refuse_dossier",
    "remove_document",
    "replaced_rulebook",
    "request_supplement",
    "require_state",
    "resubmit_dossier",
    "review_item",
    "round_rulebook",
    "save_self_assessment",
    "sign_declaration",
    "staff_of",
    "start_dossier",
    "submit_dossier",
    "supplement_due_line",
    "update_details",
]
