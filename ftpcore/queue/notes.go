package queue

import (
	"strconv"

	"ferry/ftpcore"
)

// NoteID names one of the notes the queue attaches to a job (Job.Note),
// so that a window can show the note in its user's language while
// Job.Note keeps the English. The ID is also the translation key. A
// NoteID is a constant: safe for concurrent use.
type NoteID string

// The queue's notes. Each one's English template is NoteID.Template.
const (
	NoteSavedAs     NoteID = "note.saved-as"
	NoteUploadedAs  NoteID = "note.uploaded-as"
	NotePartResumed NoteID = "note.part-resumed"
	NotePartLarger  NoteID = "note.part-larger"
	NotePartOlder   NoteID = "note.part-older"
	NotePartDiffers NoteID = "note.part-differs"
)

// noteTemplates holds the English of every note, placeholders written as
// text/template and Fyne's lang write them. It is never written to.
var noteTemplates = map[NoteID]string{
	NoteSavedAs:     "saved as {{.Mapped}}: Windows cannot store the name {{.Name}}",
	NoteUploadedAs:  "uploaded as {{.Name}}, the name it has on the server",
	NotePartResumed: "resuming {{.Part}} at {{.Offset}} bytes (checked against the server)",
	NotePartLarger:  "restarting {{.Part}} from the beginning: it holds {{.Size}} bytes, more than the remote file's {{.Remote}}",
	NotePartOlder:   "restarting {{.Part}} from the beginning: the remote file changed after it was written",
	NotePartDiffers: "restarting {{.Part}} from the beginning: its end differs from the remote file",
}

// NoteIDs returns every note the queue can attach, for a translation
// table to be checked against. Safe for concurrent use.
func NoteIDs() []NoteID {
	return []NoteID{NoteSavedAs, NoteUploadedAs, NotePartResumed, NotePartLarger, NotePartOlder, NotePartDiffers}
}

// Template returns the note's English template, "" for an unknown ID.
// Safe for concurrent use.
func (id NoteID) Template() string { return noteTemplates[id] }

// Render fills the note's English template with args, keyed by
// placeholder name. Safe for concurrent use.
func (id NoteID) Render(args map[string]string) string {
	return ftpcore.FillTemplate(id.Template(), args)
}

// NoteArg is one argument of a note: a placeholder's name and its value.
type NoteArg struct{ Name, Value string }

// NoteArgs are a note's arguments, unused ones empty. An array keeps Job
// comparable with ==.
type NoteArgs [3]NoteArg

// Map returns the arguments by placeholder name, as a template takes
// them. Safe for concurrent use.
func (a NoteArgs) Map() map[string]string {
	m := make(map[string]string, len(a))
	for _, x := range a {
		if x.Name != "" {
			m[x.Name] = x.Value
		}
	}
	return m
}

// jobNote is a note before it is attached to a job; the zero value is no
// note.
type jobNote struct {
	id   NoteID
	args NoteArgs
}

func newNote(id NoteID, kv ...string) jobNote {
	n := jobNote{id: id}
	for i := 0; i+1 < len(kv) && i/2 < len(n.args); i += 2 {
		n.args[i/2] = NoteArg{Name: kv[i], Value: kv[i+1]}
	}
	return n
}

// apply sets the job's note, its English and its identity.
func (n jobNote) apply(j *Job) {
	j.NoteID, j.NoteArgs = n.id, n.args
	j.Note = ""
	if n.id != "" {
		j.Note = n.id.Render(n.args.Map())
	}
}

// partNote is the note for what a download made of an existing .part.
// The .part's path is local and shown as the user's disk names it.
func partNote(d ftpcore.PartDecision) jobNote {
	part := d.Part
	if d.Action == ftpcore.PartResumed {
		return newNote(NotePartResumed, "Part", part, "Offset", strconv.FormatInt(d.Offset, 10))
	}
	switch d.Cause {
	case ftpcore.PartLarger:
		return newNote(NotePartLarger, "Part", part, "Size", strconv.FormatInt(d.Size, 10),
			"Remote", strconv.FormatInt(d.Remote, 10))
	case ftpcore.PartOlder:
		return newNote(NotePartOlder, "Part", part)
	}
	return newNote(NotePartDiffers, "Part", part)
}
