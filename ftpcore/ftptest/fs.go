package ftptest

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// maxLinkHops bounds symlink resolution so that a loop seeded by a test
// ends in an error instead of a hang.
const maxLinkHops = 8

// FS is the in-memory file system a Server serves. Paths are slash-separated
// and rooted at "/"; relative paths are taken from "/". Tests seed it before
// connecting and inspect it afterwards.
//
// All methods are safe for concurrent use, including while sessions are
// transferring files. Errors are *fs.PathError wrapping fs.ErrNotExist,
// fs.ErrExist or fs.ErrInvalid, so tests can use errors.Is.
type FS struct {
	mu   sync.Mutex
	root *node
	now  func() time.Time
}

// node is one file, directory or symlink.
type node struct {
	name     string
	mode     fs.FileMode // type bits plus permissions
	data     []byte
	target   string // symlink target, as given
	mtime    time.Time
	children map[string]*node
}

func newFS(now func() time.Time) *FS {
	return &FS{
		root: &node{name: "/", mode: fs.ModeDir | 0o755, mtime: now(), children: map[string]*node{}},
		now:  now,
	}
}

// cleanPath makes name absolute and clean; ".." never climbs above "/".
func cleanPath(name string) string {
	return path.Clean("/" + name)
}

// resolvePath joins an FTP argument to the session's working directory.
func resolvePath(cwd, arg string) string {
	if strings.HasPrefix(arg, "/") {
		return cleanPath(arg)
	}
	return cleanPath(cwd + "/" + arg)
}

