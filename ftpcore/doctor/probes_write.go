package doctor

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"ferry/ftpcore"
)

// writeTest is the state of the optional write probe: one small file
// uploaded into the folder the user chose, read back and deleted.
type writeTest struct {
	path     string
	payload  []byte
	evidence []string

	failed   Message // the step that failed, empty when none did
	fix      Message
	side     Side
	mayExist bool // a STOR was sent and not refused outright: delete
	deleted  bool
	delErr   string // why DELE did not delete, when it did not

	before, after time.Time // the client's clock around the upload
	mdtm          time.Time // the server's time of the file; zero if unknown
	noMDTM        Message   // why the skew was not measured
}

// writePayload is the test file: text with both line ends and a few
// bytes that an ASCII conversion or a wrong character set would change.
func writePayload(tag string) []byte {
	return []byte("Ferry connection test " + tag + ": delete this file if it is left here.\r\n" +
		"LF line\nCRLF line\r\nbytes: \x00\x01\x7f\x80\xfe\xff\n")
}

// probeWrite runs the write test when Options.WriteDir names a folder:
// STOR of a tiny file, MDTM, SIZE, RETR and a comparison, then DELE in a
// deferred cleanup that runs whatever step failed (and after a cancel),
// so that nothing is left behind unless the server refuses the delete,
// which the line then says. The MDTM of the new file, against the
// client's clock before and after the upload, measures the server's
// clock skew.
func (r *runner) probeWrite(ctx context.Context) bool {
	dir := r.opt.WriteDir
	if dir == "" {
		return true
	}
	l := Line{Probe: "write", Title: msg("doctor.write.title", "Write test in {{.Dir}}", "Dir", dir)}
	sk := Line{Probe: "clock.skew", Title: msg("doctor.skew.title", "Server clock, measured")}
	if r.dataOK == noMethod {
		l.Status, sk.Status = Skipped, Skipped
		l.Detail = msg("doctor.write.nodata", "Not run: no data connection worked.")
		sk.Detail = msg("doctor.skew.nowrite", "Not measured: the test file could not be uploaded.")
		r.add(l)
		r.add(sk)
		return true
	}
	if strings.ContainsAny(dir, "\r\n\x00") {
		l.Status, sk.Status = Red, Skipped
		l.Detail = msg("doctor.write.badname", "Not run: the folder's name contains a line break.")
		l.Advice, l.Side = msg("doctor.write.badname.fix", "Type the folder's name again, on one line."), SideClient
		sk.Detail = msg("doctor.skew.nowrite", "Not measured: the test file could not be uploaded.")
		r.add(l)
		r.add(sk)
		return true
	}
	var tag [6]byte
	_, _ = rand.Read(tag[:])
	name := ".ferry-doctor-" + hex.EncodeToString(tag[:]) + ".tmp"
	wt := &writeTest{path: path.Join(dir, name), payload: writePayload(hex.EncodeToString(tag[:]))}
	func() {
		defer r.writeCleanup(ctx, wt)
		r.writeSteps(ctx, wt)
	}()
	if ctx.Err() != nil {
		return false
	}
	r.add(wt.line(l))
	r.add(wt.skewLine(sk))
	return true
}

