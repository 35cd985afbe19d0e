package ui

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/localfs"
	"ferry/ftpcore/queue"
)

// errorText says what went wrong in the user's language. The engine's
// errors are English and technical; the ones a user meets are recognised
// here with errors.Is and errors.As and put in words. A server's refusal
// keeps the server's own words. Anything else is shown as it came.
func errorText(err error) string {
	var reply *ftpcore.ReplyError
	var proto *ftpcore.ProtocolError
	for _, k := range knownErrors() {
		if errors.Is(err, k.err) {
			return withDetail(lang.L(k.text), err.Error(), k.err.Error())
		}
	}
	switch {
	case errors.As(err, &reply):
		return lang.X("error.reply", "The server refused ({{.Code}} {{.Msg}})",
			map[string]any{"Code": strconv.Itoa(reply.Code), "Msg": reply.Msg})
	case errors.As(err, &proto):
		return lang.X("error.protocol", "The server's reply breaks the protocol: {{.Msg}}",
			map[string]any{"Msg": proto.Msg})
	}
	return err.Error()
}

// withDetail appends to a translated sentence what the full message
// adds to the error it stands for (the names, the path), so that nothing
// the user needs is lost in translation.
func withDetail(sentence, full, known string) string {
	rest := strings.Replace(full, ": "+known+": ", ": ", 1) // known in the middle of a chain
	if rest == full {
		rest = strings.Replace(full, known, "", 1)
	}
	detail := dialDetail(strings.TrimSpace(strings.Trim(rest, ": ")))
	if detail == "" {
		return sentence
	}
	return sentence + " (" + detail + ")"
}

// dialWords is what Go's dialler says around a connection refused or
// unreachable, once the reason is cut off: `dial "host:21": dial tcp
// 10.0.0.1:21: connect`, or without the first part.
var dialWords = regexp.MustCompile(`^(?:dial "([^"]+)": )?dial tcp[46]? (\S+): connect$`)

// dialDetail keeps of dialWords the address dialled (and the address it
// resolved to, when that differs); other details are kept whole.
func dialDetail(detail string) string {
	m := dialWords.FindStringSubmatch(detail)
	switch {
	case m == nil:
		return detail
	case m[1] == "" || m[1] == m[2]:
		return m[2]
	}
	return m[1] + ", " + m[2]
}

// whatFailed joins what the user was doing and why it failed, with the
// language's punctuation ("Cannot delete: …", "Impossible de supprimer : …").
func whatFailed(what string, err error) string {
	return lang.X("error.what", "{{.What}}: {{.Why}}", map[string]any{"What": what, "Why": errorText(err)})
}

type knownError struct {
	err  error
	text string
}

// knownErrors pairs errors with their English text, the translation key.
func knownErrors() []knownError {
	return []knownError{
		{ftpcore.ErrTLSUnavailable, "The server does not offer TLS."},
		{ftpcore.ErrCertificateRejected, "The server's certificate is not trusted."},
		{ftpcore.ErrSizeMismatch, "The size transferred differs from the size on the server."},
		{ftpcore.ErrASCIIResume, "A transfer in ASCII mode cannot be resumed."},
		{ftpcore.ErrClosed, "The connection is closed."},
		{ftpcore.ErrUnsafeArgument, "The name holds a line break, which FTP cannot send."},
		{ftpcore.ErrNotFTPURL, "This is not an ftp://, ftpes:// or ftps:// address."},
		{ftpcore.ErrFXPNoTLSHandoff, "The servers cannot protect a connection between themselves."},
		{ftpcore.ErrFXPMixedProtection, "Only one of the two servers protects its data connections."},
		{queue.ErrDiskFull, "The local disk is full."},
		{queue.ErrUnsafePath, "The server sent a file name that is not safe to use."},
		{ftpcore.ErrLinkOutside, "A link that leads outside the folder: not sent."},
		{queue.ErrLinkNotFollowed, "A link to a folder: not followed."},
		{queue.ErrSiteUnavailable, "Not connected to this server."},
		{syscall.ECONNREFUSED, "The server refused the connection."},
		{syscall.EHOSTUNREACH, "The server cannot be reached."},
		{syscall.ENETUNREACH, "The network cannot be reached."},
		{os.ErrDeadlineExceeded, "The server did not answer in time."},
		{context.DeadlineExceeded, "The server did not answer in time."},
		{fs.ErrNotExist, "The file or folder does not exist."},
		{fs.ErrPermission, "Permission denied."},
		{fs.ErrExist, "A file or folder of that name already exists."},
		{localfs.ErrIntoItself, "A folder cannot be copied into itself or into one of its own folders."},
		{errUnknownSite, "There are no saved sites in this session."},
		{errUnsafeLocalName, "The file name is not safe to send to a server."},
		{ErrMasterPasswordCancelled, "A master password is needed to read or save passwords."},
		{errLinkedMissing, "There is no such folder on the other side."},
		{errNoServer, "The active pane shows no server."},
		{errBadNumber, "That is not a whole number."},
		{errSyncNeedsServer, "Synchronising needs a server in at least one pane."},
	}
}
