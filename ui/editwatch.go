package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
	"ferry/ftpcore/queue"
)

// editPoll is how often an opened file is checked for changes.
const editPoll = time.Second

// editWatcher opens files in the system's viewer or editor. A remote file
// is downloaded through the queue into a private temporary folder first;
// while it is open, a change to it offers to upload it back.
type editWatcher struct {
	mw *mainWindow
	// openFile hands a file to the system's default application. It is a
	// field so that tests can watch what would be opened without
	// launching anything.
	openFile func(path string) error
	// poll is how often opened copies are checked for changes.
	poll time.Duration

	pending map[int64]remoteEdit // download job → file to open (UI goroutine)
	uploads map[int64]editUpload // upload job → the copy it sends back (UI goroutine)

	mu      sync.Mutex
	watched map[string]*remoteEdit // local copy → where it came from
	tmp     []string
}

// remoteEdit is a remote file opened through a local copy. mod is the
// copy's time when last looked at; synced its time when it last matched
// the server (downloaded, or an upload of it done).
type remoteEdit struct {
	site, remote, local string
	mod, synced         time.Time
	asking              bool
	// server is the server's file as last seen (opened, or sent back):
	// a copy goes back over it only when it is still the same, or when
	// the user says so. relisting, while not nil, is closed once server
	// is read again after an upload of ours.
	server    serverFile
	relisting chan struct{}
}

// serverFile is what a listing says of the server's file.
type serverFile struct {
	size  int64
	mod   time.Time
	found bool
}

func (a serverFile) same(b serverFile) bool {
	return a.found == b.found && a.size == b.size && a.mod.Equal(b.mod)
}

// editUpload is an upload of a changed copy, which was at mod when the
// user said to send it.
type editUpload struct {
	ed  *remoteEdit
	mod time.Time
}

func newEditWatcher(mw *mainWindow) *editWatcher {
	return &editWatcher{mw: mw, pending: map[int64]remoteEdit{}, uploads: map[int64]editUpload{},
		watched: map[string]*remoteEdit{},
		poll:    editPoll,
		openFile: func(path string) error {
			return mw.app.OpenURL(&url.URL{Scheme: "file", Path: path})
		}}
}

// open shows an entry in the system's application for it.
func (ew *editWatcher) open(p *pane, e listing.Entry) {
	full := p.src.join(p.dir, e.Name)
	if p.src.local() {
		ew.launch(full)
		return
	}
	if e.Unsafe || listing.UnsafeName(e.Name) {
		// Joined to the temp folder, such a name would land elsewhere.
		ew.mw.showError(lang.L("Cannot open the file"), fmt.Errorf("%w: %q", queue.ErrUnsafePath, e.Name))
		return
	}
	site := p.src.siteKey()
	// Making the temp folder is disk I/O: not on the UI goroutine.
	ew.mw.goWork(ew.mw.ctx, func(context.Context) {
		dir, err := ew.mw.tempDir()
		ew.mw.do(func() { ew.queueEdit(site, full, e, dir, err) })
	})
}

// queueEdit queues the download of a View/Edit into its temp folder.
func (ew *editWatcher) queueEdit(site, full string, e listing.Entry, dir string, err error) {
	if err != nil {
		ew.mw.showError(lang.L("Cannot open the file"), err)
		return
	}
	if ew.mw.ctx.Err() != nil { // the window closed meanwhile
		os.RemoveAll(dir)
		return
	}
	ew.mu.Lock()
	ew.tmp = append(ew.tmp, dir)
	ew.mu.Unlock()
	local := filepath.Join(dir, e.Name)
	ids, err := ew.mw.queue.Add(queue.JobSpec{
		Kind: queue.JobDownload, Src: queue.Endpoint{Site: site, Path: full},
		Dst: queue.Endpoint{Path: local}, Root: dir, Size: e.Size, ModTime: e.ModTime,
		Type: ftpcore.TypeBinary, Overwrite: queue.Overwrite,
	})
	if err != nil {
		ew.mw.showError(lang.L("Cannot open the file"), err)
		return
	}
	ew.pending[ids[0]] = remoteEdit{site: site, remote: full, local: local,
		server: serverFile{size: e.Size, mod: e.ModTime, found: true}}
}

// forget drops a View/Edit download removed from the queue before it
// ended.
func (ew *editWatcher) forget(id int64) { delete(ew.pending, id) }

// finished is told about ended jobs; a downloaded file waiting to be
// opened is opened and watched.
func (ew *editWatcher) finished(j queue.Job) {
	if up, ok := ew.uploads[j.ID]; ok {
		delete(ew.uploads, j.ID)
		if j.State != queue.JobDone {
			return
		}
		// The server's file is ours now: what it looks like is the
		// reference for the next upload, which waits for it.
		done := make(chan struct{})
		ew.mu.Lock()
		up.ed.synced, up.ed.relisting = up.mod, done
		ew.mu.Unlock()
		src := ew.mw.remoteSourceFor(up.ed.site)
		ew.mw.goWork(ew.mw.ctx, func(ctx context.Context) {
			defer close(done)
			if now, err := ew.mw.serverFileOf(ctx, src, up.ed.site, up.ed.remote); err == nil {
				ew.mu.Lock()
				up.ed.server = now
				ew.mu.Unlock()
			}
		})
		return
	}
	ed, ok := ew.pending[j.ID]
	if !ok {
		return
	}
	delete(ew.pending, j.ID)
	if j.State != queue.JobDone {
		return // the download failed or was skipped: nothing to open
	}
	ew.mw.goWork(ew.mw.ctx, func(ctx context.Context) {
		st, err := os.Stat(ed.local)
		if err != nil {
			return
		}
		ed.mod, ed.synced = st.ModTime(), st.ModTime()
		ew.mu.Lock()
		first := len(ew.watched) == 0
		ew.watched[ed.local] = &ed
		ew.mu.Unlock()
		ew.mw.do(func() { ew.launch(ed.local) })
		if first {
			ew.watch(ctx)
		}
	})
}

