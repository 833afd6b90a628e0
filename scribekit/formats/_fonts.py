"""Which font sets each character of a PDF, for every script of the providers' language tables.

- Latin (any diacritics), Greek, Cyrillic, Arabic, Hebrew, Armenian, Georgian, the Indic
  scripts (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
  Malayalam, Sinhala), Thai, Lao, Khmer, Myanmar, Ethiopic, symbols and emoji: the Noto
  fonts of the ``manimgx-fonts`` package (a dependency; TrueType outlines, SIL Open Font
  License), embedded.
- Chinese, Japanese, Korean: a TrueType CJK font of the system, embedded (Debian:
  ``fonts-wqy-zenhei``); without one, reportlab's standard CJK fonts (STSong-Light,
  HeiseiKakuGo-W5, HYGothic-Medium), which the PDF names without embedding and which PDF
  viewers supply, with a warning saying so.
- Anything else: a TrueType font of the system that fontconfig finds for it; failing that
  a warning names the script, which would otherwise print as blank boxes.

Heavy imports (reportlab) happen inside the functions.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import warn

# (first, last, file in manimgx_fonts): the script fonts, tried before Noto Sans for their ranges.
_SCRIPT_FONTS: tuple[tuple[int, int, str], ...] = (
    (0x0530, 0x058F, "NotoSansArmenian[wght].ttf"),
    (0x0590, 0x05FF, "NotoSansHebrew[wght].ttf"),
    (0xFB1D, 0xFB4F, "NotoSansHebrew[wght].ttf"),
    (0x0600, 0x08FF, "NotoSansArabic[wght].ttf"),
    (0xFB50, 0xFDFF, "NotoSansArabic[wght].ttf"),
    (0xFE70, 0xFEFF, "NotoSansArabic[wght].ttf"),
    (0x0900, 0x097F, "NotoSansDevanagari[wght].ttf"),
    (0xA8E0, 0xA8FF, "NotoSansDevanagari[wght].ttf"),
    (0x0980, 0x09FF, "NotoSansBengali[wght].ttf"),
    (0x0A00, 0x0A7F, "NotoSansGurmukhi[wght].ttf"),
    (0x0A80, 0x0AFF, "NotoSansGujarati[wght].ttf"),
    (0x0B00, 0x0B7F, "NotoSansOriya[wght].ttf"),
    (0x0B80, 0x0BFF, "NotoSansTamil[wght].ttf"),
    (0x0C00, 0x0C7F, "NotoSansTelugu[wght].ttf"),
    (0x0C80, 0x0CFF, "NotoSansKannada[wght].ttf"),
    (0x0D00, 0x0D7F, "NotoSansMalayalam[wght].ttf"),
    (0x0D80, 0x0DFF, "NotoSansSinhala[wght].ttf"),
    (0x0E00, 0x0E7F, "NotoSansThai[wght].ttf"),
    (0x0E80, 0x0EFF, "NotoSansLao[wght].ttf"),
    (0x1000, 0x109F, "NotoSansMyanmar[wght].ttf"),
    (0xAA60, 0xAA7F, "NotoSansMyanmar[wght].ttf"),
    (0x10A0, 0x10FF, "NotoSansGeorgian[wght].ttf"),
    (0x1C90, 0x1CBF, "NotoSansGeorgian[wght].ttf"),
    (0x1200, 0x139F, "NotoSansEthiopic[wght].ttf"),
    (0x2D80, 0x2DDF, "NotoSansEthiopic[wght].ttf"),
    (0x1780, 0x17FF, "NotoSansKhmer[wght].ttf"),
    (0x19E0, 0x19FF, "NotoSansKhmer[wght].ttf"),
)
_MAIN_FONT = "NotoSans[wght].ttf"
_LAST_RESORT = ("NotoSansSymbols[wght].ttf", "NotoEmoji[wght].ttf")
# Scripts whose text needs shaping (joining, reordering, stacking marks) by HarfBuzz.
_SHAPED_FILES = {f for _, _, f in _SCRIPT_FONTS}

# TrueType CJK fonts Debian installs, tried in this order before asking fontconfig.
SYSTEM_CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
use_system_fonts = True
"""Look for CJK and other fonts on the system (tests turn it off to see the fallbacks)."""

_CID_FONTS = {"zh": "STSong-Light", "ja": "HeiseiKakuGo-W5", "ko": "HYGothic-Medium"}


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x1100 <= code <= 0x11FF or 0x2E80 <= code <= 0x2FDF or 0x3000 <= code <= 0x33FF
            or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xA960 <= code <= 0xA97F
            or 0xAC00 <= code <= 0xD7FF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3134F)


def _cjk_kind(char: str, language: str | None) -> str:
    code = ord(char)
    if 0x1100 <= code <= 0x11FF or 0xAC00 <= code <= 0xD7FF or 0x3130 <= code <= 0x318F or 0xA960 <= code <= 0xA97F:
        return "ko"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "ja"
    base = (language or "").lower().replace("_", "-").split("-")[0]
    return base if base in ("ja", "ko") else "zh"


def script_name(char: str) -> str:
    try:
        return unicodedata.name(char).split()[0].title()
    except ValueError:
        return f"U+{ord(char):04X}"


@dataclass(frozen=True)
class Font:
    name: str
    """The name registered with reportlab."""
    shaped: bool
    """Set through HarfBuzz (complex scripts)."""
    embedded: bool
    covers: Any
    """A container of the code points it has glyphs for (None: trust it for its script)."""
    source: str


def _package_folder() -> str:
    import manimgx_fonts

    folder: str = os.path.dirname(manimgx_fonts.__file__)
    return folder


@cache
def _truetype(path: str, subfont: int = 0) -> Font | None:
    """A TrueType font file registered with reportlab (None when it cannot be used)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    base = os.path.basename(path)
    name = "sk-" + "".join(c if c.isalnum() else "-" for c in base) + (f"-{subfont}" if subfont else "")
    try:
        font = TTFont(name, path, subfontIndex=subfont)
    except (TTFError, OSError, ValueError, KeyError, AssertionError):
        return None  # PostScript outlines (CFF), a broken file, ...
    pdfmetrics.registerFont(font)
    covers = frozenset(c for c in font.face.charToGlyph if c < 0xE000 or c > 0xF8FF)
    return Font(name, base in _SHAPED_FILES, True, covers, path)


