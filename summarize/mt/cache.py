"""A persistent translation cache: repeated sentences and reruns cost no model time.

Entries live in one SQLite file under the user cache directory (``SUMMARIZE_CACHE_DIR``
overrides it).  A key is the SHA-256 of the model fingerprint, the decoding settings and the
normalised sentence, so a different model, quantisation or beam size never returns a stale
translation.  The source text itself is not stored, only its hash and the translation.
The table is bounded: beyond ``max_entries`` the least recently used entries are dropped.

The cache is an optimisation and never a reason to fail: a locked, read-only or corrupt
database logs one warning and the translator carries on without it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..settings import cache_dir

__all__ = [
    "DEFAULT_MAX_ENTRIES",
    "CacheStats",
    "TranslationCache",
    "CachedTranslator",
    "normalize_sentence",
]

log = logging.getLogger(__name__)

DEFAULT_MAX_ENTRIES = 200_000  # about 60 MB of typical news sentences
_SCHEMA_VERSION = 1
_FILE_NAME = "translations.sqlite3"


def normalize_sentence(text: str) -> str:
    """Unicode NFC and collapsed whitespace: variants a tokenizer cannot tell apart share a key."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class TranslationCache:
    """A bounded key → translation store in SQLite, safe to share between threads and processes."""

    def __init__(self, path: Path | str | None = None, *, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self.path = Path(path) if path is not None else cache_dir() / _FILE_NAME
        self.max_entries = max(1, max_entries)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self._writes_since_prune = 0

    # -- connection ---------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False)
            # WAL lets a UI process read while a batch job writes.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _SCHEMA_VERSION):
                conn.execute("DROP TABLE IF EXISTS translations")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS translations ("
                " key TEXT PRIMARY KEY, translation TEXT NOT NULL, used REAL NOT NULL)"
            )
            conn.execute("CREATE INDEX IF NOT EXISTS translations_used ON translations(used)")
            conn.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")
            conn.commit()
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return None
        self._conn = conn
        return conn

    def _disable(self, exc: BaseException) -> None:
        if not self._broken:
            log.warning("translation cache %s disabled: %s", self.path, exc)
        self._broken = True
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    # -- keys ---------------------------------------------------------------------------
    @staticmethod
    def namespace(fingerprint: str, settings: dict[str, Any]) -> str:
        """What, besides the sentence, decides a translation: model files and decoding."""
        blob = json.dumps({"model": fingerprint, "decoding": settings}, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]

    @staticmethod
    def key(namespace: str, sentence: str) -> str:
        raw = f"{namespace}\x00{normalize_sentence(sentence)}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    # -- access -------------------------------------------------------------------------
    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        if not keys:
            return {}
        found: dict[str, str] = {}
        with self._lock:
            conn = self._connect()
            if conn is None:
                return {}
            try:
                unique = list(dict.fromkeys(keys))
                for start in range(0, len(unique), 500):  # SQLite's parameter limit
                    chunk = unique[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT key, translation FROM translations WHERE key IN ({marks})", chunk
                    ).fetchall()
                    found.update(rows)
                if found:
                    now = time.time()
                    conn.executemany(
                        "UPDATE translations SET used = ? WHERE key = ?", [(now, k) for k in found]
                    )
                    conn.commit()
            except sqlite3.Error as exc:
                self._disable(exc)
                return {}
        return found

    def put_many(self, items: dict[str, str]) -> None:
        if not items:
            return
        with self._lock:
            conn = self._connect()
            if conn is None:
                return
            try:
                now = time.time()
                conn.executemany(
                    "INSERT OR REPLACE INTO translations(key, translation, used) VALUES (?, ?, ?)",
                    [(k, v, now) for k, v in items.items()],
                )
                self._writes_since_prune += len(items)
                # Pruning scans the index; doing it every few thousand writes keeps inserts cheap
                # while the table never exceeds its bound by more than that.
                if self._writes_since_prune >= min(2000, max(1, self.max_entries // 10)):
                    self._prune(conn)
                conn.commit()
            except sqlite3.Error as exc:
                self._disable(exc)

    def _prune(self, conn: sqlite3.Connection) -> None:
        self._writes_since_prune = 0
        (count,) = conn.execute("SELECT COUNT(*) FROM translations").fetchone()
        excess = count - self.max_entries
        if excess > 0:
            conn.execute(
                "DELETE FROM translations WHERE key IN "
                "(SELECT key FROM translations ORDER BY used ASC LIMIT ?)",
                (excess,),
            )
            log.debug("translation cache pruned %d entries", excess)

    def prune(self) -> None:
        """Drop least recently used entries beyond ``max_entries`` now."""
        with self._lock:
            conn = self._connect()
            if conn is None:
                return
            try:
                self._prune(conn)
                conn.commit()
            except sqlite3.Error as exc:
                self._disable(exc)

    def __len__(self) -> int:
        with self._lock:
            conn = self._connect()
            if conn is None:
                return 0
            try:
                return int(conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0])
            except sqlite3.Error as exc:
                self._disable(exc)
                return 0

    def clear(self) -> None:
        with self._lock:
            conn = self._connect()
            if conn is not None:
                try:
                    conn.execute("DELETE FROM translations")
                    conn.commit()
                except sqlite3.Error as exc:
                    self._disable(exc)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


_shared: dict[Path, TranslationCache] = {}
_shared_lock = threading.Lock()


def _default_cache() -> TranslationCache:
    # One connection per file and process: pipelines made per request (the UI) share it.
    path = cache_dir() / _FILE_NAME
    with _shared_lock:
        if path not in _shared:
            _shared[path] = TranslationCache(path)
        return _shared[path]


class CachedTranslator:
    """Wraps any translator: answers known sentences from the cache, sends only the rest on.

    Identical sentences within one call are translated once.  Cached answers are yielded
    first, as one batch, so a rerun shows its whole translation at once without loading the
    model.  The inner translator should expose ``fingerprint`` (model files + backend) and
    ``decoding``; without them its ``name`` is the only identity the key can use.
    """

    @property
    def fingerprint(self) -> str:
        """The wrapped model's identity (files, backend), so a batch's settings fingerprint
        changes when the model does."""
        return str(getattr(self.inner, "fingerprint", None) or f"name:{self.name}")

    def __init__(self, inner: Any, cache: TranslationCache | None = None) -> None:
        self.inner = inner
        self.cache = cache if cache is not None else _default_cache()
        self.name: str = inner.name
        self.stats = CacheStats()
        self._namespace: str | None = None

    def __getattr__(self, attr: str) -> Any:
        # backend, decoding, loaded, ... of the wrapped translator stay reachable.
        if attr == "inner":
            raise AttributeError(attr)
        return getattr(self.inner, attr)

    @property
    def namespace(self) -> str:
        if self._namespace is None:
            fingerprint = getattr(self.inner, "fingerprint", None) or f"name:{self.name}"
            decoding = getattr(self.inner, "decoding", None)
            settings = decoding.to_dict() if hasattr(decoding, "to_dict") else {}
            self._namespace = TranslationCache.namespace(str(fingerprint), settings)
        return self._namespace

    def translate(self, sentences: Sequence[str]) -> list[str]:
        out: list[str] = [""] * len(sentences)
        for indices, texts in self.translate_iter(sentences):
            for i, text in zip(indices, texts):
                out[i] = text
        return out

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        if not sentences:
            return
        normalised = [normalize_sentence(s) for s in sentences]
        wanted = [i for i, s in enumerate(normalised) if s]
        keys = {i: TranslationCache.key(self.namespace, normalised[i]) for i in wanted}
        found = self.cache.get_many(list(keys.values()))
        hit_idx = [i for i in wanted if keys[i] in found]
        if hit_idx:
            yield hit_idx, [found[keys[i]] for i in hit_idx]
        # Blank sentences go to the inner translator too: it decides what they become.
        owners: dict[str, list[int]] = {}
        for i, text in enumerate(normalised):
            if not text or keys[i] not in found:
                owners.setdefault(text if text else f"\x00blank{i}", []).append(i)
        texts = list(owners)
        self.stats.hits += len(hit_idx)
        self.stats.misses += len(texts)
        log.info("translation cache: %d hits, %d to translate", len(hit_idx), len(texts))
        if not texts:
            return
        inputs = [t if not t.startswith("\x00blank") else sentences[owners[t][0]] for t in texts]
        for indices, translations in self.inner.translate_iter(inputs):
            out_idx: list[int] = []
            out_txt: list[str] = []
            fresh: dict[str, str] = {}
            for k, translation in zip(indices, translations):
                for i in owners[texts[k]]:
                    out_idx.append(i)
                    out_txt.append(translation)
                if normalised[owners[texts[k]][0]]:
                    fresh[keys[owners[texts[k]][0]]] = translation
            # Stored per batch, so an interrupted run keeps what it already paid for.
            self.cache.put_many(fresh)
            yield out_idx, out_txt
