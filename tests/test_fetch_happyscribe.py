"""HappyScribe: every endpoint and parameter of the API, through the client and through
`scribekit happyscribe ...`, against the local emulator (signed S3 URLs included)."""
from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from click.testing import CliRunner

from scribekit.cli import cli
from scribekit.errors import ApiError, FetchError, OptionError, ReadError
from scribekit.fetch import HappyScribeClient, HttpSettings, PollOptions
from scribekit.fetch.archive import extract

KEY = "hs-secret-key-456"
FAST = PollOptions(interval=0.01, max_interval=0.02, timeout=5)
QUICK = HttpSettings(backoff=0.01, max_backoff=0.02, read_timeout=5)
POLL = ["--poll-interval", "0.01", "--max-poll-interval", "0.02"]


@pytest.fixture
def client(hs, waits):
    server, _ = hs
    with HappyScribeClient(KEY, base_url=server.url + "/api/v1", settings=QUICK, sleep=waits.append) as c:
        yield c


def run(server, *args: str, key: str | None = KEY, cwd=None):
    env = {"HAPPYSCRIBE_API_KEY": key, "HAPPYSCRIBE_BASE_URL": server.url + "/api/v1",
           "HAPPYSCRIBE_ORGANIZATION_ID": "413"}
    runner = CliRunner()
    if cwd is not None:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        result = runner.invoke(cli, list(args), env=env)
    finally:
        if cwd is not None:
            os.chdir(old)
    assert KEY not in result.output
    return result


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


# --- uploads and transcriptions ----------------------------------------------------------------

def test_upload_puts_the_file_to_the_signed_url_without_the_key(hs, client, media):
    server, app = hs
    url = client.upload(media)
    assert server.requests("GET", "/uploads/new")[0].param("filename") == "talk.mp3"
    put = server.requests("PUT")[0]
    assert "authorization" not in put.headers and put.headers["content-length"] == str(media.stat().st_size)
    assert put.param("X-Amz-Signature")
    key = server.object_key(url)
    assert server.objects[key]["data"] == media.read_bytes()


def test_transcribe_a_file_with_every_parameter(hs, client, media):
    server, app = hs
    item = client.transcribe(media, language="en-GB", organization_id=413, name="My Interview", is_subtitle=True,
                             service="pro", folder="path/to/my folder", sharing_enabled=True, tags=["To do", "req_1"])
    assert item["state"] == "ingesting" and item["name"] == "My Interview"
    body = server.requests("POST", "/transcriptions")[0].json["transcription"]
    assert server.object_key(body["tmp_url"]) == server.requests("PUT")[0].path[len("/s3/bucket/"):]
    assert {k: body[k] for k in body if k != "tmp_url"} == {
        "name": "My Interview", "language": "en-GB", "organization_id": "413", "is_subtitle": True, "service": "pro",
        "folder": "path/to/my folder", "sharing_enabled": True, "tags": ["To do", "req_1"]}
    assert server.object_key(body["tmp_url"]) in server.objects
    assert server.requests("POST")[0].headers["authorization"] == f"Bearer {KEY}"


def test_transcribe_a_url_and_alignment(hs, client):
    server, _ = hs
    client.transcribe("https://example.org/media/talk.mp3", language="en", organization_id="413", folder_id=521,
                      service="alignment", document_url="https://example.org/talk.txt")
    body = server.requests("POST", "/transcriptions")[0].json["transcription"]
    assert body["tmp_url"] == "https://example.org/media/talk.mp3" and body["name"] == "talk.mp3"
    assert (body["folder_id"], body["service"], body["document_url"]) == ("521", "alignment",
                                                                          "https://example.org/talk.txt")
    assert server.requests("PUT") == []


@pytest.mark.parametrize("kwargs, message", [
    (dict(language="english!"), "BCP-47"),
    (dict(service="robot"), "service"),
    (dict(service="alignment"), "document URL"),
    (dict(document_url="https://example.org/t.txt"), "alignment service only"),
    (dict(folder="a", folder_id="1"), "not both"),
    (dict(name=" "), "needs a name"),
])
def test_transcription_values_are_checked_before_any_request(hs, client, media, kwargs, message):
    server, _ = hs
    args = {"language": "en-GB", "organization_id": "413", **kwargs}
    with pytest.raises(OptionError, match=message):
        client.transcribe(media, **args)
    assert server.requests() == []


