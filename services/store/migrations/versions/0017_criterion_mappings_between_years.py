"""criterion mappings between a framework and the previous year's

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-03 13:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('criterion_mappings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['criteria.id'], name=op.f('fk_criterion_mappings_criterion_id_criteria'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['framework_id'], ['index_frameworks.id'], name=op.f('fk_criterion_mappings_framework_id_index_frameworks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['previous_id'], ['criteria.id'], name=op.f('fk_criterion_mappings_previous_id_criteria'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_criterion_mappings')),
    sa.UniqueConstraint('framework_id', 'previous_id', name=op.f('uq_criterion_mappings_framework_id_previous_id'))
    )
    with op.batch_alter_table('criterion_mappings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_criterion_mappings_framework_id'), ['framework_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('criterion_mappings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_criterion_mappings_framework_id'))
    op.drop_table('criterion_mappings')
