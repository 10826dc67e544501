# khaldun: two commands for a newcomer on a fresh machine:
#   make demo   set up .venv from the lock file and code the bundled example articles
#   make test   set up .venv and run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast lint bench lock audit clean chromium java

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/khaldun extract examples/ --db demo.duckdb
	@echo
	@echo "Stored in demo.duckdb. Try:  $(BIN)/khaldun events --db demo.duckdb --type ASSAULT"

# Java for the Spark tests (pyspark comes from the lock file): installed from the
# distribution's packages where it is missing and we may (root with apt-get, as
# in CI); elsewhere the Spark tests skip and say why.
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless) \
	      || echo "make: could not install Java; the Spark tests will be skipped"; \
	  else echo "make: no java (install openjdk-17-jre-headless); the Spark tests will be skipped"; fi; }

# Debian's chromium for the dashboard's browser test (Playwright drives it; its own
# browser download is never used): installed where missing and we may (root, as in CI).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	      || echo "make: could not install chromium; the browser test will be skipped"; \
	  else echo "make: no chromium (apt-get install chromium); the browser test will be skipped"; fi; }

test: install java chromium
	$(BIN)/python -m pytest -q --durations=20

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not eval"

lint: install
	$(BIN)/ruff check khaldun tests scripts benchmarks

# benchmarks/aggregates.py builds a 10-million-event store once (minutes; cached in
# ~/.cache/khaldun/bench); KHALDUN_BENCH_AGGREGATES=0 skips it.
bench: install java
	$(BIN)/python benchmarks/run.py --spark
	$(BIN)/python benchmarks/service_latency.py
	$(BIN)/python benchmarks/aggregates.py

# Recompile the lock file from requirements.in (needs pip-tools; registry access).
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras -o requirements.lock requirements.in

# Check the locked dependencies against known vulnerabilities (pip-audit;
# fetches the advisory database, so it needs network access).
audit: install
	$(BIN)/pip-audit --require-hashes --disable-pip -r requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache demo.duckdb