def test_file_checks_before_any_request(hs, client, tmp_path):
    server, _ = hs
    huge = tmp_path / "huge.mov"
    with open(huge, "wb") as handle:
        handle.truncate(5 * 1024 ** 3 + 1)
    with pytest.raises(OptionError, match="5 GB"):
        client.transcribe(huge, language="en", organization_id=1)
    with pytest.raises(OptionError, match="no such file"):
        client.transcribe(tmp_path / "gone.mp3", language="en", organization_id=1)
    assert server.requests() == []


def test_get_and_wait_follow_the_states(hs, client, media):
    _, app = hs
    item = client.transcribe(media, language="en-GB", organization_id=413)
    seen: list[str] = []
    done = client.wait(item["id"], FAST, on_change=lambda t: seen.append(t["state"]))
    assert seen == ["automatic_transcribing", "automatic_done"] and done["state"] == "automatic_done"
    assert client.get(item["id"])["_links"]["editor"]["url"].endswith("/edit_v2")


def test_wait_reports_a_failure_with_its_message(hs, client):
    _, app = hs
    tid = app.add_transcription("fail.mp3", state="ingesting")
    with pytest.raises(FetchError, match=f"{tid} failed: The media file could not be read"):
        client.wait(tid, FAST)
    locked = app.add_transcription("x.mp3", state="locked")
    with pytest.raises(FetchError, match="locked: not enough credits"):
        client.wait(locked, FAST)


def test_no_credits_and_validation_errors_from_the_api(hs, client):
    with pytest.raises(ApiError) as caught:
        client.create_transcription(name="x", language="en", tmp_url="https://example.org/x.mp3", organization_id=999)
    assert caught.value.status == 402 and "no balance left" in str(caught.value)
    with pytest.raises(ApiError, match="422: tmp_url: the file could not be retrieved"):
        client.create_transcription(name="x", language="en", organization_id=413,
                                    tmp_url=hs[0].sign("PUT", "uploads/never-uploaded.mp3"))


def test_list_follows_next_links_with_filters(hs, client):
    server, app = hs
    ids = [app.add_transcription(f"t{n}.mp3", tags=["To do"] if n % 2 else [], folder_id=7 if n < 3 else None)
           for n in range(5)]
    app.add_transcription("elsewhere.mp3", organization_id="1")
    listed = [t["id"] for t in client.iter_transcriptions(413)]
    assert listed == ids[::-1]
    assert [r.param("page") for r in server.requests("GET", "/transcriptions$")] == [None, "2", "3"]
    tagged = [t["name"] for t in client.iter_transcriptions(413, tags=["To do"])]
    assert tagged == ["t3.mp3", "t1.mp3"]
    assert server.requests("GET", "/transcriptions$")[-1].params("tags[]") == ["To do"]
    assert len(list(client.iter_transcriptions(413, folder_id=7))) == 3
    page, following = client.list_page(413, page=3)
    assert len(page) == 1 and following is None


def test_a_next_link_to_another_host_is_followed_on_the_base_url(hs, client):
    server, app = hs
    app.next_host = "https://www.happyscribe.com"
    for n in range(3):
        app.add_transcription(f"t{n}.mp3")
    assert len(list(client.iter_transcriptions(413))) == 3  # the key went nowhere but the base URL


def test_delete_to_the_trash_or_for_good(hs, client):
    server, app = hs
    trashed, gone = app.add_transcription(), app.add_transcription()
    client.delete(trashed)
    assert app.transcriptions[trashed]["trashed"] and server.requests("DELETE")[0].param("permanent") is None
    client.delete(gone, permanent=True)
    assert gone not in app.transcriptions and server.requests("DELETE")[1].param("permanent") == "true"
    with pytest.raises(ApiError, match="scribekit happyscribe list"):
        client.delete(gone)


# --- exports -----------------------------------------------------------------------------------

def test_export_create_poll_download(hs, client):
    server, app = hs
    tid = app.add_transcription()
    created = client.create_export([tid], "docx", show_timestamps=True, timestamps_frequency=30, show_speakers=True,
                                   show_comments=False, show_highlights=True, show_highlights_only=False)
    assert created["state"] == "pending"
    assert server.requests("POST", "/exports")[0].json == {"export": {
        "format": "docx", "transcription_ids": [tid], "show_timestamps": True, "show_speakers": True,
        "show_comments": False, "show_highlights": True, "show_highlights_only": False,
        "timestamps_frequency": "30s"}}
    ready = client.wait_export(created["id"], FAST)
    assert ready["state"] == "ready"
    data = client.download(ready)
    assert data.startswith(b"docx export of interview.mp3")
    download = server.requests("GET", "^/s3/")[0]
    assert "authorization" not in download.headers


