"""Character-level normalisation: what a PDF writer put in for layout, not for meaning."""

from __future__ import annotations

import re

# A soft hyphen marks a syllable break. pypdfium2 reports some real hyphens ("Secretary-General")
# as U+FFFE; born-digital UN PDFs have no syllable hyphenation, so it is a hyphen.
SYLLABLE_BREAK = "\u00ad"
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2011": "-",  # non-breaking hyphen: a hyphen that only told the typesetter not to wrap
        "\ufffe": "-",
        "\ufeff": "",
        "\u200b": "",
    }
)
_SPACES = re.compile(r"[ \t]{2,}")
_INNER_SOFT = re.compile(r"\u00ad(?=\S)")


def normalise_line(text: str) -> str:
    """Ligatures spelled out, odd spaces made plain, syllable breaks kept only at the line end."""
    text = _INNER_SOFT.sub("", text.translate(_LIGATURES))
    text = _SPACES.sub(" ", text).strip()
    if text.endswith(SYLLABLE_BREAK):
        text = text[:-1].rstrip() + SYLLABLE_BREAK
    return text.replace(SYLLABLE_BREAK + " ", "")
