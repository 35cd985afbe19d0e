package ftpcore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrCorruptFile is matched by errors.Is for every *CorruptFileError.
var ErrCorruptFile = errors.New("ferry: file is unreadable")

// CorruptFileError reports a sites, settings or secrets file that could not
// be read or parsed. Ferry never overwrites such a file silently: the store
// that met it refuses to save until the caller restores the backup or resets
// the store, which moves the damaged file aside.
type CorruptFileError struct {
	Path   string // the file that failed
	Backup string // the previous version, or "" when there is none
	Err    error  // why it failed; never holds a password
}

func (e *CorruptFileError) Error() string {
	if e.Backup == "" {
		return fmt.Sprintf("ferry: %s is unreadable (no backup): %v", e.Path, e.Err)
	}
	return fmt.Sprintf("ferry: %s is unreadable: %v; the previous version is in %s", e.Path, e.Err, e.Backup)
}

// Unwrap returns the underlying cause.
func (e *CorruptFileError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrCorruptFile) true.
func (e *CorruptFileError) Is(target error) bool { return target == ErrCorruptFile }

// guardedFile is one file owned by a store: written atomically with the
// previous version kept as a backup, and never overwritten after a failed
// load until the caller decides what to do with it. It is not safe for
// concurrent use; its owner serialises calls.
type guardedFile struct {
	path    string
	now     func() time.Time
	loadErr *CorruptFileError // set by a failed load, cleared by restore or reset
}

func newGuardedFile(path string) guardedFile {
	return guardedFile{path: path, now: time.Now}
}

func (f *guardedFile) backupPath() string { return f.path + ".bak" }

// existingBackup returns the backup's path when one exists.
func (f *guardedFile) existingBackup() string {
	if _, err := os.Stat(f.backupPath()); err == nil {
		return f.backupPath()
	}
	return ""
}

// load reads the file and hands its bytes to decode. A missing file is not
// an error: decode is not called and exists is false. Any other failure,
// including one from decode, is a *CorruptFileError that blocks save.
func (f *guardedFile) load(decode func([]byte) error) (exists bool, err error) {
	data, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		f.loadErr = nil
		return false, nil
	}
	if err == nil {
		err = decode(data)
	}
	if err != nil {
		f.loadErr = &CorruptFileError{Path: f.path, Backup: f.existingBackup(), Err: err}
		return true, f.loadErr
	}
	f.loadErr = nil
	return true, nil
}

// save writes data atomically, first copying the current version to the
// backup. It refuses while a failed load has not been resolved.
func (f *guardedFile) save(data []byte) error {
	if f.loadErr != nil {
		return fmt.Errorf("refusing to overwrite %s: %w", f.path, f.loadErr)
	}
	if err := os.MkdirAll(filepath.Dir(f.path), 0o700); err != nil {
		return fmt.Errorf("create config folder: %w", err)
	}
	prev, err := os.ReadFile(f.path)
	switch {
	case err == nil:
		if err := writeFileAtomic(f.backupPath(), prev); err != nil {
			return fmt.Errorf("back up %s: %w", f.path, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("read %s before saving: %w", f.path, err)
	}
	if err := writeFileAtomic(f.path, data); err != nil {
		return fmt.Errorf("save %s: %w", f.path, err)
	}
	return nil
}

// restoreBackup decodes the backup and, when it is sound, moves the damaged
// file aside and puts the backup in its place.
func (f *guardedFile) restoreBackup(decode func([]byte) error) error {
	data, err := os.ReadFile(f.backupPath())
	if err != nil {
		return fmt.Errorf("restore backup of %s: %w", f.path, err)
	}
	if err := decode(data); err != nil {
		return fmt.Errorf("restore backup of %s: %w", f.path,
			&CorruptFileError{Path: f.backupPath(), Err: err})
	}
	if _, err := f.moveAside(); err != nil {
		return err
	}
	if err := writeFileAtomic(f.path, data); err != nil {
		return fmt.Errorf("restore backup of %s: %w", f.path, err)
	}
	f.loadErr = nil
	return nil
}

// reset moves the current file aside (when there is one) so that the next
// save starts afresh, and returns where it went.
func (f *guardedFile) reset() (string, error) {
	moved, err := f.moveAside()
	if err != nil {
		return "", err
	}
	f.loadErr = nil
	return moved, nil
}

func (f *guardedFile) moveAside() (string, error) {
	if _, err := os.Stat(f.path); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	aside := f.path + ".corrupt-" + f.now().UTC().Format("20060102T150405.000Z")
	if err := os.Rename(f.path, aside); err != nil {
		return "", fmt.Errorf("move %s aside: %w", f.path, err)
	}
	return aside, nil
}

// writeFileAtomic replaces path with data so that a crash leaves either the
// old or the new content, never a mix: temporary file in the same folder,
// fsync, rename, fsync of the folder. Files are private to the user.
func writeFileAtomic(path string, data []byte) (err error) {
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

// DefaultConfigDir returns the folder where Ferry keeps its sites, settings
// and secrets: os.UserConfigDir()/ferry. It is safe for concurrent use.
func DefaultConfigDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the config folder: %w", err)
	}
	return filepath.Join(base, "ferry"), nil
}
