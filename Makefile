# Persian help center: build, run, test.
GO      ?= go
BIN     ?= bin/kb
CONTENT ?= ./content
DATA    ?= ./data
ADDR    ?= 127.0.0.1:8080
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build run dev test bench fmt vet eval load scale clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/kb

## run: serve the sample help center on http://$(ADDR)
run: build
	$(BIN) serve --content $(CONTENT) --data $(DATA) --addr $(ADDR)

## dev: live preview for writers and theme work: content reloads on save (open pages follow),
## drafts are shown, templates and assets are re-read from ./theme on every request
dev: build
	$(BIN) serve --content $(CONTENT) --data $(DATA) --addr $(ADDR) --dev --watch --drafts

## test: vet and the whole test suite with the race detector
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

clean:
	rm -rf bin $(DATA)

PQUAD ?= ../shared/eval/pquad

## eval: relevance of the search chain against stock Bleve fa, on the support set, the
## held-out operator set (search/testdata/heldout), the held-out bank set (heldout2), the
## held-out ride-hailing and food-delivery set (heldout3) and PQuAD
EVAL_SYSTEMS ?= fa_stock,persian:plain,persian
eval: build
	$(BIN) eval --content $(CONTENT) --queries search/testdata/support/queries.jsonl --analyzers $(EVAL_SYSTEMS)
	$(BIN) eval --content search/testdata/heldout/content --queries search/testdata/heldout/queries.jsonl --analyzers $(EVAL_SYSTEMS)
	$(BIN) eval --content search/testdata/heldout2/content --queries search/testdata/heldout2/queries.jsonl --analyzers $(EVAL_SYSTEMS)
	$(BIN) eval --content search/testdata/heldout3/content --queries search/testdata/heldout3/queries.jsonl --analyzers $(EVAL_SYSTEMS)
	@if [ -f $(PQUAD)/queries.jsonl ]; then \
		$(BIN) eval --docs $(PQUAD)/passages.jsonl --queries $(PQUAD)/queries.jsonl --analyzers $(EVAL_SYSTEMS); \
	else echo "PQuAD set not found under $(PQUAD): skipped"; fi

LOAD_ADDR ?= 127.0.0.1:18080
LOAD_DURATION ?= 30s
LOAD_CONNECTIONS ?= 200

## load: 200 connections for 30 s against /api/search, /search and /api/suggest of a fresh
## server on a copy of the content, with a content change (reindex and swap) half-way through
load: build
	$(GO) build -o bin/kbload ./cmd/kbload
	@set -e; tmp=$$(mktemp -d); trap 'kill $$pid 2>/dev/null; rm -rf $$tmp' EXIT; \
	cp -r $(CONTENT) $$tmp/content; \
	$(BIN) serve --content $$tmp/content --data $$tmp/data --addr $(LOAD_ADDR) --watch > $$tmp/serve.log 2>&1 & pid=$$!; \
	for i in $$(seq 100); do curl -sf http://$(LOAD_ADDR)/healthz >/dev/null && break; sleep 0.2; done; \
	bin/kbload --url http://$(LOAD_ADDR) --duration $(LOAD_DURATION) -c $(LOAD_CONNECTIONS) \
		--touch $$tmp/content/account/signup.md || { tail -20 $$tmp/serve.log; exit 1; }; \
	for i in $$(seq 60); do grep -qE "reloaded [0-9]+ articles" $$tmp/serve.log && break; sleep 0.5; done; \
	grep -E "reloaded [0-9]+ articles.*([1-9][0-9]* re-indexed|index rebuilt)" $$tmp/serve.log || \
		{ grep -E "reloaded [0-9]+ articles" $$tmp/serve.log; echo "the server never re-indexed the changed article"; exit 1; }

SCALE_SIZES ?= 1000,10000
SCALE_FLAGS ?=

## scale: the scale benchmark (BENCHMARKS.md "Scale"): synthetic Persian help centers of
## $(SCALE_SIZES) articles, generated in a temporary folder, indexed and served with the persian
## and the stock fa analyzers; build time, peak RSS, /api/search p50/p99 and throughput
scale: build
	$(GO) build -o bin/kbscale ./cmd/kbscale
	bin/kbscale --kb $(BIN) --sizes $(SCALE_SIZES) $(SCALE_FLAGS)
