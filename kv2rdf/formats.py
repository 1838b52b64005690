"""Source formats and their detection from the bytes (and, as a hint, the file name).

Detection looks at the content first: PDF magic bytes, an XML or HTML root, markdown
markup (headings, bold), and otherwise plain text. The file name only breaks ties; a
``.txt`` file holding markdown is read as markdown. ``--from`` overrides detection.
"""

from __future__ import annotations

import enum
import re

from kv2rdf.errors import UnknownFormatError


class SourceFormat(enum.Enum):
    """The kinds of source kv2rdf reads."""

    PDF = "pdf"
    XML = "xml"
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"


_MD_MARKUP = re.compile(rb"^\s{0,3}#{1,6}\s+\S|\*\*\S[^*\n]*\*\*|^\s*-{3,}\s*$", re.M)
_PROLOG = re.compile(rb"^(?:\s*(?:<\?xml\b[^>]*\?>|<!--.*?-->))+\s*", re.S)
_SUFFIXES = {".pdf": SourceFormat.PDF, ".xml": SourceFormat.XML, ".html": SourceFormat.HTML,
             ".htm": SourceFormat.HTML, ".md": SourceFormat.MARKDOWN,
             ".markdown": SourceFormat.MARKDOWN, ".txt": SourceFormat.TEXT}


def detect(data: bytes, filename: str = "") -> SourceFormat:
    """Detect the format of a source; raise `UnknownFormatError` for binary data."""
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at its characters
        sample = sample.decode("utf-16", errors="ignore").encode("utf-8")
    head = sample.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return SourceFormat.PDF
    lowered = _PROLOG.sub(b"", head[:1024].lower(), count=1)  # XHTML may open with <?xml …?>
    if lowered.startswith((b"<!doctype html", b"<html")) or re.match(
            rb"<(?:div|body|head|meta|main|section|h[1-6]|p)\b", lowered):
        return SourceFormat.HTML
    if lowered.startswith(b"<"):
        return SourceFormat.XML
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnknownFormatError(f"{filename or '<bytes>'}: binary data that is not a PDF; "
                                 "use --from to force a format")
    start = data[:65536]  # each markup needs one of these: a text without them is not searched
    if any(sign in start for sign in (b"#", b"**", b"---")) and _MD_MARKUP.search(start):
        return SourceFormat.MARKDOWN
    suffix = filename[filename.rfind("."):].lower() if "." in filename else ""
    hinted = _SUFFIXES.get(suffix)
    return hinted if hinted in (SourceFormat.MARKDOWN, SourceFormat.TEXT) else SourceFormat.TEXT


def source_format(name: str) -> SourceFormat:
    """The source format called ``name``; raise `UnknownFormatError` when there is none."""
    try:
        return SourceFormat(name.lower())
    except ValueError:
        known = ", ".join(f.value for f in SourceFormat)
        raise UnknownFormatError(f"unknown source format {name!r}; known: {known}") from None
