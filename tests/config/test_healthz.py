from django.db import OperationalError, connections


def test_health_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_answers_503_when_the_database_does_not(client, db, monkeypatch):
    connection = connections["default"]

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # Simulates a database that went away: opening a cursor fails the way a dead server does.
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