@pytest.mark.parametrize("kwargs, message", [
    (dict(format="odt"), "export format"),
    (dict(format="txt", show_highlights=True), "show_highlights is for docx, pdf"),
    (dict(format="srt", show_speakers=True), "show_speakers is for txt, docx, pdf"),
    (dict(format="txt", timestamps_frequency="7s"), "timestamps frequency"),
])
def test_export_options_are_checked_before_any_request(hs, client, kwargs, message):
    server, app = hs
    tid = app.add_transcription()
    with pytest.raises(OptionError, match=message):
        client.create_export([tid], **kwargs)
    assert server.requests() == []


def test_several_transcriptions_come_as_one_zip_and_read_as_several_transcripts(hs, client):
    _, app = hs
    ids = [app.add_transcription("a.mp3"), app.add_transcription("b.mp3")]
    data = client.export(ids, "json", poll_options=FAST)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["a-1.json", "b-2.json"]
    transcripts = client.transcripts(ids, poll_options=FAST)
    assert len(transcripts) == 2 and all(len(t.words) > 50 for t in transcripts)
    assert len(client.transcript(ids[0], poll_options=FAST).words) == len(transcripts[0].words)


def test_a_failed_export_is_an_error(hs, client):
    _, app = hs
    tid = app.add_transcription()
    created = client.create_export([tid], "txt")
    app.exports[created["id"]]["state"] = "failed"
    with pytest.raises(FetchError, match=f"export {created['id']} of HappyScribe transcription {tid} failed"):
        client.wait_export(created["id"], FAST)


def test_creating_an_export_is_safe_to_retry_creating_a_transcription_is_not(hs, client, waits):
    server, app = hs
    tid = app.add_transcription()
    server.fault("POST", "/exports", "status", code=503)
    assert client.create_export([tid], "txt")["state"] == "pending"
    assert len(server.requests("POST", "/exports")) == 2
    server.fault("POST", "/transcriptions", "status", code=503)
    with pytest.raises(ApiError, match="may have been received"):
        client.create_transcription(name="x", language="en", tmp_url="https://example.org/x.mp3", organization_id=1)
    assert len(server.requests("POST", "/transcriptions")) == 1


def test_429_retry_in_seconds_is_waited_out(hs, client, waits):
    server, app = hs
    server.fault("POST", "/transcriptions", "status", code=429, body={"retry_in_seconds": 0.25})
    client.create_transcription(name="x", language="en", tmp_url="https://example.org/x.mp3", organization_id=413)
    assert waits == [0.25] and len(app.transcriptions) == 1


def test_the_s3_put_is_retried_and_an_expired_url_is_explained(hs, client, media, waits):
    server, _ = hs
    server.fault("PUT", "^/s3/", "status", code=503, body=b"<Error><Code>SlowDown</Code></Error>")
    client.upload(media)
    assert len(server.requests("PUT")) == 2 and server.requests("PUT")[1].body_bytes == media.stat().st_size
    expired = server.sign("PUT", "uploads/late.mp3", expires_in=-10)
    with pytest.raises(ApiError) as caught:
        client.put_file(expired, media)
    assert "AccessDenied: Request has expired" in str(caught.value) and "expired" in caught.value.hint


# --- translations and orders -------------------------------------------------------------------

def test_translation_task(hs, client):
    server, app = hs
    tid = app.add_transcription()
    task = client.create_translation(tid, "es")
    assert task["state"] == "working"
    assert server.requests("POST")[0].json == {"source_transcription_id": tid, "target_language": "es"}
    done = client.wait_translation(task["id"], FAST)
    assert done["state"] == "done" and app.transcriptions[done["translatedTranscriptionId"]]["language"] == "es"
    with pytest.raises(OptionError, match="target language"):
        client.create_translation(tid, "tlh")
    app.tasks[task["id"]]["state"] = "failed"
    app.tasks[task["id"]]["failureReason"] = "unsupported_source_language"
    with pytest.raises(FetchError, match="unsupported_source_language"):
        client.wait_translation(task["id"], FAST)


def test_orders_create_retrieve_confirm(hs, client):
    server, app = hs
    tid = app.add_transcription()
    order = client.create_order(tid, ["es", "fr"], service="pro")
    assert order["state"] == "incomplete"
    assert server.requests("POST")[0].json == {"order": {"source_transcription_id": tid,
                                                         "target_languages": ["es", "fr"], "service": "pro",
                                                         "confirm": False}}
    assert client.get_order(order["id"])["state"] == "incomplete"
    assert client.confirm_order(order["id"])["state"] == "submitted"
    with pytest.raises(ApiError, match="cannot be confirmed"):
        client.confirm_order(order["id"])
    assert client.create_order(tid, ["de"], confirm=True)["state"] == "submitted"
    with pytest.raises(OptionError):
        client.create_order(tid, ["es"], service="alignment")
    with pytest.raises(OptionError):
        client.create_order(tid, [])
    with pytest.raises(ApiError, match="check the order id"):
        client.get_order("missing")


