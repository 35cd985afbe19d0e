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
	"path/filepath"
	"runtime"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

func runGet(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("get", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf connFlags
	cf.register(fs)
	recursive := fs.Bool("r", false, "download a whole folder tree")
	var tf treeFlags
	tf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ferry-cli get [options] URL [LOCAL]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *recursive {
		if err := getTree(ctx, fs.Arg(0), fs.Arg(1), &cf, &tf, stderr); err != nil {
			fmt.Fprintf(stderr, "ferry-cli get: %s\n", ftpcore.PrintableLines(err.Error()))
			return 1
		}
		return 0
	}
	if err := get(ctx, fs.Arg(0), fs.Arg(1), &cf, stderr); err != nil {
		fmt.Fprintf(stderr, "ferry-cli get: %s\n", ftpcore.PrintableLines(err.Error()))
		return 1
	}
	return 0
}

// localTarget decides the local file (or folder, for get -r) of a
// download: LOCAL as given, or inside it when it is a directory, or the
// remote base name in the current directory. The server's root has no
// name: with -r (tree) and an existing LOCAL folder, it is downloaded into
// LOCAL itself. A remote name that cannot be a local file name is refused.
func localTarget(remotePath, local string, tree bool) (string, error) {
	base := path.Base(remotePath)
	needBase := local == ""
	isDir := false
	if !needBase {
		if st, err := os.Stat(local); err == nil && st.IsDir() {
			needBase, isDir = true, true
		}
	}
	if !needBase {
		return local, nil
	}
	if tree && isDir && (base == "/" || base == ".") {
		return local, nil
	}
	if base == "/" || base == "." {
		return "", errors.New("the server's root folder has no name to give the local copy; give LOCAL")
	}
	if listing.UnsafeName(base) {
		return "", fmt.Errorf("remote name %q cannot be used as a local file name; give LOCAL", base)
	}
	if runtime.GOOS == "windows" {
		// Windows cannot store every Unix name: a look-alike it can, as
		// the transfer queue does (see ftpcore.WindowsName).
		base, _ = ftpcore.WindowsName(base)
	}
	return filepath.Join(local, base), nil
}

func get(ctx context.Context, rawURL, local string, cf *connFlags, stderr io.Writer) error {
	r, err := parseRemote(rawURL, cf, os.Getenv, stderr)
	if err != nil {
		return err
	}
	target, err := localTarget(r.path, local, false)
	if err != nil {
		return err
	}
	s, err := dial(ctx, r, cf, "", stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	var bar *progressBar
	if isTerminal(stderr) && !cf.log {
		bar = newProgressBar(stderr, filepath.Base(target), 0)
	}
	err = ftpcore.DownloadFile(ctx, s, r.path, target, ftpcore.DownloadOptions{
		Type:     mustType(cf),
		Resume:   true,
		Progress: progressOf(bar),
		OnPart: func(d ftpcore.PartDecision) {
			if d.Action == ftpcore.PartRestarted {
				fmt.Fprintf(stderr, "ferry-cli get: %s\n", d)
			}
		},
	})
	if bar != nil {
		bar.finish()
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted; %s.part is kept and the next get resumes it", target)
	}
	if code := ftpcore.ReplyCode(err); code >= 500 && code < 600 && isRemoteFolder(ctx, s, r.path) {
		os.Remove(target + ftpcore.PartSuffix)
		return fmt.Errorf("%s is a folder: use get -r to download it (%w)", r.path, err)
	}
	return err
}

// isRemoteFolder reports whether p is a folder on the server, after a
// RETR of it failed: CWD into it succeeds.
func isRemoteFolder(ctx context.Context, s *ftpcore.Session, p string) bool {
	if !s.Alive() {
		return false
	}
	return s.Cwd(ctx, p) == nil
}

func mustType(cf *connFlags) ftpcore.TransferType {
	t, _ := cf.transferType() // already validated by parseRemote
	return t
}

func progressOf(b *progressBar) ftpcore.ProgressFunc {
	if b == nil {
		return nil
	}
	return b.update
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
