# Ferry's build. `make run` starts the app, `make test` runs every check
# against real FTP servers on 127.0.0.1; both install what is missing.

GO       ?= go
BIN      := bin
FUZZTIME ?= 5s
export GOFLAGS := -buildvcs=false

.PHONY: run build test check unit fuzz bench deps deps-test clean

run: deps
	$(GO) run ./cmd/ferry

build: deps
	$(GO) build -o $(BIN)/ferry ./cmd/ferry
	CGO_ENABLED=0 $(GO) build -o $(BIN)/ferry-cli ./cmd/ferry-cli

deps:
	@.ci/deps.sh gui
	@$(GO) mod download

deps-test: deps
	@.ci/servers/install.sh

# check: formatting, vet and the engine's independence from the GUI.
check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags interop ./...
	@if $(GO) list -deps ./ftpcore/... | grep -q '^fyne.io/'; then \
	  echo "ftpcore must not import fyne"; $(GO) list -deps ./ftpcore/... | grep '^fyne.io/'; exit 1; fi
	@echo "ftpcore imports no fyne package"

# test: everything, with the real servers started and always stopped.
test: deps-test check
	.ci/servers/with-servers.sh $(GO) test -race -count=1 -tags interop ./...
	$(MAKE) --no-print-directory fuzz

fuzz:
	@for t in FuzzReadReply FuzzParsePASV FuzzParseEPSV FuzzParsePORT FuzzParseEPRT FuzzParseListing; do \
	  echo "fuzz $$t ($(FUZZTIME))"; \
	  $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) ./ftpcore/ || exit 1; \
	done

bench: deps-test
	CGO_ENABLED=0 $(GO) build -o $(BIN)/ferry-cli ./cmd/ferry-cli
	$(GO) test -run='^$$' -bench=. -benchmem ./ftpcore/...
	FERRY_CLI=$(CURDIR)/$(BIN)/ferry-cli .ci/servers/with-servers.sh .ci/bench.sh

clean:
	rm -rf $(BIN)
