# leadgen — see README.md. `make run` and `make test` need only Go (make lint
# installs staticcheck through the Go module proxy).
GO      ?= go
PKGS    ?= ./...
BENCH_FLAGS ?=
STATICCHECK_VERSION ?= v0.8.2
STATICCHECK ?= $(shell $(GO) env GOPATH)/bin/staticcheck
# VERSION is what `leadgen --version` prints for a `make build` binary.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null)

.PHONY: run test crash build bench vet lint fmt chromium example-clients console-assets

HTMX_VERSION ?= 2.0.11

## run: the whole job in one process (embedded broker, SANDBOX APIs, every role)
run:
	$(GO) run ./cmd/leadgen dev

## test: vet and lint, then every test with the race detector in random order
## (the console's browser tests need Debian's chromium). The real-time tests run
## last, alone: they hold a sandbox API's quota windows to 95% use and watch
## breakers open in a fault storm, which takes the machine's cores, not cores
## shared with every other package's tests. The first run leaves them out with
## -skip; the second runs exactly them. The few tests marked t.Parallel mostly
## wait (a quota, a broker's timeouts) on a broker and sandbox of their own:
## -parallel 4 lets them wait together.
REALTIME := ^(TestABacklogTenWindowsDeep|TestWorkersSharingAQuota|TestAQuotaSetTwiceTooHigh|TestA429OnTheFirstCalls|TestAFaultStorm)
test: vet lint chromium example-clients
	$(GO) test -race -shuffle=on -count=1 -parallel 4 -timeout 10m -skip '$(REALTIME)' $(PKGS)
	$(GO) test -race -shuffle=on -count=1 -timeout 10m -run '$(REALTIME)' ./internal/pipeline/

## crash: the crash suite (separate processes, kill -9; needs redis-server; about 4.5 minutes):
## 200 requests with dynamic group membership, then 1000 with --static-membership and
## leadgen built with the race detector
crash:
	$(GO) test -tags crash -count=1 -timeout 15m -run TestCrashSuite -v ./internal/crashtest/
	LEADGEN_CRASH_STATIC=1 LEADGEN_CRASH_RACE=1 LEADGEN_CRASH_REQUESTS=1000 LEADGEN_CRASH_KILLS=10 \
		$(GO) test -tags crash -count=1 -timeout 15m -run TestCrashSuite -v ./internal/crashtest/

## build: the leadgen binary in bin/
build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/leadgen ./cmd/leadgen

## bench: pipeline throughput and latency (with a baseline), retry-tier timing and quota use, against the sandbox
bench: build
	./bin/leadgen bench $(BENCH_FLAGS)

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet $(PKGS)
	$(GO) vet -tags crash ./internal/crashtest/

## lint: staticcheck at the pinned version, installed with `go install` when missing or another version
lint:
	@$(STATICCHECK) -version 2>/dev/null | grep -qF '($(STATICCHECK_VERSION:v%=%))' || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	$(STATICCHECK) $(PKGS)
	$(STATICCHECK) -tags crash ./internal/crashtest/
	$(STATICCHECK) -tags ci ./deploy/

chromium:
	@test -x /usr/bin/chromium || { echo "make test: the console's browser tests need chromium at /usr/bin/chromium: apt-get install chromium"; exit 1; }

## example-clients: what examples/ needs to run its Python and Node consumers: Debian's
## python3-confluent-kafka and python3-avro, and the Node packages of examples/node (npm ci)
example-clients: examples/node/node_modules/.package-lock.json
	@/usr/bin/python3 -c 'import confluent_kafka, avro' 2>/dev/null || { echo "make test: examples/python needs apt-get install python3-confluent-kafka python3-avro"; exit 1; }

examples/node/node_modules/.package-lock.json: examples/node/package-lock.json
	npm ci --prefix examples/node --no-audit --no-fund

## console-assets: refresh the console's embedded htmx from the npm registry (needs npm; the
## minified file is committed, so building and running leadgen needs no Node toolchain)
console-assets:
	tmp=$$(mktemp -d) && cd $$tmp && npm pack htmx.org@$(HTMX_VERSION) >/dev/null && tar xzf htmx.org-$(HTMX_VERSION).tgz && \
		cp package/dist/htmx.min.js $(CURDIR)/internal/console/assets/htmx.min.js && rm -rf $$tmp

fmt:
	gofmt -w $$(git ls-files '*.go')
