package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
	"ferry/ftpcore/localfs"
)

// paneSource is what a pane browses: the local disk or one server. Every
// method may block on I/O and is called from a pane's worker goroutine,
// never from the UI goroutine. Paths are absolute in the source's own
// syntax.
type paneSource interface {
	// local reports whether the source is this machine's disk.
	local() bool
	// siteKey is the queue's key for the server, "" for the local disk.
	siteKey() string
	// title names the source for the pane's header ("Local", "ferry@host").
	title() string
	home(ctx context.Context) (string, error)
	list(ctx context.Context, dir string, hidden bool) (*listing.Result, error)
	mkdir(ctx context.Context, p string) error
	// createFile makes an empty file; a name already taken is an error
	// wrapping fs.ErrExist, and nothing there is truncated.
	createFile(ctx context.Context, p string) error
	rename(ctx context.Context, from, to string) error
	remove(ctx context.Context, p string, isDir bool) error
	join(dir, name string) string
	parent(dir string) string
	close()
}

// localSource browses the local disk.
type localSource struct{ start string }

func (l *localSource) local() bool     { return true }
func (l *localSource) siteKey() string { return "" }
func (l *localSource) title() string   { return "local" }

func (l *localSource) home(context.Context) (string, error) {
	if l.start != "" && localfs.IsDir(l.start) {
		return l.start, nil
	}
	if h, err := os.UserHomeDir(); err == nil {
		return h, nil
	}
	return os.Getwd()
}

func (l *localSource) list(_ context.Context, dir string, _ bool) (*listing.Result, error) {
	return localfs.List(dir)
}

func (l *localSource) mkdir(_ context.Context, p string) error      { return localfs.Mkdir(p) }
func (l *localSource) createFile(_ context.Context, p string) error { return localfs.CreateEmpty(p) }
func (l *localSource) rename(_ context.Context, a, b string) error  { return localfs.Rename(a, b) }
func (l *localSource) remove(ctx context.Context, p string, _ bool) error {
	return localfs.Remove(ctx, p)
}
func (l *localSource) join(dir, name string) string { return filepath.Join(dir, name) }
func (l *localSource) parent(dir string) string     { return filepath.Dir(dir) }
func (l *localSource) close()                       {}

// remoteSource browses one server through a single session of its own,
// which transfers never borrow. The mutex makes each operation (a
// recursive delete included) one unit, as a Session wants one driver at a
// time; a dead session is dialled again on the next operation.
type remoteSource struct {
	key  string
	name string
	cfg  ftpcore.Config

	opMu   sync.Mutex // held for each whole operation
	mu     sync.Mutex // guards sess and closed
	sess   *ftpcore.Session
	closed bool
}

func newRemoteSource(key string, cfg ftpcore.Config, sess *ftpcore.Session) *remoteSource {
	name := cfg.User
	if name == "" {
		name = "anonymous"
	}
	return &remoteSource{key: key, name: name + "@" + cfg.Addr, cfg: cfg, sess: sess}
}

func (r *remoteSource) local() bool     { return false }
func (r *remoteSource) siteKey() string { return r.key }
func (r *remoteSource) title() string   { return r.name }

