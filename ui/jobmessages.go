package ui

import (
	"regexp"
	"strings"

	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore/queue"
)

// jobMessageKeys are the fixed reasons the queue gives for a skipped or
// stopped job. The queue keeps them in English in its saved state; the
// window shows them translated.
var jobMessageKeys = []string{
	queue.ErrDestinationExists.Error(),
	"the destination is as new as the source",
	"the destination has the same size",
	"the destination is already complete",
	queue.ErrResumeLarger.Error(),
	queue.ErrJobCancelled.Error(),
}

// jobMessageText translates a job's reason when it is one of the queue's
// fixed messages; the start of a longer message (a disk full, say) is
// translated and the server's own words after it are left as they came.
func jobMessageText(msg string) string {
	for _, k := range jobMessageKeys {
		if msg == k {
			return lang.L(k)
		}
	}
	if rest, ok := strings.CutPrefix(msg, queue.ErrDiskFull.Error()+"; nothing was overwritten: "); ok {
		return lang.L("the disk is full; nothing was overwritten:") + " " + rest
	}
	// The job keeps its error as text: a server's refusal and the errors
	// errorText knows are recognised by their words, as errorText would
	// put them, the server's own words kept.
	if m := replyInMessage.FindStringSubmatch(msg); m != nil {
		return lang.X("error.reply", "The server refused ({{.Code}} {{.Msg}})", map[string]any{"Code": m[1], "Msg": m[2]})
	}
	for _, k := range knownErrors() {
		if known := k.err.Error(); strings.Contains(msg, known) {
			return withDetail(lang.L(k.text), msg, known)
		}
	}
	return msg
}

// replyInMessage finds a server's refusal (a ReplyError's text) at the end
// of a job's error: "retr "/f": ftp: RETR: 550 Permission denied".
var replyInMessage = regexp.MustCompile(`(?:^|: )ftp: (?:[A-Z]+: )?([1-5][0-9][0-9]) (.*)$`)
