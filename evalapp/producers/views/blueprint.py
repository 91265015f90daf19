from flask import Blueprint, abort, render_template
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import roles
from evalapp.producers import permissions, queries
from evalapp.producers.forms import DocumentForm, InviteForm, ResendForm
from evalapp.producers.models import Organisation
from evalapp.producers.verification import submission_problem

bp = Blueprint("producers", __name__, url_prefix="/producers")

producer_only = roles(Role.PRODUCER)
secretary_only = roles(Role.SECRETARY)
# The desks that verify an organisation: its commune and the provincial secretariat.
verifier_only = roles(Role.COMMUNE_OFFICER, Role.SECRETARY)


def own_organisation() -> Organisation:
    return current_user.organisation or abort(404)


def render_organisation(organisation: Organisation, invite_form=None, document_form=None):
    return render_template(
        "producers/organisation.html",
        organisation=organisation,
        members=queries.members_of(organisation),
        products=queries.products_of(organisation),
        invite_form=invite_form or InviteForm(formdata=None),
        resend_form=ResendForm(),
        document_form=document_form or DocumentForm(formdata=None),
        subgroup_label=queries.subgroup_label,
        can_manage=permissions.can_manage_organisation(current_user, organisation),
        can_edit=permissions.can_edit_organisation(current_user, organisation),
        can_upload=permissions.can_upload_registration_document(current_user, organisation),
        can_verify=permissions.can_verify_organisation(current_user, organisation),
        submission_problem=submission_problem(organisation),
    )
