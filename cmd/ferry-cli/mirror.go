package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
	"ferry/ftpcore/queue"
)

// mirrorOptions are mirror's flags.
type mirrorOptions struct {
	parallel  int
	delete    bool
	dryRun    bool
	onlyNewer bool
	tempName  bool
}

func runMirror(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mirror", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf connFlags
	cf.register(fs)
	var opt mirrorOptions
	fs.IntVar(&opt.parallel, "parallel", queue.DefaultWorkers, "transfers at once (1-10)")
	fs.BoolVar(&opt.delete, "delete", false, "delete destination files and folders that are not in the source")
	fs.BoolVar(&opt.dryRun, "dry-run", false, "print what would be done, change nothing")
	fs.BoolVar(&opt.onlyNewer, "only-newer", false, "copy only files newer than the destination's (by default a different size also counts)")
	fs.BoolVar(&opt.tempName, "temp-name", false, "upload to NAME.part and rename it when complete")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ferry-cli mirror [options] SRC DST")
		fmt.Fprintln(stderr, "Makes the folder DST a copy of the folder SRC. Each is a local folder or a URL;")
		fmt.Fprintln(stderr, "two URLs copy from server to server (FXP).")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 2 || opt.parallel < 1 || opt.parallel > queue.MaxWorkers {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := mirror(ctx, pos[0], pos[1], &cf, opt, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "ferry-cli mirror: %s\n", ftpcore.PrintableLines(err.Error()))
		return 1
	}
	return 0
}

// mirrorEntry is one file or folder on either side.
type mirrorEntry struct {
	name    string
	dir     bool
	size    int64
	modTime time.Time
	prec    listing.TimePrecision
	unsafe  bool
	link    bool   // a symbolic link on the local disk: never written through
	outside bool   // a local link that leads outside the tree: not followed
	unique  string // MLSD unique fact; for a folder's "." entry, the folder's own
}

// mirrorSide is a folder tree to read, create in and delete from: the
// local disk or a server through one browsing session (the transfers
// themselves go through the queue's own sessions).
type mirrorSide struct {
	site string           // "" for the local disk, else the queue's site key
	root string           // the tree's root, local or remote
	s    *ftpcore.Session // nil on the local disk
}

func (m mirrorSide) join(rel string) string {
	if m.s == nil {
		return filepath.Join(m.root, filepath.FromSlash(rel))
	}
	return path.Join(m.root, rel)
}

// list returns a folder's entries; a missing folder is empty, and exists
// says so.
func (m mirrorSide) list(ctx context.Context, rel string) (ents []mirrorEntry, exists bool, err error) {
	if m.s == nil {
		des, err := os.ReadDir(m.join(rel))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
		for _, de := range des {
			full := filepath.Join(m.join(rel), de.Name())
			st, err := os.Stat(full)
			if ftpcore.IsLinkMode(de.Type()) && ftpcore.CheckLinkInside(m.root, full) != nil {
				ents = append(ents, mirrorEntry{name: de.Name(), dir: err == nil && st.IsDir(), link: true, outside: true})
				continue
			}
			if err == nil && st.IsDir() && de.Type()&fs.ModeSymlink != 0 {
				ents = append(ents, mirrorEntry{name: de.Name(), dir: true, link: true})
				continue
			}
			if err != nil || !(st.IsDir() || st.Mode().IsRegular()) {
				continue
			}
			ents = append(ents, mirrorEntry{name: de.Name(), dir: st.IsDir(), size: st.Size(), modTime: st.ModTime(), prec: listing.PrecisionSubSecond})
		}
		return ents, true, nil
	}
	l, err := m.s.List(ctx, m.join(rel), ftpcore.ListDirOptions{Hidden: true})
	if err != nil {
		if ftpcore.ReplyCode(err) == 550 || ftpcore.ReplyCode(err) == 450 {
			return nil, false, nil
		}
		return nil, false, err
	}
	for _, e := range l.Entries {
		if e.Name == "." && e.Unique != "" {
			ents = append(ents, mirrorEntry{name: ".", dir: true, unique: e.Unique})
		}
		if e.Type == listing.TypeSpecial || e.Name == "." || e.Name == ".." {
			continue
		}
		ents = append(ents, mirrorEntry{name: e.Name, dir: e.IsDir(), size: e.Size, modTime: e.ModTime, prec: e.Precision, unsafe: e.Unsafe, unique: e.Unique})
	}
	return ents, true, nil
}

