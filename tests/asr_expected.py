"""What each speech-recognition fixture in tests/data/asr/ must read as: its format, word count, first
and last word with their times in ms, speaker ids in order of first appearance (or their number, where
the file names people), and language. The reference files of ../shared/reference/asr/ are copied there
byte for byte (each folder's NOTICE gives sources and licences); the word counts are those its README
gives. ``whisper-cpp/`` and ``google-stt/v2_hand_made.json`` are made by hand from the documented shapes."""
from __future__ import annotations

import warnings
from pathlib import Path

import scribekit
from scribekit.model import Transcript

DATA = Path(__file__).resolve().parent / "data" / "asr"

Times = tuple[str, int, int]
SHE, LEG = ("She", 490, 700), ("leg", 141150, 141540)

# file: (format, words, (first word, start, end), (last word, start, end), speaker ids or their number, language)
EXPECTED: dict[str, tuple[str, int, Times | None, Times | None, list[str] | int, str | None]] = {
    "assemblyai/assembly_example.json": (
        "assemblyai", 102, ("Thank", 1100, 2100), ("account?", 39870, 40160), ["A", "B"], None),
    "assemblyai/assemblyai_transcription.json": (
        "assemblyai", 60, ("Yeah.", 170, 718), ("today.", 25044, 25140), ["A"], "en"),
    "assemblyai/assemblyai_utterances.json": (
        "assemblyai", 60, ("Yeah.", 170, 718), ("today.", 25044, 25140), ["A"], "en"),
    "autoedit2/autoEdit2TedTalkTranscript.sample.json": (
        "autoedit2", 1721, ("There", 13050, 13210), ("humanity.", 703640, 704330), ["Unnamed Speaker"], "en-GB"),
    "aws-transcribe/01-plain.json": ("aws-transcribe", 354, SHE, LEG, [], None),
    "aws-transcribe/02-channel-identification.json": (
        "aws-transcribe", 354, SHE, LEG, ["channel 1", "channel 0"], None),
    "aws-transcribe/03-speaker-identification.json": (
        "aws-transcribe", 354, SHE, LEG, ["spk_0", "spk_1", "spk_2"], None),
    "aws-transcribe/04-alternative-results.json": ("aws-transcribe", 354, SHE, LEG, [], None),
    "aws-transcribe/07-vocabulary-filter-mask.json": ("aws-transcribe", 354, SHE, LEG, [], None),
    "aws-transcribe/amazonTranscribe.sample.json": (
        "aws-transcribe", 1791, ("There", 13030, 13220), ("you", 705785, 705995), [], None),
    "aws-transcribe/todayinfocus.sample.json": (
        "aws-transcribe", 725, ("Today", 5240, 5850), ("area", 300933, 301363), ["spk_0", "spk_1"], None),
    "azure-speech/batch_v3_transcriptSample.json": (
        "azure-speech", 11, ("Run", 40, 520), ("nine", 6900, 7460), ["1", "2"], None),
    "azure-speech/fast_transcription_response.json": (
        "azure-speech", 350, ("I", 240, 280), ("option.", 119440, 119920), [], "en-US"),
    "azure-speech/fast_transcription_response_diarized.json": (
        "azure-speech", 350, ("I", 240, 280), ("option.", 119440, 119920), ["0", "1"], "en-US"),
    "azure-speech/mai_transcribe_phrases_only.json": (
        "azure-speech", 84, ("Galileo", 0, 498), ("Jupiter.", 36071, 36712), [], "en"),
    "azure-speech/mai_transcribe_word_diarization.json": (
        "azure-speech", 44, ("Um,", 120, 340), ("Friday.", 16680, 17160), ["0", "1"], "en"),
    "azure-speech/sdk_detailed_realtimeresult.json": (
        "azure-speech", 3, ("Hello.", 90, 650), ("hello.", 1156, 1700), ["0", "1"], None),
    "bbc-dpe/digitalPaperEdit.sample.json": (
        "bbc-dpe", 1454, ("There", 13020, 13170), ("groom's.", 700610, 701370), ["F_S12", "F_S10"], None),
    "bbc-dpe/words-list-2.sample.json": ("bbc-dpe", 5481, ("Is", 1580, 1680), ("speed.", 1802775, 1803085), 2, None),
    "bbc-kaldi/bbcKaldiTranscriptWithSpeakerSegments.sample.json": (
        "bbc-kaldi", 1712, ("There", 13020, 13170), ("humanity.", 703630, 704340), ["S12", "S10"], None),
    "bbc-kaldi/kaldi-transcription-20181029235300.json": (
        "bbc-kaldi", 154, ("Inside", 0, 350), ("described.", 59180, 59560), [], None),
    "deepgram/dg_speakers.json": (
        "deepgram", 226, ("And,", 3040, 3540), ("Copy.", 162605, 163105), ["0", "1", "2"], None),
    "deepgram/dg_transcription.json": ("deepgram", 62, ("Yeah.", 80, 320), ("today.", 24940, 25440), [], None),
    "deepgram/dg_whisper_transcription.json": ("deepgram", 59, ("yeah", 60, 560), ("today", 25060, 25560), [], None),
    "deepgram/nova3_smart_format_preamble.json": (
        "deepgram", 52, ("We,", 320, 800), ("America.", 18193, 18593), [], None),
    "deepgram/vercel_deepgram_transcription.json": (
        "deepgram", 89, ("galileo", 160, 800), ("jupiter", 35370, 35850), ["0"], "en"),
    "elevenlabs/elevenlabs-transcription-silent.json": ("elevenlabs", 0, None, None, [], "en"),
    "elevenlabs/elevenlabs-transcription.json": (
        "elevenlabs", 6, ("Hello", 199, 479), ("SDK.", 1580, 2479), ["speaker_0"], "en"),
    "elevenlabs/issue-22052-diarized.json": (
        "elevenlabs", 6, ("Hello", 200, 420), ("SDK", 1600, 2180), ["speaker_0"], "en"),
    "elevenlabs/issue-22052-not-diarized.json": ("elevenlabs", 6, ("Hello", 200, 420), ("SDK", 1600, 2180), [], "en"),
    "gladia/gladia-result.json": ("gladia", 83, ("Galileo", 140, 640), ("Jupiter.", 35355, 35816), [], "en"),
    "google-stt/gcpStt.sample.json": ("google-stt", 1767, ("there", 12900, 13300), ("you", 705900, 706000), [], None),
    "google-stt/gcpStt2022.sample.json": (
        "google-stt", 1774, ("there", 12900, 13300), ("you", 705900, 706000), [], "en-US"),
    "google-stt/gcpSttPunctuation.sample.json": (
        "google-stt", 1767, ("There", 12900, 13300), ("you.", 705900, 706000), [], None),
    "google-stt/gcpSttSpeakerDiarization.sample.json": (
        "google-stt", 1766, ("There", 12900, 13300), ("you.", 705800, 706000), ["2", "1"], "en-US"),
    "google-stt/v2_hand_made.json": (
        "google-stt", 11, ("Subtitles", 0, 600), ("short.", 4000, 4450), ["1", "2"], "en-US"),
    "ibm-watson/ibmTedTalkTranscript.sample.json": (
        "ibm-watson", 1780, ("there", 13040, 13230), ("you", 705770, 705940), ["1"], None),
    "revai/transcript.json": ("revai", 414, ("Hi,", 300, 520), ("off.", 106170, 106330), ["0"], None),
    "revai/vercel_revai_transcript.json": ("revai", 5, ("Hello", 75, 425), ("A-I-S-D-K.", 1185, 2145), ["0"], None),
    "speechmatics/batch-job-transcript.json": (
        "speechmatics", 17, ("Tidy", 1410, 1830), ("Whyalla.", 11740, 12300), [], "en"),
    "speechmatics/rt_empty.json": ("speechmatics", 0, None, None, [], None),
    "speechmatics/rt_entity.json": ("speechmatics", 1, ("$2.05.", 8442, 10169), ("$2.05.", 8442, 10169), ["S1"], "en"),
    "speechmatics/rt_punctuation.json": ("speechmatics", 5, ("Yes,", 0, 100), ("stuff", 700, 800), [], "en"),
    "speechmatics/rt_two_speakers.json": (
        "speechmatics", 4, ("That's", 30, 270), ("know", 3100, 3200), ["S1", "S2"], "en"),
    "speechmatics/sm-transcript.json": ("speechmatics", 158, ("Now,", 2940, 3270), ("that.", 52920, 53190), [], "en"),
    "speechmatics/v1_speechmaticsTedTalkTranscript.sample.json": (
        "speechmatics", 1791, ("There", 13050, 13230), ("you.", 705800, 705920), ["F4", "F3", "F2"], "en"),
    "trint/trint.sample.json": ("trint", 380, ("Primeiro", 3050, 3380), ("estar.", 160280, 160850), [], None),
    "whisper-cpp/harbour_oj_diarize.json": (
        "whisper-cpp", 15, ("Welcome", 0, 342), ("tonight.", 4538, 5120), ["0", "1"], "en"),
    "whisper-cpp/harbour_ojf.json": ("whisper-cpp", 15, ("Welcome", 0, 420), ("tonight.", 4560, 5120), [], "en"),
    "whisper-timestamped/whisper_timestamped.json": (
        "whisper", 59, ("Yeah,", 120, 380), ("today.", 25060, 25320), [], "en"),
    "whisper/openai_api_verbose_json_words.json": (
        "whisper", 5, ("Galileo", 0, 660), ("robotic", 1500, 2020), [], "en"),
    "whisper/wct2_dosparlants_diarization.json": (
        "whisper", 89, ("Hola,", 0, 357), ("gràcies.", 33280, 34000), ["SPEAKER_01", "SPEAKER_00"], "ca"),
    "whisper/wct2_gossos_segments_only.json": ("whisper", 62, ("Igual", 0, 388), ("preses.", 31326, 32000), [], "ca"),
    "whisper/wct2_gossos_word_timestamps.json": (
        "whisper", 65, ("Igual", 1180, 1980), ("preses.", 30560, 31240), [], "ca"),
    "whisperx/reference_whisperx_transcription.json": (
        "whisper", 8, ("Okay,", 151, 513), ("know.", 8137, 8318), [], "en"),
    "whisperx/whisperx_smart_example.json": ("whisper", 7, ("Okay,", 32, 563), ("know.", 8162, 8437), [], "en"),
}


def load_fixture(name: str | Path) -> Transcript:
    """A fixture (by its name in the table) or a file, read with any scribekit warning an error:
    the reference files read cleanly."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", scribekit.ScribekitWarning)
        return scribekit.load(DATA / name)
