"""JSON Schema of ``Result.to_dict()`` as fixed in DESIGN.md (version 1)."""

from __future__ import annotations

SENTENCE = {
    "type": "object",
    "required": ["id", "source", "translation", "flags"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": r"^(t|p\d+s\d+)$"},
        "source": {"type": "string", "minLength": 1},
        "mt_input": {"type": "string"},
        "translation": {"type": "string"},
        "flags": {"type": "array", "items": {"type": "string"}},
    },
}

RESULT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["title", "paragraphs", "brief", "meta", "version"],
    "additionalProperties": False,
    "properties": {
        "title": {"oneOf": [{"type": "null"}, SENTENCE]},
        "paragraphs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["sentences"],
                "properties": {"sentences": {"type": "array", "items": SENTENCE, "minItems": 1}},
            },
        },
        "brief": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "sources"],
                "properties": {
                    "text": {"type": "string", "minLength": 1},
                    "sources": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                },
            },
        },
        "meta": {
            "type": "object",
            "required": ["source", "date", "author", "language", "removed", "models", "timings_s"],
            "properties": {
                "language": {"type": "string"},
                "removed": {"type": "array", "items": {"type": "string"}},
                "models": {
                    "type": "object",
                    "required": ["mt", "summarizer"],
                    "properties": {"mt": {"type": "string"}, "summarizer": {"type": "string"}},
                },
                "timings_s": {"type": "object", "additionalProperties": {"type": "number"}},
            },
        },
        "version": {"const": 1},
    },
}