func pathErr(op, name string, err error) error {
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// lookup walks to name. Symlinks in intermediate components are always
// followed; the last one only when follow is set. The caller holds f.mu.
func (f *FS) lookup(name string, follow bool) (*node, string, error) {
	return f.lookupHops(cleanPath(name), follow, 0)
}

func (f *FS) lookupHops(name string, follow bool, hops int) (*node, string, error) {
	if hops > maxLinkHops {
		return nil, "", fs.ErrInvalid
	}
	cur, curPath := f.root, "/"
	parts := strings.Split(strings.TrimPrefix(name, "/"), "/")
	for i, part := range parts {
		if part == "" {
			continue
		}
		if !cur.mode.IsDir() {
			return nil, "", fs.ErrNotExist
		}
		next, ok := cur.children[part]
		if !ok {
			return nil, "", fs.ErrNotExist
		}
		nextPath := path.Join(curPath, part)
		last := i == len(parts)-1
		if next.mode&fs.ModeSymlink != 0 && (!last || follow) {
			target := next.target
			if !strings.HasPrefix(target, "/") {
				target = path.Join(curPath, target)
			}
			resolved, resolvedPath, err := f.lookupHops(cleanPath(target), true, hops+1)
			if err != nil {
				return nil, "", err
			}
			next, nextPath = resolved, resolvedPath
		}
		cur, curPath = next, nextPath
	}
	return cur, curPath, nil
}

// parentOf returns the directory that holds name and the base name. The
// caller holds f.mu.
func (f *FS) parentOf(op, name string) (*node, string, error) {
	name = cleanPath(name)
	if name == "/" {
		return nil, "", pathErr(op, name, fs.ErrInvalid)
	}
	dir, base := path.Split(name)
	parent, _, err := f.lookup(dir, true)
	if err != nil {
		return nil, "", pathErr(op, name, err)
	}
	if !parent.mode.IsDir() {
		return nil, "", pathErr(op, name, fs.ErrNotExist)
	}
	return parent, base, nil
}

// mkdirAll creates name and its missing parents. The caller holds f.mu.
func (f *FS) mkdirAll(op, name string) (*node, error) {
	cur, curPath := f.root, "/"
	for part := range strings.SplitSeq(strings.TrimPrefix(cleanPath(name), "/"), "/") {
		if part == "" {
			continue
		}
		next, ok := cur.children[part]
		nextPath := path.Join(curPath, part)
		if !ok {
			next = &node{name: part, mode: fs.ModeDir | 0o755, mtime: f.now(), children: map[string]*node{}}
			cur.children[part] = next
			cur.mtime = f.now()
		}
		if next.mode&fs.ModeSymlink != 0 {
			resolved, resolvedPath, err := f.lookup(resolvePath(curPath, next.target), true)
			if err != nil {
				return nil, pathErr(op, name, err)
			}
			next, nextPath = resolved, resolvedPath
		}
		if !next.mode.IsDir() {
			return nil, pathErr(op, name, fs.ErrExist)
		}
		cur, curPath = next, nextPath
	}
	return cur, nil
}

// WriteFile creates or replaces the file at name with a copy of data,
// creating missing parent directories. A zero mtime means the server clock's
// now. The file gets mode 0644 unless it existed already.
func (f *FS) WriteFile(name string, data []byte, mtime time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	name = cleanPath(name)
	if _, err := f.mkdirAll("writefile", path.Dir(name)); err != nil {
		return err
	}
	n, err := f.createFile("writefile", name)
	if err != nil {
		return err
	}
	n.data = slices.Clone(data)
	if !mtime.IsZero() {
		n.mtime = mtime
	}
	return nil
}

// createFile returns the file at name, created empty when missing and
// truncated otherwise. The caller holds f.mu.
func (f *FS) createFile(op, name string) (*node, error) {
	if existing, _, err := f.lookup(name, true); err == nil {
		if existing.mode.IsDir() {
			return nil, pathErr(op, name, fs.ErrExist)
		}
		existing.data = existing.data[:0]
		existing.mtime = f.now()
		return existing, nil
	}
	parent, base, err := f.parentOf(op, name)
	if err != nil {
		return nil, err
	}
	if _, ok := parent.children[base]; ok {
		// A dangling symlink: refuse rather than write through it.
		return nil, pathErr(op, name, fs.ErrExist)
	}
	n := &node{name: base, mode: 0o644, mtime: f.now()}
	parent.children[base] = n
	parent.mtime = f.now()
	return n, nil
}

// ReadFile returns a copy of the file at name, following symlinks.
func (f *FS) ReadFile(name string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, _, err := f.lookup(name, true)
	if err != nil {
		return nil, pathErr("readfile", name, err)
	}
	if n.mode.IsDir() {
		return nil, pathErr("readfile", name, fs.ErrInvalid)
	}
	return slices.Clone(n.data), nil
}

// Mkdir creates the directory name and any missing parents, like
// "mkdir -p". An existing directory is not an error.
func (f *FS) Mkdir(name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, err := f.mkdirAll("mkdir", name)
	return err
}

// Symlink creates name as a symbolic link to target, which may be relative
// to name's directory. Missing parents of name are created.
func (f *FS) Symlink(name, target string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	name = cleanPath(name)
	parent, err := f.mkdirAll("symlink", path.Dir(name))
	if err != nil {
		return err
	}
	base := path.Base(name)
	if _, ok := parent.children[base]; ok {
		return pathErr("symlink", name, fs.ErrExist)
	}
	parent.children[base] = &node{name: base, mode: fs.ModeSymlink | 0o777, target: target, mtime: f.now()}
	parent.mtime = f.now()
	return nil
}

// Remove deletes name: a file, a symlink (not its target) or a directory
// with everything below it.
func (f *FS) Remove(name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.remove("remove", name, true)
}

// remove unlinks name; a non-empty directory only when recursive is set.
// The caller holds f.mu.
func (f *FS) remove(op, name string, recursive bool) error {
	parent, base, err := f.parentOf(op, name)
	if err != nil {
		return err
	}
	n, ok := parent.children[base]
	if !ok {
		return pathErr(op, name, fs.ErrNotExist)
	}
	if n.mode.IsDir() && len(n.children) > 0 && !recursive {
		return pathErr(op, name, fs.ErrExist)
	}
	delete(parent.children, base)
	parent.mtime = f.now()
	return nil
}

// Rename moves oldName to newName, replacing a file at newName.
func (f *FS) Rename(oldName, newName string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.rename(oldName, newName)
}

func (f *FS) rename(oldName, newName string) error {
	oldParent, oldBase, err := f.parentOf("rename", oldName)
	if err != nil {
		return err
	}
	n, ok := oldParent.children[oldBase]
	if !ok {
		return pathErr("rename", oldName, fs.ErrNotExist)
	}
	newParent, newBase, err := f.parentOf("rename", newName)
	if err != nil {
		return err
	}
	if dst, ok := newParent.children[newBase]; ok && dst.mode.IsDir() {
		return pathErr("rename", newName, fs.ErrExist)
	}
	if n.mode.IsDir() && strings.HasPrefix(cleanPath(newName)+"/", cleanPath(oldName)+"/") {
		return pathErr("rename", newName, fs.ErrInvalid)
	}
	delete(oldParent.children, oldBase)
	n.name = newBase
	newParent.children[newBase] = n
	oldParent.mtime, newParent.mtime = f.now(), f.now()
	return nil
}

// Stat describes name, following symlinks.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	return f.stat("stat", name, true)
}

