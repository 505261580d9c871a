# huanxin — quick start: `make run`, then `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

SWIFT ?= swift
# System packages the build needs (Debian names).
SYSTEM_PACKAGES := pkg-config libxml2-dev zlib1g-dev libsqlite3-dev
# What the portal's real-browser test drives (BrowserTests), and a Chinese font for its screenshots; installed by `make test`.
BROWSER_PACKAGES := chromium chromium-driver fonts-wqy-zenhei
RELEASE_BIN := .build/release/huanxin

.PHONY: run serve test lint format test-office bench bench-quick bench-release build release deps deps-browser clean demo-inbox fuzz

## run: build, run the nightly batch on this repository's Inbox/, say where the outputs are
run: deps release
	scripts/restore-demo-mtimes.sh Inbox
	$(RELEASE_BIN) run --root "$(CURDIR)" --settle 0 || [ $$? = 4 ]  # 4: some demo files are rejected on purpose
	@echo
	@echo "汇总工作簿 Roll-up workbooks:"
	@find "$(CURDIR)/Outbox/rollups" -name '*.xlsx' | sort | sed 's/^/  /'
	@echo "回执 Receipts: $(CURDIR)/Outbox/receipts/   运行记录 Run summaries: $(CURDIR)/Outbox/runs/"

## serve: the web portal on the demo deployment at http://127.0.0.1:8080 (runs the demo batch first if there is no ledger; prints the demo accounts' password once)
serve: deps release
	@if [ ! -f "$(CURDIR)/Outbox/ledger.sqlite" ]; then \
	  scripts/restore-demo-mtimes.sh Inbox; \
	  $(RELEASE_BIN) run --root "$(CURDIR)" --settle 0 --quiet || [ $$? = 4 ]; \
	fi
	scripts/demo-accounts.sh $(RELEASE_BIN) "$(CURDIR)"
	$(RELEASE_BIN) serve --root "$(CURDIR)" --host 127.0.0.1 --port 8080

## test: the whole test suite (Python reference readers and selenium in .venv when PyPI is reachable; Chromium as root)
test: deps deps-browser
	scripts/test-venv.sh || echo "注意 note: no Python test environment; tests that compare with Python readers will skip"
	$(MAKE) --no-print-directory lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

## lint: the code is as swift-format (the toolchain's, with .swift-format) writes it; `make format` rewrites it so
lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Fuzz Package.swift

format:
	$(SWIFT) format --in-place --recursive --parallel Sources Tests Fuzz Package.swift

## test-office: install LibreOffice Calc (as root) and check it opens the workbooks we write
test-office: deps
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter Office

## fuzz: the libFuzzer targets of Fuzz/ (CSV, XLSX/ZIP, XML 2003, XLS, ODS, intake) with ASan, SECONDS each (60); see scripts/fuzz.sh
fuzz: deps
	scripts/fuzz.sh $(or $(SECONDS),60)

## bench: huanxin against its peers on 10,000 and 1,000,000 rows, as ratios, and the nightly run over a province inbox (bench/README.md); < 15 min
bench: bench-release
	.venv-bench/bin/python bench/run.py

## bench-quick: the same on the 10,000-row tables and a 1-month province inbox
bench-quick: bench-release
	.venv-bench/bin/python bench/run.py --quick

## bench-release: the benchmark's venv, system packages and release builds of huanxin-bench and huanxin
bench-release: deps
	bench/setup.sh
	$(SWIFT) build -c release --product huanxin-bench
	$(SWIFT) build -c release --product huanxin

## demo-inbox: regenerate Inbox/ (示例数据, synthetic) with the deterministic generator; keeps Inbox/README.md
demo-inbox: deps
	$(SWIFT) build --product make-demo-inbox
	.build/debug/make-demo-inbox "$(CURDIR)"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product huanxin

## deps: install the missing system packages (as root), or name them
deps:
	@scripts/system-packages.sh $(SYSTEM_PACKAGES)

## deps-browser: Chromium and chromedriver for the portal's browser test (as root), or say the test will skip
deps-browser:
	@scripts/system-packages.sh --optional "the portal's browser test will skip (it fails under CI=true)" $(BROWSER_PACKAGES)

clean:
	rm -rf .build
