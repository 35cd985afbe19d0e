package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
	"ferry/ftpcore/localfs"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

// startQueue creates the transfer queue from the settings and starts it.
func (mw *mainWindow) startQueue() {
	s := mw.currentSettings()
	mw.log.setLimit(s.LogLines)
	mw.qpanel = newQueuePanel(mw)
	q, err := queue.New(queue.Options{
		Workers:    s.ConcurrentTransfers,
		Retries:    queueRetries(s),
		RetryDelay: s.RetryDelay,
		Resolve:    mw.resolve,
		SiteLimit: func(key string) int {
			if site, err := mw.lookupSite(key); err == nil {
				return mw.currentSettings().SiteConnections(site)
			}
			return 0
		},
		RelayOnly: func(key string) bool {
			site, err := mw.lookupSite(key)
			return err == nil && site.RelayOnly
		},
		Ask:              mw.askExists,
		DefaultOverwrite: overwriteDefaults(s),
		FXPRelay:         s.FXPFallback,
		AskFXP:           mw.askFXP,
		DownloadLimit:    s.DownloadLimit,
		UploadLimit:      s.UploadLimit,
		StatePath:        mw.statePath("queue.json"),
		OnEvent:          mw.qpanel.record,
		EventInterval:    redrawInterval,
	})
	if err != nil {
		mw.logError(lang.L("Transfer queue"), err)
	}
	mw.queue = q
	q.Start()
	mw.qpanel.reload()
}

// applySettings puts changed settings into effect at once. The rest are
// read when used: connection settings by the next connection (saved sites
// and the quick-connect bar build their Config from the current
// settings; the queue's transfers to a server connected earlier too, as
// resolve applies them and its sessions are renewed), the language at
// the next start (the dialog says so).
func (mw *mainWindow) applySettings(s profile.Settings) {
	mw.log.setLimit(s.LogLines)
	mw.queue.SetWorkers(s.ConcurrentTransfers)
	mw.queue.SetLimits(s.DownloadLimit, s.UploadLimit)
	mw.queue.SetRetries(queueRetries(s), s.RetryDelay)
	mw.queue.SetDefaultOverwrite(overwriteDefaults(s))
	mw.queue.SetFXPRelay(s.FXPFallback)
	// Sessions opened under the old settings (transfer type, ASCII rules,
	// mode, timeouts) are not reused: resolve applies the new ones.
	q := mw.queue
	mw.goWork(mw.ctx, func(context.Context) { q.RenewSessions() })
	mw.applyCompareSettings(s)
}

// queueRetries is the setting as the queue reads it: there 0 means the
// default, and "no retries" is negative.
func queueRetries(s profile.Settings) int {
	if s.Retries == 0 {
		return -1
	}
	return s.Retries
}

// overwriteDefaults are the queue's actions for existing destinations.
func overwriteDefaults(s profile.Settings) map[queue.JobKind]queue.OverwriteAction {
	return map[queue.JobKind]queue.OverwriteAction{
		queue.JobDownload: s.DownloadExists,
		queue.JobUpload:   s.UploadExists,
		queue.JobFXP:      s.UploadExists,
	}
}

// transfer copies entries of pane from to the folder shown in the other
// pane.
func (mw *mainWindow) transfer(from *pane, entries []listing.Entry) {
	to := from.other()
	mw.transferTo(from, entries, to, to.dir)
}

// transferTo copies entries listed in pane from into dir of pane to:
// download, upload or FXP through the queue, or a plain copy when both
// sides are local.
func (mw *mainWindow) transferTo(from *pane, entries []listing.Entry, to *pane, dir string) {
	mw.transferFrom(from, from.dir, entries, to, dir)
}

