"""Lockout is no weapon: failed logins are limited per address and account together.

A stranger who types wrong passwords for a member's address locks only themself out; the member,
from their own address, still logs in. Guessing from one address stays limited.
"""

from __future__ import annotations

import pytest

from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = [pytest.mark.security_category("auth"), pytest.mark.django_db]

ATTACKER = "203.0.113.7"
MEMBER = "198.51.100.20"
TOO_MANY = "Too many failed login attempts"


def _login(client, email: str, password: str, ip: str):
    return client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_from_one_address_do_not_lock_the_member_out_elsewhere(client):
    member = UserFactory(email="target@example.org")
    for _ in range(6):
        answer = _login(client, member.email, "wrong-password", ATTACKER)
        assert answer.status_code == 200
    assert TOO_MANY in answer.content.decode()
    # The right password from the attacker's address is refused too: guessing stays limited there.
    assert TOO_MANY in _login(client, member.email, PASSWORD, ATTACKER).content.decode()

    own = _login(client.__class__(), member.email, PASSWORD, MEMBER)
    assert own.status_code == 302, own.content.decode()[:500]


def test_one_address_guessing_many_accounts_is_slowed_by_the_address_limit(client):
    members = [UserFactory() for _ in range(11)]
    answers = [_login(client, m.email, "wrong-password", ATTACKER).content.decode() for m in members]
    assert TOO_MANY not in answers[0]
    assert TOO_MANY in answers[-1]


def test_a_successful_login_does_not_reset_the_count_for_a_guesser(client):
    member = UserFactory(email="steady@example.org")
    for _ in range(4):
        _login(client, member.email, "wrong-password", ATTACKER)
    assert _login(client.__class__(), member.email, PASSWORD, MEMBER).status_code == 302
    answers = [_login(client, member.email, "wrong-password", ATTACKER).content.decode() for _ in range(2)]
    assert TOO_MANY in answers[-1]