// writeSteps uploads, checks and downloads the test file, stopping at the
// first step that fails.
func (r *runner) writeSteps(ctx context.Context, wt *writeTest) {
	if r.main == nil && !r.reconnect(ctx) {
		wt.fail(msg("doctor.write.noconn", "Not run: Ferry could not connect again."), Message{}, SideNone)
		return
	}
	defer func() {
		if r.main != nil {
			wt.evidence = append(wt.evidence, r.main.take()...)
		}
	}()
	if rep, err := r.main.cmd(ctx, "TYPE", "I"); err != nil || rep.Class() != 2 {
		wt.fail(msg("doctor.write.type", "The server refused binary mode (TYPE I): {{.Err}}.", "Err", replyText(rep, err)),
			msg("doctor.data.failed.fix", "Ask the server's administrator about data connections; this card shows the replies."), SideServer)
		return
	}
	o := r.dataOpts(r.dataOK, "STOR", wt.path)
	o.upload = wt.payload
	wt.before = r.opt.Now()
	res := r.transfer(ctx, r.main, r.peer, o)
	wt.after = r.opt.Now()
	var re *ftpcore.ReplyError
	refused := !res.started && res.stage == "reply" && errors.As(res.err, &re)
	wt.mayExist = res.started || (res.stage == "reply" && !refused)
	if res.err != nil {
		r.afterFailedTransfer(ctx, res, wt)
		if ctx.Err() != nil {
			return
		}
		wt.fail(msg("doctor.write.stor", "Uploading {{.Path}} failed: {{.Err}}.", "Path", wt.path, "Err", errText(res.err)),
			msg("doctor.write.stor.fix", "Choose a folder this account may write to, or ask the server's administrator for write permission there."), SideServer)
		return
	}
	if r.has("MDTM") {
		rep, err := r.main.cmd(ctx, "MDTM", wt.path)
		if t, perr := parseMDTM(rep); err == nil && rep.Code == 213 && perr == nil {
			wt.mdtm = t
		} else {
			wt.noMDTM = msg("doctor.skew.mdtmfailed", "Not measured: MDTM gave no time for the test file ({{.Err}}).", "Err", replyText(rep, err))
		}
	} else {
		wt.noMDTM = msg("doctor.skew.nomdtm", "Not measured: the server has no MDTM.")
	}
	if ctx.Err() != nil {
		return
	}
	if r.has("SIZE") {
		rep, err := r.main.cmd(ctx, "SIZE", wt.path)
		if err == nil && rep.Code == 213 && strings.TrimSpace(rep.Message()) != strconv.Itoa(len(wt.payload)) {
			wt.fail(msg("doctor.write.size", "SIZE gives {{.Got}} for the {{.Want}} bytes uploaded.", "Got", strings.TrimSpace(rep.Message()), "Want", len(wt.payload)),
				msg("doctor.write.changed.fix", "The server changes files in binary mode: check its conversion settings (ASCII, character set) for this folder."), SideServer)
			return
		}
	}
	if ctx.Err() != nil {
		return
	}
	res = r.transfer(ctx, r.main, r.peer, r.dataOpts(r.dataOK, "RETR", wt.path))
	if res.err != nil {
		r.afterFailedTransfer(ctx, res, wt)
		if ctx.Err() != nil {
			return
		}
		wt.fail(msg("doctor.write.retr", "Downloading the test file back failed: {{.Err}}.", "Err", errText(res.err)),
			msg("doctor.data.failed.fix", "Ask the server's administrator about data connections; this card shows the replies."), SideServer)
		return
	}
	if !bytes.Equal(res.data, wt.payload) {
		wt.fail(msg("doctor.write.differs", "The test file came back different: {{.Got}} bytes for the {{.Want}} uploaded.", "Got", len(res.data), "Want", len(wt.payload)),
			msg("doctor.write.changed.fix", "The server changes files in binary mode: check its conversion settings (ASCII, character set) for this folder."), SideServer)
	}
}

// afterFailedTransfer brings the main connection back in step after a
// data connection failed, or drops it, its evidence kept, so that the
// next step (the delete) connects again.
func (r *runner) afterFailedTransfer(ctx context.Context, res dataResult, wt *writeTest) {
	if ctx.Err() == nil && res.stage != "command" && !r.main.resync(ctx) {
		r.main.note("the control connection is out of step: Ferry connects again")
		wt.evidence = append(wt.evidence, r.main.take()...)
		r.dropMain()
	}
}

// writeCleanup deletes the test file if the server may have created it.
// It runs after a cancel too, on a connection of its own if need be,
// each wait still bounded by the silence time-out.
func (r *runner) writeCleanup(ctx context.Context, wt *writeTest) {
	if !wt.mayExist {
		return
	}
	cctx := context.WithoutCancel(ctx)
	if ctx.Err() != nil && r.main != nil {
		// The cancel broke the connection's deadlines: start afresh.
		wt.evidence = append(wt.evidence, r.main.take()...)
		r.dropMain()
	}
	if r.main == nil && !r.reconnect(cctx) {
		wt.delErr = "no connection"
		return
	}
	rep, err := r.main.cmd(cctx, "DELE", wt.path)
	wt.evidence = append(wt.evidence, r.main.take()...)
	if err != nil || rep.Class() != 2 {
		wt.delErr = replyText(rep, err)
		if ctx.Err() == nil && err != nil {
			r.dropMain()
		}
		return
	}
	wt.deleted = true
}