def _bundled(filename: str) -> Font | None:
    return _truetype(os.path.join(_package_folder(), filename))


@cache
def _cid(name: str) -> Font:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return Font(name, False, False, None, "reportlab")


@cache
def _fontconfig(char: str) -> tuple[str, ...]:
    """TrueType files fontconfig says have a glyph for ``char``."""
    if not shutil.which("fc-list"):
        return ()
    try:
        listed = subprocess.run(["fc-list", f":charset={ord(char):x}", "file"], capture_output=True, text=True,
                                timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    files = sorted({line.split(":")[0].strip() for line in listed.splitlines() if line.strip()})
    return tuple(f for f in files if f.lower().endswith((".ttf", ".ttc")))


class FontChooser:
    """Picks a font for each character and reports, once each, the scripts set in a
    fallback or in no font at all."""

    def __init__(self, language: str | None) -> None:
        self.language = language
        main = _bundled(_MAIN_FONT)
        if main is None:
            raise RuntimeError("the manimgx-fonts package is damaged: Noto Sans cannot be read")
        self.main = main
        self._cache: dict[str, Font | None] = {}
        self._extra: list[Font] = []
        self._warned: set[str] = set()

    def font(self, char: str) -> Font:
        if char in self._cache:
            return self._cache[char] or self.main
        found = self._cache[char] = self._find(char)
        return found or self.main

    def covered(self, char: str, font: Font) -> bool:
        return font.covers is None or ord(char) in font.covers

    def _find(self, char: str) -> Font | None:
        code = ord(char)
        for first, last, filename in _SCRIPT_FONTS:
            if first <= code <= last:
                font = _bundled(filename)
                if font is not None and code in font.covers:
                    return font
                break
        if code in self.main.covers:
            return self.main
        if unicodedata.category(char) in ("Zs", "Cc", "Cf", "Mn", "Me"):
            return None  # spaces, joiners and marks go with their neighbours
        for font in self._extra:
            if font.covers is not None and code in font.covers:
                return font
        if is_cjk(char):
            return self._cjk(char)
        for filename in _LAST_RESORT:
            font = _bundled(filename)
            if font is not None and code in font.covers:
                return font
        font = self._system(char)
        if font is not None:
            return font
        script = script_name(char)
        if script not in self._warned:
            self._warned.add(script)
            warn(f"no font has the {script} character {char!r} (U+{code:04X}); it shows as a blank box: "
                 "install a font for it (Debian: fonts-noto-core)")
        return None

    def _system(self, char: str) -> Font | None:
        if not use_system_fonts:
            return None
        for path in _fontconfig(char):
            font = _truetype(path)
            if font is not None and ord(char) in font.covers:
                self._extra.append(font)
                return font
        return None

    def _cjk(self, char: str) -> Font:
        if use_system_fonts:
            for path in SYSTEM_CJK_FONTS:
                if os.path.exists(path):
                    font = _truetype(path)
                    if font is not None:
                        self._extra.append(font)
                        if ord(char) in font.covers:
                            return font
            found = self._system(char)
            if found is not None:
                return found
        name = _CID_FONTS[_cjk_kind(char, self.language)]
        if "cjk" not in self._warned:
            self._warned.add("cjk")
            warn(f"no TrueType font for Chinese, Japanese or Korean here: that text is set in the standard "
                 f"Adobe font {name}, named in the PDF but not embedded (PDF viewers supply it); "
                 "install one to embed it (Debian: fonts-wqy-zenhei)")
        return _cid(name)

    def runs(self, text: str) -> list[tuple[Font, str]]:
        """``text`` cut where the font changes; spaces, punctuation, digits and marks stay
        in the font of the letters around them when it has them."""
        chosen: list[Font | None] = []
        for char in text:
            kind = unicodedata.category(char)[0]
            chosen.append(None if kind in "PNZMC" else self.font(char))  # None: decided by its neighbours
        out: list[tuple[Font, str]] = []
        previous: Font | None = None
        for i, char in enumerate(text):
            font = chosen[i]
            if font is None:
                if previous is not None and self.covered(char, previous):
                    font = previous
                else:
                    following = next((f for f in chosen[i + 1:] if f is not None), None)
                    if following is not None and self.covered(char, following):
                        font = following
                    else:
                        font = self.font(char)
            if out and out[-1][0] is font:
                out[-1] = (font, out[-1][1] + char)
            else:
                out.append((font, char))
            previous = font
        return out
