package ftpcore

import (
	"slices"
	"strings"
	"time"
)

// MsgID names one of the engine's own transcript remarks (the lines of
// direction DirInfo and DirError), so that a window can show the remark in
// its user's language while TranscriptLine.Text keeps the English for a
// terminal and for saved logs. The ID is also the translation key. A
// MsgID is a constant: safe for concurrent use.
type MsgID string

// The engine's remarks. Each one's English template is MsgID.Template.
const (
	MsgConnecting        MsgID = "remark.connecting"
	MsgDisconnected      MsgID = "remark.disconnected"
	MsgConnectionFailed  MsgID = "remark.connection-failed"
	MsgNotEncrypted      MsgID = "remark.not-encrypted"
	MsgTLSSession        MsgID = "remark.tls-session"
	MsgCertNotVerified   MsgID = "remark.cert-not-verified"
	MsgEPSVRefused       MsgID = "remark.epsv-refused"
	MsgPASVReplaced      MsgID = "remark.pasv-replaced"
	MsgMLSDRefused       MsgID = "remark.mlsd-refused"
	MsgListARefused      MsgID = "remark.list-a-refused"
	MsgNoResume          MsgID = "remark.no-resume"
	MsgDataCloseFailed   MsgID = "remark.data-close-failed"
	MsgResyncAbort       MsgID = "remark.resync-abort"
	MsgResyncDataFailed  MsgID = "remark.resync-data-failed"
	MsgFXPDirection      MsgID = "remark.fxp-direction"
	MsgFXPPASVReplaced   MsgID = "remark.fxp-pasv-replaced"
	MsgFXPRelay          MsgID = "remark.fxp-relay"
	MsgFXPRelayAllowed   MsgID = "remark.fxp-relay-allowed"
	MsgFXPClearData      MsgID = "remark.fxp-clear-data"
	MsgFXPReprotect      MsgID = "remark.fxp-reprotect-failed"
	MsgFXPSSCNOff        MsgID = "remark.fxp-sscn-off-failed"
	MsgFXPAbortUnsent    MsgID = "remark.fxp-abort-unsent"
	MsgFXPAbortEnded     MsgID = "remark.fxp-abort-ended"
	MsgFXPAbortCancelled MsgID = "remark.fxp-abort-cancelled"
	MsgFXPAbortNoReply   MsgID = "remark.fxp-abort-no-reply"
	MsgFXPAbortFailed    MsgID = "remark.fxp-abort-failed"
	MsgPipelineRetry     MsgID = "remark.pipeline-retry"
	MsgPipelineOff       MsgID = "remark.pipeline-off"
	MsgModTimeRefused    MsgID = "remark.mod-time-refused"
)

// msgTemplates holds the English of every remark, placeholders written
// as text/template and Fyne's lang write them. It is never written to.
var msgTemplates = map[MsgID]string{
	MsgConnecting:        "connecting to {{.Addr}}",
	MsgDisconnected:      "disconnected",
	MsgConnectionFailed:  "{{.Err}}",
	MsgNotEncrypted:      "NOT ENCRYPTED: the server refused AUTH TLS ({{.Reply}}); going on in clear text",
	MsgTLSSession:        "{{.Version}}, {{.Cipher}}",
	MsgCertNotVerified:   "certificate not verified: {{.Err}}; fingerprint {{.Fingerprint}}",
	MsgEPSVRefused:       "EPSV refused; using PASV from now on",
	MsgPASVReplaced:      "server announced {{.Announced}}; connecting to {{.Target}} instead",
	MsgMLSDRefused:       "MLSD refused; listing with LIST from now on",
	MsgListARefused:      "LIST -a refused; listing without hidden files",
	MsgNoResume:          "server cannot resume; downloading from the start",
	MsgDataCloseFailed:   "closing the data connection: {{.Err}}",
	MsgResyncAbort:       "a cancelled transfer started on the server; aborting it",
	MsgResyncDataFailed:  "completing the cancelled transfer's data connection: {{.Err}}",
	MsgFXPDirection:      "fxp: {{.PasvVerb}} on {{.Passive}}, {{.PortVerb}} on {{.Active}}",
	MsgFXPPASVReplaced:   "server announced {{.Announced}}; the other server is told {{.Target}} instead",
	MsgFXPRelay:          "server-to-server copy impossible ({{.Err}}); relaying through the client",
	MsgFXPRelayAllowed:   "relaying through the client, as allowed",
	MsgFXPClearData:      "data between the servers goes in clear text (PROT C) for this copy, as allowed",
	MsgFXPReprotect:      "could not protect data connections again: {{.Err}}",
	MsgFXPSSCNOff:        "SSCN OFF failed: {{.Err}}",
	MsgFXPAbortUnsent:    "aborting: the other server's command could not be sent",
	MsgFXPAbortEnded:     "aborting: {{.Server}} ended {{.Verb}} without success",
	MsgFXPAbortCancelled: "aborting: cancelled",
	MsgFXPAbortNoReply:   "aborting: no reply in time",
	MsgFXPAbortFailed:    "sending ABOR: {{.Err}}",
	MsgPipelineRetry:     "the server does not answer commands sent together in turn; reconnecting to send one at a time",
	MsgPipelineOff:       "EPSV refused with the transfer command sent behind it; sending one at a time",
	MsgModTimeRefused:    "the uploaded file keeps the server's time: {{.Err}}",
}

// MsgIDs returns every remark the engine can write, sorted, for a
// translation table to be checked against. Safe for concurrent use.
func MsgIDs() []MsgID {
	ids := make([]MsgID, 0, len(msgTemplates))
	for id := range msgTemplates {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Template returns the remark's English template, "" for an unknown ID.
// Placeholders are {{.Name}}, as text/template and Fyne's lang.X write
// them. Safe for concurrent use.
func (id MsgID) Template() string { return msgTemplates[id] }

// Render fills the remark's English template with args, keyed by
// placeholder name; a placeholder without an argument renders empty.
// Safe for concurrent use.
func (id MsgID) Render(args map[string]string) string {
	return FillTemplate(id.Template(), args)
}

// FillTemplate replaces each {{.Name}} in tmpl with args[Name], as
// text/template would for these simple placeholders; it understands
// nothing else, which is all the engine's messages use. Safe for
// concurrent use.
func FillTemplate(tmpl string, args map[string]string) string {
	var b strings.Builder
	for {
		start := strings.Index(tmpl, "{{.")
		if start < 0 {
			break
		}
		end := strings.Index(tmpl[start:], "}}")
		if end < 0 {
			break
		}
		b.WriteString(tmpl[:start])
		b.WriteString(args[tmpl[start+3:start+end]])
		tmpl = tmpl[start+end+2:]
	}
	b.WriteString(tmpl)
	return b.String()
}

// remark writes one of the engine's own remarks to the transcript: its
// ID, its arguments (name, value, name, value...) and its English text.
// The arguments are escaped (Printable) as log escapes a line: a reply, a
// name or an error among them comes from the server, and a window fills
// its own template with them.
func (s *Session) remark(d Direction, id MsgID, kv ...string) {
	if s.cfg.Transcript == nil {
		return
	}
	args := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i]] = Printable(kv[i+1])
	}
	s.cfg.Transcript(TranscriptLine{Time: time.Now(), Session: s.cfg.Name, Dir: d,
		Text: id.Render(args), Msg: id, Args: args})
}
