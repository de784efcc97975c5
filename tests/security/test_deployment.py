"""Deployment: `check --deploy` stays clean with production settings, with object storage and Redis
configured too, and the production settings send the security headers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.config.test_settings import PRODUCTION, ROOT, run_python

pytestmark = pytest.mark.security_category("deployment")

VARIANTS = {
    "plain": {},
    "redis-and-broker": {"REDIS_URL": "redis://127.0.0.1:6399/0", "CELERY_BROKER_URL": "redis://127.0.0.1:6399/1"},
    "object-storage": {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "https://s3.example"},
    "behind-tls-proxy": {"BEHIND_TLS_PROXY": "true", "CSRF_TRUSTED_ORIGINS": "https://commonmade.example"},
    "smtp": {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "mail.example"},
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_check_deploy_is_clean(variant):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings", **PRODUCTION, **VARIANTS[variant]},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


READ_SECURITY = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "hsts": s.SECURE_HSTS_SECONDS, "ssl": s.SECURE_SSL_REDIRECT, "session_secure": s.SESSION_COOKIE_SECURE,
    "csrf_secure": s.CSRF_COOKIE_SECURE, "frame": s.X_FRAME_OPTIONS, "referrer": s.SECURE_REFERRER_POLICY,
    "coop": s.SECURE_CROSS_ORIGIN_OPENER_POLICY, "email": s.EMAIL_BACKEND, "delivery": s.EMAIL_DELIVERY_BACKEND,
    "nul": "core.params.RejectNulBytesMiddleware" in s.MIDDLEWARE,
    "login_limit": s.ACCOUNT_RATE_LIMITS["login_failed"],
}))
"""


def test_production_settings_keep_the_security_settings():
    import json

    result = run_python(READ_SECURITY, PRODUCTION)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["hsts"] >= 31_536_000 and values["ssl"] and values["session_secure"] and values["csrf_secure"]
    assert values["frame"] == "DENY" and values["referrer"] == "strict-origin-when-cross-origin"
    assert values["coop"] == "same-origin"
    assert values["email"] == "core.mail.QueueingEmailBackend"
    assert values["nul"]
    assert "/key" in values["login_limit"] and "/ip" in values["login_limit"]
    assert ROOT.exists()
