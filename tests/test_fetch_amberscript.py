"""Amberscript: every endpoint and parameter of the API, through the client and through
`scribekit amberscript ...`, against the local emulator."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from scribekit import Transcript
from scribekit.cli import cli
from scribekit.errors import ApiError, FetchError, OptionError
from scribekit.fetch import AmberscriptClient, HttpSettings, PollOptions

KEY = "amber-secret-key-123"
FAST = PollOptions(interval=0.01, max_interval=0.02, timeout=5)
QUICK = HttpSettings(backoff=0.01, max_backoff=0.02, read_timeout=5)
SAMPLE_STL = (Path(__file__).resolve().parents[1] / "samples" / "stl" / "interview.stl").read_bytes()
POLL = ["--poll-interval", "0.01", "--max-poll-interval", "0.02"]


@pytest.fixture
def client(amber):
    server, _ = amber
    with AmberscriptClient(KEY, base_url=server.url + "/api", settings=QUICK, sleep=lambda s: None) as c:
        yield c


def run(server, *args: str, key: str | None = KEY):
    env = {"AMBERSCRIPT_API_KEY": key, "AMBERSCRIPT_BASE_URL": server.url + "/api"}
    result = CliRunner().invoke(cli, list(args), env=env)
    assert KEY not in result.output
    return result


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


# --- upload ------------------------------------------------------------------------------------

def test_upload_sends_the_file_as_multipart_with_every_parameter(amber, client, media):
    server, app = amber
    job = client.upload(media, language="nl", transcription_type="captions", job_type="perfect",
                        number_of_speakers=3, callback_url="https://example.org/hook", transcription_style="verbatim",
                        turnaround_time="two_days", target_language="en")
    assert job["status"] == "OPEN" and job["filename"] == "talk.mp3"
    request = server.requests("POST", "/jobs/upload-media")[0]
    assert dict(request.query) == {
        "language": "nl", "transcriptionType": "captions", "jobType": "perfect", "numberOfSpeakers": "3",
        "callbackUrl": "https://example.org/hook", "transcriptionStyle": "verbatim", "turnaroundTime": "TWO_DAYS",
        "targetLanguage": "en", "apiKey": KEY}
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert app.jobs[job["jobId"]].size == media.stat().st_size  # the emulator parsed the part back out


def test_upload_defaults(amber, client, media):
    server, _ = amber
    client.upload(media)
    query = dict(server.requests("POST")[0].query)
    assert (query["language"], query["transcriptionType"], query["jobType"]) == ("en", "transcription", "direct")
    assert "numberOfSpeakers" not in query


@pytest.mark.parametrize("kwargs, message", [
    (dict(language="xx"), "language 'xx'"),
    (dict(language="en-us"), "did you mean"),
    (dict(transcription_type="subtitles"), "transcription type"),
    (dict(job_type="fast"), "job type"),
    (dict(number_of_speakers=0), "1 to 5"),
    (dict(number_of_speakers=6), "1 to 5"),
    (dict(transcription_style="literal"), "transcription style"),
    (dict(turnaround_time="ELEVEN_DAYS"), "turnaround"),
    (dict(target_language="xx"), "target language"),
    (dict(callback_url="ftp://example.org/x"), "callback URL"),
    (dict(transcription_type="translatedSubtitles"), "target language"),
])
def test_upload_values_are_checked_before_any_request(amber, client, media, kwargs, message):
    server, _ = amber
    with pytest.raises(OptionError, match=message):
        client.upload(media, **kwargs)
    assert server.requests() == []


def test_upload_file_checks(amber, client, tmp_path):
    server, _ = amber
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "empty.wav").write_bytes(b"")
    huge = tmp_path / "huge.mp4"
    with open(huge, "wb") as handle:
        handle.truncate(6 * 1024 ** 3 + 1)  # sparse: costs no disk
    for path, message in [(tmp_path / "notes.txt", r"\.txt"), (tmp_path / "empty.wav", "empty"),
                          (tmp_path / "gone.mp3", "no such file"), (huge, "over Amberscript's limit of 6 GB")]:
        with pytest.raises(OptionError, match=message):
            client.upload(path)
    assert server.requests() == []


# --- status, wait ------------------------------------------------------------------------------

def test_wait_polls_until_done(amber, client, media):
    server, app = amber
    app.polls_to_done = 3
    job = client.upload(media)
    seen: list[str] = []
    done = client.wait(job["jobId"], FAST, on_change=lambda j: seen.append(j["status"]))
    assert done["status"] == "DONE" and seen == ["OPEN", "DONE"]
    assert len(server.requests("GET", "/jobs/status")) == 3


def test_wait_stops_on_error_with_its_message(amber, client, tmp_path):
    media = tmp_path / "silence.wav"
    media.write_bytes(b"RIFF" + bytes(4000))
    job = client.upload(media)
    with pytest.raises(FetchError) as caught:
        client.wait(job["jobId"], FAST)
    assert job["jobId"] in str(caught.value) and "No speech was detected" in str(caught.value)


def test_wait_timeout_names_the_job_and_how_to_resume(amber, client, media):
    _, app = amber
    app.polls_to_done = 10 ** 6
    job = client.upload(media)
    with pytest.raises(FetchError) as caught:
        client.wait(job["jobId"], PollOptions(interval=0.01, max_interval=0.02, timeout=0.1))
    text = str(caught.value)
    assert f"Amberscript job {job['jobId']} is still OPEN" in text
    assert f"scribekit amberscript status {job['jobId']} --wait" in text


# --- exports -----------------------------------------------------------------------------------

def test_export_json_and_transcript(amber, client):
    _, app = amber
    job = app.add_job()
    data = client.export_json(job.jobId)
    assert data == app.export_json
    transcript = client.transcript(job.jobId)
    assert isinstance(transcript, Transcript) and len(transcript.words) > 50
    assert transcript.speakers


def test_export_srt_vtt_txt_with_their_parameters(amber, client):
    server, app = amber
    job = app.add_job()
    srt = client.export_srt(job.jobId, max_chars_per_row=37, max_number_of_rows=1, max_screen_time_per_row_seconds=2.5)
    assert srt.startswith(b"1\n00:00:00,449")
    assert dict(server.requests("GET", "export-srt")[0].query) == {
        "jobId": job.jobId, "maxCharsPerRow": "37", "maxNumberOfRows": "1", "maxScreenTimePerRowSeconds": "2.5",
        "apiKey": KEY}
    assert client.export_vtt(job.jobId, max_chars_per_row=45).startswith(b"WEBVTT")
    assert server.requests("GET", "export-vtt")[0].param("maxCharsPerRow") == "45"
    client.export_txt(job.jobId, include_timestamps=False, include_speakers=True, highlights_only=True,
                      max_chars_per_row=80)
    query = dict(server.requests("GET", "export-txt")[0].query)
    assert (query["includeTimestamps"], query["includeSpeakers"], query["highlightsOnly"], query["maxCharsPerRow"]) \
        == ("false", "true", "true", "80")


def test_export_stl_downloads_from_the_signed_url_without_the_key(amber, client):
    server, app = amber
    job = app.add_job()
    data = client.export_stl(job.jobId, max_number_of_rows=2, max_screen_time_per_row_seconds=3)
    assert data == SAMPLE_STL
    assert server.requests("GET", "export-stl")[0].param("maxNumberOfRows") == "2"
    download = server.requests("GET", "^/s3/")[0]
    assert download.param("apiKey") is None and "authorization" not in download.headers


def test_deprecated_export(amber, client):
    server, app = amber
    job = app.add_job()
    assert client.export(job.jobId, "xml").startswith(b"<?xml")
    assert client.export_legacy(job.jobId, "srt", max_chars_per_subtitle=50, subtitle_duration_max=4500)[:1] == b"1"
    query = dict(server.requests("GET", "^/api/jobs/export$")[-1].query)
    assert (query["format"], query["maxCharsPerSubtitle"], query["subtitleDurationMax"]) == ("srt", "50", "4500")
    with pytest.raises(OptionError, match="srt only"):
        client.export_legacy(job.jobId, "json", max_chars_per_subtitle=50)


@pytest.mark.parametrize("kwargs", [dict(max_chars_per_row=29), dict(max_chars_per_row=46), dict(max_number_of_rows=3),
                                    dict(max_screen_time_per_row_seconds=0)])
def test_export_parameters_are_checked_before_any_request(amber, client, kwargs):
    server, app = amber
    job = app.add_job()
    with pytest.raises(OptionError):
        client.export_srt(job.jobId, **kwargs)
    assert server.requests() == []


def test_export_of_an_unfinished_job_says_so(amber, client):
    _, app = amber
    job = app.add_job(status="OPEN")
    with pytest.raises(ApiError, match="not finished"):
        client.export_json(job.jobId)


# --- list, delete, translate -------------------------------------------------------------------

def test_list_filters_and_pages(amber, client):
    server, app = amber
    for n in range(5):
        app.add_job(f"f{n}.mp3", status="DONE" if n % 2 == 0 else "OPEN", jobType="perfect" if n else "direct")
    assert [j["filename"] for j in client.list_jobs(status="DONE")] == ["f4.mp3", "f2.mp3", "f0.mp3"]
    assert len(client.list_jobs(job_type="direct")) == 1
    assert len(client.list_jobs(transcription_type="transcription", page=1, page_size=2)) == 2
    every = list(client.iter_jobs(page_size=2))
    assert [j["filename"] for j in every] == [f"f{n}.mp3" for n in range(4, -1, -1)]
    assert [r.param("page") for r in server.requests("GET", "^/api/jobs$")][-3:] == ["0", "1", "2"]
    assert client.list_jobs(job_id=every[0]["jobId"])[0]["jobId"] == every[0]["jobId"]
    with pytest.raises(OptionError):
        client.list_jobs(page_size=101)
    with pytest.raises(OptionError):
        client.list_jobs(status="FINISHED")


def test_delete(amber, client):
    _, app = amber
    job = app.add_job()
    assert client.delete(job.jobId) == {"message": "Job deleted"}
    assert job.jobId not in app.jobs
    with pytest.raises(ApiError) as caught:
        client.delete(job.jobId)
    assert caught.value.status == 404 and "scribekit amberscript list" in str(caught.value)


def test_delete_retried_after_a_lost_answer_counts_as_done(amber, client):
    server, app = amber
    job = app.add_job()
    server.fault("DELETE", "^/api/jobs$", "lost")  # deleted, but the answer never arrives; the retry gets a 404
    assert client.delete(job.jobId)["message"] == "Job deleted"
    assert len(server.requests("DELETE")) == 2 and job.jobId not in app.jobs


def test_translated_subtitles(amber, client):
    server, app = amber
    source = app.add_job(transcriptionType="captions", jobType="perfect")
    job = client.translate(source.jobId, "en", turnaround_time="EIGHT_DAYS", callback_url="https://example.org/cb")
    assert job["sourceJobId"] == source.jobId and job["transcriptionType"] == "translatedSubtitles"
    assert dict(server.requests("POST")[0].query) == {"sourceJobId": source.jobId, "targetLanguage": "en",
                                                      "turnaroundTime": "EIGHT_DAYS",
                                                      "callbackUrl": "https://example.org/cb", "apiKey": KEY}
    with pytest.raises(OptionError):
        client.translate(source.jobId, "klingon")
    unfinished = app.add_job(status="OPEN")
    with pytest.raises(ApiError, match="not finished"):
        client.translate(unfinished.jobId, "en")


# --- the command line --------------------------------------------------------------------------

def test_cli_upload_wait_to_srt_with_writer_options(amber, media, tmp_path):
    server, app = amber
    out = tmp_path / "talk.srt"
    result = run(server, "amberscript", "upload", str(media), "--language", "nl", "--job-type", "direct",
                 "--speakers", "2", "--wait", *POLL, "--to", "srt", "--max-chars-per-row", "30", "-o", str(out))
    assert result.exit_code == 0, result.output
    job_id = result.stdout.strip()
    assert job_id in app.jobs and app.jobs[job_id].options["numberOfSpeakers"] == "2"
    text = out.read_text()
    assert text.startswith("1\n00:00:")
    rows = [line for line in text.splitlines() if line and "-->" not in line and not line.isdigit()]
    assert len(rows) > 20 and all(len(row) <= 30 or " " not in row for row in rows)  # a lone long word may overrun


def test_cli_upload_writes_beside_the_media_by_default(amber, media):
    server, _ = amber
    result = run(server, "amberscript", "upload", str(media), "--wait", *POLL, "--to", "vtt", "docx")
    assert result.exit_code == 0, result.output
    assert (media.parent / "talk.vtt").read_text().startswith("WEBVTT")
    assert (media.parent / "talk.docx").read_bytes()[:2] == b"PK"


def test_cli_upload_to_html_keeps_the_upload_and_the_player_media_apart(amber, media, tmp_path):
    """MEDIA is the file uploaded; the HTML writer's --media is what its player plays."""
    server, app = amber
    out = tmp_path / "talk.html"
    result = run(server, "amberscript", "upload", str(media), "--wait", *POLL, "--to", "html",
                 "--media", "video/talk-small.mp4", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert app.jobs[result.stdout.strip()].filename == media.name
    assert 'src="video/talk-small.mp4"' in out.read_text(encoding="utf-8")


def test_cli_upload_without_wait_prints_the_job_id(amber, media):
    server, app = amber
    result = run(server, "amberscript", "upload", str(media), "--speaker-names")
    assert result.exit_code == 2  # a writer flag without --to is a usage error
    result = run(server, "amberscript", "upload", str(media))
    assert result.exit_code == 0 and result.stdout.strip() in app.jobs
    assert "(OPEN)" in result.stderr


def test_cli_refuses_an_existing_output_before_uploading(amber, media, tmp_path):
    server, _ = amber
    out = tmp_path / "talk.srt"
    out.write_text("mine")
    result = run(server, "amberscript", "upload", str(media), "--wait", "--to", "srt", "-o", str(out))
    assert result.exit_code == 1 and "exists already" in one_line(result.stderr)
    assert server.requests() == [] and out.read_text() == "mine"


def test_cli_to_needs_wait(amber, media):
    server, _ = amber
    result = run(server, "amberscript", "upload", str(media), "--to", "srt")
    assert result.exit_code == 2 and "--wait" in result.output


def test_cli_status_list_export_translate_delete(amber, tmp_path):
    server, app = amber
    job = app.add_job("talk.mp3", transcriptionType="captions", jobType="perfect")
    app.add_job("other.mp3", status="OPEN")
    status = run(server, "amberscript", "status", job.jobId)
    assert status.exit_code == 0 and status.stdout.startswith(f"{job.jobId}  DONE  captions/perfect  nl  talk.mp3")
    as_json = run(server, "amberscript", "status", job.jobId, "--json")
    assert json.loads(as_json.stdout)["jobId"] == job.jobId
    listed = run(server, "amberscript", "list", "--status", "DONE", "--page-size", "100")
    assert listed.exit_code == 0 and listed.stdout.count("\n") == 1 and job.jobId in listed.stdout
    listed = run(server, "amberscript", "list", "--json", "--page", "0", "--page-size", "1")
    assert len(json.loads(listed.stdout)) == 1
    docx = tmp_path / "talk.docx"
    exported = run(server, "amberscript", "export", job.jobId, "--to", "docx", "--speakers", "-o", str(docx))
    assert exported.exit_code == 0, exported.output
    assert docx.read_bytes()[:2] == b"PK"
    stl = tmp_path / "own.stl"
    exported = run(server, "amberscript", "export", job.jobId, "--provider-format", "stl", "--max-rows", "1",
                   "-o", str(stl))
    assert exported.exit_code == 0 and stl.read_bytes() == SAMPLE_STL
    assert server.requests("GET", "export-stl")[-1].param("maxNumberOfRows") == "1"
    translated = run(server, "amberscript", "translate", job.jobId, "--target-language", "en")
    assert translated.exit_code == 0 and app.jobs[translated.stdout.strip()].sourceJobId == job.jobId
    deleted = run(server, "amberscript", "delete", job.jobId)
    assert deleted.exit_code == 0 and job.jobId not in app.jobs


def test_cli_provider_format_maps_the_writer_flags(amber, tmp_path):
    server, app = amber
    job = app.add_job()
    out = tmp_path / "own.srt"
    result = run(server, "amberscript", "export", job.jobId, "--provider-format", "srt", "--max-chars-per-row", "37",
                 "--max-rows", "1", "--max-screen-time-per-row", "2.5", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("1\n00:00:00,449")
    query = dict(server.requests("GET", "export-srt")[-1].query)
    assert (query["maxCharsPerRow"], query["maxNumberOfRows"], query["maxScreenTimePerRowSeconds"]) == \
        ("37", "1", "2.5")
    txt = run(server, "amberscript", "export", job.jobId, "--provider-format", "txt", "--no-timestamps", "-o", "-")
    assert txt.stdout.startswith("00:00:00") and \
        server.requests("GET", "export-txt")[-1].param("includeTimestamps") == "false"
    legacy = run(server, "amberscript", "export", job.jobId, "--provider-format", "srt", "--max-chars-per-subtitle",
                 "50", "-o", "-")
    assert legacy.exit_code == 0 and server.requests("GET", "^/api/jobs/export$")[-1].param("format") == "srt"
    wrong = run(server, "amberscript", "export", job.jobId, "--provider-format", "txt", "--voice-tags")
    assert wrong.exit_code == 2 and "--voice-tags" in one_line(wrong.stderr)


def test_cli_errors_are_one_line(amber, media):
    server, app = amber
    missing = run(server, "amberscript", "status", "abc", key=None)
    assert missing.exit_code == 2 and "AMBERSCRIPT_API_KEY" in one_line(missing.stderr)
    wrong = run(server, "amberscript", "status", "abc", key="not-the-key")
    assert wrong.exit_code == 1 and "API key was refused (401" in one_line(wrong.stderr)
    assert "not-the-key" not in wrong.output
    flag = run(server, "amberscript", "status", "abc", "--api-key", KEY)
    assert flag.exit_code == 1 and "abc: not found (404" in one_line(flag.stderr)
    unknown = run(server, "amberscript", "export", "nope", "--to", "srt")
    assert unknown.exit_code == 1 and "Amberscript job nope" in one_line(unknown.stderr)
    bad = run(server, "amberscript", "upload", str(media), "--language", "xx")
    assert bad.exit_code == 2 and "language 'xx'" in one_line(bad.stderr)
    open_job = app.add_job(status="OPEN")
    early = run(server, "amberscript", "export", open_job.jobId, "--to", "srt")
    assert early.exit_code == 1 and "still OPEN" in one_line(early.stderr) and "--wait" in early.stderr


def test_cli_a_failed_export_leaves_no_file(amber, tmp_path):
    server, app = amber
    job = app.add_job()
    server.fault("GET", "export-json", "malformed")
    out = tmp_path / "talk.srt"
    result = run(server, "amberscript", "export", job.jobId, "--to", "srt", "-o", str(out))
    assert result.exit_code == 1 and job.jobId in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_survives_faults_while_waiting(amber, media, tmp_path):
    server, _ = amber
    server.fault("GET", "/jobs/status", "status", code=503)
    server.fault("GET", "/jobs/status", "status", code=429, headers={"Retry-After": "0"})
    server.fault("GET", "export-json", "drop")
    out = tmp_path / "out.vtt"
    result = run(server, "amberscript", "upload", str(media), "--wait", *POLL, "--to", "vtt", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("WEBVTT")


def test_cli_a_timed_out_wait_is_resumed_by_status_and_export(amber, media, tmp_path):
    server, app = amber
    app.polls_to_done = 10 ** 6
    out = tmp_path / "talk.srt"
    first = run(server, "amberscript", "upload", str(media), "--wait", *POLL, "--timeout", "0.1", "--to", "srt",
                "-o", str(out))
    job_id = first.stdout.strip()
    assert first.exit_code == 1 and job_id in app.jobs
    assert f"Amberscript job {job_id} is still OPEN" in first.stderr and not out.exists()
    app.polls_to_done = app.jobs[job_id].polls + 2
    status = run(server, "amberscript", "status", job_id, "--wait", *POLL)
    assert status.exit_code == 0 and " DONE " in status.stdout
    again = run(server, "amberscript", "export", job_id, "--wait", *POLL, "--to", "srt", "-o", str(out))
    assert again.exit_code == 0 and out.read_text().startswith("1\n")


def test_cli_ctrl_c_while_waiting_says_how_to_resume(amber, media, tmp_path):
    server, app = amber
    app.polls_to_done = 10 ** 6
    env = {**os.environ, "AMBERSCRIPT_API_KEY": KEY, "AMBERSCRIPT_BASE_URL": server.url + "/api"}
    with subprocess.Popen([sys.executable, "-m", "scribekit", "amberscript", "upload", str(media), "--wait",
                           "--poll-interval", "0.05", "--to", "srt"], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) as process:  # a terminal's
        try:
            job_id = process.stdout.readline().strip()
            deadline = time.monotonic() + 20
            while app.jobs.get(job_id) is None or app.jobs[job_id].polls < 2:
                assert time.monotonic() < deadline
                time.sleep(0.02)
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=20)
        finally:
            process.kill()  # and the with block closes its pipes, whatever happened
    assert process.returncode == 130
    assert f"scribekit amberscript status {job_id} --wait" in err and "Traceback" not in err
    app.polls_to_done = 0
    resumed = run(server, "amberscript", "export", job_id, "--wait", *POLL, "--to", "srt", "-o",
                  str(tmp_path / "t.srt"))
    assert resumed.exit_code == 0


def test_cli_languages():
    result = CliRunner().invoke(cli, ["amberscript", "languages"])
    assert "nl          Dutch" in result.stdout and "en-us" in result.stdout
