# The README's commands. `make install` first: torch's CPU build is pinned before the project so
# pip never pulls a multi-GB CUDA build to satisfy the range in pyproject.toml.
VENV ?= .venv
PY := $(VENV)/bin/python
TORCH ?= torch==2.13.0

.PHONY: install run test bench eval clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --upgrade pip

install: $(PY)
	$(PY) -m pip install $(TORCH)
	$(PY) -m pip install -e ".[dev]"

run: install
	$(PY) app.py

test: install
	$(PY) -m pytest

eval:
	$(PY) bench/eval_brief.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
