"""The platform's shape, checked over the source: the layers DESIGN.md sets (core → cases → monitoring →
the domain modules → dashboards; a domain module never imports another), no import cycle, pure modules
that load without Django, and scoped models that name their line. Every import counts: at the top, inside
functions and under TYPE_CHECKING."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from django.core import checks
from django.test.utils import isolate_apps

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src"

# Each app's layer: an app imports only from lower layers (and itself).
LAYERS = {
    "core": 0,
    "cases": 1,
    "monitoring": 2,
    "dust": 3,
    "enterprise": 3,
    "party": 3,
    "militia": 3,
    "studyrooms": 3,
    "dashboards": 4,
}
# The project's wiring (settings, root URLs, the API router, the command line) sits above every app.
WIRING = {"heluo.settings", "heluo.urls", "heluo.api", "heluo.cli", "heluo.wsgi", "heluo.__main__"}
# The one cycle allowed, with its reason: the scoped queryset (models) applies the one scope rule, which
# reads accounts (models). Both sides import the other inside a function, never at load.
ALLOWED_EDGES = {("heluo.core.models.base", "heluo.core.scope")}


def _pure_modules() -> object:
    spec = importlib.util.spec_from_file_location("pure_modules", ROOT / "scripts" / "pure_modules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def modules() -> dict[str, Path]:
    found = {}
    for path in (SOURCE / "heluo").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the Heluo modules it imports, anywhere in its source."""
    known = modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            for target in targets:
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_import_follows_the_layers() -> None:
    wrong = []
    for module, targets in import_graph().items():
        app = app_of(module)
        for target in targets:
            other = app_of(target)
            if target in WIRING and module not in WIRING:
                wrong.append(f"{module} imports the wiring module {target}")
            if app is None or other is None or other == app:
                continue
            if LAYERS[other] >= LAYERS[app]:
                wrong.append(f"{module} ({app}) imports {target} ({other})")
    assert not wrong, "\n".join(sorted(wrong))


def test_monitoring_does_not_import_dust() -> None:
    graph = import_graph()
    assert not [
        (module, target)
        for module, targets in graph.items()
        if app_of(module) == "monitoring"
        for target in targets
        if app_of(target) == "dust"
    ]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_there_is_no_import_cycle() -> None:
    graph = import_graph()
    for source, target in ALLOWED_EDGES:
        graph[source].discard(target)
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_pure_modules_load_without_django() -> None:
    pure = _pure_modules()
    names = [pure.module_name(path) for path in pure.pure_files()]  # type: ignore[attr-defined]
    assert {"heluo.monitoring.hj212", "heluo.monitoring.ingest.rows", "heluo.cases.deadlines"} <= set(names)
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=SOURCE, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Django loaded by a pure module: {result.stdout}"


@isolate_apps("tests.testapp")
def test_a_scoped_model_that_does_not_name_its_line_is_refused() -> None:
    from heluo.core.checks import lines_of
    from heluo.core.models import LedgerModel

    class ForgotItsLine(LedgerModel):
        class Meta:
            app_label = "testapp"

    class WrongLine(LedgerModel):
        scope_module = "militias"

        class Meta:
            app_label = "testapp"

    class Named(LedgerModel):
        scope_module = "militia"

        class Meta:
            app_label = "testapp"

    found = {(error.id, error.obj) for error in lines_of([ForgotItsLine, WrongLine, Named])}
    assert found == {("heluo.E001", ForgotItsLine), ("heluo.E002", WrongLine)}


def test_every_installed_scoped_model_names_its_line() -> None:
    from heluo.core.checks import scoped_models_name_their_line

    assert scoped_models_name_their_line() == []
    assert [message for message in checks.run_checks() if message.id.startswith("heluo.")] == []


@pytest.mark.parametrize(
    "name", ["heluo.core.ledger", "heluo.core.forms", "heluo.core.services.notifications"]
)
def test_core_registries_and_services_do_not_reach_up(name: str) -> None:
    graph = import_graph()
    reached = graph[name]
    assert not {target for target in reached if target.startswith(("heluo.core.views", "heluo.core.tasks"))}


def test_every_ledger_has_its_api_and_its_generic_tests() -> None:
    """A ledger is reachable by the API and checked by LedgerViewCases (pages, API, Excel round trip):
    a ledger without either, or with a rule that differs between its ways in, fails here or there."""
    from django.urls import NoReverseMatch, reverse

    from heluo.core.ledger import LEDGERS
    from tests.core.ledger_cases import LedgerViewCases

    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        if "browser" not in path.parts:
            importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
    tested = set()
    pending = list(LedgerViewCases.__subclasses__())
    while pending:
        case = pending.pop()
        pending.extend(case.__subclasses__())
        if "ledger" in case.__dict__:
            tested.add(case.ledger.label)
    missing_api, missing_tests = [], []
    for label, ledger in LEDGERS.items():
        if ledger.app_label == "testapp":
            continue
        try:
            reverse(f"{ledger.app_label}-{ledger.model_name}-list")
        except NoReverseMatch:
            missing_api.append(label)
        if label not in tested:
            missing_tests.append(label)
    assert (missing_api, missing_tests) == ([], [])
