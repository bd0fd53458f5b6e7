"""The story JSON schema (`summarize story --format json`, batch stories.json); README documents it."""

from __future__ import annotations

_REFS = {"type": "array", "items": {"type": "string", "pattern": r"^a\d+:(t|p\d+s\d+)$"}}
_IDS = {"type": "array", "items": {"type": "string", "pattern": r"^a\d+$"}}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_NUMBER_OR_NULL = {"type": ["number", "null"]}

STORY_SCHEMA = {
    "type": "object",
    "required": ["version", "stories"],
    "properties": {
        "version": {"const": 1},
        "failed": {"type": "array", "items": {"type": "object", "required": ["source", "reason"]}},
        "stories": {"type": "array", "items": {
            "type": "object",
            "required": ["title", "grouped_because", "articles", "brief", "figures", "disagreements", "timeline"],
            "properties": {
                "title": {"type": "string"},
                "grouped_because": {"type": "array", "items": {"type": "string"}},
                "articles": {"type": "array", "items": {
                    "type": "object", "required": ["id", "outlet", "source", "title", "date"],
                    "properties": {"id": {"type": "string", "pattern": r"^a\d+$"}, "outlet": {"type": "string"},
                                   "source": {"type": "string"}, "title": _TEXT_OR_NULL, "date": _TEXT_OR_NULL}}},
                "brief": {"type": "array", "items": {
                    "type": "object", "required": ["text", "outlets", "sources"],
                    "properties": {"text": {"type": "string"}, "outlets": _IDS, "sources": _REFS}}},
                "figures": {"type": "array", "items": {
                    "type": "object",
                    "required": ["value", "value_max", "text", "unit", "what", "as_of", "according_to", "outlets",
                                 "sources"],
                    "properties": {"value": {"type": "number"}, "value_max": _NUMBER_OR_NULL,
                                   "text": {"type": "string"}, "unit": _TEXT_OR_NULL, "what": {"type": "string"},
                                   "as_of": _TEXT_OR_NULL, "according_to": _TEXT_OR_NULL, "outlets": _IDS,
                                   "sources": _REFS}}},
                "disagreements": {"type": "array", "items": {
                    "type": "object", "required": ["what", "values", "reason"],
                    "properties": {"what": {"type": "string"}, "reason": _TEXT_OR_NULL,
                                   "values": {"type": "array", "minItems": 2, "items": {
                                       "type": "object", "required": ["value", "text", "outlets", "sources", "as_of"],
                                       "properties": {"value": {"type": "number"}, "text": {"type": "string"},
                                                      "outlets": _IDS, "sources": _REFS,
                                                      "as_of": _TEXT_OR_NULL}}}}}},
                "timeline": {"type": "array", "items": {
                    "type": "object", "required": ["date", "text", "outlets", "sources"],
                    "properties": {"date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                                   "text": {"type": "string"}, "outlets": _IDS, "sources": _REFS}}},
            },
        }},
    },
}