# --- safe extraction -----------------------------------------------------------------------------

def _zip(members: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


@pytest.mark.parametrize("members, links", [
    ({"ok.txt": b"1", "../up.txt": b"2"}, ()),
    ({"ok.txt": b"1", "/abs.txt": b"2"}, ()),
    ({"ok.txt": b"1", "C:/win.txt": b"2"}, ()),
    ({"ok.txt": b"1", "a/../../b.txt": b"2"}, ()),
    ({"ok.txt": b"1"}, ("link",)),
])
def test_extract_refuses_unsafe_archives_and_writes_nothing(tmp_path, members, links):
    target = tmp_path / "out"
    with pytest.raises(ReadError, match="refused"):
        extract(_zip(members, links), target)
    assert not target.exists() or list(target.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) in (["out"], [])


def test_extract_writes_nested_files_and_respects_existing_ones(tmp_path):
    data = _zip({"a.txt": b"A", "sub/b.txt": b"B"})
    written = extract(data, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == ["a.txt", "sub/b.txt"]
    with pytest.raises(Exception, match="exists already"):
        extract(data, tmp_path)
    assert len(extract(data, tmp_path, overwrite=True)) == 2


# --- the command line --------------------------------------------------------------------------

def test_cli_upload_wait_to_vtt(hs, media, tmp_path):
    server, app = hs
    out = tmp_path / "talk.vtt"
    result = run(server, "happyscribe", "upload", str(media), "--language", "en-GB", "--organization", "413",
                 "--tag", "To do", "--wait", *POLL, "--to", "vtt", "-o", str(out))
    assert result.exit_code == 0, result.output
    tid = result.stdout.strip()
    assert app.transcriptions[tid]["tags"] == ["To do"] and out.read_text().startswith("WEBVTT")


def test_cli_upload_to_html_plays_the_given_media_and_uploads_the_argument(hs, media, tmp_path):
    server, app = hs
    out = tmp_path / "talk.html"
    result = run(server, "happyscribe", "upload", str(media), "--language", "en-GB", "--organization", "413",
                 "--wait", *POLL, "--to", "html", "--media", "talk-small.mp4", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert app.transcriptions[result.stdout.strip()]["name"] == media.name
    assert 'src="talk-small.mp4"' in out.read_text(encoding="utf-8")


def test_cli_list_get_export_delete(hs, tmp_path):
    server, app = hs
    a, b = app.add_transcription("one.mp3", tags=["To do"]), app.add_transcription("two.mp3")
    listed = run(server, "happyscribe", "list", "--organization", "413", "--tag", "To do")
    assert listed.exit_code == 0 and a in listed.stdout and b not in listed.stdout
    every = run(server, "happyscribe", "list", "--json")
    assert [t["id"] for t in json.loads(every.stdout)] == [b, a]
    got = run(server, "happyscribe", "get", a)
    assert got.stdout.startswith(f"{a}  automatic_done  en-GB  one.mp3")
    exported = run(server, "happyscribe", "export", *POLL, a, b, "--provider-format", "docx", "--show-speakers", "-o",
                   str(tmp_path / "exports") + "/")
    assert exported.exit_code == 0, exported.output
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["one-1.docx", "two-2.docx"]
    assert server.requests("POST", "/exports")[0].json["export"]["show_speakers"] is True
    kept = run(server, "happyscribe", "export", *POLL, a, b, "--provider-format", "txt", "-o",
               str(tmp_path / "all.zip"))
    assert kept.exit_code == 0 and zipfile.is_zipfile(tmp_path / "all.zip")
    converted = run(server, "happyscribe", "export", *POLL, a, b, "--to", "srt", "txt", "-o",
                    str(tmp_path / "subs") + "/")
    assert converted.exit_code == 0, converted.output
    assert sorted(p.name for p in (tmp_path / "subs").iterdir()) == ["one.srt", "one.txt", "two.srt", "two.txt"]
    single = run(server, "happyscribe", "export", *POLL, a, "--provider-format", "json", cwd=tmp_path)
    assert single.exit_code == 0 and json.loads((tmp_path / "one.json").read_text("utf-8-sig"))[0]["speaker"]
    status = run(server, "happyscribe", "export-status", next(iter(app.exports)))
    assert " ready " in status.stdout
    deleted = run(server, "happyscribe", "delete", a, "--permanent")
    assert deleted.exit_code == 0 and a not in app.transcriptions


def test_cli_export_of_an_unsafe_zip_is_refused_whole(hs, tmp_path):
    server, app = hs
    app.evil_zip = True
    a, b = app.add_transcription("one.mp3"), app.add_transcription("two.mp3")
    result = run(server, "happyscribe", "export", *POLL, a, b, "--provider-format", "txt", "-o",
                 str(tmp_path / "x") + "/")
    assert result.exit_code == 1 and "outside the folder" in one_line(result.stderr)
    assert not (tmp_path / "x").exists() or list((tmp_path / "x").iterdir()) == []
    assert not (tmp_path / "escaped.txt").exists()


def test_cli_provider_options_are_checked_before_any_request(hs):
    server, app = hs
    tid = app.add_transcription()
    wrong = run(server, "happyscribe", "export", *POLL, tid, "--provider-format", "txt", "--show-highlights")
    assert wrong.exit_code == 2 and "HappyScribe's --show-highlights is for docx, pdf exports" in one_line(wrong.stderr)
    wrong = run(server, "happyscribe", "export", *POLL, tid, "--to", "txt", "--show-speakers")
    assert wrong.exit_code == 2
    assert server.requests() == []


def test_cli_translate_and_orders(hs):
    server, app = hs
    tid = app.add_transcription()
    translated = run(server, "happyscribe", "translate", tid, "--target-language", "es", "--wait", *POLL)
    assert translated.exit_code == 0, translated.output
    task_id, new_id = translated.stdout.split()
    assert app.transcriptions[new_id]["language"] == "es"
    task = run(server, "happyscribe", "translation", task_id, "--json")
    assert json.loads(task.stdout)["translatedTranscriptionId"] == new_id
    order = run(server, "happyscribe", "order", tid, "--target", "es", "fr", "--service", "auto")
    assert order.exit_code == 0, order.output
    order_id = order.stdout.strip()
    assert app.orders[order_id]["state"] == "incomplete" and "order-confirm" in order.stderr
    assert [op["target_language"] for op in app.orders[order_id]["operations"]] == ["es", "fr"]
    assert run(server, "happyscribe", "order-status", order_id).stdout.startswith(f"{order_id}  incomplete  es, fr")
    confirmed = run(server, "happyscribe", "order-confirm", order_id)
    assert confirmed.exit_code == 0 and app.orders[order_id]["state"] == "submitted"


def test_cli_errors_are_one_line(hs, media):
    server, app = hs
    missing = run(server, "happyscribe", "get", "abc", key=None)
    assert missing.exit_code == 2 and "HAPPYSCRIBE_API_KEY" in one_line(missing.stderr)
    wrong = run(server, "happyscribe", "get", "abc", key="nope-nope")
    assert wrong.exit_code == 1 and "API key was refused (401" in one_line(wrong.stderr)
    unknown = run(server, "happyscribe", "get", "abc")
    assert unknown.exit_code == 1 and "HappyScribe transcription abc: not found" in one_line(unknown.stderr)
    broke = run(server, "happyscribe", "upload", str(media), "--language", "en", "--organization", "999")
    assert broke.exit_code == 1 and "no balance left" in one_line(broke.stderr)
    unfinished = app.add_transcription(state="ingesting")
    early = run(server, "happyscribe", "export", *POLL, unfinished, "--to", "srt")
    assert early.exit_code == 1 and "not done" in one_line(early.stderr)
    failed = app.add_transcription("fail.mp3", state="ingesting")
    waited = run(server, "happyscribe", "get", failed, "--wait", *POLL)
    errors = [line for line in waited.stderr.splitlines() if "error:" in line]
    assert waited.exit_code == 1 and len(errors) == 1 and "The media file could not be read" in errors[0]


def test_cli_export_options_go_to_the_formats_that_take_them(hs, tmp_path):
    server, app = hs
    a = app.add_transcription("one.mp3")
    converted = run(server, "happyscribe", "export", *POLL, a, "--to", "srt", "txt", "--speakers", "--max-rows", "1",
                    "-o", str(tmp_path / "subs") + "/")
    assert converted.exit_code == 0, converted.output
    assert sorted(p.name for p in (tmp_path / "subs").iterdir()) == ["one.srt", "one.txt"]
    orphan = run(server, "happyscribe", "export", *POLL, a, "--to", "srt", "vtt", "--wrap", "20",
                 "-o", str(tmp_path / "more") + "/")
    assert orphan.exit_code == 2 and "none of srt, vtt takes the option --wrap" in orphan.stderr
