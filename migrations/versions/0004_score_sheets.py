"""score sheets, advisory notes, re-scoring rounds

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 06:15:45.694648

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


SESSION_STATE = (
    "(SELECT s.state FROM council_sessions s JOIN agenda_items a ON a.session_id = s.id"
    " WHERE a.id = NEW.item_id)"
)
# The last line of defence: a signed sheet never changes, and nothing is written once the session
# is closed, whatever the application does.
GUARDS = {
    "sqlite": [
        """CREATE TRIGGER score_sheets_signed_read_only BEFORE UPDATE ON score_sheets
           WHEN OLD.state = 'signed'
           BEGIN SELECT RAISE(ABORT, 'signed score sheets are read-only'); END""",
        """CREATE TRIGGER score_sheets_signed_kept BEFORE DELETE ON score_sheets
           WHEN OLD.state = 'signed'
           BEGIN SELECT RAISE(ABORT, 'signed score sheets are read-only'); END""",
        f"""CREATE TRIGGER score_sheets_closed_insert BEFORE INSERT ON score_sheets
           WHEN {SESSION_STATE} = 'closed'
           BEGIN SELECT RAISE(ABORT, 'the session is closed'); END""",
        f"""CREATE TRIGGER score_sheets_closed_update BEFORE UPDATE ON score_sheets
           WHEN {SESSION_STATE} = 'closed'
           BEGIN SELECT RAISE(ABORT, 'the session is closed'); END""",
    ],
    "postgresql": [
        f"""CREATE FUNCTION score_sheets_guard() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'signed' THEN
               RAISE EXCEPTION 'signed score sheets are read-only';
             END IF;
             IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
             IF {SESSION_STATE} = 'closed' THEN
               RAISE EXCEPTION 'the session is closed';
             END IF;
             RETURN NEW;
           END $$""",
        """CREATE TRIGGER score_sheets_guard BEFORE INSERT OR UPDATE OR DELETE ON score_sheets
           FOR EACH ROW EXECUTE FUNCTION score_sheets_guard()""",
    ],
}
DROP_GUARDS = {
    "sqlite": [
        "DROP TRIGGER score_sheets_signed_read_only",
        "DROP TRIGGER score_sheets_signed_kept",
        "DROP TRIGGER score_sheets_closed_insert",
        "DROP TRIGGER score_sheets_closed_update",
    ],
    "postgresql": [
        "DROP TRIGGER score_sheets_guard ON score_sheets",
        "DROP FUNCTION score_sheets_guard()",
    ],
}


def upgrade():
    op.create_table('advisory_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('criterion_code', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_advisory_notes_item_id_agenda_items')),
    sa.ForeignKeyConstraint(['member_id'], ['council_members.id'], name=op.f('fk_advisory_notes_member_id_council_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_advisory_notes')),
    sa.UniqueConstraint('item_id', 'member_id', 'criterion_code', name=op.f('uq_advisory_notes_item_id_member_id_criterion_code'))
    )
    with op.batch_alter_table('advisory_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advisory_notes_item_id'), ['item_id'], unique=False)

    op.create_table('rescoring_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('scoring_round', sa.Integer(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_rescoring_rounds_item_id_agenda_items')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_rescoring_rounds_opened_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rescoring_rounds')),
    sa.UniqueConstraint('item_id', 'scoring_round', name=op.f('uq_rescoring_rounds_item_id_scoring_round'))
    )
    with op.batch_alter_table('rescoring_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rescoring_rounds_item_id'), ['item_id'], unique=False)

    op.create_table('score_sheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('scoring_round', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'signed', name='sheetstate', native_enum=False, length=16), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('comments', sa.JSON(), nullable=False),
    sa.Column('overall_comment', sa.Text(), nullable=False),
    sa.Column('total', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_score_sheets_entered_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_score_sheets_item_id_agenda_items')),
    sa.ForeignKeyConstraint(['member_id'], ['council_members.id'], name=op.f('fk_score_sheets_member_id_council_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_sheets')),
    sa.UniqueConstraint('item_id', 'member_id', 'scoring_round', name=op.f('uq_score_sheets_item_id_member_id_scoring_round'))
    )
    with op.batch_alter_table('score_sheets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_sheets_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_score_sheets_member_id'), ['member_id'], unique=False)


    for statement in GUARDS.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade():
    for statement in DROP_GUARDS.get(op.get_bind().dialect.name, []):
        op.execute(statement)
    with op.batch_alter_table('score_sheets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_sheets_member_id'))
        batch_op.drop_index(batch_op.f('ix_score_sheets_item_id'))

    op.drop_table('score_sheets')
    with op.batch_alter_table('rescoring_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rescoring_rounds_item_id'))

    op.drop_table('rescoring_rounds')
    with op.batch_alter_table('advisory_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_advisory_notes_item_id'))

    op.drop_table('advisory_notes')
