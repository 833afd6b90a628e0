"""The shared HTTP layer against a real local server: retry rules, 429 waits, timeouts, dropped
connections, malformed answers, base URLs, and the key never showing in messages or logs."""
from __future__ import annotations

import email.utils
import logging
import socket
import ssl
import time

import pytest

import scribekit
from scribekit.errors import ApiError, FetchError, MissingKeyError, OptionError
from scribekit.fetch import AmberscriptClient, HttpSettings, PollOptions
from scribekit.fetch.http import redact
from scribekit.fetch.poll import poll

KEY = "amber-secret-key-123"
QUICK = HttpSettings(backoff=0.01, max_backoff=0.04, read_timeout=2.0, retries=3)


@pytest.fixture
def client(amber, waits):
    server, _ = amber
    with AmberscriptClient(KEY, base_url=server.url + "/api", settings=QUICK, sleep=waits.append) as c:
        yield c


def _no_key(*texts: str) -> None:
    for text in texts:
        assert KEY not in text


# --- 429 -------------------------------------------------------------------------------------------

def test_429_waits_as_retry_after_says_then_succeeds(amber, client, waits):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "status", code=429, headers={"Retry-After": "7"})
    assert client.status(job.jobId)["status"] == "DONE"
    assert waits == [7.0]
    assert len(server.requests("GET", "/jobs/status")) == 2


def test_429_retry_after_as_a_date(amber, client, waits):
    server, app = amber
    job = app.add_job()
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    server.fault("GET", "/jobs/status", "status", code=429, headers={"Retry-After": when})
    client.status(job.jobId)
    assert 25 <= waits[0] <= 31


def test_429_retry_in_seconds_in_the_body(amber, client, waits):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "status", code=429, body={"retry_in_seconds": 3})
    client.status(job.jobId)
    assert waits == [3.0]


def test_429_on_a_post_is_resent_since_it_was_not_acted_on(amber, client, waits, tmp_path):
    server, app = amber
    media = tmp_path / "talk.mp3"
    media.write_bytes(b"x" * 3000)
    server.fault("POST", "/jobs/upload-media", "status", code=429, headers={"Retry-After": "1"})
    job = client.upload(media)
    assert waits == [1.0]
    assert len(server.requests("POST")) == 2
    assert len(app.jobs) == 1 and app.jobs[job["jobId"]].size == 3000


def test_429_asking_too_long_is_reported_not_waited(amber, client, waits):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "status", code=429, headers={"Retry-After": "3600"})
    with pytest.raises(ApiError) as caught:
        client.status(job.jobId)
    assert caught.value.status == 429 and "3600 s" in str(caught.value) and job.jobId in str(caught.value)
    assert waits == []


def test_429_for_ever_gives_up_after_the_retries(amber, client, waits):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "status", code=429, headers={"Retry-After": "0"}, times=10)
    with pytest.raises(ApiError, match="rate"):
        client.status(job.jobId)
    assert len(server.requests("GET", "/jobs/status")) == QUICK.retries + 1


# --- 5xx, timeouts, dropped connections -------------------------------------------------------------

def test_503_on_a_get_is_retried_with_growing_jittered_backoff(amber, client, waits):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "status", code=503, times=3)
    assert client.status(job.jobId)["jobId"] == job.jobId
    assert len(waits) == 3
    for attempt, wait in enumerate(waits, 1):
        ceiling = min(QUICK.max_backoff, QUICK.backoff * 2 ** (attempt - 1))
        assert ceiling / 2 <= wait <= ceiling


def test_5xx_for_ever_is_one_clear_error_after_the_last_try(amber, client):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "status", code=502, times=50, body={"message": "bad gateway"})
    with pytest.raises(ApiError) as caught:
        client.status(job.jobId)
    text = str(caught.value)
    assert job.jobId in text and "502" in text and "4 tries" in text and "try again later" in text
    assert "\n" not in text
    assert len(server.requests("GET", "/jobs/status")) == 4


def test_a_post_that_may_have_been_received_is_never_resent(amber, client, tmp_path):
    server, app = amber
    media = tmp_path / "talk.mp3"
    media.write_bytes(b"x" * 3000)
    server.fault("POST", "/jobs/upload-media", "status", code=503)
    with pytest.raises(ApiError) as caught:
        client.upload(media)
    assert "may have been received" in str(caught.value) and "scribekit amberscript list" in str(caught.value)
    assert len(server.requests("POST")) == 1


def test_a_dropped_connection_is_retried_for_a_get(amber, client, waits):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "drop")
    assert client.status(job.jobId)["status"] == "DONE"
    assert len(waits) == 1


