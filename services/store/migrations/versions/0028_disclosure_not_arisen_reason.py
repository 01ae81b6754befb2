"""disclosure marked "không phát sinh trong năm" with its reason

Revision ID: 0028
Revises: 0023
Create Date: 2026-12-03 16:55:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0028'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_arisen_reason', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.drop_column('not_arisen_reason')
