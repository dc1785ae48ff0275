# One entry point for every task. The two that matter:
#   make run    installs what is needed and starts the desktop app
#   make test   installs what is needed and runs every test (Rust, UI, end to end)
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Debian/Ubuntu packages: Tauri's build needs (libssl-dev also for SQLCipher), and WebKitWebDriver + Xvfb
# for the end-to-end tests, with a session D-Bus (dbus) for the single-instance test.
APT_PACKAGES := build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev webkit2gtk-driver xvfb xauth dbus
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The app binary, in CARGO_TARGET_DIR when that is set (a shared build folder).
APP := $(or $(CARGO_TARGET_DIR),target)/debug/respijtregie
# The same folder as an absolute path, for the bundler, which runs in src-tauri/.
TARGET_ABS := $(abspath $(or $(CARGO_TARGET_DIR),target))
CARGO_BIN := $(HOME)/.cargo/bin
# The WebDriver bridge of the e2e tests, pinned. The Tauri bundler's CLI is the
# prebuilt @tauri-apps/cli, pinned in ui/package-lock.json (seconds to install,
# where `cargo install tauri-cli` compiles some 630 crates).
TAURI_DRIVER_VERSION := 2.1.0
TAURI := $(CURDIR)/ui/node_modules/.bin/tauri
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: help deps deps-system deps-ui deps-e2e deps-package ui app run test test-rust lint bindings-check test-ui test-e2e package package-debug bench bench-app demo

help:
	@echo "make run    - installeer wat nodig is en start de app"
	@echo "make test   - installeer wat nodig is en draai alle tests"
	@echo "make bench  - meet de snelheid op een opslag van regiogrootte"
	@echo "make bench-app - meet in het echte venster wat iemand wacht (PROFILE=debug, STORE=bestand)"
	@echo "make lint   - rustfmt + clippy + de importregel van de UI"
	@echo "make package - bouw de installatiepakketten (.deb en .rpm) in target/release/bundle"

deps: deps-system deps-ui deps-e2e

deps-system:
	@command -v cargo >/dev/null || { echo "Rust ontbreekt: installeer rustup (https://rustup.rs) en probeer opnieuw."; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "apt-get install$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v node >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }

# `npm ci`: exactly what the committed lock files say, for every platform
# (the locks hold every platform's optional packages). Again only when a lock changed.
deps-ui: deps-system ui/node_modules/.installed
ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

deps-e2e: deps-system tests/e2e/node_modules/.installed
	@cargo install --list | grep -q '^tauri-driver v$(TAURI_DRIVER_VERSION):' || \
		cargo install tauri-driver --version $(TAURI_DRIVER_VERSION) --locked
tests/e2e/node_modules/.installed: tests/e2e/package.json tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund
	@touch $@

# The Tauri CLI (its bundler makes the .deb and .rpm) comes with the UI's npm packages.
deps-package: deps-ui

ui: deps-ui
	cd ui && npm run build

# The binary carries its UI (custom protocol), so it needs no dev server.
app: ui
	cargo build -p respijtregie --features tauri/custom-protocol

run: app
	./$(APP)

test: test-rust test-ui test-e2e

test-rust: deps-system
	cargo fmt --all --check
	cargo test --workspace --exclude respijtregie
	$(MAKE) bindings-check
	cargo clippy -p respijt --all-targets -- -D warnings

# ts-rs (the types), surface.rs (commands.ts) and codes (labels.ts) rewrite
# ui/src/lib/bindings during `cargo test`; committed files must match.
bindings-check:
	@if [ -n "$$(git status --porcelain -- ui/src/lib/bindings)" ]; then \
		echo "De TypeScript-bindings zijn verouderd: draai 'cargo test' en commit ui/src/lib/bindings."; \
		git status --porcelain -- ui/src/lib/bindings; exit 1; \
	fi

lint: deps-ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run lint

test-ui: deps-ui
	cd ui && npm run lint && npm test && npm run check

# The installers: a release build bundled as .deb and .rpm (target/release/bundle/).
package: ui deps-package
	cd src-tauri && CARGO_TARGET_DIR=$(TARGET_ABS) $(TAURI) build --bundles deb,rpm

# The .deb of the debug build the e2e tests already have, for the install test
# (target/debug/bundle/deb/); the bundler reuses the binary `make app` built.
package-debug: app deps-package
	cd src-tauri && CARGO_TARGET_DIR=$(TARGET_ABS) $(TAURI) build --debug --bundles deb

# The export test prepares its store with the CLI, so both binaries are built;
# the install test installs the .deb, starts the installed app and removes it.
test-e2e: app package-debug deps-e2e
	cargo build --bin respijt
	cargo clippy -p respijtregie -- -D warnings
	cd tests/e2e && xvfb-run -a --server-args="-screen 0 1400x900x24" npm test

bench:
	cargo run --release --bin respijt -- bench

# The window benchmark (not a test; docs/benchmarks.md): the real app on an
# encrypted store of region size, timed as a person waits. A release build by
# default, PROFILE=debug for the debug build the e2e tests use. STORE=FILE keeps
# the store between runs (made with the CLI when missing: 25,000 caregivers).
PROFILE ?= release
STORE ?= $(TARGET_ABS)/bench-app/respijt.db
BENCH_PROFILE_FLAG := $(if $(filter release,$(PROFILE)),--release,)
bench-app: ui deps-e2e
	cargo build $(BENCH_PROFILE_FLAG) -p respijtregie --features tauri/custom-protocol
	cargo build $(BENCH_PROFILE_FLAG) --bin respijt
	cd tests/e2e && RESPIJT_APP=$(TARGET_ABS)/$(PROFILE)/respijtregie RESPIJT_CLI=$(TARGET_ABS)/$(PROFILE)/respijt \
		xvfb-run -a --server-args="-screen 0 1400x900x24" node bench/window.bench.mjs $(abspath $(STORE))

demo:
	cargo run --bin respijt -- demo --seed 1 --caregivers 2000