// session returns a live session, dialling again when the server dropped
// the last one (idle timeout, 421).
func (r *remoteSource) session(ctx context.Context) (*ftpcore.Session, error) {
	r.mu.Lock()
	old, closed := r.sess, r.closed
	r.mu.Unlock()
	if closed {
		return nil, ftpcore.ErrClosed
	}
	if old != nil && old.Alive() {
		return old, nil
	}
	if old != nil {
		old.Close()
	}
	s, err := ftpcore.Dial(ctx, r.cfg)
	if err != nil {
		return nil, fmt.Errorf("reconnect to %s: %w", r.cfg.Addr, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		s.Close()
		return nil, ftpcore.ErrClosed
	}
	r.sess = s
	return s, nil
}

// staleAfter is how long a pane's session may sit unused before its next
// operation checks, with NOOP, that the server has not dropped it
// meanwhile (an idle timeout, often 5 to 15 minutes, or a NAT box).
// Atomic, since a test sets it while other tests' goroutines may still
// read it.
var staleAfter = func() *atomic.Int64 {
	var d atomic.Int64
	d.Store(int64(30 * time.Second))
	return &d
}()

// do runs f, which may change things on the server (a new folder, a
// rename, a delete), and runs it once more on a new connection when the
// server closed the last one without running f's command: its 421 was
// the reply (an idle timeout's parting words, sent before the command
// arrived), or the command could not even be written. A connection that
// ends after the command was sent is not enough: the server may have run
// it, and it is not sent twice.
func (r *remoteSource) do(ctx context.Context, f func(s *ftpcore.Session) error) error {
	return r.again(ctx, f, ftpcore.NeverRan)
}

// read runs f, which only reads (the current folder, a listing), and
// runs it once more on a new connection when the server turns out to
// have closed the last one (a connection used too recently for the NOOP
// check of doLocked): reading twice changes nothing on the server.
func (r *remoteSource) read(ctx context.Context, f func(s *ftpcore.Session) error) error {
	return r.again(ctx, f, lostConnection)
}

// again runs f, and once more on a new connection when its error is one
// that lost says is safe to repeat and the session is gone.
func (r *remoteSource) again(ctx context.Context, f func(s *ftpcore.Session) error, lost func(error) bool) error {
	r.opMu.Lock()
	defer r.opMu.Unlock()
	err := r.doLocked(ctx, f)
	if err == nil || ctx.Err() != nil || !lost(err) {
		return err
	}
	r.mu.Lock()
	s := r.sess
	r.mu.Unlock()
	if s != nil && s.Alive() {
		return err
	}
	return r.doLocked(ctx, f)
}

// lostConnection reports whether err says that the server had closed the
// control connection: before the command ran (ftpcore.NeverRan), or
// after it was sent, which only a read may repeat (the end of the stream,
// a reset).
func lostConnection(err error) bool {
	return ftpcore.NeverRan(err) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET)
}

func (r *remoteSource) doLocked(ctx context.Context, f func(s *ftpcore.Session) error) error {
	s, err := r.session(ctx)
	if err != nil {
		return err
	}
	if s.IdleFor() >= time.Duration(staleAfter.Load()) {
		if nerr := s.Noop(ctx); nerr != nil {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			// The server closed the idle connection: open a new one,
			// rather than fail the user's action with a broken pipe.
			r.mu.Lock()
			if r.sess == s {
				r.sess = nil
			}
			r.mu.Unlock()
			go s.Close()
			if s, err = r.session(ctx); err != nil {
				return err
			}
		}
	}
	return f(s)
}

func (r *remoteSource) home(ctx context.Context) (dir string, err error) {
	err = r.read(ctx, func(s *ftpcore.Session) error {
		dir, err = s.Pwd(ctx)
		return err
	})
	return dir, err
}

func (r *remoteSource) list(ctx context.Context, dir string, hidden bool) (l *listing.Result, err error) {
	err = r.read(ctx, func(s *ftpcore.Session) error {
		l, err = s.List(ctx, dir, ftpcore.ListDirOptions{Hidden: hidden})
		return err
	})
	return l, err
}

func (r *remoteSource) mkdir(ctx context.Context, p string) error {
	return r.do(ctx, func(s *ftpcore.Session) error { return s.Mkdir(ctx, p) })
}

// createFile uploads an empty file, after the folder's listing showed
// the name free: STOR would replace a file of that name.
func (r *remoteSource) createFile(ctx context.Context, p string) error {
	return r.do(ctx, func(s *ftpcore.Session) error {
		if err := nameFree(ctx, s, "create", p); err != nil {
			return err
		}
		_, err := s.Store(ctx, p, strings.NewReader(""), ftpcore.TransferOptions{Type: ftpcore.TypeBinary})
		return err
	})
}

// nameFree lists p's folder and returns an fs.ErrExist error for op if
// an entry is named as p.
func nameFree(ctx context.Context, s *ftpcore.Session, op, p string) error {
	l, err := s.List(ctx, path.Dir(p), ftpcore.ListDirOptions{Hidden: true})
	if err != nil {
		return err
	}
	for _, e := range l.Entries {
		if e.Name == path.Base(p) {
			return &ftpcore.OpError{Op: op, Path: p, Err: fs.ErrExist}
		}
	}
	return nil
}

// rename refuses a name already taken, as the local side does: most
// servers' RNTO silently replaces the file of that name.
func (r *remoteSource) rename(ctx context.Context, from, to string) error {
	return r.do(ctx, func(s *ftpcore.Session) error {
		if err := nameFree(ctx, s, "rename", to); err != nil {
			return err
		}
		return s.Rename(ctx, from, to)
	})
}

