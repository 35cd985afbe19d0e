package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path"
	"strings"
	"sync"

	"ferry/ftpcore"
)

func runFXP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fxp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf connFlags
	cf.register(fs)
	relay := fs.String("relay", "never", "when the servers refuse a direct copy: never, auto (go through this machine) or always")
	clear := fs.Bool("allow-clear-data", false, "let the data between two FTPS servers go unencrypted (PROT C) when they offer neither SSCN nor CPSV")
	keep := fs.Bool("keep-partial", false, "keep an incomplete target file after a failure instead of deleting it")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ferry-cli fxp [options] SRC_URL DST_URL")
		fmt.Fprintln(stderr, "Copies a file or a folder from one server to another without the data passing")
		fmt.Fprintln(stderr, "through this machine. A DST_URL ending in / receives SRC's name.")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 2 {
		fs.Usage()
		return 2
	}
	mode, err := ftpcore.ParseRelayMode(*relay)
	if err != nil || mode == ftpcore.RelayAsk {
		fmt.Fprintf(stderr, "ferry-cli fxp: --relay must be never, auto or always, not %q\n", *relay)
		return 2
	}
	opt := ftpcore.FXPOptions{Relay: mode, KeepPartial: *keep}
	if *clear {
		opt.AllowClearData = func(_ context.Context, why error) (bool, error) {
			fmt.Fprintf(stderr, "ferry-cli fxp: %s; sending the data unencrypted as --allow-clear-data permits\n", ftpcore.PrintableLines(why.Error()))
			return true, nil
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := fxp(ctx, pos[0], pos[1], &cf, opt, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "ferry-cli fxp: %s\n", ftpcore.PrintableLines(err.Error()))
		return 1
	}
	return 0
}

// parseInterspersed parses flags wherever they stand among the
// positional arguments, so that "fxp SRC DST --relay auto" works.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func fxp(ctx context.Context, srcURL, dstURL string, cf *connFlags, opt ftpcore.FXPOptions, stdout, stderr io.Writer) error {
	src, err := parseRemote(srcURL, cf, os.Getenv, stderr)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	dst, err := parseRemote(dstURL, cf, os.Getenv, stderr)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	if strings.HasSuffix(dst.path, "/") {
		dst.path = path.Join(dst.path, path.Base(src.path))
	}
	// A saved site set to relay its copies is never asked to talk to
	// another server, whatever --relay says.
	for _, r := range []remote{src, dst} {
		if r.relayOnly && opt.Relay != ftpcore.RelayAlways {
			fmt.Fprintf(stderr, "ferry-cli fxp: site %s relays its copies with other servers through this machine (Site Manager); no direct copy is tried\n",
				ftpcore.Printable(r.site))
			opt.Relay = ftpcore.RelayAlways
		}
	}
	// Messages and --log lines name each server by its address.
	src.cfg.Name, dst.cfg.Name = src.cfg.Addr, dst.cfg.Addr
	if src.cfg.Name == dst.cfg.Name {
		src.cfg.Name, dst.cfg.Name = "src "+src.cfg.Name, "dst "+dst.cfg.Name
	}
	// Both sessions log, from two goroutines during the copy.
	logw := &lockedWriter{w: stderr}
	ss, err := dialNamed(ctx, src, cf, logw)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	defer ss.Close()
	ds, err := dialNamed(ctx, dst, cf, logw)
	if err != nil {
		return fmt.Errorf("target: %w", err)
	}
	defer ds.Close()
	var bar *progressBar
	if isTerminal(stderr) && !cf.log {
		bar = newProgressBar(stderr, path.Base(src.path), 0)
		opt.Progress = bar.update
	}
	opt.Type = mustType(cf)
	// A path the source can enter is a folder: copy its tree.
	if ss.Cwd(ctx, src.path) == nil {
		res, err := ftpcore.FXPTree(ctx, ss, ds, src.path, dst.path, opt)
		if bar != nil {
			bar.finish()
		}
		fmt.Fprintf(stdout, "%d files, %d folders, %d bytes copied to %s (%d relayed through this machine)\n",
			res.Files, res.Dirs, res.Bytes, dst.path, res.Relayed)
		if res.Unverified > 0 {
			fmt.Fprintf(stdout, "%d of the files could not be verified (a server without SIZE, or ASCII copies whose line endings changed)\n", res.Unverified)
		}
		return err
	}
	res, err := ftpcore.FXP(ctx, ss, ds, src.path, dst.path, opt)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted; both servers were told ABOR")
		}
		var refused *ftpcore.FXPRefusedError
		if errors.As(err, &refused) && opt.Relay == ftpcore.RelayNever {
			return fmt.Errorf("%w\n(--relay auto copies through this machine instead)", err)
		}
		return err
	}
	how := "directly, " + res.Direction
	if res.Relayed {
		how = "relayed through this machine"
	}
	if res.TLS != "" {
		how += ", data protection: " + res.TLS
	}
	if res.Unverified != "" {
		how += "; not verified: " + res.Unverified
	}
	fmt.Fprintf(stdout, "%d bytes copied to %s (%s)\n", res.Bytes, dst.path, how)
	return nil
}

// dialNamed connects with --log lines tagged by the session's name.
func dialNamed(ctx context.Context, r remote, cf *connFlags, stderr io.Writer) (*ftpcore.Session, error) {
	cfg := r.cfg
	if cf.log {
		cfg.Transcript = transcriptPrinter(stderr, true)
	}
	return dialed(ctx, r, cfg, cf, stderr)
}

// lockedWriter serialises writes from several goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
