package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/doctor"
)

// runDoctor diagnoses one server and prints the report. The exit status
// is 0 when no line is red, 1 when one is (or the run was interrupted),
// 2 for a usage error.
func runDoctor(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf connFlags
	cf.register(fs)
	probe := fs.Duration("probe-timeout", doctor.DefaultProbeTimeout, "silence after which a probe gives up")
	conns := fs.Int("connections", doctor.DefaultMaxConnections, "most connections opened at once by the limit probe")
	peer := fs.String("peer", "", "a second server (URL or SITE:) to check FXP against")
	writeDir := fs.String("write-test", "", "a `folder` on the server where a small test file may be uploaded, read back and deleted (measures the server's clock)")
	mask := fs.Bool("mask-hosts", false, "replace the servers' names and addresses by <server>")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ferry-cli doctor [options] URL")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 || *conns < 1 || *probe <= 0 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := diagnose(ctx, fs.Arg(0), *peer, *writeDir, &cf, *probe, *conns, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "ferry-cli doctor: %s\n", ftpcore.PrintableLines(err.Error()))
		return 2
	}
	fmt.Fprint(stdout, rep.Text(doctor.TextOptions{MaskHosts: *mask}))
	if red := rep.Count(doctor.Red); red > 0 || rep.Cancelled {
		fmt.Fprintf(stderr, "ferry-cli doctor: %d red line(s)\n", red)
		return 1
	}
	return 0
}

func diagnose(ctx context.Context, target, peer, writeDir string, cf *connFlags, probe time.Duration, conns int, stderr io.Writer) (*doctor.Report, error) {
	r, err := parseRemote(target, cf, os.Getenv, stderr)
	if err != nil {
		return nil, err
	}
	opt := doctor.Options{Config: r.cfg, Target: r.cfg.TLS.String() + " " + r.cfg.Addr, ProbeTimeout: probe, MaxConnections: conns, WriteDir: writeDir}
	if peer != "" {
		p, err := parseRemote(peer, cf, os.Getenv, stderr)
		if err != nil {
			return nil, fmt.Errorf("--peer: %w", err)
		}
		opt.Peer = &p.cfg
	}
	return doctor.Run(ctx, opt), nil
}
