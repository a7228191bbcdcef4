"""Interrupted and failing runs: SIGTERM and SIGHUP mid-write leave the previous output whole and no temporary
file; a full disk or a file-size limit is exit 2 with the reason."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO

#: Runs `zonemap areas -o OUT --force` with a write that stalls halfway, so a signal can arrive mid-write.
STALLING = """
import sys, time, zonemap.write as write
real = write.os.fdopen
class Stalling:
    def __init__(self, handle): self.handle = handle
    def __enter__(self): return self
    def __exit__(self, *exc): self.handle.close()
    def write(self, data):
        self.handle.write(data[: len(data) // 2]); self.handle.flush()
        print("stalled", flush=True); time.sleep(30)
write.os.fdopen = lambda fd, mode, **kw: Stalling(real(fd, mode))
from zonemap.cli import main
sys.exit(main(["areas", "-o", sys.argv[1], "--force"]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "areas.csv"
    out.write_text("the previous output\n")
    process = subprocess.Popen([sys.executable, "-c", STALLING, str(out)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "stalled"
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir()), "the temporary file exists while writing"
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert f"stopped by signal {signum}" in err
    assert out.read_text() == "the previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["areas.csv"]


def test_a_file_size_limit_is_exit_2_with_the_reason(tmp_path: Path) -> None:
    out = tmp_path / "zones.geojson"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run([sys.executable, "-m", "zonemap", "export", "-o", str(out)], cwd=REPO, capture_output=True, text=True,
                          preexec_fn=limit, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "cannot write: the file is larger than this system allows (file-size limit)" in done.stderr
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_stale_temporary_files_from_a_killed_run_are_cleaned_by_the_next(tmp_path: Path, cli) -> None:
    out = tmp_path / "areas.csv"
    process = subprocess.Popen([sys.executable, "-c", STALLING, str(out)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "stalled"
    process.kill()  # SIGKILL: nothing can clean up
    process.wait(timeout=30)
    time.sleep(0.1)
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    assert cli("areas", "-o", out).status == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".zonemap-outputs")) == ["areas.csv"]
    assert os.path.getsize(out) > 100


def test_a_signal_mid_write_removes_the_folder_the_run_created(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "areas.csv"
    process = subprocess.Popen([sys.executable, "-c", STALLING, str(out)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "stalled"
    assert (tmp_path / "new" / "deeper").is_dir(), "the folders exist while writing"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert list(tmp_path.iterdir()) == [], "no folder, no temporary file left"
