"""Ingest: readers for pasted text, Markdown, HTML (trafilatura), .docx, .pdf and URLs (a
bounded fetch), with the one list of readable suffixes.  May import text, settings, errors."""

from __future__ import annotations

from .http import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S, MAX_REDIRECTS, FetchedPage, fetch_page
from .readers import (
    DEFAULT_MAX_CHARS,
    HTML_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    RawArticle,
    looks_like_html,
    max_chars_setting,
    read_file,
    read_html,
    read_text,
    read_url,
)

__all__ = [
    "DEFAULT_MAX_CHARS", "TEXT_SUFFIXES", "HTML_SUFFIXES", "SUPPORTED_SUFFIXES", "RawArticle",
    "looks_like_html", "max_chars_setting", "read_text", "read_file", "read_html", "read_url",
    "FetchedPage", "fetch_page", "DEFAULT_TIMEOUT_S", "DEFAULT_MAX_BYTES", "MAX_REDIRECTS",
]