// Lstat describes name without following a final symlink.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	return f.stat("lstat", name, false)
}

func (f *FS) stat(op, name string, follow bool) (fs.FileInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, _, err := f.lookup(name, follow)
	if err != nil {
		return nil, pathErr(op, name, err)
	}
	return n.info(), nil
}

// Readlink returns the target of the symlink name, as it was given.
func (f *FS) Readlink(name string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, _, err := f.lookup(name, false)
	if err != nil {
		return "", pathErr("readlink", name, err)
	}
	if n.mode&fs.ModeSymlink == 0 {
		return "", pathErr("readlink", name, fs.ErrInvalid)
	}
	return n.target, nil
}

// Chmod sets the permission bits of name (following symlinks), as SITE
// CHMOD does; they show in LIST and MLSD.
func (f *FS) Chmod(name string, perm fs.FileMode) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, _, err := f.lookup(name, true)
	if err != nil {
		return pathErr("chmod", name, err)
	}
	n.mode = n.mode.Type() | perm.Perm()
	return nil
}

// Chtimes sets the modification time of name (following symlinks), as MFMT
// does.
func (f *FS) Chtimes(name string, mtime time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, _, err := f.lookup(name, true)
	if err != nil {
		return pathErr("chtimes", name, err)
	}
	n.mtime = mtime
	return nil
}

// ReadDir lists the directory name sorted by name, without "." and "..".
// Symlinks are described, not followed.
func (f *FS) ReadDir(name string) ([]fs.FileInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	dir, _, err := f.lookup(name, true)
	if err != nil {
		return nil, pathErr("readdir", name, err)
	}
	if !dir.mode.IsDir() {
		return nil, pathErr("readdir", name, fs.ErrInvalid)
	}
	return dir.sortedInfos(), nil
}

func (n *node) sortedInfos() []fs.FileInfo {
	names := make([]string, 0, len(n.children))
	for name := range n.children {
		names = append(names, name)
	}
	slices.Sort(names)
	infos := make([]fs.FileInfo, 0, len(names))
	for _, name := range names {
		infos = append(infos, n.children[name].info())
	}
	return infos
}

// fileInfo is the fs.FileInfo of a node, taken under the lock.
type fileInfo struct {
	name   string
	size   int64
	mode   fs.FileMode
	mtime  time.Time
	target string
	nlink  int
}

func (n *node) info() fileInfo {
	fi := fileInfo{name: n.name, size: int64(len(n.data)), mode: n.mode, mtime: n.mtime, target: n.target, nlink: 1}
	switch {
	case n.mode.IsDir():
		fi.size = 4096
		fi.nlink = 2
		for _, c := range n.children {
			if c.mode.IsDir() {
				fi.nlink++
			}
		}
	case n.mode&fs.ModeSymlink != 0:
		fi.size = int64(len(n.target))
	}
	return fi
}

// Name returns the base name.
func (fi fileInfo) Name() string { return fi.name }

// Size returns the length in bytes (4096 for a directory, the target's
// length for a symlink, as ls shows).
func (fi fileInfo) Size() int64 { return fi.size }

// Mode returns the type and permission bits.
func (fi fileInfo) Mode() fs.FileMode { return fi.mode }

// ModTime returns the modification time.
func (fi fileInfo) ModTime() time.Time { return fi.mtime }

// IsDir reports whether the entry is a directory.
func (fi fileInfo) IsDir() bool { return fi.mode.IsDir() }

// Sys returns nil.
func (fi fileInfo) Sys() any { return nil }