// fail records the first failed step.
func (wt *writeTest) fail(detail, fix Message, side Side) {
	if wt.failed.Key == "" {
		wt.failed, wt.fix, wt.side = detail, fix, side
	}
}

// line builds the write test's report line.
func (wt *writeTest) line(l Line) Line {
	l.Evidence = wt.evidence
	switch {
	case wt.failed.Key != "":
		l.Status, l.Detail, l.Advice, l.Side = Red, wt.failed, wt.fix, wt.side
	default:
		l.Detail = msg("doctor.write.ok", "{{.Path}}: {{.Size}} bytes uploaded and read back identical.", "Path", wt.path, "Size", len(wt.payload))
	}
	switch {
	case wt.deleted:
		l.Detail = msg("doctor.write.deleted", "{{.Before}} The test file was deleted.", "Before", l.Detail)
	case !wt.mayExist:
		l.Detail = msg("doctor.write.nothing", "{{.Before}} Nothing was created on the server.", "Before", l.Detail)
	default:
		if l.Status == Green {
			l.Status = Amber
		}
		l.Detail = msg("doctor.write.left", "{{.Before}} Ferry could not delete the test file {{.Path}} ({{.Err}}): it is still on the server.",
			"Before", l.Detail, "Path", wt.path, "Err", wt.delErr)
		if l.Status == Amber {
			l.Advice, l.Side = msg("doctor.write.left.fix", "Delete {{.Path}} by hand; this account may upload into that folder but not delete there.", "Path", wt.path), SideServer
		}
	}
	return l
}

// skewLine compares the test file's MDTM (UTC, RFC 3659 §3) with the
// client's clock before and after the upload. MDTM gives whole seconds,
// so the lower bound is the second the upload started in.
func (wt *writeTest) skewLine(l Line) Line {
	if wt.mdtm.IsZero() {
		l.Status = Skipped
		l.Detail = wt.noMDTM
		if l.Detail.Key == "" {
			l.Detail = msg("doctor.skew.nowrite", "Not measured: the test file could not be uploaded.")
		}
		return l
	}
	lo, hi := wt.before.UTC().Truncate(time.Second), wt.after.UTC()
	var skew time.Duration
	switch {
	case wt.mdtm.Before(lo):
		skew = wt.mdtm.Sub(lo)
	case wt.mdtm.After(hi):
		skew = wt.mdtm.Sub(hi)
	}
	l.Evidence = []string{
		fmt.Sprintf("upload: between %s and %s UTC on this computer's clock", lo.Format("2006-01-02 15:04:05"), hi.Format("2006-01-02 15:04:05.000")),
		fmt.Sprintf("MDTM of the test file: %s UTC", wt.mdtm.Format("2006-01-02 15:04:05")),
	}
	shown := skew.Round(time.Second)
	switch {
	case skew > skewLimit:
		l.Status = Amber
		l.Detail = msg("doctor.skew.ahead", "The server's clock is {{.Skew}} ahead of this computer's (the test file's MDTM against the time of its upload).", "Skew", shown.String())
	case skew < -skewLimit:
		l.Status = Amber
		l.Detail = msg("doctor.skew.behind", "The server's clock is {{.Skew}} behind this computer's (the test file's MDTM against the time of its upload).", "Skew", (-shown).String())
	default:
		l.Detail = msg("doctor.skew.ok", "The server's clock agrees with this computer's within {{.Limit}} (off by {{.Skew}}; the test file's MDTM against the time of its upload).",
			"Limit", skewLimit.String(), "Skew", shown.String())
	}
	if l.Status == Amber {
		l.Advice, l.Side = msg("doctor.skew.fix", "Set the server's clock right (NTP), or this computer's if it is the one that is wrong: until then, comparing and synchronising by date go wrong by that much."), SideServer
	}
	return l
}

// parseMDTM reads a 213 reply's time: YYYYMMDDHHMMSS in UTC, perhaps
// with a fraction of a second, which is dropped.
func parseMDTM(rep ftpcore.Reply) (time.Time, error) {
	s := strings.TrimSpace(rep.Message())
	if len(s) < 14 {
		return time.Time{}, fmt.Errorf("mdtm %q: too short", s)
	}
	return time.Parse("20060102150405", s[:14])
}

// replyText names what came back for a command: the reply, or the error.
func replyText(rep ftpcore.Reply, err error) string {
	if err != nil {
		return errText(err)
	}
	return strconv.Itoa(rep.Code) + " " + rep.Message()
}
