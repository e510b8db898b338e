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
# make extract SCHEDULER=tcp://host:8786 (a Dask scheduler) or SCHEDULER=local (a LocalCluster)
SCHEDULER ?=
PORT   ?= 8001
DEV    ?= dev
EVAL   ?= .eval
MODEL  := pipeline/models/sentcat
PIP    := $(PY) -m pip --disable-pip-version-check --no-input

.PHONY: all extract serve test eval eval-corpus eval-dev eval-sealed dev-rules cv train bench lock clean venv test-browser test-review

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
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) $(if $(WORKERS),--workers $(WORKERS)) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

# Browse OUT/events.sqlite (written by every run) with Datasette on http://127.0.0.1:$(PORT)
serve: $(STAMP)
	@test -e $(OUT)/events.sqlite || { echo "error: no $(OUT)/events.sqlite: run make extract first" >&2; exit 2; }
	$(VENV)/bin/datasette serve $(OUT)/events.sqlite --metadata datasette/metadata.json -h 127.0.0.1 -p $(PORT)

test: $(STAMP)
	$(PY) -m pytest -q

# make eval: corpus/ as before, then the real dev set in full, then the sealed
# test as aggregates only (rules alone and with the learned layer, and the
# learning curve), then cross-validation by country on dev.
eval: eval-corpus eval-dev eval-sealed cv

eval-corpus: $(STAMP)
	$(PY) -m pipeline extract $(CORPUS) --out $(OUT) --quiet $(if $(WORKERS),--workers $(WORKERS)) || true
	$(PY) -m pipeline evaluate --gold $(GOLD) --pred $(OUT)/events.csv --out $(OUT)

eval-dev: $(STAMP)
	$(PY) -m pipeline extract $(DEV) --out $(EVAL)/dev --quiet $(if $(WORKERS),--workers $(WORKERS)) || true
	$(PY) -m pipeline evaluate --gold $(DEV)/gold --pred $(EVAL)/dev/events.csv --out $(EVAL)/dev | sed -n '1,4p'
	@echo "dev: every missed, spurious and wrong-slot event is in $(EVAL)/dev/eval.md"

# The sealed test is read as aggregates only: never open its eval files to write a rule.
eval-sealed: dev-rules
	$(PY) -m pipeline extract sealed heldout --out $(EVAL)/sealed-rules --quiet --rules-only || true
	$(PY) -m pipeline extract sealed heldout --out $(EVAL)/sealed --quiet || true
	@echo "== sealed test, rules only"
	@$(PY) tools/sealed_eval.py --pred $(EVAL)/sealed-rules/events.csv --texts $(EVAL)/sealed-rules/texts --set sealed --set heldout
	@echo "== sealed test, as make extract runs (rules + the learned layer cross-validation chose)"
	@$(PY) tools/sealed_eval.py --pred $(EVAL)/sealed/events.csv --texts $(EVAL)/sealed/texts --set sealed --set heldout --json $(EVAL)/sealed.json
	@echo "== sealed test, learning curve (share of the dev countries the classifier is trained on)"
	@$(PY) -m pipeline.learn.heldout --dev-gold $(DEV)/gold --dev-texts $(EVAL)/dev-rules/texts --dev-manifest $(DEV)/manifest.csv \
		--gold sealed/gold heldout/gold --texts $(EVAL)/sealed-rules/texts --manifest sealed/manifest.csv heldout/manifest.csv \
		--pred $(EVAL)/sealed-rules/events.csv

# the rules' own output on dev (always rebuilt: it changes with every rule)
dev-rules: $(STAMP)
	$(PY) -m pipeline extract $(DEV) --out $(EVAL)/dev-rules --quiet --rules-only || true

# 5-fold cross-validation by country on dev: rules, learned, both; learning curve
cv: dev-rules
	$(PY) -m pipeline.learn cv --gold $(DEV)/gold --texts $(EVAL)/dev-rules/texts --manifest $(DEV)/manifest.csv \
		--pred $(EVAL)/dev-rules/events.csv --inputs $(DEV) --work $(EVAL)/boost-cv --out $(EVAL)/cv.md

# Rebuild the learned layer from the dev gold (deterministic): cross-validation by
# country chooses rules alone, rules + veto or rules + recall booster, and its threshold; the model and
# that choice go to pipeline/models/sentcat (commit them).
train: dev-rules
	$(PY) -m pipeline.learn train --gold $(DEV)/gold --texts $(EVAL)/dev-rules/texts --manifest $(DEV)/manifest.csv \
		--pred $(EVAL)/dev-rules/events.csv --inputs $(DEV) --work $(EVAL)/boost-cv --out $(MODEL)

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
	rm -rf $(VENV) outputs/*.csv outputs/*.json outputs/*.md outputs/texts outputs/current outputs/.runs outputs/.lock \
		outputs/report.html outputs/events.xlsx outputs/*.png outputs/events.sqlite outputs/cache $(EVAL)
