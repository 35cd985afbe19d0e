// Package atomicfile writes the files Ferry keeps for the user (sites,
// settings, secrets, trusted certificates, the transfer queue) so that a
// crash leaves either the old or the new content, keeps the previous
// version as a backup, and never overwrites a file that failed to load.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrCorrupt is matched by errors.Is for every *CorruptError.
var ErrCorrupt = errors.New("ferry: file is unreadable")

// CorruptError reports a sites, settings or secrets file that could not
// be read or parsed. Ferry never overwrites such a file silently: the store
// that met it refuses to save until the caller restores the backup or resets
// the store, which moves the damaged file aside.
type CorruptError struct {
	Path   string // the file that failed
	Backup string // the previous version, or "" when there is none
	Err    error  // why it failed; never holds a password
}

func (e *CorruptError) Error() string {
	if e.Backup == "" {
		return fmt.Sprintf("ferry: %s is unreadable (no backup): %v", e.Path, e.Err)
	}
	return fmt.Sprintf("ferry: %s is unreadable: %v; the previous version is in %s", e.Path, e.Err, e.Backup)
}

// Unwrap returns the underlying cause.
func (e *CorruptError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// File is one file owned by a store: written atomically with the
// previous version kept as a backup, and never overwritten after a failed
// Load until the caller decides what to do with it. It is not safe for
// concurrent use; its owner serialises calls.
type File struct {
	Path    string // where the file lives; its backup is Path+".bak"
	now     func() time.Time
	loadErr *CorruptError // set by a failed load, cleared by restore or reset
}

// New returns the guarded file at path; nothing is read until Load.
func New(path string) File {
	return File{Path: path, now: time.Now}
}

func (f *File) backupPath() string { return f.Path + ".bak" }

// existingBackup returns the backup's path when one exists.
func (f *File) existingBackup() string {
	if _, err := os.Stat(f.backupPath()); err == nil {
		return f.backupPath()
	}
	return ""
}

// Load reads the file and hands its bytes to decode. A missing file is not
// an error: decode is not called and exists is false. Any other failure,
// including one from decode, is a *CorruptError that blocks save.
func (f *File) Load(decode func([]byte) error) (exists bool, err error) {
	data, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		f.loadErr = nil
		return false, nil
	}
	if err == nil {
		err = decode(data)
	}
	if err != nil {
		f.loadErr = &CorruptError{Path: f.Path, Backup: f.existingBackup(), Err: err}
		return true, f.loadErr
	}
	f.loadErr = nil
	return true, nil
}

// Save writes data atomically, first copying the current version to the
// backup. It refuses while a failed load has not been resolved.
func (f *File) Save(data []byte) error {
	if f.loadErr != nil {
		return fmt.Errorf("refusing to overwrite %s: %w", f.Path, f.loadErr)
	}
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o700); err != nil {
		return fmt.Errorf("create config folder: %w", err)
	}
	prev, err := os.ReadFile(f.Path)
	switch {
	case err == nil:
		if err := WriteFile(f.backupPath(), prev); err != nil {
			return fmt.Errorf("back up %s: %w", f.Path, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("read %s before saving: %w", f.Path, err)
	}
	if err := WriteFile(f.Path, data); err != nil {
		return fmt.Errorf("save %s: %w", f.Path, err)
	}
	return nil
}

// RestoreBackup decodes the backup and, when it is sound, moves the damaged
// file aside and puts the backup in its place.
func (f *File) RestoreBackup(decode func([]byte) error) error {
	data, err := os.ReadFile(f.backupPath())
	if err != nil {
		return fmt.Errorf("restore backup of %s: %w", f.Path, err)
	}
	if err := decode(data); err != nil {
		return fmt.Errorf("restore backup of %s: %w", f.Path,
			&CorruptError{Path: f.backupPath(), Err: err})
	}
	if _, err := f.moveAside(); err != nil {
		return err
	}
	if err := WriteFile(f.Path, data); err != nil {
		return fmt.Errorf("restore backup of %s: %w", f.Path, err)
	}
	f.loadErr = nil
	return nil
}

// Reset moves the current file aside (when there is one) so that the next
// Save starts afresh, and returns where it went.
func (f *File) Reset() (string, error) {
	moved, err := f.moveAside()
	if err != nil {
		return "", err
	}
	f.loadErr = nil
	return moved, nil
}

func (f *File) moveAside() (string, error) {
	if _, err := os.Stat(f.Path); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	aside := f.Path + ".corrupt-" + f.now().UTC().Format("20060102T150405.000Z")
	if err := os.Rename(f.Path, aside); err != nil {
		return "", fmt.Errorf("move %s aside: %w", f.Path, err)
	}
	return aside, nil
}

// WriteFile replaces path with data so that a crash leaves either the
// old or the new content, never a mix: temporary file in the same folder,
// fsync, rename, fsync of the folder. Files are private to the user.
func WriteFile(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// The rename is durable only once the folder itself is synced; some
	// systems cannot open a folder for that, which is not worth failing over.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
