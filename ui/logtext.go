package ui

import (
	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/queue"
)

// lineText is a log line's text as the window shows it: the engine's own
// remarks in the user's language, from their ID and arguments; commands,
// replies and the window's own lines (written translated) as they came.
// Arguments from a server reach the template escaped, as Text has them.
func lineText(t ftpcore.TranscriptLine) string {
	tmpl := t.Msg.Template()
	if tmpl == "" {
		return t.Text
	}
	return flatText(lang.X(string(t.Msg), tmpl, t.Args))
}

// noteText is a job's note in the user's language: what the queue did on
// its own (a name mapped, a .part resumed or restarted).
func noteText(j queue.Job) string {
	tmpl := j.NoteID.Template()
	if tmpl == "" {
		return j.Note
	}
	return flatText(lang.X(string(j.NoteID), tmpl, j.NoteArgs.Map()))
}