// transferFrom is transferTo for entries of folder fromDir of pane
// from's source, which the pane need not show (a folder of its tree).
func (mw *mainWindow) transferFrom(from *pane, fromDir string, entries []listing.Entry, to *pane, dir string) {
	if from.src == nil || to.src == nil || fromDir == "" || dir == "" || len(entries) == 0 {
		return
	}
	if from.src.local() && to.src.local() {
		paths := make([]string, 0, len(entries))
		for _, e := range entries {
			paths = append(paths, from.src.join(fromDir, e.Name))
		}
		mw.copyLocal(paths, to, dir)
		return
	}
	kind := queue.JobFXP
	switch {
	case from.src.local():
		kind = queue.JobUpload
	case to.src.local():
		kind = queue.JobDownload
	}
	specs := make([]queue.JobSpec, 0, len(entries))
	var refused []string
	var intoItself []error
	// Both panes on one server: a folder copied into itself or below it
	// would find its own copy inside and copy it again, level after level.
	sameServer := kind == queue.JobFXP && from.src.siteKey() == to.src.siteKey()
	for _, e := range entries {
		if e.Type == listing.TypeSpecial {
			continue
		}
		if srcPath := from.src.join(fromDir, e.Name); sameServer && e.IsDir() &&
			(dir == srcPath || strings.HasPrefix(dir, strings.TrimSuffix(srcPath, "/")+"/")) {
			intoItself = append(intoItself, &ftpcore.OpError{Op: "copy", Path: srcPath, Err: localfs.ErrIntoItself})
			continue
		}
		if e.Unsafe {
			// Joined to the destination, such a name would land elsewhere
			// ("../x") or mean something else; the user must hear why the
			// row they dropped did nothing.
			refused = append(refused, strconv.Quote(e.Name))
			continue
		}
		specs = append(specs, queue.JobSpec{
			Kind:    kind,
			Src:     queue.Endpoint{Site: from.src.siteKey(), Path: from.src.join(fromDir, e.Name)},
			Dst:     queue.Endpoint{Site: to.src.siteKey(), Path: to.src.join(dir, e.Name)},
			Root:    rootIfLocal(to, dir),
			IsDir:   e.IsDir(),
			Size:    e.Size,
			ModTime: e.ModTime,
		})
	}
	mw.addJobs(specs)
	if len(intoItself) > 0 {
		mw.showError(lang.L("Cannot queue the transfer"), errors.Join(intoItself...))
	}
	if len(refused) > 0 {
		cause := errUnsafeLocalName
		if !from.src.local() {
			cause = queue.ErrUnsafePath
		}
		mw.showError(lang.L("Cannot queue the transfer"), fmt.Errorf("%w: %s", cause, strings.Join(refused, ", ")))
	}
}

// errUnsafeLocalName is why a local file whose name a server could read
// as a path (a backslash in a Unix name) is not uploaded.
var errUnsafeLocalName = errors.New("file name not safe to send to a server")

// addJobs queues specs and reports a refusal.
func (mw *mainWindow) addJobs(specs []queue.JobSpec) {
	if len(specs) == 0 {
		return
	}
	if _, err := mw.queue.Add(specs...); err != nil {
		mw.showError(lang.L("Cannot queue the transfer"), err)
	}
}

// uploadPaths queues local files and folders (from the OS file manager)
// into dir of a remote pane; it examines them on a goroutine.
func (mw *mainWindow) uploadPaths(paths []string, to *pane, dir string) {
	// The goroutine must not read the pane: its source changes on the UI
	// goroutine.
	src := to.src
	key := src.siteKey()
	mw.goWork(mw.ctx, func(context.Context) {
		var specs []queue.JobSpec
		var errs []error
		for _, p := range paths {
			st, err := os.Stat(p)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			size := st.Size()
			if st.IsDir() {
				size = -1
			}
			specs = append(specs, queue.JobSpec{
				Kind:    queue.JobUpload,
				Src:     queue.Endpoint{Path: p},
				Dst:     queue.Endpoint{Site: key, Path: src.join(dir, filepath.Base(p))},
				IsDir:   st.IsDir(),
				Size:    size,
				ModTime: st.ModTime(),
			})
		}
		mw.do(func() {
			if len(errs) > 0 {
				mw.showError(lang.L("Cannot upload"), errors.Join(errs...))
			}
			mw.addJobs(specs)
		})
	})
}

// copyLocal copies local files into a local folder on a goroutine, then
// refreshes the pane.
func (mw *mainWindow) copyLocal(paths []string, to *pane, dir string) {
	mw.goWork(mw.ctx, func(ctx context.Context) {
		var errs []error
		for _, p := range paths {
			if _, err := localfs.Copy(ctx, p, dir, nil); err != nil {
				errs = append(errs, err)
			}
		}
		mw.do(func() {
			if len(errs) > 0 {
				mw.showError(lang.L("Cannot copy"), errors.Join(errs...))
			}
			if to.src != nil && to.src.local() && to.dir == dir {
				to.refresh()
			}
		})
	})
}

// rootIfLocal is the folder a download into pane to's folder dir must not
// write outside of; "" for a remote destination.
func rootIfLocal(to *pane, dir string) string {
	if !to.src.local() {
		return ""
	}
	return dir
}
