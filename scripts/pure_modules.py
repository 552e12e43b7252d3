"""The pure modules of Heluo: those whose docstring says "Pure: no Django, no database" (a package's
__init__ saying it makes every module in it pure). The import test proves each loads without Django;
`make lint` type-checks them. A module joins by saying so — no list to keep.

    python scripts/pure_modules.py         # their file paths, one per line
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MARK = "Pure: no Django, no database"
SOURCE = Path(__file__).resolve().parents[1] / "src"


def _says_pure(path: Path) -> bool:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return MARK in docstring


def pure_files(root: Path = SOURCE) -> list[Path]:
    """Every .py file that is pure, itself or by its package."""
    found: list[Path] = []
    for path in sorted((root / "heluo").rglob("*.py")):
        packages = [
            parent / "__init__.py" for parent in path.parents if parent.is_relative_to(root / "heluo")
        ]
        if _says_pure(path) or any(package.exists() and _says_pure(package) for package in packages):
            found.append(path)
    return found


def module_name(path: Path, root: Path = SOURCE) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


if __name__ == "__main__":
    sys.stdout.write("\n".join(str(path.relative_to(Path.cwd())) for path in pure_files()) + "\n")
