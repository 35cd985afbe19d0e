package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

func runLs(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ls", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf connFlags
	cf.register(fs)
	all := fs.Bool("a", false, "show hidden files")
	asJSON := fs.Bool("json", false, "one JSON object per entry")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ferry-cli ls [options] URL")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := ls(ctx, fs.Arg(0), &cf, *all, *asJSON, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "ferry-cli ls: %s\n", ftpcore.PrintableLines(err.Error()))
		return 1
	}
	return 0
}

func ls(ctx context.Context, rawURL string, cf *connFlags, hidden, asJSON bool, stdout, stderr io.Writer) error {
	r, err := parseRemote(rawURL, cf, os.Getenv, stderr)
	if err != nil {
		return err
	}
	s, err := dial(ctx, r, cf, "", stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	l, err := s.List(ctx, r.path, ftpcore.ListDirOptions{Hidden: hidden})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	for _, e := range l.Entries {
		if asJSON {
			if err := enc.Encode(entryJSON(e)); err != nil {
				return err
			}
			continue
		}
		size := "-"
		if e.Size >= 0 {
			size = strconv.FormatInt(e.Size, 10)
		}
		when := "-"
		if !e.ModTime.IsZero() {
			when = e.ModTime.Local().Format("2006-01-02 15:04")
		}
		name := e.Name
		if e.Type == listing.TypeLink && e.Target != "" {
			name += " -> " + e.Target
		}
		fmt.Fprintf(stdout, "%-4s %-11s %12s  %s  %q\n", e.Type, e.Perm, size, when, name)
	}
	for _, u := range l.Unparsed {
		fmt.Fprintf(stderr, "ferry-cli ls: line %d not understood (%s): %q\n", u.Line, u.Reason, u.Text)
	}
	return nil
}

// lsEntry is the JSON form of a listing entry.
type lsEntry struct {
	Name   string  `json:"name"`
	Type   string  `json:"type"`
	Size   *int64  `json:"size"`
	MTime  *string `json:"mtime"`
	Target *string `json:"target"`
	Perm   string  `json:"perm,omitempty"`
	Owner  string  `json:"owner,omitempty"`
	Group  string  `json:"group,omitempty"`
	Unsafe bool    `json:"unsafe,omitempty"`
}

func entryJSON(e listing.Entry) lsEntry {
	out := lsEntry{Name: e.Name, Type: e.Type.String(), Perm: e.Perm, Owner: e.Owner, Group: e.Group, Unsafe: e.Unsafe}
	if e.Size >= 0 {
		out.Size = &e.Size
	}
	if !e.ModTime.IsZero() {
		t := e.ModTime.Format(time.RFC3339Nano)
		out.MTime = &t
	}
	if e.Target != "" {
		out.Target = &e.Target
	}
	return out
}
