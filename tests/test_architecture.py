"""The map of the code holds (docs/architecture.md): the core imports no app, publicdata
imports neither home nor feedback, feedback imports no home, and no module imports itself
through others. The contracts are import-linter's, in pyproject.toml; the one against
circles is ours (.ci/import_cycles.py)."""

import importlib.util
import subprocess

import grimp

from tests.test_settings import ROOT


def no_cycles_contract(containers):
    spec = importlib.util.spec_from_file_location(
        "import_cycles", ROOT / ".ci" / "import_cycles.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.NoCyclesContract(
        "No import circle", session_options={}, contract_options={"containers": containers}
    )


def graph(*imports):
    """An import graph of the package ``app`` with ``imports`` ("a -> b", by line 1)."""
    built = grimp.ImportGraph()
    built.add_module("app")
    for line in imports:
        importer, imported = (_in_app(name) for name in line.split(" -> "))
        for module in (importer, imported):
            built.add_module(module)
        built.add_import(importer=importer, imported=imported, line_number=1, line_contents=line)
    return built


def _in_app(name):
    return "app" if name == "app" else f"app.{name}"


def test_every_import_contract_is_kept():
    result = subprocess.run(  # noqa: S603 (the project's own script)
        [ROOT / ".ci" / "lint-imports"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_a_circle_between_modules_breaks_the_contract_and_is_named():
    check = no_cycles_contract(["app"]).check(
        graph("models -> receipts", "views -> models", "models -> views"), verbose=False
    )
    assert not check.kept
    [circle] = check.metadata["cycles"]
    assert [(importer, imported) for importer, imported, _lines in circle] == [
        ("app.models", "app.views"),
        ("app.views", "app.models"),
    ]


def test_a_circle_through_a_package_of_its_own_breaks_the_contract():
    # A package whose __init__ imports a module that imports the package back: no two
    # siblings import each other, so import-linter's acyclic_siblings would let it pass.
    check = no_cycles_contract(["app"]).check(
        graph("app -> charts", "charts -> drawing", "drawing -> app"), verbose=False
    )
    assert not check.kept
    [circle] = check.metadata["cycles"]
    assert [importer for importer, _imported, _lines in circle] == [
        "app",
        "app.charts",
        "app.drawing",
    ]


def test_imports_that_run_one_way_keep_the_contract():
    check = no_cycles_contract(["app"]).check(
        graph("views -> models", "views -> forms", "forms -> models", "admin -> views"),
        verbose=False,
    )
    assert check.kept
    assert check.metadata["cycles"] == []
