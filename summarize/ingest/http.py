"""Fetch an article page over http(s) with trafilatura's downloader, within limits.

trafilatura already streams with a size cap, follows a bounded number of redirects and refuses
private addresses (SSRF protection, which matters because the web app takes URLs from users).
It reports failures only through its log, so the records are captured here to tell the user
*why* a fetch failed: timeout, too large, refused address, or no connection.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .. import settings
from ..errors import InputError

__all__ = ["FetchedPage", "fetch_page", "DEFAULT_TIMEOUT_S", "DEFAULT_MAX_BYTES", "MAX_REDIRECTS"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 20
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # news pages are 0.1-1 MB; anything bigger is not an article
MAX_REDIRECTS = 3
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)


@dataclass
class FetchedPage:
    url: str  # after redirects
    text: str
    kind: str  # "html" or "text"
    content_type: str


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _trafilatura_log() -> Iterator[_Collect]:
    logger = logging.getLogger("trafilatura")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        # Without any handler, a download error would reach the terminal through logging's
        # last-resort handler; we report failures ourselves, with a way out.
        logger.addHandler(logging.NullHandler())
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _with_deadline(call: Callable[[], Any], seconds: float) -> tuple[bool, Any]:
    """Run ``call`` in a daemon thread; (False, None) if it has not returned within ``seconds``.

    urllib3 retries a read timeout with back-off, so one slow server could hold the user for
    several times the timeout; the deadline makes the timeout the user's real wait.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = call()
        except Exception as exc:  # reported to the caller, which decides
            box["error"] = exc

    thread = threading.Thread(target=target, name="summarize-fetch", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        return False, None
    if "error" in box:
        raise box["error"]
    return True, box.get("value")


def fetch_page(
    url: str,
    *,
    timeout: int | None = None,
    max_bytes: int | None = None,
    allow_private: bool | None = None,
) -> FetchedPage:
    """Download ``url``; raise ``InputError`` with the reason and a way out on any failure.

    Defaults come from ``SUMMARIZE_URL_TIMEOUT`` (seconds, 20), ``SUMMARIZE_URL_MAX_BYTES``
    (5 MB) and ``SUMMARIZE_ALLOW_PRIVATE_URLS`` (off: loopback and private addresses refused).
    """
    from trafilatura.downloads import fetch_response
    from trafilatura.settings import DEFAULT_CONFIG
    from trafilatura.utils import decode_file

    if not isinstance(url, str) or not url.strip():
        raise InputError("Give the article's address, starting with http:// or https://.")
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise InputError(f"{url!r} is not an http(s) address. Give a URL starting with http:// or "
                         "https://, or save the page and open the file.")
    timeout_s = int(timeout) if timeout is not None else settings.url_timeout(DEFAULT_TIMEOUT_S)
    limit = int(max_bytes) if max_bytes is not None else settings.url_max_bytes(DEFAULT_MAX_BYTES)
    if allow_private is None:
        allow_private = settings.allow_private_urls()
    config = deepcopy(DEFAULT_CONFIG)
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(max(1, timeout_s)))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(limit))
    config.set("DEFAULT", "MAX_REDIRECTS", str(MAX_REDIRECTS))
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    log.info("fetching a URL (timeout %d s, cap %d bytes)", timeout_s, limit)
    with _trafilatura_log() as records:
        finished, response = _with_deadline(
            lambda: fetch_response(url, decode=False, config=config), timeout_s + 0.5
        )
    if not finished:
        records.messages.append("timed out")
    if response is None or response.data is None:
        raise InputError(_failure_message(url, records.messages, timeout_s, limit))
    if response.status != 200:
        raise InputError(f"{url} answered HTTP {response.status}"
                         f"{' (not found)' if response.status == 404 else ''}. Check the address, "
                         "or open the page in a browser and paste the article.")
    content_type = ((response.headers or {}).get("content-type") or "").split(";")[0].strip().lower()
    if content_type and not content_type.startswith(_HTML_TYPES + _TEXT_TYPES):
        raise InputError(f"{url} is {content_type}, not a web page. Download it and open the file "
                         "(.docx and .pdf are supported), or paste the article text.")
    text = decode_file(response.data, limit)
    kind = "text" if content_type.startswith(_TEXT_TYPES) else "html"
    return FetchedPage(url=response.url or url, text=text, kind=kind, content_type=content_type)


def _failure_message(url: str, messages: list[str], timeout_s: int, limit: int) -> str:
    joined = " ".join(messages).lower()
    if "max_file_size" in joined or "exceeds" in joined:
        return (f"{url} is larger than {limit // 1024:,} KB, too big for a news article. Save the "
                "article text and open that instead, or raise SUMMARIZE_URL_MAX_BYTES.")
    if "timed out" in joined or "timeout" in joined:
        return (f"{url} did not answer within {timeout_s} s. Try again later, raise "
                "SUMMARIZE_URL_TIMEOUT, or paste the article text.")
    if "ssrf" in joined or "non-public" in joined:
        return (f"{url} points to a local or private address, which is refused for safety. Set "
                "SUMMARIZE_ALLOW_PRIVATE_URLS=1 if you trust it, or save the page and open the file.")
    if "redirect" in joined:
        return (f"{url} redirected more than {MAX_REDIRECTS} times. Open it in a browser and use "
                "the final address.")
    return (f"{url} could not be fetched (no connection, or the name does not resolve). Check "
            "the address and your network, or paste the article text.")
