# Persian help center: build, run, test.
GO      ?= go
BIN     ?= bin/kb
CONTENT ?= ./content
DATA    ?= ./data
ADDR    ?= 127.0.0.1:8080
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build run dev test bench fmt vet eval clean

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

## eval: relevance of the search chain against stock Bleve fa, on the support set and PQuAD
eval: build
	$(BIN) eval --content $(CONTENT) --queries search/testdata/support/queries.jsonl
	@if [ -f $(PQUAD)/queries.jsonl ]; then \
		$(BIN) eval --docs $(PQUAD)/passages.jsonl --queries $(PQUAD)/queries.jsonl; \
	else echo "PQuAD set not found under $(PQUAD): skipped"; fi
