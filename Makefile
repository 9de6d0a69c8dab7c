# leadgen — see README.md. `make run` and `make test` need only Go.
GO      ?= go
PKGS    ?= ./...
BENCH_FLAGS ?=

.PHONY: run test crash build bench vet fmt

## run: the whole job in one process (embedded broker, SANDBOX APIs, every role)
run:
	$(GO) run ./cmd/leadgen dev

## test: vet, then every test with the race detector in random order
test: vet
	$(GO) test -race -shuffle=on -count=1 -timeout 10m $(PKGS)

## crash: the crash suite (separate processes, kill -9; needs redis-server; about 4.5 minutes):
## 200 requests with dynamic group membership, then 2000 with --static-membership and
## leadgen built with the race detector
crash:
	$(GO) test -tags crash -count=1 -timeout 15m -run TestCrashSuite -v ./internal/crashtest/
	LEADGEN_CRASH_STATIC=1 LEADGEN_CRASH_RACE=1 LEADGEN_CRASH_REQUESTS=2000 LEADGEN_CRASH_KILLS=10 \
		$(GO) test -tags crash -count=1 -timeout 15m -run TestCrashSuite -v ./internal/crashtest/

## build: the leadgen binary in bin/
build:
	$(GO) build -o bin/leadgen ./cmd/leadgen

## bench: pipeline throughput and latency (with a baseline), retry-tier timing and quota use, against the sandbox
bench: build
	./bin/leadgen bench $(BENCH_FLAGS)

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet $(PKGS)
	$(GO) vet -tags crash ./internal/crashtest/

fmt:
	gofmt -w $$(git ls-files '*.go')
