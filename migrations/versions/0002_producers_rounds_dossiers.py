"""producers, products, rounds, dossiers, files, notifications

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 05:38:49.297402

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('legal_form', sa.Enum('cooperative', 'cooperative_group', 'household_business', 'single_member_llc', 'multi_member_llc', 'joint_stock_company', 'private_enterprise', name='legalform', native_enum=False, length=32), nullable=False),
    sa.Column('tax_code', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('representative_name', sa.String(length=200), nullable=False),
    sa.Column('representative_title', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['administrative_units.id'], name=op.f('fk_organisations_commune_id_administrative_units')),
    sa.ForeignKeyConstraint(['province_id'], ['administrative_units.id'], name=op.f('fk_organisations_province_id_administrative_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('tax_code', name=op.f('uq_organisations_tax_code'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_commune_id'), ['commune_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_province_id'), ['province_id'], unique=False)

    op.create_table('receipt_counters',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['administrative_units.id'], name=op.f('fk_receipt_counters_unit_id_administrative_units')),
    sa.PrimaryKeyConstraint('unit_id', 'day', name=op.f('pk_receipt_counters'))
    )
    op.create_table('products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('rulebook_code', sa.String(length=40), nullable=False),
    sa.Column('group_code', sa.String(length=20), nullable=False),
    sa.Column('subgroup_code', sa.String(length=20), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_products_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('evaluation_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('rulebook_code', sa.String(length=40), nullable=False),
    sa.Column('level_code', sa.String(length=20), nullable=False),
    sa.Column('submission_opens_on', sa.Date(), nullable=False),
    sa.Column('submission_closes_on', sa.Date(), nullable=False),
    sa.Column('scoring_starts_on', sa.Date(), nullable=False),
    sa.Column('scoring_ends_on', sa.Date(), nullable=False),
    sa.Column('state', sa.Enum('open', 'closed', name='roundstate', native_enum=False, length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_evaluation_rounds_created_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['administrative_units.id'], name=op.f('fk_evaluation_rounds_unit_id_administrative_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_rounds'))
    )
    with op.batch_alter_table('evaluation_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_rounds_unit_id'), ['unit_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_user_id'), ['user_id'], unique=False)

    op.create_table('stored_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=80), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('mimetype', sa.String(length=100), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_stored_files_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_files')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_stored_files_storage_key'))
    )
    op.create_table('dossiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('registration_type', sa.Enum('first_time', 'upgrade', 're_evaluation', name='registrationtype', native_enum=False, length=32), nullable=False),
    sa.Column('previous_certificate', sa.String(length=100), nullable=False),
    sa.Column('group_code', sa.String(length=20), nullable=False),
    sa.Column('class_code', sa.String(length=20), nullable=False),
    sa.Column('sheet_code', sa.String(length=60), nullable=True),
    sa.Column('state', sa.Enum('draft', 'submitted', 'forwarded', 'received', 'needs_supplement', 'supplemented', 'accepted', 'refused', name='dossierstate', native_enum=False, length=32), nullable=False),
    sa.Column('current_unit_id', sa.Integer(), nullable=True),
    sa.Column('receipt_code', sa.String(length=60), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('self_assessment', sa.JSON(), nullable=False),
    sa.Column('declaration_name', sa.String(length=200), nullable=True),
    sa.Column('declared_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['current_unit_id'], ['administrative_units.id'], name=op.f('fk_dossiers_current_unit_id_administrative_units')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_dossiers_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_dossiers_product_id_products')),
    sa.ForeignKeyConstraint(['round_id'], ['evaluation_rounds.id'], name=op.f('fk_dossiers_round_id_evaluation_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossiers')),
    sa.UniqueConstraint('receipt_code', name=op.f('uq_dossiers_receipt_code'))
    )
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossiers_current_unit_id'), ['current_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossiers_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossiers_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossiers_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dossiers_state'), ['state'], unique=False)

    op.create_table('product_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_product_photos_file_id_stored_files')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_photos_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_photos'))
    )
    with op.batch_alter_table('product_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_photos_product_id'), ['product_id'], unique=False)

    op.create_table('commune_pre_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_commune_pre_reviews_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_commune_pre_reviews_officer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commune_pre_reviews')),
    sa.UniqueConstraint('dossier_id', name=op.f('uq_commune_pre_reviews_dossier_id'))
    )
    op.create_table('dossier_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('item_code', sa.String(length=60), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.Column('replaced_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_documents_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_dossier_documents_file_id_stored_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_documents'))
    )
    with op.batch_alter_table('dossier_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_documents_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('dossier_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('from_state', sa.Enum('draft', 'submitted', 'forwarded', 'received', 'needs_supplement', 'supplemented', 'accepted', 'refused', name='dossierstate', native_enum=False, length=32), nullable=True),
    sa.Column('to_state', sa.Enum('draft', 'submitted', 'forwarded', 'received', 'needs_supplement', 'supplemented', 'accepted', 'refused', name='dossierstate', native_enum=False, length=32), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_dossier_events_actor_id_users')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_events_dossier_id_dossiers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_events'))
    )
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_events_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('dossier_item_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('item_code', sa.String(length=60), nullable=False),
    sa.Column('verdict', sa.Enum('accepted', 'needs_correction', name='itemverdict', native_enum=False, length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_dossier_item_reviews_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_dossier_item_reviews_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_item_reviews')),
    sa.UniqueConstraint('dossier_id', 'item_code', name=op.f('uq_dossier_item_reviews_dossier_id_item_code'))
    )
    with op.batch_alter_table('dossier_item_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_item_reviews_dossier_id'), ['dossier_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('email_verified_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_organisation_id_organisations'), 'organisations', ['organisation_id'], ['id'])



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_organisation_id_organisations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_organisation_id'))
        batch_op.drop_column('email_verified_at')
        batch_op.drop_column('organisation_id')

    with op.batch_alter_table('dossier_item_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_item_reviews_dossier_id'))

    op.drop_table('dossier_item_reviews')
    with op.batch_alter_table('dossier_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_events_dossier_id'))

    op.drop_table('dossier_events')
    with op.batch_alter_table('dossier_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_documents_dossier_id'))

    op.drop_table('dossier_documents')
    op.drop_table('commune_pre_reviews')
    with op.batch_alter_table('product_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_photos_product_id'))

    op.drop_table('product_photos')
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossiers_state'))
        batch_op.drop_index(batch_op.f('ix_dossiers_round_id'))
        batch_op.drop_index(batch_op.f('ix_dossiers_product_id'))
        batch_op.drop_index(batch_op.f('ix_dossiers_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_dossiers_current_unit_id'))

    op.drop_table('dossiers')
    op.drop_table('stored_files')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_user_id'))

    op.drop_table('notifications')
    with op.batch_alter_table('evaluation_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_rounds_unit_id'))

    op.drop_table('evaluation_rounds')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_products_organisation_id'))

    op.drop_table('products')
    op.drop_table('receipt_counters')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_province_id'))
        batch_op.drop_index(batch_op.f('ix_organisations_commune_id'))

    op.drop_table('organisations')
