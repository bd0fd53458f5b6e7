# The README's commands. torch's CPU build is pinned before the project so pip never pulls a
# multi-GB CUDA build to satisfy the range in pyproject.toml.
VENV ?= .venv
PY := $(VENV)/bin/python
TORCH ?= torch==2.13.0
STAMP := $(VENV)/.installed

.PHONY: install run test bench eval clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install $(TORCH)
	$(PY) -m pip install -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) app.py

test: install
	$(PY) -m pytest

eval: install
	$(PY) bench/eval_brief.py
	$(PY) bench/eval_segment.py
	$(PY) bench/eval_clean.py

bench: install
	$(PY) bench/bench_speed.py --quick

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
