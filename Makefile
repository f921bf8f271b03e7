# FrontDesk: `make run` opens the demo, `make test` runs every test, `make bench` measures search and the terminal UI.
SWIFT ?= swift
PACKAGES := libncursesw5-dev libsqlite3-dev tmux sqlite3 libpam0g-dev
BENCH_PACKAGES := time python3-pyte
BENCH_PATIENTS ?= 1000000
# Extra FrontDeskBench flags, e.g. BENCH_FLAGS="--only-booking all" (booking on the demo centre alone), "--no-booking",
# "--only-enquiries" (the enquiries section alone), "--no-enquiries", "--only-pull-list", "--no-pull-list" or
# "--only-checklist" (the end-of-day checklist alone).
BENCH_FLAGS ?=

.PHONY: all deps build release run test bench clean

all: build

deps:
	@sh scripts/install-deps.sh $(PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product frontdesk

# Opens FrontDesk on the separate demo database (created and seeded on first run).
run: release
	"$$($(SWIFT) build -c release --show-bin-path)/frontdesk" --demo

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Builds a $(BENCH_PATIENTS)-patient database (plus the demo centre: two years of diaries) and prints search,
# audit, booking (next available, book, clinic day, 8 processes booking at once), enquiries (500,000 past ones, added once:
# logging one, the open queue and its filters, the overdue count), the case-note pull list and the end-of-day checklist
# (days topped up to 2,000 appointments: a weekday and a Friday preparing to Monday), start-up and keystroke latencies
# (not a test).
bench: deps
	@sh scripts/install-deps.sh $(BENCH_PACKAGES)
	$(SWIFT) build -c release --product frontdesk
	$(SWIFT) build -c release --product FrontDeskBench
	"$$($(SWIFT) build -c release --show-bin-path)/FrontDeskBench" --patients $(BENCH_PATIENTS) \
		--frontdesk "$$($(SWIFT) build -c release --show-bin-path)/frontdesk" $(BENCH_FLAGS)
	/usr/bin/python3 scripts/tui-bench.py --frontdesk "$$($(SWIFT) build -c release --show-bin-path)/frontdesk" \
		--db bench-data/bench-$(BENCH_PATIENTS).sqlite

clean:
	rm -rf .build bench-data
