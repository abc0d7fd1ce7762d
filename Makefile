# storyline — the two commands a new user needs:
#   make run    install (pinned, into .venv) and analyse the bundled example articles
#   make test   install test dependencies too and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
OUTDIR ?= out

.PHONY: run test install install-test browser clean eval bench

run: $(STAMP)
	@mkdir -p $(OUTDIR)
	rm -f $(OUTDIR)/examples.db
	$(BIN)/storyline --db $(OUTDIR)/examples.db ingest examples
	$(BIN)/storyline --db $(OUTDIR)/examples.db summary
	$(BIN)/storyline --db $(OUTDIR)/examples.db report -o $(OUTDIR)/report.html
	@echo "Report written to $(OUTDIR)/report.html (opens offline in any browser)"

install: $(STAMP)

# The lock files are complete (pip-compile): --no-deps installs exactly them, so a newer release
# on the index can never be pulled in by a dependency's looser range; pip check proves the set whole.
$(STAMP): requirements/main.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements/main.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	@touch $@

install-test: $(TSTAMP)

$(TSTAMP): $(STAMP) requirements/test.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements/test.txt
	$(BIN)/python -m pip check
	@touch $@

# Browser tests drive Debian's Chromium; install it when we may (root with apt), never a downloaded browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: browser tests will be skipped"; }

test: $(TSTAMP) browser
	$(BIN)/python -m pytest -q tests

# Accuracy on the public benchmarks in ../shared/data (developers' machines); writes results/.
DATA ?= ../shared/data
eval: $(STAMP)
	$(BIN)/storyline eval quotes --data $(DATA) -o results/quotes-polnear-dev.json > /dev/null
	$(BIN)/storyline eval quotes --speed --data $(DATA) -o results/quotes-speed.json > /dev/null
	$(BIN)/storyline eval times --data $(DATA) -o results/times-tbaq.json > /dev/null
	# ECB+ dev and train in both settings, and resolution of 10,000 and 100,000 synthetic articles (about 20 minutes)
	$(BIN)/python -c "from pathlib import Path; from storyline.evaluate.entities import write_results; \
	write_results(Path('$(DATA)/ecbplus'), Path('results/entities-ecbplus.json'), sizes=(10_000, 100_000))"

# Speed and memory: the analysis against the spaCy pipeline alone, one process.
bench: $(STAMP)
	$(BIN)/storyline bench $(DATA)/polnear/dev/text

clean:
	rm -rf $(VENV) $(OUTDIR) build *.egg-info src/*.egg-info
