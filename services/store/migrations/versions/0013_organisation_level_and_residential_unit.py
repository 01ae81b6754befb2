"""organisation level (phường / xã / đặc khu) and residential unit name

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-03 13:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_level', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('residential_unit', sa.String(length=50), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('residential_unit')
        batch_op.drop_column('unit_level')
