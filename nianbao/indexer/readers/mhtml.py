"""MHTML (.mht/.mhtml): web pages saved by browsers as one MIME message.

Decisions:
- Parsed with the standard library's ``email`` package (MIME multipart/related, quoted-printable
  or base64 parts). The page is the message's root part: the part named by the multipart's
  ``start`` parameter, else the first text/html part; it goes through the HTML reader unchanged,
  so body finding, chrome removal, tables and header fields are the same as for a saved .html.
- The part's declared charset is handed to the HTML reader as the page's declaration when the
  page itself declares none (the MIME header is what the browser saw); a page's own
  ``<meta charset>`` and valid UTF-8 still win, as for .html files.
- The ``Content-Location`` (or the message's ``Snapshot-Content-Location``) is the page's url
  when the page's meta tags give none.
- Images, stylesheets and scripts in the other parts are ignored. A message with no HTML part
  is a ReadError.
"""
import email
import email.policy

from .html import page_charset, read_html
from ..report import ReadError


def looks_like_mhtml(head):
    """True when a file's first bytes are a MIME message header (how browsers save MHTML)."""
    head = head[:2048].lower()
    return (head.startswith((b"from:", b"mime-version:", b"content-type:", b"subject:", b"date:",
                             b"snapshot-content-location:"))
            and b"multipart/related" in head)


def read_mhtml(path, data):
    """Read a saved MHTML page: its HTML part through the HTML reader."""
    message, part, payload = _page(data)
    if part is None:
        raise ReadError("MHTML without an HTML part")
    if not payload.strip():
        raise ReadError("MHTML with an empty HTML part")
    docs = read_html(path, payload)
    url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
    for doc in docs:
        doc.format = "mhtml"
        if url and "url" not in doc.header and url.startswith(("http://", "https://")):
            doc.header["url"] = url.strip()
    return docs


def html_payload(data):
    """The decoded bytes of an MHTML file's page (its MIME charset declared), or None."""
    _, part, payload = _page(data)
    return payload if part is not None else None


def _page(data):
    """(message, page part or None, the page's decoded bytes with its MIME charset declared)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = _root_part(message)
    if part is None:
        return message, None, b""
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if charset and payload.strip() and not page_charset(payload):
        # hand the MIME charset on as the page's own declaration
        payload = f'<meta charset="{charset}">'.encode("ascii", "ignore") + payload
    return message, part, payload


def _root_part(message):
    """The page: the part the multipart's ``start`` names, else the first text/html part."""
    start = (message.get_param("start") or "").strip("<>") if message.is_multipart() else ""
    html = []
    for part in message.walk():
        if part.is_multipart():
            continue
        if start and (part.get("Content-ID") or "").strip().strip("<>") == start:
            return part
        if part.get_content_type() == "text/html":
            html.append(part)
    return html[0] if html else None
