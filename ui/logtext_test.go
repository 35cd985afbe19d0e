package ui

import (
	"bytes"
	"strings"
	"testing"
	"text/template"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/queue"
)

// logMessages returns every engine remark and queue note, ID to English.
func logMessages() map[string]string {
	out := map[string]string{}
	for _, id := range ftpcore.MsgIDs() {
		out[string(id)] = id.Template()
	}
	for _, id := range queue.NoteIDs() {
		out[string(id)] = id.Template()
	}
	return out
}

// TestLogRemarksInFrench drives a real session (EPSV and MLSD refused)
// and renders its remarks through the French table as the log row does:
// Ferry's remarks change language, the server's replies and the commands
// do not, and every remark's English stays in Text for saved logs.
func TestLogRemarksInFrench(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithAnonymous(), ftptest.WithFault(ftptest.Fault{
		Replies: map[string]string{"EPSV": "502 no EPSV here", "MLSD": "500 no MLSD here"},
	}))
	var lines []ftpcore.TranscriptLine
	s, err := ftpcore.Dial(t.Context(), ftpcore.Config{Addr: srv.Addr(), User: "anonymous", Password: "a@b",
		ConnectTimeout: 5 * time.Second, ReplyTimeout: 5 * time.Second,
		Transcript: func(l ftpcore.TranscriptLine) { lines = append(lines, l) }})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.List(t.Context(), "/", ftpcore.ListDirOptions{})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	fr := loadTranslations(t, "log.fr.json")
	french := func(l ftpcore.TranscriptLine) string {
		var b bytes.Buffer
		if err := template.Must(template.New("").Parse(fr[string(l.Msg)])).Execute(&b, l.Args); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	var got []string
	for _, l := range lines {
		if l.Msg == "" {
			if l.Dir == ftpcore.DirInfo || l.Dir == ftpcore.DirError {
				t.Errorf("remark %q has no ID", l.Text)
			}
			if lineText(l) != l.Text {
				t.Errorf("%s line %q shown as %q", l.Dir, l.Text, lineText(l))
			}
			continue
		}
		got = append(got, french(l))
		if l.Text != l.Msg.Render(l.Args) {
			t.Errorf("Text %q is not the English of %s", l.Text, l.Msg)
		}
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"connexion à " + srv.Addr(), "EPSV refusé\u00a0; PASV désormais",
		"MLSD refusé\u00a0; listage avec LIST désormais"} {
		if !strings.Contains(all, want) {
			t.Errorf("French remarks lack %q:\n%s", want, all)
		}
	}
}

// TestQueueNoteInFrench renders a queue note through the French table:
// the queue's words are translated, the names it quotes are kept.
func TestQueueNoteInFrench(t *testing.T) {
	j := queue.Job{State: queue.JobDone, NoteID: queue.NoteUploadedAs,
		NoteArgs: queue.NoteArgs{{Name: "Name", Value: `"a:b.txt"`}}}
	j.Note = j.NoteID.Render(j.NoteArgs.Map())
	if got := noteText(j); got != j.Note {
		t.Errorf("noteText %q, want the English table's %q", got, j.Note)
	}
	fr := loadTranslations(t, "log.fr.json")
	var b bytes.Buffer
	if err := template.Must(template.New("").Parse(fr[string(j.NoteID)])).Execute(&b, j.NoteArgs.Map()); err != nil {
		t.Fatal(err)
	}
	if want := `envoyé sous "a:b.txt", son nom sur le serveur`; b.String() != want {
		t.Errorf("French note %q, want %q", b.String(), want)
	}
	if got := noteText(queue.Job{Note: "free text"}); got != "free text" {
		t.Errorf("a note without ID shows as %q", got)
	}
}
