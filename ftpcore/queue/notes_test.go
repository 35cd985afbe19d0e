package queue

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"text/template"

	"ferry/ftpcore"
)

// TestNotesCarryTheirIdentity: each note has an ID whose English, filled
// with the note's arguments, is the note's text.
func TestNotesCarryTheirIdentity(t *testing.T) {
	_, saved := localName("a:b\x1b.txt", true)
	_, uploaded := remoteName("a\uFF1Ab.txt", true)
	cases := []struct {
		name string
		n    jobNote
		id   NoteID
		want string
	}{
		{"saved as", saved, NoteSavedAs, `saved as "a：b␛.txt": Windows cannot store the name "a:b\x1b.txt"`},
		{"uploaded as", uploaded, NoteUploadedAs, `uploaded as "a:b.txt", the name it has on the server`},
		{"resumed", partNote(ftpcore.PartDecision{Action: ftpcore.PartResumed, Part: "f.part", Offset: 42}),
			NotePartResumed, "resuming f.part at 42 bytes (checked against the server)"},
		{"larger", partNote(ftpcore.PartDecision{Action: ftpcore.PartRestarted, Part: "f.part", Size: 9, Remote: 5,
			Cause: ftpcore.PartLarger}), NotePartLarger,
			"restarting f.part from the beginning: it holds 9 bytes, more than the remote file's 5"},
		{"older", partNote(ftpcore.PartDecision{Action: ftpcore.PartRestarted, Part: "f.part", Cause: ftpcore.PartOlder}),
			NotePartOlder, "restarting f.part from the beginning: the remote file changed after it was written"},
		{"differs", partNote(ftpcore.PartDecision{Action: ftpcore.PartRestarted, Part: "f.part", Cause: ftpcore.PartDiffers}),
			NotePartDiffers, "restarting f.part from the beginning: its end differs from the remote file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var j Job
			c.n.apply(&j)
			if j.NoteID != c.id || j.Note != c.want {
				t.Errorf("note %s %q, want %s %q", j.NoteID, j.Note, c.id, c.want)
			}
			if strings.ContainsFunc(j.Note, func(r rune) bool { return r < ' ' }) {
				t.Errorf("note %q carries a control character", j.Note)
			}
		})
	}
}

// TestNoteTemplatesRender: NoteIDs lists every note, and each renders as
// text/template (a window's translation layer) renders it.
func TestNoteTemplatesRender(t *testing.T) {
	if got, want := slices.Sorted(slices.Values(NoteIDs())), slices.Sorted(maps.Keys(noteTemplates)); !slices.Equal(got, want) {
		t.Fatalf("NoteIDs %v, templates for %v", got, want)
	}
	for _, id := range NoteIDs() {
		n := newNote(id, "Mapped", "m", "Name", "n", "Part", "p")
		if id == NotePartLarger {
			n = newNote(id, "Part", "p", "Size", "1", "Remote", "2")
		}
		var want bytes.Buffer
		if err := template.Must(template.New("").Option("missingkey=zero").Parse(id.Template())).Execute(&want, n.args.Map()); err != nil {
			t.Fatal(err)
		}
		if got := id.Render(n.args.Map()); got != want.String() {
			t.Errorf("%s: Render %q, text/template %q", id, got, want.String())
		}
	}
}
