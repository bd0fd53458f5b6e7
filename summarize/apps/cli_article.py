"""The one-article commands: run, translate, brief, clean, and check (existing translations)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from ..checks import check_details
from ..document import Document
from ..errors import InputError
from ..terms import load_glossary
from .cli_common import EXIT_FAILED, EXIT_OK, make_pipeline, read_document, run_with_progress, write_out

__all__ = ["cmd_run", "cmd_translate", "cmd_brief", "cmd_clean", "cmd_check"]


def cmd_run(args: argparse.Namespace) -> int:
    doc = read_document(args.source, args.max_chars)
    result = run_with_progress(make_pipeline(args), doc, args.bullets)
    if args.format == "json":
        write_out(sys.stdout, json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "text":
        write_out(sys.stdout, result.to_text())
    else:
        write_out(sys.stdout, result.to_markdown(side_by_side=args.side_by_side))
    return EXIT_OK


def cmd_translate(args: argparse.Namespace) -> int:
    doc = read_document(args.source, args.max_chars)
    result = run_with_progress(make_pipeline(args, summarizer="extractive"), doc, 1)
    write_out(sys.stdout, result.translation_text())
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    doc = read_document(args.source, args.max_chars)
    result = run_with_progress(make_pipeline(args), doc, args.bullets)
    write_out(sys.stdout, "\n".join(f"- {b.text}" for b in result.brief))
    return EXIT_OK


def cmd_clean(args: argparse.Namespace) -> int:
    doc = read_document(args.source, args.max_chars)
    if args.format == "json":
        write_out(sys.stdout, json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        write_out(sys.stdout, _clean_report(doc))
    return EXIT_OK


def _clean_report(doc: Document) -> str:
    """Title and body as the translator will see them, then metadata and what was dropped."""
    meta = {k: v for k, v in doc.meta.items() if k not in {"removed_reasons", "paragraph_languages"}}
    languages = doc.meta.get("paragraph_languages") or []
    english = [str(i) for i, code in enumerate(languages) if code == "en"]
    if english and doc.meta.get("language") == "id":
        meta["english_paragraphs"] = ", ".join(english)
    parts = [doc.to_text(), "", "-- meta --"]
    parts += [f"{k}: {v}" for k, v in meta.items() if v not in (None, "", [])]
    reasons = doc.meta.get("removed_reasons") or []
    parts.append(f"-- removed ({len(doc.removed)}) --")
    for i, line in enumerate(doc.removed):
        why = reasons[i] if i < len(reasons) else "removed"
        parts.append(f"[{why}] {line}")
    return "\n".join(parts)


def _read_lines(path: str) -> list[str]:
    """The file's lines; blank lines at its end (an editor's final newlines) do not count."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
        while lines and not lines[-1].strip():
            lines.pop()
        return lines
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror or exc}. Check the path.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text. Convert it to UTF-8 first.") from exc


def cmd_check(args: argparse.Namespace) -> int:
    sources, translations = _read_lines(args.source_file), _read_lines(args.translation_file)
    if len(sources) != len(translations):
        raise InputError(
            f"{args.source_file} has {len(sources)} lines but {args.translation_file} has "
            f"{len(translations)}: the files must be line-aligned (one sentence per line in both)."
        )
    glossary = load_glossary(args.glossary)[0] if args.glossary else None
    counts: Counter[str] = Counter()
    rows = []
    for number, (source, translation) in enumerate(zip(sources, translations), 1):
        if not source.strip() and not translation.strip():
            continue
        issues = check_details(source, translation, glossary=glossary)
        counts.update(i.flag for i in issues)
        if issues:
            rows.append({"line": number, "flags": [i.flag for i in issues],
                         "details": [i.detail for i in issues]})
    checked = sum(1 for s, t in zip(sources, translations) if s.strip() or t.strip())
    summary = {"lines": checked, "flagged": len(rows), "flags": dict(counts)}
    if args.format == "json":
        write_out(sys.stdout, json.dumps({"lines": rows, "summary": summary}, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            for flag, detail in zip(row["flags"], row["details"]):
                write_out(sys.stdout, f"{row['line']}: {flag}: {detail}")
        share = f" ({len(rows) / checked:.1%})" if checked else ""
        per_flag = ", ".join(f"{flag} {n}" for flag, n in counts.most_common())
        write_out(sys.stdout, f"{checked} lines checked, {len(rows)} flagged{share}"
               + (f": {per_flag}" if per_flag else ""))
    return EXIT_FAILED if rows else EXIT_OK
