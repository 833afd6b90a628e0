"""The value lists of both provider APIs, as their documentation gives them.

Pure data (no network, no httpx): the command line may import it cheaply.
"""
from __future__ import annotations

# --- Amberscript ------------------------------------------------------------------------------

AMBERSCRIPT_LANGUAGES: dict[str, str] = {
    "af-za": "Afrikaans", "sq-al": "Albanian", "am-et": "Amharic", "ar": "Arabic", "hy-am": "Armenian",
    "az-az": "Azerbaijani", "id-id": "Bahasa Indonesia", "eu-es": "Basque", "bn-bd": "Bengali (Bangladesh)",
    "bn-in": "Bengali (India)", "bs-ba": "Bosnian", "bg": "Bulgarian", "my-mm": "Burmese", "ca": "Catalan",
    "cmn": "Chinese (Mandarin)", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch",
    "en-au": "English (Australia)", "en-uk": "English (United Kingdom)", "en": "English (all accents)",
    "et-ee": "Estonian", "fa-ir": "Farsi (Iran)", "fil-ph": "Filipino", "fi": "Finnish", "nl-be": "Flemish",
    "fr-ca": "French (Canada)", "fr": "French", "gl-es": "Galician", "ka-ge": "Georgian",
    "de-at": "German (Austria)", "de-ch": "German (Switzerland)", "de": "German", "el": "Greek",
    "gu-in": "Gujarati", "iw-il": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is-is": "Icelandic",
    "it": "Italian", "ja": "Japanese", "jv-id": "Javanese", "kn-in": "Kannada", "km-kh": "Khmer", "ko": "Korean",
    "lo-la": "Lao", "lv": "Latvian", "lt": "Lithuanian", "mk-mk": "Macedonian", "ms": "Malay",
    "ml-in": "Malayalam", "mr-in": "Marathi", "mn-mn": "Mongolian", "ne-np": "Nepali (Nepal)", "no": "Norwegian",
    "pl": "Polish", "pt-br": "Portuguese (Brazil)", "pt": "Portuguese", "pa-guru-in": "Punjabi", "ro": "Romanian",
    "ru": "Russian", "sr-rs": "Serbian", "si-lk": "Sinhala", "sk": "Slovakian", "sl": "Slovenian", "es": "Spanish",
    "su-id": "Sundanese", "sw-ke": "Swahili (Kenya)", "sw-tz": "Swahili (Tanzania)", "sv": "Swedish",
    "ta-in": "Tamil (India)", "ta-my": "Tamil (Malaysia)", "ta-sg": "Tamil (Singapore)", "ta-lk": "Tamil (Sri Lanka)",
    "te-in": "Telugu", "th-th": "Thai", "tr": "Turkish", "uk-ua": "Ukrainian", "ur-in": "Urdu (India)",
    "ur-pk": "Urdu (Pakistan)", "uz-uz": "Uzbek", "vi-vn": "Vietnamese", "zu-za": "Zulu",
}
AMBERSCRIPT_TARGET_LANGUAGES: tuple[str, ...] = (
    "pl", "en", "ru", "fr-ca", "ca", "zh", "ga", "hu", "pt", "da", "de-at", "fr", "nl", "en-au", "ko", "it", "de",
    "fi", "cmn", "ja", "de-ch", "en-us", "ro", "pt-br", "nl-be", "cs", "no", "sv", "en-uk", "es",
)
AMBERSCRIPT_TRANSCRIPTION_TYPES = ("transcription", "captions", "translatedSubtitles")
AMBERSCRIPT_JOB_TYPES = ("direct", "perfect")
AMBERSCRIPT_STYLES = ("cleanread", "verbatim")
AMBERSCRIPT_TURNAROUNDS = ("ONE_DAY", "TWO_DAYS", "THREE_DAYS", "FOUR_DAYS", "FIVE_DAYS", "SIX_DAYS", "SEVEN_DAYS",
                           "EIGHT_DAYS", "NINE_DAYS", "TEN_DAYS")