func (m mirrorSide) mkdir(ctx context.Context, rel string) error {
	if m.s == nil {
		return ftpcore.MkdirInside(m.root, m.join(rel))
	}
	return m.s.MkdirAll(ctx, m.join(rel))
}

// mkdirs creates folders, parents first. On a server the MKD commands go
// together where it pipelines (Session.Mkdirs); a folder that fails so
// gets a second try with mkdir, which also accepts one already there.
func (m mirrorSide) mkdirs(ctx context.Context, rels []string) error {
	var errs []error
	if m.s != nil && len(rels) > 0 {
		full := make([]string, len(rels))
		for i, rel := range rels {
			full[i] = m.join(rel)
		}
		errs = m.s.Mkdirs(ctx, full)
	}
	for i, rel := range rels {
		if errs != nil && errs[i] == nil {
			continue
		}
		if err := m.mkdir(ctx, rel); err != nil {
			return fmt.Errorf("create %s: %w", m.join(rel), err)
		}
	}
	return nil
}

// remove deletes a file, or a folder and everything in it.
func (m mirrorSide) remove(ctx context.Context, rel string, dir bool) error {
	if m.s == nil {
		return os.RemoveAll(m.join(rel))
	}
	if !dir {
		return m.s.Delete(ctx, m.join(rel))
	}
	ents, _, err := m.list(ctx, rel)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.name == "." {
			continue
		}
		if e.unsafe {
			return fmt.Errorf("%s: refusing to delete through the unsafe name %q", m.join(rel), e.name)
		}
		if err := m.remove(ctx, path.Join(rel, e.name), e.dir); err != nil {
			return err
		}
	}
	return m.s.Rmdir(ctx, m.join(rel))
}

// mirrorPlan is what a mirror will do, in order: folders (parents first),
// copies, deletions.
type mirrorPlan struct {
	mkdirs  []string
	copies  []mirrorCopy
	deletes []mirrorEntry // name is the path relative to the root
	skipped int
	refused []string
}

type mirrorCopy struct {
	rel  string
	size int64
	mod  time.Time
}

