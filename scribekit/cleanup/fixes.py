"""Common errors of subtitle text fixed by named rules (being built: issue 18)."""
from __future__ import annotations

RULES: tuple[str, ...] = ("double-spaces", "space-before-punctuation", "missing-space", "ellipsis",
                          "dialogue-dashes", "stray-dashes", "unbalanced-tags", "unbalanced-quotes", "i-and-l",
                          "duplicate-words", "empty-cues", "identical-cues", "short-cues")
"""Every rule's name, in the order they run."""
