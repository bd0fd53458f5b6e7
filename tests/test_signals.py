"""signals_deferred: an interruption waits for the write in progress, even with other threads alive."""

from __future__ import annotations

import signal
import threading

import pytest

from summarize.jobs.writes import signals_deferred


def test_sigint_inside_the_block_is_raised_after_it_with_worker_threads_alive() -> None:
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, daemon=True)  # as Ray's and pyarrow's threads are
    worker.start()
    steps: list[str] = []
    try:
        with pytest.raises(KeyboardInterrupt):
            with signals_deferred():
                signal.raise_signal(signal.SIGINT)
                steps.append("written")
        assert steps == ["written"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        stop.set()


def test_no_signal_leaves_the_handlers_as_they_were() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with signals_deferred():
        pass
    assert signal.getsignal(signal.SIGTERM) is before


def test_outside_the_main_thread_the_block_runs_unchanged() -> None:
    seen: list[bool] = []

    def body() -> None:
        with signals_deferred():
            seen.append(True)

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    assert seen == [True]
