"""Apps: the command line, the Gradio web page and its HTML rendering.  The only layer that
turns library errors into exit codes or on-page messages.  May import everything."""

from __future__ import annotations

from .cli import build_parser, main
from .render import flag_legend, render_columns, sentence_span
from .render_story import render_story
from .web import MAX_UPLOAD_BYTES, build_app, launch, launch_options, model_choices, read_input

__all__ = ["main", "build_parser", "build_app", "launch", "launch_options", "read_input", "render_columns",
           "flag_legend", "sentence_span", "render_story", "MAX_UPLOAD_BYTES", "model_choices"]
