package queue

import (
	"fmt"
	"path"
	"path/filepath"
	"runtime"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// mapNames reports whether names cross with ftpcore.WindowsName.
func (q *Queue) mapNames() bool {
	switch q.opt.Names {
	case NamesWindows:
		return true
	case NamesAsIs:
		return false
	}
	return runtime.GOOS == "windows"
}

// localName is the local name of a server's name, and the note that says
// so when it had to change.
func localName(name string, mapNames bool) (string, string) {
	if !mapNames || listing.UnsafeName(name) {
		return name, ""
	}
	if m, changed := ftpcore.WindowsName(name); changed {
		return m, fmt.Sprintf("saved as %q: Windows cannot store the name %q", m, name)
	}
	return name, ""
}

// remoteName is the server's name for a local one mapped on download.
func remoteName(name string, mapNames bool) (string, string) {
	if !mapNames {
		return name, ""
	}
	if back := ftpcore.ServerName(name); back != name {
		return back, fmt.Sprintf("uploaded as %q, the name it has on the server", back)
	}
	return name, ""
}

// mapTopLevel maps the last name of a job queued by the caller (who built
// its destination from the source's name) as its folder's entries would
// be, and returns the note to show.
func (q *Queue) mapTopLevel(sp *JobSpec) string {
	if !q.mapNames() {
		return ""
	}
	switch sp.Kind {
	case JobDownload:
		dir, base := filepath.Split(sp.Dst.Path)
		m, note := localName(base, true)
		sp.Dst.Path = dir + m
		return note
	case JobUpload:
		dir, base := path.Split(sp.Dst.Path)
		m, note := remoteName(base, true)
		sp.Dst.Path = dir + m
		return note
	}
	return ""
}
