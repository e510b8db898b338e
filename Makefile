# Set-up is part of every target: a fresh machine needs only Python 3.11, 3.12 or 3.13.
# tools/find-python picks one that is present and runs; override with PYTHON=...
PYTHON ?= $(shell sh tools/find-python)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?= corpus
OUT    ?= outputs
GOLD   ?= corpus/gold
WORKERS ?=
PIP    := $(PY) -m pip --disable-pip-version-check --no-input

.PHONY: all extract test eval bench lock clean venv test-browser test-review

all: extract

$(PY):
	@test -n "$(PYTHON)" || { echo "error: no supported Python (3.11-3.13) found; run make PYTHON=/path/to/python3.X" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)

# Pinned, hash-checked install that does not depend on the pip a Python ships:
# 1. a pinned pip is bootstrapped from requirements-bootstrap.txt (hashes);
# 2. the universal lock (one file for 3.11-3.13, env markers) is installed with
#    --no-deps: the lock is complete, so pip resolves nothing and a new upstream
#    release (of a package required with an extra, say) cannot change the set;
# 3. pip check proves the installed set is consistent.
$(STAMP): $(PY) requirements.lock requirements-bootstrap.txt pyproject.toml
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-bootstrap.txt
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.lock
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	$(PIP) check
	@touch $(STAMP)

venv: $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) $(if $(WORKERS),--workers $(WORKERS))

test: $(STAMP)
	$(PY) -m pytest -q

eval: $(STAMP)
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) --quiet $(if $(WORKERS),--workers $(WORKERS)) || true
	$(PY) -m pipeline evaluate --gold $(GOLD) --pred $(OUT)/events.csv --out $(OUT)

# report.html in headless Chromium (Debian's chromium, installed if missing): load time,
# JS filters against events.csv, screenshots into $(OUT)/ (issue 9).
test-browser: $(STAMP)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) --quiet $(if $(WORKERS),--workers $(WORKERS)) || true
	$(PY) tools/browser_check.py $(OUT) --shots $(OUT) --evidence-shot

# The Label Studio round trip through a real server, started on 127.0.0.1 from a
# throw-away venv (not in requirements.lock; sentry-sdk 3 breaks label-studio 1.23).
REVIEW_VENV ?= .venv-review
test-review: $(STAMP)
	test -x $(REVIEW_VENV)/bin/label-studio || { $(PYTHON) -m venv $(REVIEW_VENV) && \
	  $(REVIEW_VENV)/bin/pip install --quiet --disable-pip-version-check "label-studio==1.23.2" "sentry-sdk<3"; }
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) --quiet $(if $(WORKERS),--workers $(WORKERS)) || true
	$(PY) tools/ls_roundtrip.py $(OUT) --label-studio $(REVIEW_VENV)/bin/label-studio

bench: $(STAMP)
	$(PY) -m pipeline.bench --out $(OUT)

# Regenerate the lock after editing requirements.in: one universal lock for
# Python 3.11-3.13 (uv resolves for every version at once; pip installs it).
lock: $(STAMP)
	$(PIP) install --quiet uv
	$(VENV)/bin/uv pip compile --universal --python-version 3.11 --generate-hashes --no-header -q -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) outputs/*.csv outputs/*.json outputs/*.md outputs/texts outputs/report.html outputs/events.xlsx outputs/*.png
