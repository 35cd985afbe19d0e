# Ferry's build. `make run` starts the app, `make test` runs every check
# against real FTP servers on 127.0.0.1; both install what is missing.

GO       ?= go
BIN      := bin
# A count, not a duration: Go 1.26's fuzz coordinator can report a spurious
# "context deadline exceeded" when a duration runs out (go.dev/issue/75804).
FUZZTIME ?= 30000x
export GOFLAGS := -buildvcs=false
# The desktop app is built without Fyne's animations: the fading text
# cursor alone makes Fyne redraw the window every frame while a field has
# the focus (11 % of a core idle, measured under Xvfb; 1 % without).
# Without Fyne's colour emoji font too: Fyne parses its 4 MiB for every
# text style, which held 25 MiB of the window's memory; an emoji in a file
# name comes from the system's emoji font instead.
APPTAGS  := -tags no_animations,no_emoji

.PHONY: run build test check fuzz bench deps deps-test clean

run: deps
	$(GO) run $(APPTAGS) ./cmd/ferry

build: deps
	$(GO) build $(APPTAGS) -o $(BIN)/ferry ./cmd/ferry
	CGO_ENABLED=0 $(GO) build -o $(BIN)/ferry-cli ./cmd/ferry-cli

deps:
	@.ci/deps.sh gui
	@$(GO) mod download

deps-test: deps
	@.ci/servers/install.sh

# check: formatting, vet, a tidy go.mod, and the engine's independence
# from the GUI: no package under ftpcore/ (tests included) imports Fyne or
# ui, and the imports between ftpcore's packages run one way (listing <-
# ftpcore <- localfs, queue, profile, doctor; profile may use queue, never
# back; doctor uses none of the three; compare, syncplan and search see
# listing, syncplan compare, no more).
check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags interop ./...
	$(GO) mod tidy -diff
	@for p in $$($(GO) list ./ftpcore/...); do \
	  bad=$$($(GO) list -deps -test -tags interop $$p | grep -E '^(fyne\.io/|ferry/ui$$|ferry/ui/)'); \
	  if [ -n "$$bad" ]; then echo "$$p must not import:"; echo "$$bad"; exit 1; fi; \
	done
	@echo "no package under ftpcore imports fyne or ui"
	@fail=0; for rule in \
	    'ferry/ftpcore/listing ferry/ftpcore$$' \
	    'ferry/ftpcore ferry/ftpcore/(localfs|queue|profile|doctor)$$' \
	    'ferry/ftpcore/doctor ferry/ftpcore/(localfs|queue|profile)$$' \
	    'ferry/ftpcore/localfs ferry/ftpcore/(queue|profile)$$' \
	    'ferry/ftpcore/queue ferry/ftpcore/(localfs|profile)$$' \
	    'ferry/ftpcore/compare ferry/ftpcore(/localfs|/queue|/profile|/syncplan|/search)?$$' \
	    'ferry/ftpcore/syncplan ferry/ftpcore(/localfs|/queue|/profile|/search)?$$' \
	    'ferry/ftpcore/search ferry/ftpcore(/localfs|/queue|/profile|/syncplan|/compare)?$$'; do \
	  set -- $$rule; \
	  bad=$$($(GO) list -deps $$1 | grep -E "^$$2"); \
	  if [ -n "$$bad" ]; then echo "$$1 must not import $$bad"; fail=1; fi; \
	done; [ $$fail = 0 ] && echo "imports between ftpcore's packages run one way"

# test: everything, with the real servers started and always stopped.
test: deps-test check
	.ci/servers/with-servers.sh $(GO) test -race -count=1 -tags interop ./...
	$(MAKE) --no-print-directory fuzz

fuzz:
	@for t in ftpcore:FuzzReadReply ftpcore:FuzzSession ftpcore:FuzzPrintable ftpcore:FuzzParsePASV ftpcore:FuzzParseEPSV ftpcore:FuzzParsePORT \
	         ftpcore:FuzzParseEPRT ftpcore/listing:FuzzParseListing \
	         ftpcore/profile:FuzzImportFileZilla ftpcore/profile:FuzzFileZillaRemoteDir; do \
	  pkg=$${t%%:*}; fn=$${t#*:}; \
	  echo "fuzz $$fn in $$pkg ($(FUZZTIME))"; \
	  $(GO) test -run='^$$' -fuzz="^$$fn\$$" -fuzztime=$(FUZZTIME) ./$$pkg/ || exit 1; \
	done

# bench: Go benchmarks, then ferry-cli beside curl and lftp on one 1 GiB
# file, on 1,000 small files on loopback, and on 200 small files behind a
# delay proxy that makes a 50 ms round trip, against the same local vsftpd;
# last the window: time until it shows and its memory, under Xvfb.
bench: deps-test
	CGO_ENABLED=0 $(GO) build -o $(BIN)/ferry-cli ./cmd/ferry-cli
	$(GO) build $(APPTAGS) -o $(BIN)/ferry ./cmd/ferry
	$(GO) test -run='^$$' -bench=. -benchmem ./ftpcore/... ./ui/
	FERRY_NETNS=0 FERRY_CLI=$(CURDIR)/$(BIN)/ferry-cli .ci/servers/with-servers.sh \
	  sh -c '.ci/bench.sh && BENCH_MIRROR_LENIENT=1 .ci/bench-mirror.sh && BENCH_MIRROR_LENIENT=1 .ci/bench-wan.sh && \
	    FERRY_APP=$(CURDIR)/$(BIN)/ferry .ci/bench-window.sh'

clean:
	rm -rf $(BIN)

# --- packages ------------------------------------------------------------------
# package: Linux amd64 .deb and .tar.xz in dist/; package-windows: the Windows
# installer and zip, cross-built with mingw-w64; package-macos: Ferry.app in a
# .dmg (on macOS only). Version and build come from FyneApp.toml, never written.
# release-check builds the Linux and Windows packages and checks them, the
# installed app against a real local FTP server under Xvfb (see README). It
# takes longer than make test allows (a cold Windows build is ~11 minutes), so
# it is a target of its own.
DIST ?= $(CURDIR)/dist

.PHONY: package package-windows package-macos release-check

package: deps
	@.ci/deps.sh package
	DIST=$(DIST) GO=$(GO) .ci/package/linux.sh

package-windows: deps
	@.ci/deps.sh package-windows
	DIST=$(DIST) GO=$(GO) .ci/package/windows.sh

package-macos:
	DIST=$(DIST) GO=$(GO) .ci/package/macos.sh

release-check: package package-windows deps-test
	@.ci/deps.sh release-check
	DIST=$(DIST) FERRY_NETNS=0 RELEASE_CHECK_SCREENSHOT=$(DIST)/release-check.png \
	  .ci/servers/with-servers.sh .ci/package/release-check.sh