def test_a_dropped_connection_on_a_post_is_not_retried(amber, client, tmp_path):
    server, _ = amber
    media = tmp_path / "talk.mp3"
    media.write_bytes(b"x" * 3000)
    server.fault("POST", "/jobs/upload-media", "drop")
    with pytest.raises(FetchError, match="dropped.*may have been received"):
        client.upload(media)
    assert len(server.requests("POST")) == 1


def test_a_slow_answer_times_out_and_is_retried(amber, waits):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "slow", seconds=0.6)
    settings = HttpSettings(read_timeout=0.2, backoff=0.01, retries=2)
    with AmberscriptClient(KEY, base_url=server.url + "/api", settings=settings, sleep=waits.append) as c:
        started = time.monotonic()
        assert c.status(job.jobId)["status"] == "DONE"
    assert time.monotonic() - started < 2
    assert len(server.requests("GET", "/jobs/status")) == 2


def test_always_slow_is_a_timeout_error_naming_the_job(amber, waits):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "slow", seconds=0.4, times=5)
    settings = HttpSettings(read_timeout=0.1, backoff=0.01, retries=1)
    with AmberscriptClient(KEY, base_url=server.url + "/api", settings=settings, sleep=waits.append) as c:
        with pytest.raises(FetchError) as caught:
            c.status(job.jobId)
    assert "no answer within 0.1 s" in str(caught.value) and job.jobId in str(caught.value)
    assert "--http-timeout" in str(caught.value)


def test_malformed_json_is_one_clear_line(amber, client):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "/jobs/status", "malformed")
    with pytest.raises(FetchError) as caught:
        client.status(job.jobId)
    text = str(caught.value)
    assert "malformed JSON" in text and job.jobId in text and "\n" not in text


def test_nobody_listening_is_reported_after_the_retries(waits):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with AmberscriptClient(KEY, base_url=f"http://127.0.0.1:{port}/api", settings=QUICK, sleep=waits.append) as c:
        with pytest.raises(FetchError, match="cannot reach Amberscript.*4 tries"):
            c.status("abc")
    assert len(waits) == 3


# --- keys, base URLs, headers ------------------------------------------------------------------------

def test_the_key_never_shows_in_errors_or_logs(amber, client, caplog):
    server, app = amber
    caplog.set_level(logging.DEBUG)
    echo = {"message": f"bad request GET /api/jobs/status?jobId=x&apiKey={KEY}"}
    server.fault("GET", "/jobs/status", "status", code=400, body=echo)
    with pytest.raises(ApiError) as caught:
        client.status("x")
    assert "apiKey=***" in str(caught.value)
    with pytest.raises(ApiError):
        client.status("unknown-job")
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log the URLs...
    _no_key(str(caught.value), repr(caught.value), caplog.text)  # ...without the key
    assert all(KEY not in r.getMessage() for r in caplog.records)


def test_redact_hides_keys_tokens_and_signatures():
    text = redact(f"https://x/api?apiKey={KEY}&jobId=1 Bearer abc.def X-Amz-Signature=deadbeef&X-Amz-Credential=AK")
    assert KEY not in text and "abc.def" not in text and "deadbeef" not in text and "jobId=1" in text


def test_missing_key_is_a_usage_error(monkeypatch):
    monkeypatch.delenv("AMBERSCRIPT_API_KEY", raising=False)
    with pytest.raises(MissingKeyError, match="AMBERSCRIPT_API_KEY") as caught:
        AmberscriptClient()
    assert isinstance(caught.value, OptionError)


def test_key_and_base_url_from_the_environment(amber, monkeypatch):
    server, app = amber
    job = app.add_job()
    monkeypatch.setenv("AMBERSCRIPT_API_KEY", KEY)
    monkeypatch.setenv("AMBERSCRIPT_BASE_URL", server.url + "/api/")
    with AmberscriptClient() as c:
        assert c.status(job.jobId)["status"] == "DONE"


@pytest.mark.parametrize("url", ["http://example.com/api", "ftp://127.0.0.1/api", "https://x/api?token=1", "nope"])
def test_unsafe_or_wrong_base_urls_are_refused(url):
    with pytest.raises(OptionError):
        AmberscriptClient(KEY, base_url=url)


def test_https_base_urls_and_tls_verification(amber):
    with AmberscriptClient(KEY, base_url="https://api.example.org/api") as c:
        assert c.base_url == "https://api.example.org/api"
        pool = c.http._client._transport._pool  # httpx's default transport
        assert pool._ssl_context.verify_mode == ssl.CERT_REQUIRED
        assert pool._ssl_context.check_hostname


