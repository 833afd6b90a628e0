"""A 1 GiB (sparse) file uploaded through the command line to both emulators with bounded memory:
the upload streams from disk, so the client's peak memory stays far under 100 MB."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fakes import amberscript as amber_fake
from fakes import happyscribe as hs_fake

SIZE = 1 << 30
LIMIT_KB = 100 * 1024
CHILD = """
import sys
from scribekit.cli import cli
try:
    code = cli.main(args=sys.argv[1:], prog_name="scribekit", standalone_mode=False)
finally:
    # VmHWM: this program's own peak (ru_maxrss would also count the parent's pages at fork time)
    peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print("maxrss_kb", peak, file=sys.stderr)
"""
pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory read from /proc (Linux)")


@pytest.fixture
def big(tmp_path):
    path = tmp_path / "long-recording.mp4"
    with open(path, "wb") as handle:
        handle.truncate(SIZE)
    return path


def _upload(args: list[str], env: dict[str, str]) -> tuple[str, int]:
    done = subprocess.run([sys.executable, "-c", CHILD, *args], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    peak = int(done.stderr.rsplit("maxrss_kb", 1)[1].split()[0])
    return done.stdout.strip(), peak


def test_amberscript_upload_of_1_gib_streams(big):
    server, app = amber_fake.start()
    try:
        job_id, peak = _upload(["amberscript", "upload", str(big), "--language", "en"],
                               {"AMBERSCRIPT_API_KEY": app.key, "AMBERSCRIPT_BASE_URL": server.url + "/api"})
        assert app.jobs[job_id].size == SIZE  # every byte arrived, inside a well-formed multipart body
    finally:
        server.stop()
    assert peak < LIMIT_KB, f"peak memory {peak / 1024:.0f} MB"


def test_happyscribe_upload_of_1_gib_streams(big):
    server, app = hs_fake.start()
    try:
        tid, peak = _upload(["happyscribe", "upload", str(big), "--language", "en-GB", "--organization", "413"],
                            {"HAPPYSCRIBE_API_KEY": app.key, "HAPPYSCRIBE_BASE_URL": server.url + "/api/v1"})
        key = server.object_key(app.transcriptions[tid]["tmp_url"])
        assert server.objects[key]["size"] == SIZE
    finally:
        server.stop()
    assert peak < LIMIT_KB, f"peak memory {peak / 1024:.0f} MB"
