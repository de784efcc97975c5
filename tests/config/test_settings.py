"""Settings come from the environment; each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "-production-secret-with-enough-entropy-0123456789abcdef",
    "ALLOWED_HOSTS": "commonmade.example",
    "DATABASE_URL": "sqlite:////tmp/commonmade-deploy-check.sqlite3",
}


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "-c", code], env={**base, **env}, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


READ_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
  "engine": s.DATABASES["default"]["ENGINE"],
  "db_name": str(s.DATABASES["default"]["NAME"]),
  "cache": s.CACHES["default"]["BACKEND"],
  "eager": s.CELERY_TASK_ALWAYS_EAGER,
  "broker": s.CELERY_BROKER_URL,
  "es": s.ELASTICSEARCH_URL,
  "debug": s.DEBUG,
  "hosts": s.ALLOWED_HOSTS,
  "stripe": s.STRIPE_SECRET_KEY,
}))
"""


def read_settings(env: dict[str, str]) -> dict:
    result = run_python(READ_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_development_defaults_need_no_other_server():
    values = read_settings({})
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["eager"] is True
    assert values["es"] == ""
    assert values["debug"] is True


def test_database_redis_and_services_come_from_the_environment():
    values = read_settings(
        {
            "DATABASE_URL": "postgres://shop:secret@db.internal:5433/commonmade",
            "REDIS_URL": "redis://cache.internal:6380/2",
            "ELASTICSEARCH_URL": "http://search.internal:9200",
            "STRIPE_SECRET_KEY": "sk_test_from_env",
            "ALLOWED_HOSTS": "a.example,b.example",
        }
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "commonmade"
    assert values["cache"] == "core.cache.FallbackRedisCache"
    assert values["eager"] is False
    assert values["broker"] == "redis://cache.internal:6380/2"
    assert values["es"] == "http://search.internal:9200"
    assert values["stripe"] == "sk_test_from_env"
    assert values["hosts"] == ["a.example", "b.example"]


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_uses_a_development_key_only_while_debug_is_on():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)", {}
    )
    assert result.returncode == 0
    assert "dev-only" in result.stdout


def test_check_deploy_is_clean_with_production_values():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **PRODUCTION,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