func (ew *editWatcher) launch(path string) {
	if err := ew.openFile(path); err != nil {
		ew.mw.showError(lang.L("Cannot open the file"), err)
	}
}

// watch polls the opened copies until the window closes.
func (ew *editWatcher) watch(ctx context.Context) {
	t := time.NewTicker(ew.poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ew.mu.Lock()
		var changed []*remoteEdit
		for _, ed := range ew.watched {
			if st, err := os.Stat(ed.local); err == nil && !ed.asking && st.ModTime().After(ed.mod) {
				ed.mod, ed.asking = st.ModTime(), true
				changed = append(changed, ed)
			}
		}
		ew.mu.Unlock()
		for _, ed := range changed {
			ew.mw.do(func() { ew.offerUpload(ed) })
		}
	}
}

// offerUpload asks whether to send a changed file back to the server.
func (ew *editWatcher) offerUpload(ed *remoteEdit) {
	msg := lang.X("edit.changed", "“{{.Name}}” was changed. Upload it back to the server?",
		map[string]any{"Name": filepath.Base(ed.local)})
	d := newQuestionBox(lang.L("File changed"), msg, func(ok bool) {
		ew.mu.Lock()
		ed.asking = false
		mod := ed.mod
		ew.mu.Unlock()
		if ok {
			ew.uploadChecked(ed, mod)
		}
	}, ew.mw.win)
	ew.mw.modals.show(ew.mw.win, d, nil, d.keys()...)
}

// uploadChecked sends a changed copy back once the server's file is seen
// to be the one opened; when it changed on the server meanwhile (someone
// else's edit, a deployment) or went away, the user chooses. When it
// cannot be looked at, the upload goes ahead: it would meet the same
// trouble and fail in the queue, where it can be retried.
func (ew *editWatcher) uploadChecked(ed *remoteEdit, mod time.Time) {
	src := ew.mw.remoteSourceFor(ed.site)
	ew.mu.Lock()
	relisting := ed.relisting
	ew.mu.Unlock()
	ew.mw.goWork(ew.mw.ctx, func(ctx context.Context) {
		if relisting != nil {
			select {
			case <-relisting:
			case <-ctx.Done():
				return
			}
		}
		now, err := ew.mw.serverFileOf(ctx, src, ed.site, ed.remote)
		ew.mu.Lock()
		opened := ed.server
		ew.mu.Unlock()
		ew.mw.do(func() {
			if err != nil || now.same(opened) {
				ew.upload(ed, mod)
				return
			}
			msg := lang.X("edit.serverchanged",
				"“{{.Name}}” changed on the server since you opened it. Replace the server's file with your copy?",
				map[string]any{"Name": filepath.Base(ed.local)})
			if !now.found {
				msg = lang.X("edit.servergone",
					"“{{.Name}}” is no longer on the server (deleted or renamed since you opened it). Upload your copy there anyway?",
					map[string]any{"Name": filepath.Base(ed.local)})
			}
			d := newQuestionBox(lang.L("File changed on the server"), msg, func(ok bool) {
				if ok {
					ew.upload(ed, mod)
				}
			}, ew.mw.win)
			ew.mw.modals.show(ew.mw.win, d, nil, d.keys()...)
		})
	})
}

// upload queues a copy's upload back to its server.
func (ew *editWatcher) upload(ed *remoteEdit, mod time.Time) {
	ids, err := ew.mw.queue.Add(queue.JobSpec{Kind: queue.JobUpload, Src: queue.Endpoint{Path: ed.local},
		Dst: queue.Endpoint{Site: ed.site, Path: ed.remote}, Size: -1,
		Type: ftpcore.TypeBinary, Overwrite: queue.Overwrite})
	if err != nil {
		ew.mw.showError(lang.L("Cannot queue the transfer"), err)
		return
	}
	ew.uploads[ids[0]] = editUpload{ed: ed, mod: mod}
}

// unsynced names the opened copies changed since they last matched the
// server: closing the window would delete them (stop) with the changes.
func (ew *editWatcher) unsynced() []string {
	ew.mu.Lock()
	defer ew.mu.Unlock()
	var names []string
	for _, ed := range ew.watched {
		if st, err := os.Stat(ed.local); err == nil && !st.ModTime().Equal(ed.synced) {
			names = append(names, filepath.Base(ed.local))
		}
	}
	slices.Sort(names)
	return names
}

// stop removes the temporary copies.
func (ew *editWatcher) stop() {
	ew.mu.Lock()
	defer ew.mu.Unlock()
	for _, d := range ew.tmp {
		os.RemoveAll(d)
	}
	ew.tmp = nil
}
