"""holidays: whether a day off is confirmed; disclosure rules corrected as of 2026

The shipped checklist rows copied into a database before this revision are corrected where
they still hold exactly what ParDesk shipped (an office's own edits are left alone):
- CK02B from 2027 and CK02D from 2025: the web portal is the one required form
  (Luật 89/2025/QH15 Đ15.1.b), not loudspeaker and relay through each Tổ trưởng;
- CK07, CK17, CK18, CK19, CK20, CK23 (Luật 10/2022 Đ12.3 applies): the 05 working days are
  written on the rule, since a rule without a deadline now means "no fixed deadline".
Versions that are new (CK02A/B from 2026, CK19 from 01/07/2026) are added at start-up by
services.disclosure.setup.ensure_checklist.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 16:45:00
"""
from datetime import date

from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


OLD_FORMS = {
    ('CK02B', date(2027, 1, 1)): 'TRANG_TTDT,NIEM_YET_TRU_SO,NIEM_YET_NVH_TDP,LOA_TRUYEN_THANH,QUA_TO_TRUONG_TDP',
    ('CK02D', date(2025, 1, 1)): 'TRANG_TTDT,NIEM_YET_TRU_SO,NIEM_YET_NVH_TDP,LOA_TRUYEN_THANH',
}
DEFAULT_DEADLINE_ITEMS = ('CK07', 'CK17', 'CK18', 'CK19', 'CK20', 'CK23')


def upgrade() -> None:
    with op.batch_alter_table('holidays') as batch:
        batch.add_column(
            sa.Column('confirmed', sa.Boolean(), nullable=False, server_default=sa.true())
        )
    bind = op.get_bind()
    for (code, applies_from), forms in OLD_FORMS.items():
        bind.execute(
            sa.text(
                "UPDATE disclosure_rules SET forms = 'TRANG_TTDT' WHERE forms = :forms "
                "AND applies_from = :applies_from AND item_id IN "
                "(SELECT id FROM disclosure_items WHERE code = :code)"
            ),
            {"forms": forms, "applies_from": applies_from, "code": code},
        )
    for code in DEFAULT_DEADLINE_ITEMS:
        bind.execute(
            sa.text(
                "UPDATE disclosure_rules SET deadline_offset = 5, deadline_unit = 'working_days' "
                "WHERE deadline_offset IS NULL AND item_id IN "
                "(SELECT id FROM disclosure_items WHERE code = :code)"
            ),
            {"code": code},
        )


def downgrade() -> None:
    with op.batch_alter_table('holidays') as batch:
        batch.drop_column('confirmed')