func (r *remoteSource) remove(ctx context.Context, p string, isDir bool) error {
	return r.do(ctx, func(s *ftpcore.Session) error { return removeRemote(ctx, s, p, isDir) })
}

// removeRemote deletes a file, or a folder after everything in it: FTP's
// RMD only removes empty folders. An entry whose name Ferry does not act
// on is left alone, and so are the folders that hold it, but the rest is
// deleted as asked; the error names each one left.
func removeRemote(ctx context.Context, s *ftpcore.Session, p string, isDir bool) error {
	if !isDir {
		return s.Delete(ctx, p)
	}
	l, err := s.List(ctx, p, ftpcore.ListDirOptions{Hidden: true})
	if err != nil {
		return err
	}
	var left []error
	for _, e := range l.Entries {
		if e.Unsafe {
			left = append(left, errUnsafeName(e.Name))
			continue
		}
		if err := removeRemote(ctx, s, path.Join(p, e.Name), e.IsDir()); err != nil {
			if left := (*nameLeftAloneError)(nil); !errors.As(err, &left) {
				return err
			}
			left = append(left, err)
		}
	}
	if len(left) > 0 {
		return errors.Join(left...)
	}
	return s.Rmdir(ctx, p)
}

// chmod sets a remote file's permissions with SITE CHMOD.
func (r *remoteSource) chmod(ctx context.Context, p string, mode uint32) error {
	return r.do(ctx, func(s *ftpcore.Session) error { return s.Chmod(ctx, p, mode) })
}

func (r *remoteSource) join(dir, name string) string { return path.Join(dir, name) }
func (r *remoteSource) parent(dir string) string     { return path.Dir(dir) }

// remoteSourceFor returns the source of a pane showing the server key, or
// nil. UI goroutine only.
func (mw *mainWindow) remoteSourceFor(key string) *remoteSource {
	for _, p := range mw.panes {
		if r, ok := p.src.(*remoteSource); ok && r.key == key {
			return r
		}
	}
	return nil
}

// serverFileOf looks up one file on server key in its folder's listing,
// through src (a pane's session, see remoteSourceFor) or, when nil, a
// session of its own. Any goroutine.
func (mw *mainWindow) serverFileOf(ctx context.Context, src *remoteSource, key, file string) (serverFile, error) {
	var f serverFile
	look := func(s *ftpcore.Session) error {
		l, err := s.List(ctx, path.Dir(file), ftpcore.ListDirOptions{Hidden: true})
		if err != nil {
			return err
		}
		for _, e := range l.Entries {
			if e.Name == path.Base(file) && !e.IsDir() {
				f = serverFile{size: e.Size, mod: e.ModTime, found: true}
			}
		}
		return nil
	}
	if src != nil {
		return f, src.read(ctx, look)
	}
	cfg, err := mw.resolve(ctx, key)
	if err != nil {
		return f, err
	}
	s, err := ftpcore.Dial(ctx, cfg)
	if err != nil {
		return f, err
	}
	defer s.Close()
	return f, look(s)
}

// close ends the session, interrupting an operation in progress.
func (r *remoteSource) close() {
	r.mu.Lock()
	s := r.sess
	r.sess, r.closed = nil, true
	r.mu.Unlock()
	if s != nil {
		s.Close()
	}
}

// secure reports whether the browsing session runs over TLS.
// plainFallback is the server's refusal of TLS when the session went on
// in clear text although TLS was wanted if available; "" otherwise.
func (r *remoteSource) plainFallback() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sess == nil {
		return ""
	}
	return r.sess.PlainFallback()
}

func (r *remoteSource) secure() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sess != nil && r.sess.Secure()
}

// errUnsafeName says why an entry was left alone: its name cannot be
// sent or used safely (a slash, a backslash, "..", a control character).
func errUnsafeName(name string) error {
	return &nameLeftAloneError{lang.L("“{{.Name}}” was left alone: Ferry does not act on a name with a slash, a backslash, “..” or a control character.",
		map[string]any{"Name": ftpcore.Printable(name)})}
}

// nameLeftAloneError is errUnsafeName's error, found with errors.As.
type nameLeftAloneError struct{ msg string }

func (e *nameLeftAloneError) Error() string { return e.msg }
