package ftptest

import (
	"fmt"
	"io/fs"
	"path"
	"time"
)

// FS operations with the stricter semantics FTP commands need (MKD does
// not create parents, RMD refuses a non-empty directory...).

// dirPath resolves name to the physical path of a directory, following
// symlinks, as chdir then getcwd would.
func (f *FS) dirPath(name string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, p, err := f.lookup(name, true)
	if err != nil {
		return "", pathErr("chdir", name, err)
	}
	if !n.mode.IsDir() {
		return "", pathErr("chdir", name, fs.ErrInvalid)
	}
	return p, nil
}

// mkdirOne creates one directory whose parent exists.
func (f *FS) mkdirOne(name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	parent, base, err := f.parentOf("mkdir", name)
	if err != nil {
		return err
	}
	if _, ok := parent.children[base]; ok {
		return pathErr("mkdir", name, fs.ErrExist)
	}
	parent.children[base] = &node{name: base, mode: fs.ModeDir | 0o755, mtime: f.now(), children: map[string]*node{}}
	parent.mtime = f.now()
	return nil
}

// removeKind removes an empty directory (dir set) or a non-directory.
func (f *FS) removeKind(name string, dir bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, _, err := f.lookup(name, false)
	if err != nil {
		return pathErr("remove", name, err)
	}
	if n.mode.IsDir() != dir {
		return pathErr("remove", name, fs.ErrInvalid)
	}
	return f.remove("remove", name, false)
}

// listTarget describes what a listing command names: a directory's
// entries, or one non-directory entry.
type listTarget struct {
	dir     bool
	self    fileInfo   // the directory itself, or the single entry
	parent  fileInfo   // the directory's parent, for ".."
	entries []fileInfo // sorted, for a directory
	path    string     // physical path of a directory
}

// target looks name up for LIST, NLST, MLSD and STAT.
func (f *FS) target(name string) (listTarget, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, p, err := f.lookup(name, true)
	if err != nil {
		return listTarget{}, pathErr("list", name, err)
	}
	if !n.mode.IsDir() {
		// Describe a symlink itself, as ls -l does for a named link.
		ln, _, err := f.lookup(name, false)
		if err != nil {
			return listTarget{}, pathErr("list", name, err)
		}
		return listTarget{self: ln.info()}, nil
	}
	parent, _, err := f.lookup(path.Dir(p), true)
	if err != nil {
		return listTarget{}, pathErr("list", name, err)
	}
	t := listTarget{dir: true, self: n.info(), parent: parent.info(), path: p}
	for _, fi := range n.sortedInfos() {
		t.entries = append(t.entries, fi.(fileInfo))
	}
	return t, nil
}

// Lchtimes sets the modification time of name without following a final
// symlink, so tests can date a link itself.
func (f *FS) Lchtimes(name string, mtime time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, _, err := f.lookup(name, false)
	if err != nil {
		return pathErr("lchtimes", name, err)
	}
	n.mtime = mtime
	return nil
}

// appendData adds p to the file at name, which a transfer created. A file
// removed meanwhile swallows the data, as an unlinked file does on Unix.
func (f *FS) appendData(n *node, p []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n.data = append(n.data, p...)
	n.mtime = f.now()
}

// openForWrite prepares the file at name for an upload: truncated to offset
// (zero-filled when shorter) or, for append, kept whole.
func (f *FS) openForWrite(name string, offset int64, appendMode bool) (*node, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if appendMode || offset > 0 {
		if n, _, err := f.lookup(name, true); err == nil && !n.mode.IsDir() {
			if !appendMode {
				if int64(len(n.data)) < offset {
					n.data = append(n.data, make([]byte, offset-int64(len(n.data)))...)
				}
				n.data = n.data[:offset]
			}
			return n, nil
		}
	}
	n, err := f.createFile("stor", name)
	if err != nil {
		return nil, err
	}
	if offset > 0 {
		n.data = make([]byte, offset)
	}
	return n, nil
}

// uniqueName returns a name in dir derived from base that does not exist
// yet, as STOU needs.
func (f *FS) uniqueName(dir, base string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := 0; ; i++ {
		name := base
		if i > 0 {
			name = fmt.Sprintf("%s.%d", base, i)
		}
		if _, _, err := f.lookup(path.Join(dir, name), false); err != nil {
			return path.Join(dir, name)
		}
	}
}
