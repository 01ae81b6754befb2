"""outgoing register: QĐ/TB subjects, signer and recipients, cancelled numbers kept

Revision ID: 0023
Revises: 0018
Create Date: 2026-12-03 16:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0023'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outgoing_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('signer', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('recipients', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('cancelled_by', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_outgoing_documents_subject'), ['subject'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outgoing_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outgoing_documents_subject'))
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_by')
        batch_op.drop_column('cancelled_at')
        batch_op.drop_column('recipients')
        batch_op.drop_column('signer')
        batch_op.drop_column('subject')
