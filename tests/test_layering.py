"""The packages are stages the data flows through; no module imports from a later stage."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "provenance"

# Each stage may import from its own and earlier ones only (the data's way). anchoring and values
# are pure (they import only errors): every stage may use them, so they sit at the bottom.
STAGES = [
    {"errors", "outfile", "anchoring", "values"},
    {"ledger"},
    {"ingest"},
    {"claims"},
    {"detect"},
    {"assess"},
    {"extract"},
    {"render"},
    {"report"},
    {"actions", "demo", "evaluation"},
    {"cli", "readme", "__main__", "__init__"},
]
RANK = {name: i for i, names in enumerate(STAGES) for name in names}


def _stage(module: str) -> str:
    """'provenance.detect.store' -> 'detect'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """Every provenance module the file imports, at any depth (imports inside functions too)."""
    module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, n) for line, n in found if n == "provenance" or n.startswith("provenance.")]


def test_every_package_is_a_known_stage():
    top = {
        p.stem if p.is_file() else p.name for p in ROOT.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()
    }
    assert top <= set(RANK), f"place these in STAGES: {sorted(top - set(RANK))}"


def test_no_module_imports_from_a_later_stage():
    upward = []
    for path in sorted(ROOT.rglob("*.py")):
        here = _stage(".".join(path.relative_to(ROOT.parent).with_suffix("").parts))
        for line, target in _imports(path):
            there = _stage(target)
            if there in RANK and RANK[there] > RANK[here]:
                upward.append(f"{path.relative_to(ROOT.parent)}:{line} imports {target}")
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path):
    """The walk itself: a stage-0 module importing the CLI is caught."""
    fake = tmp_path / "provenance"
    (fake / "ledger").mkdir(parents=True)
    (fake / "ledger" / "db.py").write_text("def f():\n    from ..cli import app\n", encoding="utf-8")
    assert _imports(fake / "ledger" / "db.py", fake) == [(2, "provenance.cli")]
