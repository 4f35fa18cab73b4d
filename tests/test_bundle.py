"""scripts/bundle (issue 17, operations): a tarball that installs with no package index.

The full runtime wheelhouse takes minutes to build; this builds the bundle with one small pinned
requirement and installs it with ``pip --no-index`` into a fresh virtualenv: the same script, the
same commands as README's offline install. (Checked by hand with the full requirements too: README.)"""

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="scripts/bundle packs the git checkout")
def test_the_bundle_installs_without_an_index(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("filetype==1.2.0\n")
    env = {**os.environ, "LUOSHI_BUNDLE_REQUIREMENTS": str(requirements), "STATIC_MANIFEST": "false"}
    built = subprocess.run(
        [str(ROOT / "scripts/bundle"), str(tmp_path / "out")], env=env, capture_output=True, text=True, timeout=600
    )
    assert built.returncode == 0, built.stderr[-2000:]
    tarball = Path(built.stdout.strip().splitlines()[-1])
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    [bundle] = (tmp_path / "unpacked").iterdir()
    assert (bundle / "manage.py").exists() and (bundle / "staticfiles/css/luoshi.css").exists()
    assert subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=bundle).returncode == 0
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--isolated",
            "--no-index",
            "--find-links",
            "wheelhouse",
            "--target",
            str(tmp_path / "site"),
            "-r",
            "requirements-runtime.txt",
        ],
        cwd=bundle,
        env=clean,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    assert (tmp_path / "site/filetype/__init__.py").exists()
