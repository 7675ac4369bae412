# Every build and test carries the sqlite_fts5 tag: /search needs FTS5.
TAGS := sqlite_fts5
GO   ?= go

.PHONY: test race build run bench vet

## test: vet and run every test (the README's test command)
test:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) -count=1 ./...

## race: every test under the race detector (a CI step of its own)
race:
	$(GO) test -race -tags $(TAGS) -count=1 ./...

## build: the daemon binary in ./bin
build:
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -trimpath -o bin/briefbot ./cmd/briefbot

## run: the bot on config.example.yaml (console mode without TELEGRAM_BOT_TOKEN)
run:
	$(GO) run -tags $(TAGS) ./cmd/briefbot run -config config.example.yaml

## bench: the measurement commands (see README)
bench:
	$(GO) run -tags $(TAGS) ./cmd/digestbench
