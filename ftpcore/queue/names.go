package queue

import (
	"path"
	"path/filepath"
	"runtime"
	"strconv"

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
func localName(name string, mapNames bool) (string, jobNote) {
	if !mapNames || listing.UnsafeName(name) {
		return name, jobNote{}
	}
	if m, changed := ftpcore.WindowsName(name); changed {
		// Quoted, the server's name cannot carry a control character.
		return m, newNote(NoteSavedAs, "Mapped", strconv.Quote(m), "Name", strconv.Quote(name))
	}
	return name, jobNote{}
}

// remoteName is the server's name for a local one mapped on download.
func remoteName(name string, mapNames bool) (string, jobNote) {
	if !mapNames {
		return name, jobNote{}
	}
	if back := ftpcore.ServerName(name); back != name {
		return back, newNote(NoteUploadedAs, "Name", strconv.Quote(back))
	}
	return name, jobNote{}
}

// mapTopLevel maps the last name of a job queued by the caller (who built
// its destination from the source's name) as its folder's entries would
// be, and returns the note to show.
func (q *Queue) mapTopLevel(sp *JobSpec) jobNote {
	if !q.mapNames() {
		return jobNote{}
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
	return jobNote{}
}
