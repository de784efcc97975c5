import pytest

from config.env import env_bool, env_int, env_list


def test_env_bool_reads_common_spellings(monkeypatch):
    for raw, expected in [("1", True), ("true", True), ("YES", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert env_bool("FLAG") is expected
    monkeypatch.setenv("FLAG", "")
    assert env_bool("FLAG", True) is True, "an empty value keeps the default"
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ValueError, match="FLAG"):
        env_bool("FLAG")


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("N", "42")
    monkeypatch.setenv("HOSTS", "a.example, b.example ,")
    assert env_int("N", 1) == 42
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("N", "forty")
    with pytest.raises(ValueError, match="whole number"):
        env_int("N", 1)