AMBERSCRIPT_STATUSES = ("OPEN", "ERROR", "DONE")
AMBERSCRIPT_MEDIA_TYPES = ("wav", "mp3", "m4a", "aac", "wma", "mov", "m4v", "mp4", "opus", "ogg", "flac")
AMBERSCRIPT_MAX_BYTES = 6 * 1024 ** 3
"""6 GB: the largest file Amberscript takes."""
AMBERSCRIPT_SPEAKERS = (1, 5)
AMBERSCRIPT_MAX_PAGE_SIZE = 100
AMBERSCRIPT_EXPORTS = ("json", "srt", "vtt", "txt", "stl", "xml")
"""Provider exports: the current export-* endpoints, and xml through the deprecated /jobs/export."""

# --- HappyScribe ------------------------------------------------------------------------------

HAPPYSCRIBE_SERVICES = ("auto", "pro", "alignment")
HAPPYSCRIBE_ORDER_SERVICES = ("auto", "pro")
HAPPYSCRIBE_EXPORT_FORMATS: dict[str, str] = {
    "txt": "txt", "docx": "docx", "pdf": "pdf", "srt": "srt", "vtt": "vtt", "stl": "stl", "avid": "txt",
    "html": "html", "premiere": "xml", "maxqda": "txt", "json": "json", "fcp": "fcp",
}
"""Export format -> the file extension it comes with."""
HAPPYSCRIBE_TIMESTAMPS_FREQUENCIES = ("5s", "10s", "15s", "20s", "30s", "60s")
HAPPYSCRIBE_EXPORT_FLAG_FORMATS: dict[str, tuple[str, ...]] = {
    "show_timestamps": ("txt", "docx", "pdf"),
    "show_speakers": ("txt", "docx", "pdf"),
    "show_comments": ("txt", "docx", "pdf"),
    "show_highlights": ("docx", "pdf"),
    "show_highlights_only": ("docx", "pdf"),
}
HAPPYSCRIBE_TRANSCRIPTION_STATES = ("initial", "ingesting", "automatic_transcribing", "automatic_done", "aligning",
                                    "locked", "failed", "demo")
HAPPYSCRIBE_EXPORT_STATES = ("pending", "processing", "ready", "expired", "failed")
HAPPYSCRIBE_TRANSLATION_TARGETS: dict[str, str] = {
    "af": "Afrikaans", "sq": "Albanian", "am": "Amharic", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "bn": "Bengali", "bs": "Bosnian", "bg": "Bulgarian", "ca": "Catalan", "zh": "Chinese",
    "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch", "en": "English", "et": "Estonian",
    "fil": "Filipino", "fi": "Finnish", "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German",
    "el": "Greek", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "jv": "Javanese", "kn": "Kannada", "km": "Khmer",
    "ko": "Korean", "lo": "Lao", "lv": "Latvian", "lt": "Lithuanian", "mk": "Macedonian", "ms": "Malay",
    "ml": "Malayalam", "mr": "Marathi", "mn": "Mongolian", "my": "Burmese", "ne": "Nepali", "no": "Norwegian",
    "fa": "Persian", "pl": "Polish", "pt-PT": "Portuguese (Portugal)", "pt-BR": "Portuguese (Brazil)",
    "pa": "Punjabi", "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "si": "Sinhala", "sk": "Slovak",
    "sl": "Slovenian", "es": "Spanish", "su": "Sundanese", "sw": "Swahili", "sv": "Swedish", "ta": "Tamil",
    "te": "Telugu", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese", "zu": "Zulu",
}
HAPPYSCRIBE_TRANSLATION_SOURCES: tuple[str, ...] = tuple(
    code for code in HAPPYSCRIBE_TRANSLATION_TARGETS if code not in ("zh", "pt-PT", "pt-BR")
) + ("cmn-Hans-CN", "cmn-Hans-HK", "cmn-Hant-TW", "pt")
HAPPYSCRIBE_TRANSLATION_STATES = ("initial", "working", "failed", "done")
HAPPYSCRIBE_ORDER_STATES = ("incomplete", "waiting_for_payment", "submitted", "locked", "fulfilled", "failed",
                            "canceled", "expired", "free_trial_submitted", "free_trial_fulfilled")
HAPPYSCRIBE_MAX_PUT_BYTES = 5 * 1024 ** 3
"""5 GB: the largest object one S3 PUT to a signed URL takes."""
