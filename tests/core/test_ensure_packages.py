"""scripts/ensure_packages.sh (run by `make run` and `make test`): it reaches for apt-get only when a
package is missing, and an optional package it cannot install (an offline intranet) does not stop
`make run`. ldconfig, fc-list and apt-get are stand-ins on PATH."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "ensure_packages.sh"
LIBRARIES = ["libpango-1.0.so.0", "libpangoft2-1.0.so.0", "libharfbuzz.so.0"]


def _tools(tmp_path: Path, *, fonts: bool, apt_works: bool = True) -> Path:
    """Stand-ins that print long listings, the wanted line first: a reader that stops at the first
    match leaves the writer to die of SIGPIPE."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    filler = "seq 1 200000 | sed 's/^/\\/usr\\/share\\/fonts\\/filler-/'"
    libraries = "".join(f"echo '\t{name} (libc6,x86-64) => /usr/lib/{name}'\n" for name in LIBRARIES)
    font = "echo '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc: Noto Sans CJK SC:style=Regular'\n"
    scripts = {
        "ldconfig": f"#!/bin/sh\n{libraries}{filler}\n",
        "fc-list": f"#!/bin/sh\n{font if fonts else ''}{filler}\n",
        "apt-get": f'#!/bin/sh\necho "$*" >> "{tmp_path}/apt.log"\nexit {0 if apt_works else 100}\n',
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return bin_dir


def _run(bin_dir: Path, purpose: str = "run", **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin", "CI": "", **env}
    return subprocess.run(
        ["bash", str(SCRIPT), purpose], env=environment, capture_output=True, text=True, timeout=60
    )


def test_nothing_is_installed_when_every_package_is_there(tmp_path: Path) -> None:
    bin_dir = _tools(tmp_path, fonts=True)
    for _ in range(5):
        result = _run(bin_dir)
        assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    assert not (tmp_path / "apt.log").exists()


def test_a_missing_font_is_installed_with_apt_get(tmp_path: Path) -> None:
    result = _run(_tools(tmp_path, fonts=False))
    assert result.returncode == 0
    assert "Installing fonts-noto-cjk" in result.stdout
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "update -qq",
        "install -y -qq fonts-noto-cjk",
    ]


def test_an_optional_package_that_cannot_be_installed_does_not_stop_make_run(tmp_path: Path) -> None:
    result = _run(_tools(tmp_path, fonts=False, apt_works=False), CI="true")
    assert result.returncode == 0
    assert "Could not install fonts-noto-cjk" in result.stderr
    assert "Going on without them" in result.stderr
