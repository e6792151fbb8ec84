"""Fetching a link: redirects followed (and the final address recorded), a timeout, a size limit,
the content type checked, and one clear line for every way it can fail. Standard library only."""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass

from ..errors import InputError
from ..ledger.models import utcnow
from .capture import HTML_TYPES, PDF_TYPE, TEXT_TYPES, Fetched

TIMEOUT = 20.0  # seconds, for connecting and for each read
MAX_BYTES = 20 * 1024 * 1024
ACCEPTED = (*HTML_TYPES, PDF_TYPE, *TEXT_TYPES)
USER_AGENT = "provenance (claim-provenance ledger; +https://pypi.org/project/provenance/)"


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


@dataclass
class Page:
    data: bytes
    fetched: Fetched


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Page:
    """The body of `url` after redirects, or an InputError saying what went wrong."""
    from .sources import check_url

    check_url(url)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9",
        },
    )
    fetched_at = utcnow()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            final = response.geturl()
            media_type = response.headers.get_content_type()
            if media_type not in ACCEPTED:
                raise InputError(f"{url}: the server sent {media_type}, not a web page, text or PDF")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: too large ({int(length):,} bytes; the limit is {max_bytes:,})")
            data = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset()
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: {_reason(exc.reason)}") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} s (timed out)") from None
    except (ConnectionError, OSError) as exc:
        raise InputError(f"{url}: the connection failed ({exc})") from None
    except ValueError as exc:  # http.client: a malformed redirect or status line
        raise InputError(f"{url}: the server's answer cannot be read ({exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{url}: too large (over {max_bytes:,} bytes)")
    if not data.strip():
        raise InputError(f"{url}: the server sent an empty page")
    if media_type in TEXT_TYPES and charset and charset.lower() not in ("utf-8", "utf8", "us-ascii"):
        # Text is stored as UTF-8; a page that says what it is encoded in is converted.
        try:
            data = data.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"{url}: the text is not valid {charset}, as the server says it is") from None
    return Page(data, Fetched(url, final, fetched_at, media_type))


def _reason(reason) -> str:
    if isinstance(reason, socket.gaierror):
        return "the host name cannot be resolved (DNS); check the address and the network"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the TLS certificate cannot be trusted ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"the TLS connection failed ({reason.reason or reason})"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer in time (timed out)"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused; is the server up?"
    return f"cannot be fetched ({reason})"
