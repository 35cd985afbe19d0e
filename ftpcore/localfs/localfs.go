package localfs

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// List lists a local directory as Entry values, so that a pane shows
// the local disk with the same model as a server. Entries are in the
// directory's order; symbolic links are TypeLink with their Target, and
// the Size and ModTime of what they point to when it exists. An entry that
// cannot be examined (removed meanwhile, no permission) is reported in
// Unparsed with the reason instead of being dropped.
func List(dir string) (*listing.Result, error) {
	des, err := os.ReadDir(dir)
	if err != nil && len(des) == 0 {
		return nil, &ftpcore.OpError{Op: "list", Path: dir, Err: err}
	}
	l := &listing.Result{Entries: make([]listing.Entry, 0, len(des))}
	owners := newOwnerNames()
	for i, de := range des {
		info, ierr := de.Info()
		if ierr != nil {
			l.Unparsed = append(l.Unparsed, listing.UnparsedLine{Line: i + 1, Text: de.Name(), Reason: ierr.Error()})
			continue
		}
		e := localEntry(dir, info, owners)
		e.Line = i + 1
		l.Entries = append(l.Entries, e)
	}
	return l, nil
}

// Stat describes one local file or directory as an Entry.
func Stat(path string) (listing.Entry, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return listing.Entry{}, &ftpcore.OpError{Op: "stat", Path: path, Err: err}
	}
	return localEntry(filepath.Dir(path), info, newOwnerNames()), nil
}

func localEntry(dir string, info fs.FileInfo, owners ownerNames) listing.Entry {
	mode := info.Mode()
	e := listing.Entry{
		Name:      info.Name(),
		Size:      info.Size(),
		ModTime:   info.ModTime(),
		Precision: listing.PrecisionSubSecond,
		Perm:      mode.Perm().String()[1:],
		Unsafe:    listing.UnsafeName(info.Name()),
	}
	e.Owner, e.Group = owners.of(info)
	switch {
	case mode.IsDir():
		e.Type, e.Size = listing.TypeDir, -1
	case mode&fs.ModeSymlink != 0:
		e.Type = listing.TypeLink
		full := filepath.Join(dir, info.Name())
		e.Target, _ = os.Readlink(full)
		if st, err := os.Stat(full); err == nil {
			e.ModTime = st.ModTime()
			e.Size = st.Size()
			if st.IsDir() {
				e.Size = -1
			}
		}
	case mode.IsRegular():
		e.Type = listing.TypeFile
	default:
		e.Type, e.Size = listing.TypeSpecial, -1
	}
	return e
}

// LinksToDir reports whether an entry made by List or Stat is a
// symbolic link whose target is a directory: List gives such a link
// the size of a directory (-1), having looked at the target.
func LinksToDir(e listing.Entry) bool { return e.Type == listing.TypeLink && e.Size < 0 }

// IsDir reports whether path is a directory, following links.
func IsDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// Mkdir creates one local directory with the usual 0755 permissions
// (less the umask).
func Mkdir(path string) error {
	if err := os.Mkdir(path, 0o755); err != nil {
		return &ftpcore.OpError{Op: "mkdir", Path: path, Err: err}
	}
	return nil
}

// CreateEmpty creates an empty file with the usual 0644 permissions (less
// the umask). A name already taken, by anything (a dangling link too), is
// an error wrapping fs.ErrExist: nothing is truncated or followed.
func CreateEmpty(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return &ftpcore.OpError{Op: "create", Path: path, Err: err}
	}
	if err := f.Close(); err != nil {
		return &ftpcore.OpError{Op: "create", Path: path, Err: err}
	}
	return nil
}

// Rename renames a local file or directory. It refuses to replace an
// existing target, as a server's RNTO usually would not either.
func Rename(from, to string) error {
	if _, err := os.Lstat(to); err == nil {
		return &ftpcore.OpError{Op: "rename", Path: to, Err: fs.ErrExist}
	}
	if err := os.Rename(from, to); err != nil {
		return &ftpcore.OpError{Op: "rename", Path: from, Err: err}
	}
	return nil
}

// Remove deletes a local file, link or directory with everything in
// it. A link is removed, never what it points to. The context is checked
// between files, so a large tree can be abandoned half way.
func Remove(ctx context.Context, path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return &ftpcore.OpError{Op: "delete", Path: path, Err: err}
	}
	if info.IsDir() {
		des, err := os.ReadDir(path)
		if err != nil {
			return &ftpcore.OpError{Op: "delete", Path: path, Err: err}
		}
		for _, de := range des {
			if err := ctx.Err(); err != nil {
				return &ftpcore.OpError{Op: "delete", Path: path, Err: err}
			}
			if err := Remove(ctx, filepath.Join(path, de.Name())); err != nil {
				return err
			}
		}
	}
	if err := os.Remove(path); err != nil {
		return &ftpcore.OpError{Op: "delete", Path: path, Err: err}
	}
	return nil
}

// ErrIntoItself refuses to copy a folder into itself or into a folder
// below it, a copy that would never end: each level copied would be
// found and copied again, until the disk is full.
var ErrIntoItself = errors.New("a folder cannot be copied into itself")

