import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from evalapp.common import audit
from evalapp.common.search import included_in_schema
from evalapp.extensions import db


def schema_differences():
    with db.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": included_in_schema}
        context = MigrationContext.configure(connection, opts=opts)
        return compare_metadata(context, db.metadata)


def test_models_and_migrations_agree(app):
    assert schema_differences() == []


def test_migrations_go_down_and_up_again(app):
    downgrade(revision="base")
    assert "users" not in db.inspect(db.engine).get_table_names()
    upgrade()
    assert schema_differences() == []


def test_audit_log_is_append_only_in_the_database(app):
    audit.record("test.entry", note="một dòng nhật ký")
    db.session.commit()
    for statement in ("UPDATE audit_entries SET note = 'sửa'", "DELETE FROM audit_entries"):
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()


def test_audit_log_is_append_only_in_the_orm(app):
    entry = audit.record("test.entry")
    db.session.commit()
    entry.note = "sửa"
    with pytest.raises(audit.AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_upgrading_keeps_existing_accounts_and_their_roles(app):
    """Rebuilding `users` on SQLite must not cascade into role grants."""
    from sqlalchemy import select

    from evalapp.auth.models import Role, User
    from tests.factories import make_user

    make_user(Role.SECRETARY, email="thuky@vi-du.vn")
    db.session.remove()
    downgrade(revision="0001")
    upgrade()
    user = db.session.scalar(select(User).where(User.email == "thuky@vi-du.vn"))
    assert user.roles == {Role.SECRETARY}


def test_upgrading_marks_the_organisations_already_there_verified(app):
    """Issue 13, item 9: rows from before 0020 were entered by the staff or the demo."""
    from sqlalchemy import select

    from evalapp.producers.models import Organisation, OrganisationState
    from tests.factories import make_organisation

    make_organisation(name="HTX Có Từ Trước", state=OrganisationState.PENDING)
    db.session.commit()
    db.session.remove()
    downgrade(revision="0014")
    upgrade()
    organisation = db.session.scalar(
        select(Organisation).where(Organisation.name == "HTX Có Từ Trước")
    )
    assert organisation.state is OrganisationState.VERIFIED
