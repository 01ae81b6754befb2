"""bonus and penalty points, province-scored criteria, appraisal rounds, framework period

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-03 13:05:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('index_frameworks') as batch:
        batch.add_column(sa.Column('period_start', sa.Date(), nullable=True))
        batch.add_column(sa.Column('period_end', sa.Date(), nullable=True))
        batch.add_column(sa.Column('decision', sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('addressee', sa.Text(), nullable=False, server_default=''))
        batch.add_column(
            sa.Column('sipas_link', sa.String(length=40), nullable=False, server_default='')
        )
        batch.add_column(
            sa.Column('adjustment_rule', sa.String(length=10), nullable=False, server_default='add')
        )
        batch.add_column(sa.Column('band_presets', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('criteria') as batch:
        batch.add_column(
            sa.Column('adjustment', sa.String(length=10), nullable=False, server_default='')
        )
        batch.add_column(
            sa.Column('province_scored', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column('province_score', sa.Float(), nullable=True))
    # The PAR frameworks already written took the SIPAS % into PAR.3.9.
    op.execute("UPDATE index_frameworks SET sipas_link = 'PAR.3.9' WHERE index_key = 'PAR'")
    op.create_table('appraisal_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('is_final', sa.Boolean(), nullable=False),
    sa.Column('reference', sa.Text(), nullable=False),
    sa.Column('explained_on', sa.Date(), nullable=True),
    sa.Column('register_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['framework_id'], ['index_frameworks.id'], name=op.f('fk_appraisal_rounds_framework_id_index_frameworks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['register_id'], ['outgoing_documents.id'], name=op.f('fk_appraisal_rounds_register_id_outgoing_documents'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appraisal_rounds')),
    sa.UniqueConstraint('framework_id', 'number', name=op.f('uq_appraisal_rounds_framework_id_number'))
    )
    op.create_index(op.f('ix_appraisal_rounds_framework_id'), 'appraisal_rounds', ['framework_id'], unique=False)
    op.create_table('appraisal_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('proposed', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['criteria.id'], name=op.f('fk_appraisal_scores_criterion_id_criteria'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['appraisal_rounds.id'], name=op.f('fk_appraisal_scores_round_id_appraisal_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appraisal_scores')),
    sa.UniqueConstraint('round_id', 'criterion_id', name=op.f('uq_appraisal_scores_round_id_criterion_id'))
    )
    op.create_index(op.f('ix_appraisal_scores_criterion_id'), 'appraisal_scores', ['criterion_id'], unique=False)
    op.create_index(op.f('ix_appraisal_scores_round_id'), 'appraisal_scores', ['round_id'], unique=False)
    op.create_table('appraisal_evidence',
    sa.Column('appraisal_score_id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['appraisal_score_id'], ['appraisal_scores.id'], name=op.f('fk_appraisal_evidence_appraisal_score_id_appraisal_scores'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence_files.id'], name=op.f('fk_appraisal_evidence_evidence_id_evidence_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('appraisal_score_id', 'evidence_id', name=op.f('pk_appraisal_evidence'))
    )


def downgrade() -> None:
    op.drop_table('appraisal_evidence')
    op.drop_index(op.f('ix_appraisal_scores_round_id'), table_name='appraisal_scores')
    op.drop_index(op.f('ix_appraisal_scores_criterion_id'), table_name='appraisal_scores')
    op.drop_table('appraisal_scores')
    op.drop_index(op.f('ix_appraisal_rounds_framework_id'), table_name='appraisal_rounds')
    op.drop_table('appraisal_rounds')
    with op.batch_alter_table('criteria') as batch:
        batch.drop_column('province_score')
        batch.drop_column('province_scored')
        batch.drop_column('adjustment')
    with op.batch_alter_table('index_frameworks') as batch:
        for name in ('band_presets', 'adjustment_rule', 'sipas_link', 'addressee', 'decision',
                     'period_end', 'period_start'):
            batch.drop_column(name)