// mirror makes dstArg a copy of srcArg.
func mirror(ctx context.Context, srcArg, dstArg string, cf *connFlags, opt mirrorOptions, stdout, stderr io.Writer) error {
	sites := map[string]remote{}
	tr := treeRun{sites: sites, cf: cf, parallel: opt.parallel, stderr: stderr, overwrite: queue.Overwrite, tempName: opt.tempName}
	if !opt.dryRun {
		tr.warm = newWarmSessions(ctx)
		defer tr.warm.close()
	}
	open := func(arg, key string) (mirrorSide, error) {
		if !isRemote(arg) {
			abs, err := filepath.Abs(arg)
			return mirrorSide{root: abs}, err
		}
		r, err := parseRemote(arg, cf, os.Getenv, stderr)
		if err != nil {
			return mirrorSide{}, err
		}
		sites[key] = r
		cfg := r.cfg
		if cf.log {
			cfg.Name = key
			cfg.Transcript = transcriptPrinter(stderr, true)
		}
		if tr.warm != nil {
			// The queue's sessions log in while this one lists and plans.
			qcfg, err := tr.queueConfig(key)
			if err != nil {
				return mirrorSide{}, err
			}
			cfg = onGreeting(cfg, func() { tr.warm.add(qcfg, opt.parallel, tr.dialNew) })
		}
		s, err := dialed(ctx, r, cfg, cf, stderr)
		if err != nil {
			return mirrorSide{}, err
		}
		return mirrorSide{site: key, root: path.Clean(r.path), s: s}, nil
	}
	src, err := open(srcArg, "src")
	if err != nil {
		return err
	}
	if src.s != nil {
		defer src.s.Close()
	}
	dst, err := open(dstArg, "dst")
	if err != nil {
		return err
	}
	if dst.s != nil {
		defer dst.s.Close()
	}
	if src.s == nil && dst.s == nil {
		return errors.New("SRC and DST are both local; one of them must be a URL")
	}
	if src.s == nil {
		if st, err := os.Stat(src.root); err != nil || !st.IsDir() {
			return fmt.Errorf("%s is not a folder", src.root)
		}
	}

	start := time.Now()
	plan, err := buildMirrorPlan(ctx, src, dst, opt)
	if err != nil {
		return err
	}
	if opt.dryRun {
		for _, d := range plan.mkdirs {
			fmt.Fprintf(stdout, "mkdir  %s\n", ftpcore.Printable(dst.join(d)))
		}
		for _, c := range plan.copies {
			fmt.Fprintf(stdout, "copy   %s -> %s\n", ftpcore.Printable(src.join(c.rel)), ftpcore.Printable(dst.join(c.rel)))
		}
		for _, d := range plan.deletes {
			fmt.Fprintf(stdout, "delete %s\n", ftpcore.Printable(dst.join(d.name)))
		}
		for _, r := range plan.refused {
			fmt.Fprintf(stdout, "refuse %s\n", ftpcore.Printable(fmt.Sprint(r)))
		}
		fmt.Fprintf(stdout, "mirror (dry run): %d to copy, %d up to date, %d to delete, %d folders to create\n",
			len(plan.copies), plan.skipped, len(plan.deletes), len(plan.mkdirs))
		return nil
	}
	if err := dst.mkdirs(ctx, plan.mkdirs); err != nil {
		return err
	}
	if len(plan.deletes) == 0 {
		// The browsing sessions have nothing left to do: they say QUIT
		// while the queue works (the deferred Close waits for it).
		for _, side := range []mirrorSide{src, dst} {
			if side.s != nil {
				go side.s.Close()
			}
		}
	}
	specs := make([]queue.JobSpec, 0, len(plan.copies))
	for _, c := range plan.copies {
		sp := queue.JobSpec{
			Src: queue.Endpoint{Site: src.site, Path: src.join(c.rel)}, Dst: queue.Endpoint{Site: dst.site, Path: dst.join(c.rel)},
			Size: c.size, ModTime: c.mod, Type: mustType(cf), Overwrite: queue.Overwrite,
		}
		if dst.s == nil {
			sp.Root = dst.root
		}
		switch {
		case src.s != nil && dst.s != nil:
			sp.Kind = queue.JobFXP
		case src.s != nil:
			sp.Kind = queue.JobDownload
		default:
			sp.Kind = queue.JobUpload
		}
		specs = append(specs, sp)
	}
	sum := treeSummary{}
	if len(specs) > 0 {
		if sum, err = tr.run(ctx, specs); err != nil {
			return err
		}
	}
	deleted := 0
	for _, d := range plan.deletes {
		if err := dst.remove(ctx, d.name, d.dir); err != nil {
			sum.Failed++
			sum.Failures = append(sum.Failures, fmt.Sprintf("delete %s: %v", dst.join(d.name), err))
			continue
		}
		deleted++
	}
	for _, r := range plan.refused {
		sum.Failed++
		sum.Failures = append(sum.Failures, r)
	}
	sum.Skipped += plan.skipped
	sum.Elapsed = time.Since(start)
	if deleted > 0 {
		fmt.Fprintf(stdout, "mirror: deleted %d\n", deleted)
	}
	return sum.report(stdout, "mirror")
}
