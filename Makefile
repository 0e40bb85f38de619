# litharvest: the two quick-start commands are `make demo` and `make test`.
SWIFT ?= swift
BUILD_FLAGS ?=

.PHONY: deps test-deps build release install check-install demo test fuzz check-scaffold connector-list \
	check-connector-list shipped-specs check-generated bench-pubmed bench-dedup bench-store clean

# Installs libcurl and libxml2 development files when pkg-config cannot find them (Debian/Ubuntu).
deps:
	@if ! pkg-config --exists libcurl libxml-2.0 sqlite3 2>/dev/null; then \
		echo "installing libcurl4-openssl-dev libxml2-dev pkg-config"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config curl gzip; \
	fi

# Independent readers the export tests read every format back with (pinned; bibtexparser 2 changed its API).
PY_READERS = rispy==0.10.0 biopython==1.88 bibtexparser==1.4.4
# Headless chromium renders the HTML report in the browser test, with fonts-noto-cjk for its Korean page
# (LITHARVEST_SKIP_BROWSER_TESTS=1 skips it locally).
test-deps:
	@python3 -c 'import rispy, Bio.Medline, bibtexparser; assert bibtexparser.__version__.startswith("1.")' 2>/dev/null \
		|| python3 -m pip install --quiet --disable-pip-version-check $(PY_READERS)
	@if [ "$$LITHARVEST_SKIP_BROWSER_TESTS" != 1 ] && { ! command -v chromium >/dev/null 2>&1 \
		|| ! fc-list ':lang=ko' 2>/dev/null | grep -q 'Noto Sans CJK'; }; then \
		echo "installing chromium and fonts-noto-cjk (for the HTML report browser tests)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

# The release binary, stamped with the commit (`litharvest --version`) and with the Swift runtime linked in
# (STATIC_STDLIB= links it dynamically); libcurl, libxml2 and SQLite stay shared libraries.
STATIC_STDLIB ?= --static-swift-stdlib
RELEASE_FLAGS = -c release --product litharvest $(STATIC_STDLIB) -Xswiftc -DLITHARVEST_STAMPED $(BUILD_FLAGS)
release: deps
	scripts/stamp-build.sh
	$(SWIFT) build $(RELEASE_FLAGS)

# Installs the release binary as $(DESTDIR)$(PREFIX)/bin/litharvest. The connector specs of config/connectors
# are compiled into it, so nothing else is needed.
PREFIX ?= /usr/local
DESTDIR ?=
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/litharvest" "$(DESTDIR)$(PREFIX)/bin/litharvest"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/litharvest"

# Installs into a temporary prefix and runs the installed binary from / (connectors, --version, init, validate).
check-install:
	scripts/check-install.sh

# Offline demo: the default review's databases answered on 127.0.0.1 by real recorded responses, run twice
# (the second time the replay has grown, PMC fails, KCI has no key); results and report in demo-out/.
demo: build
	@scripts/demo.sh

# Suites that measure time (request spacing at the server, Retry-After waits, timeouts, the 25,000-hit
# searches at 3 requests/s) run on their own after the rest, so the CPU load of several hundred parallel
# tests cannot skew their clocks.
TIMING_SUITES = RateLimiterTests|ResilienceTests|EntrezSearchTests|CLIEndToEndTests|HarvesterTests

# The test suite (what CI runs).
test: deps test-deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build --skip '$(TIMING_SUITES)' $(BUILD_FLAGS)
	$(SWIFT) test --skip-build --filter '$(TIMING_SUITES)' $(BUILD_FLAGS)

# Mutation fuzzing of the file readers, FUZZ_SECONDS per format (default 120); inputs that crash, hang
# (> 30 s) or pass 1 GiB are kept in fuzz-out/. Not part of `test`.
fuzz: deps
	@scripts/fuzz.sh

# Rewrites (or checks) the generated list of built-in connectors from the connector folders.
connector-list:
	scripts/generate-connector-list.sh

check-connector-list:
	scripts/generate-connector-list.sh --check

# Rewrites the connector specs compiled into the binary from config/connectors/*.yaml.
shipped-specs:
	scripts/generate-shipped-specs.sh

# Checks that every generated source file is up to date (the tests check it too).
check-generated:
	scripts/generate-connector-list.sh --check
	scripts/generate-shipped-specs.sh --check

# Scaffolds a connector in a copy of the package (under .build/scaffold-check) and builds and tests it.
check-scaffold:
	scripts/check-scaffold.sh

# PubMed parsing throughput and peak memory on a generated 100,000-article file.
bench-pubmed: deps
	scripts/bench-pubmed-parse.sh

bench-dedup: deps
	scripts/bench-dedup.sh

# Store write and read-back of 1,000,000 records (release build), with the read-back's peak memory.
bench-store: deps
	scripts/bench-store.sh

clean:
	rm -rf .build