def test_user_agent_and_timeouts(amber, client):
    server, app = amber
    client.status(app.add_job().jobId)
    agent = server.requests("GET")[0].headers["user-agent"]
    assert agent.startswith(f"scribekit/{scribekit.__version__} ")
    timeout = client.http._client.timeout
    assert (timeout.connect, timeout.read) == (QUICK.connect_timeout, QUICK.read_timeout)


def test_settings_are_checked():
    with pytest.raises(OptionError):
        HttpSettings(retries=-1)
    with pytest.raises(OptionError):
        HttpSettings(read_timeout=0)


# --- polling --------------------------------------------------------------------------------------------

def test_poll_interval_grows_to_its_ceiling_and_the_timeout_cuts_the_last_pause():
    now = [0.0]
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        now[0] += seconds

    with pytest.raises(FetchError, match="still OPEN after 20 s") as caught:
        poll(lambda: {"status": "OPEN"}, lambda s: False, options=PollOptions(interval=1, max_interval=4, timeout=20),
             what="job", describe=lambda s: s["status"], resume_hint="resume", sleep=sleep, clock=lambda: now[0])
    assert pauses[:5] == [1, 1.5, 2.25, 3.375, 4]
    assert all(p == 4 for p in pauses[5:-1]) and sum(pauses) == pytest.approx(20)
    assert caught.value.hint == "resume"


def test_poll_reports_each_new_state_once():
    states = iter(["OPEN", "OPEN", "OPEN", "DONE"])
    seen: list[str] = []
    result = poll(lambda: next(states), lambda s: s == "DONE", options=PollOptions(interval=0.001, max_interval=0.001),
                  what="job", describe=str, resume_hint="", sleep=lambda s: None, on_change=seen.append)
    assert result == "DONE" and seen == ["OPEN", "DONE"]


@pytest.mark.parametrize("kwargs", [dict(interval=0), dict(interval=5, max_interval=1), dict(timeout=-1)])
def test_poll_options_are_checked(kwargs):
    with pytest.raises(OptionError):
        PollOptions(**kwargs)


# --- the command line's own plumbing ---------------------------------------------------------------------

def test_the_command_line_starts_without_httpx():
    import subprocess
    import sys

    code = "import sys, scribekit.cli; print('httpx' in sys.modules, 'scribekit.fetch.http' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_upload_progress_bar_on_a_terminal(capsys):
    from scribekit.cli._provider import Bar as _Bar

    bar = _Bar("talk.mp3")
    bar(10, 100)
    assert capsys.readouterr().err == ""  # not a terminal: nothing
    bar.active = True
    bar.shown = 0.0
    bar(50_000_000, 100_000_000)
    bar(100_000_000, 100_000_000)
    err = capsys.readouterr().err
    assert "uploading talk.mp3 [############............] 50.0/100.0 MB" in err
    assert "100.0/100.0 MB" in err and err.endswith("\n")



def test_each_command_group_names_its_client_s_environment_variables():
    from scribekit.cli.amberscript import AMBERSCRIPT
    from scribekit.cli.happyscribe import HAPPYSCRIBE
    from scribekit.fetch import ProviderClient

    for provider in (AMBERSCRIPT, HAPPYSCRIBE):
        client = provider.client()
        assert issubclass(client, ProviderClient)
        assert (provider.name, provider.key_env, provider.base_url_env) == \
            (client.PROVIDER, client.KEY_ENV, client.BASE_URL_ENV)


def test_one_choice_check_for_both_providers():
    from scribekit.fetch import HappyScribeClient

    assert AmberscriptClient.choice("job type", "PERFECT", ("direct", "perfect")) == "perfect"
    with pytest.raises(OptionError, match=r"job type 'x' is not one Amberscript takes \(one of: direct, perfect\)"):
        AmberscriptClient.choice("job type", "x", ("direct", "perfect"))
    many = [f"l{n}" for n in range(20)]
    with pytest.raises(OptionError) as amber:
        AmberscriptClient.choice("language", "x", many)
    with pytest.raises(OptionError) as happy:
        HappyScribeClient.choice("language", "x", many)
    assert str(amber.value).endswith(", l11, ...)") and str(happy.value).endswith(", l13, ...)")
    assert "one HappyScribe takes" in str(happy.value)

def test_a_redirect_from_the_api_is_reported_not_followed(amber, client):
    server, app = amber
    server.fault("GET", "/jobs/status", "status", code=301,
                 headers={"Location": f"https://elsewhere.example/api/jobs/status?apiKey={KEY}"})
    with pytest.raises(ApiError) as caught:
        client.status(app.add_job().jobId)
    assert "301" in str(caught.value) and "base URL" in str(caught.value) and KEY not in str(caught.value)
    assert len(server.requests()) == 1
