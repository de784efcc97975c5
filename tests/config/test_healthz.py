from django.db import OperationalError, connections


def test_health_answers_200_and_names_each_dependency_when_the_database_answers(client, db, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_x"
    response = client.get("/healthz")
    assert response.status_code == 200
    # The test settings: local-memory cache, tasks inline, database search.
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "search": "ok",
        "stripe": "ok",
    }


def test_health_says_degraded_without_stripe_keys(client, db, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["stripe"] == "down"


def test_health_answers_503_when_the_database_does_not(client, db, monkeypatch):
    connection = connections["default"]

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # Simulates a database that went away: opening a cursor fails the way a dead server does.
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "down"}
