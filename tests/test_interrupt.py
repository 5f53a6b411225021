"""Ctrl-C sent as a real signal to a real build, at moments spread over the whole run: the
build stops with exit 130 and one Dutch line, or (pressed after the set went in) says so,
and the reports in the folder are always byte for byte those of a clean build.

Before `interrupts`, a KeyboardInterrupt could land in a library's clean-up code, where
Python drops it: the build went on and wrote a factsheet whose chart had lost its legend."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("whole_group", [False, True], ids=["process", "terminal"])
def test_ctrl_c_never_damages_or_half_writes_the_reports(tmp_path: Path, whole_group: bool):
    output = tmp_path / "reports"
    command = [sys.executable, str(ROOT / "build.py"), "--uitvoer", str(output)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    clean = _files(output)
    for delay in (0.4, 1.2, 1.8, 2.4):
        build = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        time.sleep(delay)
        if whole_group:  # a terminal's Ctrl-C reaches the forked render process too
            os.killpg(build.pid, signal.SIGINT)
        else:
            build.send_signal(signal.SIGINT)
        _, err = build.communicate(timeout=120)
        assert "Traceback" not in err and "Exception ignored" not in err, err
        assert build.returncode in (0, 130), err
        if build.returncode == 130:
            assert err.strip().splitlines()[-1].startswith("Afgebroken"), err
        assert _files(output) == clean, f"reports changed after Ctrl-C at {delay} s"


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_stop_a_single_build_as_ctrl_c_does(tmp_path: Path, stop, code):
    output = tmp_path / "reports"
    command = [sys.executable, str(ROOT / "build.py"), "--uitvoer", str(output)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    clean = _files(output)
    build = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(1.2)
    build.send_signal(stop)
    _, err = build.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert build.returncode in (0, code), err
    if build.returncode == code:
        assert err.strip().splitlines()[-1].startswith("Afgebroken"), err
    assert _files(output) == clean