// Copy copies a local file or directory tree into dstDir, keeping its
// base name, and returns the path created. Files are written to a ".part"
// name and renamed when complete, so an interrupted copy never leaves a
// truncated file under the final name. Links are recreated as links. An
// existing target is an error wrapping fs.ErrExist; a folder copied
// into itself or below itself, ErrIntoItself.
func Copy(ctx context.Context, src, dstDir string, progress ftpcore.ProgressFunc) (string, error) {
	dst := filepath.Join(dstDir, filepath.Base(src))
	if same, _ := samePath(src, dst); same {
		return "", &ftpcore.OpError{Op: "copy", Path: src, Err: errors.New("source and destination are the same")}
	}
	if info, err := os.Lstat(src); err == nil && info.IsDir() && within(src, dstDir) {
		return "", &ftpcore.OpError{Op: "copy", Path: src, Err: ErrIntoItself}
	}
	if _, err := os.Lstat(dst); err == nil {
		return "", &ftpcore.OpError{Op: "copy", Path: dst, Err: fs.ErrExist}
	}
	var done int64
	return dst, copyTree(ctx, src, dst, &done, progress)
}

// within reports whether folder dir is folder root or lies below it,
// links followed where they resolve.
func within(root, dir string) bool {
	resolve := func(p string) string {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return p
	}
	rel, err := filepath.Rel(resolve(root), resolve(dir))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func samePath(a, b string) (bool, error) {
	aa, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	bb, err := filepath.Abs(b)
	return aa == bb, err
}

func copyTree(ctx context.Context, src, dst string, done *int64, progress ftpcore.ProgressFunc) error {
	if err := ctx.Err(); err != nil {
		return &ftpcore.OpError{Op: "copy", Path: src, Err: err}
	}
	info, err := os.Lstat(src)
	if err != nil {
		return &ftpcore.OpError{Op: "copy", Path: src, Err: err}
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err == nil {
			err = os.Symlink(target, dst)
		}
		if err != nil {
			return &ftpcore.OpError{Op: "copy", Path: src, Err: err}
		}
		return nil
	case info.IsDir():
		if err := os.Mkdir(dst, info.Mode().Perm()|0o700); err != nil {
			return &ftpcore.OpError{Op: "copy", Path: dst, Err: err}
		}
		des, err := os.ReadDir(src)
		if err != nil {
			return &ftpcore.OpError{Op: "copy", Path: src, Err: err}
		}
		for _, de := range des {
			if err := copyTree(ctx, filepath.Join(src, de.Name()), filepath.Join(dst, de.Name()), done, progress); err != nil {
				return err
			}
		}
		return nil
	case info.Mode().IsRegular():
		return copyFile(ctx, src, dst, info, done, progress)
	}
	return &ftpcore.OpError{Op: "copy", Path: src, Err: errors.New("not a regular file, directory or link")}
}

func copyFile(ctx context.Context, src, dst string, info fs.FileInfo, done *int64, progress ftpcore.ProgressFunc) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return &ftpcore.OpError{Op: "copy", Path: src, Err: err}
	}
	defer in.Close()
	part := dst + ftpcore.PartSuffix
	// A .part already there may be a link or another name of someone's
	// file: take its name away (a link goes, not what it points to) and
	// make a new file, refusing whatever appears there in between.
	if rerr := os.Remove(part); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		return &ftpcore.OpError{Op: "copy", Path: part, Err: rerr}
	}
	out, err := ftpcore.OpenNoFollow(part, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm()|0o600)
	if err != nil {
		return &ftpcore.OpError{Op: "copy", Path: part, Err: err}
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(part)
		}
	}()
	buf := make([]byte, ftpcore.TransferBufSize)
	for {
		if cerr := ctx.Err(); cerr != nil {
			return &ftpcore.OpError{Op: "copy", Path: src, Err: cerr}
		}
		n, rerr := in.Read(buf)
		if n > 0 {
			if _, werr := out.Write(buf[:n]); werr != nil {
				return &ftpcore.OpError{Op: "copy", Path: part, Err: werr}
			}
			*done += int64(n)
			if progress != nil {
				progress(*done, -1)
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return &ftpcore.OpError{Op: "copy", Path: src, Err: rerr}
		}
	}
	if err := out.Close(); err != nil {
		return &ftpcore.OpError{Op: "copy", Path: part, Err: err}
	}
	_ = os.Chtimes(part, info.ModTime(), info.ModTime())
	if err := os.Rename(part, dst); err != nil {
		return &ftpcore.OpError{Op: "copy", Path: dst, Err: err}
	}
	return nil
}

// ownerNames turns numeric owners into names, remembering each lookup for
// the length of one listing (a directory usually has one or two owners).
type ownerNames struct {
	users, groups map[uint32]string
}

func newOwnerNames() ownerNames {
	return ownerNames{users: map[uint32]string{}, groups: map[uint32]string{}}
}

func (o ownerNames) of(info fs.FileInfo) (owner, group string) {
	uid, gid, ok := fileOwner(info)
	if !ok {
		return "", ""
	}
	owner, seen := o.users[uid]
	if !seen {
		owner = lookupUserName(uid)
		o.users[uid] = owner
	}
	group, seen = o.groups[gid]
	if !seen {
		group = lookupGroupName(gid)
		o.groups[gid] = group
	}
	return owner, group
}

func fallbackID(id uint32) string { return strconv.FormatUint(uint64(id), 10) }
