package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"

	"ferry/ftpcore"
)

func runPut(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("put", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf connFlags
	cf.register(fs)
	tempName := fs.Bool("temp-name", false, "upload to NAME.part and rename it when complete")
	resume := fs.Bool("resume", false, "continue an interrupted upload from the remote file's size")
	recursive := fs.Bool("r", false, "upload a whole folder tree")
	var tf treeFlags
	tf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ferry-cli put [options] LOCAL URL")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *recursive {
		if err := putTree(ctx, fs.Arg(0), fs.Arg(1), &cf, &tf, *tempName, stderr); err != nil {
			fmt.Fprintf(stderr, "ferry-cli put: %s\n", ftpcore.PrintableLines(err.Error()))
			return 1
		}
		return 0
	}
	if err := put(ctx, fs.Arg(0), fs.Arg(1), &cf, ftpcore.UploadOptions{TempName: *tempName, Resume: *resume,
		// The user names the remote file to continue: a larger one is
		// reported, not replaced. A NAME.part of Ferry's own is not theirs.
		Prefix: *resume && !*tempName}, stderr); err != nil {
		fmt.Fprintf(stderr, "ferry-cli put: %s\n", ftpcore.PrintableLines(err.Error()))
		return 1
	}
	return 0
}

func put(ctx context.Context, local, rawURL string, cf *connFlags, opt ftpcore.UploadOptions, stderr io.Writer) error {
	r, err := parseRemote(rawURL, cf, os.Getenv, stderr)
	if err != nil {
		return err
	}
	st, err := os.Stat(local)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a folder", local)
	}
	dest := r.path
	if strings.HasSuffix(dest, "/") {
		dest = path.Join(dest, filepath.Base(local))
	}
	s, err := dial(ctx, r, cf, "", stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	var bar *progressBar
	if isTerminal(stderr) && !cf.log {
		bar = newProgressBar(stderr, filepath.Base(local), 0)
	}
	opt.Type = mustType(cf)
	opt.Progress = progressOf(bar)
	err = ftpcore.UploadFile(ctx, s, local, dest, opt)
	if bar != nil {
		bar.finish()
	}
	return err
}
