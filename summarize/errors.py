"""One family of errors for the whole package.

Library code raises these and never prints or exits; only the outer layers (the CLI and the
Gradio app) turn them into exit codes or on-screen messages.  Every message says what
happened *and* what the user can do about it, because it is shown to them verbatim.
"""

from __future__ import annotations

__all__ = ["SummarizeError", "InputError", "ModelUnavailableError"]


class SummarizeError(Exception):
    """Base class: anything the user can fix; shown without a traceback."""

    exit_code: int = 1


class InputError(SummarizeError, ValueError):
    """The input cannot be processed (empty, unreadable, too large, unsupported)."""

    exit_code = 2


class ModelUnavailableError(SummarizeError, OSError):
    """A model is not on this machine and cannot be fetched (offline, no such repo, broken files)."""

    exit_code = 3

    def __init__(self, message: str, *, model: str | None = None) -> None:
        super().__init__(message)
        self.model = model
