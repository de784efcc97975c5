"""The layer order of DESIGN.md, enforced: Python imports (import-linter) and templates.

Apps depend downwards only:
editorial, search, api -> live -> makers -> shop -> voting -> designs -> community -> notifications -> accounts -> core.
The order is written once, in pyproject.toml's [tool.importlinter] contract; both checks read it from there.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "site" / "templates"
BIN = Path(sys.executable).parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def layer_rank() -> dict[str, int]:
    """App name -> its level: 0 for core, higher for apps higher up; apps on one level share a rank."""
    (contract,) = [c for c in _config()["contracts"] if c["type"] == "layers"]
    ranks = {}
    for position, layer in enumerate(reversed(contract["layers"])):
        for name in re.split(r"[|:]", layer):
            ranks[name.strip().strip("()").strip()] = position
    return ranks


def test_every_app_package_is_under_the_contract():
    """A new top-level app must be placed in the layer order (and in root_packages) before it lands."""
    from django.conf import settings

    local_apps = {
        app.split(".")[0] for app in settings.INSTALLED_APPS if (ROOT / app.split(".")[0] / "__init__.py").exists()
    }
    local_apps.discard("config")
    assert local_apps <= set(layer_rank()), f"not in the layer order: {sorted(local_apps - set(layer_rank()))}"
    assert local_apps <= set(_config()["root_packages"]), "add the app to [tool.importlinter] root_packages"


def test_python_imports_follow_the_layer_order():
    """`lint-imports` (import-linter) keeps the contract; function-local imports count as well."""
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- templates ----------------------------------------------------------------------------

_TEMPLATE_REFERENCE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")
_URL = re.compile(r"""{%\s*url\s+["']([a-z_]+):""")
_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
_PY_TEMPLATE_NAME = re.compile(r"^([a-z_]+)/[^\s]*\.(?:html|txt)$")


def _owner(template_name: str, ranks: dict[str, int]) -> str | None:
    app = template_name.split("/", 1)[0]
    return app if "/" in template_name and app in ranks else None


def _library_owners() -> dict[str, str]:
    """Template tag library name -> the top-level package that defines it."""
    from django.template.backends.django import get_installed_libraries

    return {name: dotted.split(".")[0] for name, dotted in get_installed_libraries().items()}


def _template_violations() -> list[str]:
    ranks = layer_rank()
    libraries = _library_owners()
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt")):
        name = path.relative_to(TEMPLATES).as_posix()
        here = _owner(name, ranks)
        if here is None:
            continue
        text = path.read_text()
        for referenced in _TEMPLATE_REFERENCE.findall(text):
            there = _owner(referenced, ranks)
            if there is not None and ranks[there] > ranks[here]:
                problems.append(f"{name} ({here}) includes {referenced} ({there})")
        for namespace in _URL.findall(text):
            there = namespace.removesuffix("_admin")
            if there in ranks and ranks[there] > ranks[here]:
                problems.append(f"{name} ({here}) links to the URL namespace {namespace} ({there})")
        for load in _LOAD.findall(text):
            for library in load.split():
                there = libraries.get(library)
                if there in ranks and ranks[there] > ranks[here]:
                    problems.append(f"{name} ({here}) loads the tag library {library} ({there})")
    return problems


def _python_template_violations() -> list[str]:
    """Template names written in Python (render, inclusion tags, TemplateResponse) follow the order too."""
    ranks = layer_rank()
    problems = []
    for app in ranks:
        package = ROOT / app
        if not package.is_dir():
            continue
        for path in sorted(package.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    match = _PY_TEMPLATE_NAME.match(node.value)
                    there = match and match.group(1)
                    if there in ranks and ranks[there] > ranks[app]:
                        problems.append(f"{path.relative_to(ROOT)} ({app}) names the template {node.value} ({there})")
    return problems


def test_no_template_of_a_lower_app_includes_extends_loads_or_links_a_higher_apps():
    """Cross-app panels are registered by the app that owns them (core/panels.py), never included by name."""
    problems = _template_violations()
    assert not problems, "\n".join(problems)


def test_python_code_names_no_template_of_a_higher_app():
    problems = _python_template_violations()
    assert not problems, "\n".join(problems)
