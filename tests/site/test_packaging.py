"""The package as users get it: sdist and wheel build, pass `twine check`, carry the
stylesheet, py.typed and the entry points; `pip install ./mkdocs-vault` from a clone works as
the README and Getting started say; ProperDocs builds the example site and the docs."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from mkdocs_vault import __version__
from tests.sitebuilder import EXAMPLE_SITE, ROOT

pytestmark = pytest.mark.site

_REQUIRES = re.search(r'^requires-python = "([^"]+)"$',
                      (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.MULTILINE)
REQUIRES_PYTHON = _REQUIRES.group(1) if _REQUIRES else ""
"""pyproject's requires-python (read without tomllib, which Python 3.10 lacks)."""


def _need(module: str) -> None:
    """Skip without the tool, except on CI, where a missing tool is a failure."""
    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed (pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _run(args: list[str], cwd: Path = ROOT, **env: str) -> str:
    done = subprocess.run(args, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _isolation() -> list[str]:
    """Build with the installed hatchling when there is one (fast, offline)."""
    return ["--no-isolation"] if importlib.util.find_spec("hatchling") else []


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need("build")
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--sdist", "--wheel", *_isolation(),
          "--outdir", str(out), str(ROOT)])
    return out


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    _need("twine")
    files = sorted(dist.iterdir())
    assert [f.name for f in files] == [f"mkdocs_vault-{__version__}-py3-none-any.whl",
                                       f"mkdocs_vault-{__version__}.tar.gz"]
    output = _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)])
    assert output.count("PASSED") == 2, output


def test_wheel_holds_the_stylesheet_py_typed_and_entry_points(dist: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"mkdocs_vault-{__version__}.dist-info"
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        metadata = archive.read(f"{info}/METADATA").decode()
    assert {"mkdocs_vault/assets/vault.css", "mkdocs_vault/py.typed",
            "mkdocs_vault/plugin/__init__.py"} <= names
    assert not any(name.startswith(("tests/", "docs/", "example-site/")) for name in names)
    assert "vault = mkdocs_vault.plugin:VaultPlugin" in entry_points
    assert f"Version: {__version__}" in metadata
    assert f"Requires-Python: {REQUIRES_PYTHON}" in metadata
    assert "A [MkDocs](https://www.mkdocs.org/) plugin" in metadata  # the README


def test_sdist_builds_the_same_wheel(dist: Path) -> None:
    """The sdist holds the sources, the stylesheet and py.typed."""
    with tarfile.open(next(dist.glob("*.tar.gz"))) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"pyproject.toml", "README.md", "mkdocs_vault/assets/vault.css",
            "mkdocs_vault/py.typed"} <= names


def test_python_versions_are_declared() -> None:
    """requires-python is set and this interpreter satisfies it."""
    required = REQUIRES_PYTHON
    found = re.fullmatch(r">=\s*3\.(\d+)", required)
    assert found, required
    assert sys.version_info >= (3, int(found.group(1)))


def test_pip_install_from_a_clone_works_as_written(tmp_path: Path) -> None:
    """`pip install ./mkdocs-vault` (README, Getting started) from a clone next to the
    project: the installed package, not this checkout, then builds a vault page."""
    clone = tmp_path / "mkdocs-vault"
    _run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)])
    # The clone is of the last commit; the package's current files are what is tested.
    shutil.rmtree(clone / "mkdocs_vault")
    shutil.copytree(ROOT / "mkdocs_vault", clone / "mkdocs_vault",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", clone / "pyproject.toml")
    target = tmp_path / "installed"
    _run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
          *(["--no-build-isolation"] if _isolation() else []), "--target", str(target),
          "./mkdocs-vault"], cwd=tmp_path)
    assert (target / "mkdocs_vault" / "assets" / "vault.css").is_file()
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: T\ntheme: {name: material}\nplugins: [vault]\n", encoding="utf-8")
    (project / "docs" / "talk.md").write_text(
        "---\ntitle: A talk\nvault:\n  ideas: [One, Two]\n---\n", encoding="utf-8")
    where = _run([sys.executable, "-c", "import mkdocs_vault; print(mkdocs_vault.__file__)"],
                 cwd=project, PYTHONPATH=str(target))
    assert str(target) in where
    _run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
         PYTHONPATH=str(target))
    assert 'id="idea-2"' in (project / "site/talk/index.html").read_text(encoding="utf-8")


# -- ProperDocs, the maintained MkDocs 1.x fork --------------------------------------------

def test_properdocs_builds_the_example_site(tmp_path: Path) -> None:
    _need("properdocs")
    _run([sys.executable, "-m", "properdocs", "build", "-f", str(EXAMPLE_SITE / "mkdocs.yml"),
          "--strict", "-d", str(tmp_path / "site")])
    page = tmp_path / "site/lex/deepseek-china-ai-megaclusters/index.html"
    ids = re.findall(r'id="idea-(\d+)"', page.read_text(encoding="utf-8"))
    assert ids == [str(n) for n in range(1, 31)]
    assert (tmp_path / "site/vault/index.html").is_file()


def test_properdocs_builds_the_docs(tmp_path: Path) -> None:
    _need("properdocs")
    _run([sys.executable, "-m", "properdocs", "build", "-f", str(ROOT / "mkdocs.yml"),
          "--strict", "-d", str(tmp_path / "site")])
    assert 'id="idea-5"' in (tmp_path / "site/gallery/lanes-links/index.html").read_text(
        encoding="utf-8")
    assert "Usage: mkdocs-vault" in (tmp_path / "site/reference/cli/index.html").read_text(
        encoding="utf-8")
