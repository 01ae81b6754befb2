"""`--db postgresql://…`: the address is understood, and a missing server is told plainly."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from main import main
from services.errors import DatabaseOpenError
from services.store.db import open_database, server_url
from services.store.schema import HEAD_REVISION
from tests.pg import ON_PG


def test_a_plain_postgresql_address_uses_the_shipped_driver():
    assert server_url("postgresql://pd:mk@10.0.0.5:5432/phuong") == (
        "postgresql+psycopg://pd:mk@10.0.0.5:5432/phuong"
    )
    assert server_url("postgres://pd@may-chu/phuong") == "postgresql+psycopg://pd@may-chu/phuong"
    assert server_url("postgresql+psycopg://pd@h/x") == "postgresql+psycopg://pd@h/x"


def test_a_server_that_does_not_answer_is_reported_in_vietnamese(capsys):
    url = "postgresql://pardesk:bi-mat@127.0.0.1:1/pardesk"
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(url)
    message = caught.value.message
    assert message.startswith("Không kết nối được máy chủ cơ sở dữ liệu")
    assert "bi-mat" not in message  # the password is never shown
    assert main(["check", "--db", url]) == 1
    assert "Hãy kiểm tra máy chủ đã bật" in capsys.readouterr().err


@pytest.mark.skipif(not ON_PG, reason="needs the PostgreSQL test server (bash .ci/pg-test)")
def test_check_on_a_server_database_given_as_a_plain_address(db_path, capsys):
    plain = make_url(db_path).set(drivername="postgresql").render_as_string(hide_password=False)
    assert main(["check", "--db", plain]) == 0
    out = capsys.readouterr().out
    assert f"Lược đồ: {HEAD_REVISION}" in out and "KẾT QUẢ: TỐT" in out
