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
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: help deps deps-system deps-ui deps-e2e ui app run test test-rust lint bindings-check test-ui test-e2e bench demo

help:
	@echo "make run    - installeer wat nodig is en start de app"
	@echo "make test   - installeer wat nodig is en draai alle tests"
	@echo "make bench  - meet de snelheid op een opslag van regiogrootte"
	@echo "make lint   - rustfmt + clippy + de importregel van de UI"

deps: deps-system deps-ui deps-e2e

deps-system:
	@command -v cargo >/dev/null || { echo "Rust ontbreekt: installeer rustup (https://rustup.rs) en probeer opnieuw."; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "apt-get install$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v node >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }

# `npm install` rather than `npm ci`: the lock files written on this machine lack
# other platforms' optional packages (rollup), which makes `npm ci` refuse them.
deps-ui: deps-system
	cd ui && npm install --no-audit --no-fund

deps-e2e: deps-system
	cd tests/e2e && npm install --no-audit --no-fund
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

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

# The export test prepares its store with the CLI, so both binaries are built.
test-e2e: app deps-e2e
	cargo build --bin respijt
	cargo clippy -p respijtregie -- -D warnings
	cd tests/e2e && xvfb-run -a --server-args="-screen 0 1400x900x24" npm test

bench:
	cargo run --release --bin respijt -- bench

demo:
	cargo run --bin respijt -- demo --seed 1 --caregivers 2000
