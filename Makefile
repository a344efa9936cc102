# The commands a user needs, each installing what it uses first.
# `make demo` = offline demo crawl; `make test` = the test suite. See README.md.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: install demo test lint bench bench-crawl bench-catalog bench-reparse clean

$(BIN)/careerscrape: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(BIN)/careerscrape

# Crawl the bundled demo site from its recorded cassette: no network is touched.
demo: install
	$(BIN)/scrapy crawl careers -a url_file=fixtures/demo/start_urls.txt \
		-a replay=fixtures/demo/site.yaml -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=0

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: install
	$(BIN)/python benchmarks/parse_bench.py

# A few minutes each: a crawl of 2,000 and of 20,000 local pages; a catalog of 1,000,000 records.
bench-crawl: install
	$(BIN)/python benchmarks/crawl_bench.py

bench-catalog: install
	$(BIN)/python benchmarks/catalog_bench.py

# The web archive's cost per page, and reparse with 1 and with every core (a minute or two).
bench-reparse: install
	$(BIN)/python benchmarks/reparse_bench.py

# Build and tool leftovers only: output/ holds the user's datasets and is never touched.
clean:
	rm -rf .pytest_cache .ruff_cache build *.egg-info setup.py
