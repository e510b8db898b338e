# Set-up is part of every target: a fresh machine needs only Python 3.11.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?= corpus
OUT    ?= outputs
GOLD   ?= corpus/gold
WORKERS ?=

.PHONY: all extract test eval bench lock clean venv

all: extract

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)

# Pinned, hash-checked install: requirements.lock is generated from requirements.in.
$(STAMP): $(PY) requirements.lock pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

venv: $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) $(if $(WORKERS),--workers $(WORKERS))

test: $(STAMP)
	$(PY) -m pytest -q

eval: $(STAMP)
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) --quiet $(if $(WORKERS),--workers $(WORKERS)) || true
	$(PY) -m pipeline evaluate --gold $(GOLD) --pred $(OUT)/events.csv --out $(OUT)

bench: $(STAMP)
	$(PY) -m pipeline.bench --out $(OUT)

# Regenerate the lock after editing requirements.in (needs pip-tools in the venv).
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-header -q -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.json outputs/*.md outputs/texts
