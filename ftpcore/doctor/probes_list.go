package doctor

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"ferry/ftpcore/listing"
)

// zoneStep is what a time-zone offset is rounded to: zones are whole
// quarter hours.
const zoneStep = 15 * time.Minute

// skewLimit is how far in the future a file's time may be before the
// server's clock is suspect.
const skewLimit = 5 * time.Minute

var unixLine = regexp.MustCompile(`^[-dlcbps][-rwxsStT]{9}`)
var dosLine = regexp.MustCompile(`^\d\d-\d\d-\d\d(\d\d)?\s`)

// probeListing lists the home folder as Ferry would (MLSD when FEAT offers
// MLST, else LIST), parses it, and compares a file's time with MDTM.
func (r *runner) probeListing(ctx context.Context) bool {
	l := Line{Probe: "listing", Title: msg("doctor.listing.title", "Directory listing")}
	if r.dataOK == noMethod {
		l.Status = Skipped
		l.Detail = msg("doctor.listing.nodata", "Not run: no data connection worked.")
		r.add(l)
		return true
	}
	if r.main == nil && !r.reconnect(ctx) {
		return false
	}
	verb := "LIST"
	if r.has("MLST") {
		verb = "MLSD"
	}
	res := r.transfer(ctx, r.main, r.peer, r.dataOpts(r.dataOK, verb, ""))
	if res.err != nil && verb == "MLSD" && res.stage == "reply" && (res.reply.Code == 500 || res.reply.Code == 502) {
		verb = "LIST"
		res = r.transfer(ctx, r.main, r.peer, r.dataOpts(r.dataOK, verb, ""))
	}
	if res.err != nil && ctx.Err() == nil && res.stage != "command" && !r.main.resync(ctx) {
		defer r.dropMain()
	}
	l.Evidence = r.main.take()
	if res.err != nil {
		if ctx.Err() != nil {
			return false
		}
		l.Status = Red
		l.Detail = msg("doctor.listing.failed", "{{.Verb}} failed: {{.Err}}.", "Verb", verb, "Err", errText(res.err))
		l.Advice, l.Side = msg("doctor.data.failed.fix", "Ask the server's administrator about data connections; this card shows the replies."), SideServer
		r.add(l)
		return true
	}
	popt := listing.Options{Now: r.opt.Now(), ServerType: listing.ServerTypeFromSYST(r.syst)}
	if verb == "MLSD" {
		popt.ServerType = listing.ServerMLSD
	}
	parsed, err := listing.Parse(bytes.NewReader(res.data), popt)
	if err != nil {
		l.Status = Red
		l.Detail = msg("doctor.listing.unreadable", "The listing could not be read: {{.Err}}.", "Err", err.Error())
		r.add(l)
		return true
	}
	format := formatOf(verb, parsed)
	lines := len(parsed.Entries) + len(parsed.Unparsed) + parsed.Skipped
	for _, u := range parsed.Unparsed {
		if len(l.Evidence) < 40 {
			l.Evidence = append(l.Evidence, "unparsed: "+u.Text)
		}
	}
	l.Detail = msg("doctor.listing.ok", "{{.Verb}}, {{.Format}} format: {{.Parsed}} entries from {{.Lines}} lines, {{.Unparsed}} not understood.",
		"Verb", verb, "Format", format, "Parsed", len(parsed.Entries), "Lines", lines, "Unparsed", len(parsed.Unparsed))
	if verb == "LIST" && r.has("MLST") {
		l.Status = Amber
	}
	if verb == "LIST" && !r.has("MLST") {
		l.Detail = msg("doctor.listing.nomlsd", "{{.Before}} The server has no MLSD: file times are read from LIST, in the server's time zone.", "Before", l.Detail)
	}
	if len(parsed.Unparsed) > 0 {
		l.Status = Amber
		l.Advice, l.Side = msg("doctor.listing.unparsed.fix", "Send this card to Ferry's developers: the lines marked unparsed are in a format Ferry does not know."), SideClient
	}
	r.add(l)
	r.probeClock(ctx, verb, parsed)
	return ctx.Err() == nil
}

// formatOf names the listing format of the first parsed entry.
func formatOf(verb string, res *listing.Result) string {
	if verb == "MLSD" {
		return "MLSD"
	}
	for _, e := range res.Entries {
		raw := strings.TrimSpace(e.Raw)
		switch {
		case unixLine.MatchString(raw):
			return "Unix"
		case dosLine.MatchString(raw):
			return "DOS/IIS"
		case strings.HasPrefix(raw, "+"):
			return "EPLF"
		}
		return "other"
	}
	return "empty"
}

// probeClock compares a file's listing time with its MDTM (always UTC,
// RFC 3659 §2.3): the difference is the zone LIST uses. A file dated in
// the future says the server's clock is ahead.
func (r *runner) probeClock(ctx context.Context, verb string, res *listing.Result) {
	l := Line{Probe: "clock", Title: msg("doctor.clock.title", "Time zone and clock")}
	if !r.has("MDTM") {
		l.Status = Skipped
		l.Detail = msg("doctor.clock.nomdtm", "Not checked: the server has no MDTM.")
		r.add(l)
		return
	}
	want := listing.PrecisionMinute
	var file *listing.Entry
	// The newest file: it tells the most about the server's clock.
	for i := range res.Entries {
		e := &res.Entries[i]
		if e.Type == listing.TypeFile && !e.Unsafe && e.Precision >= want && !e.ModTime.IsZero() &&
			(file == nil || e.ModTime.After(file.ModTime)) {
			file = e
		}
	}
	if file == nil {
		l.Status = Skipped
		l.Detail = msg("doctor.clock.nofile", "Not checked: the listing has no file with a time of day.")
		r.add(l)
		return
	}
	rep, err := r.main.cmd(ctx, "MDTM", file.Name)
	l.Evidence = r.main.take()
	if err != nil || rep.Code != 213 {
		l.Status = Skipped
		l.Detail = msg("doctor.clock.mdtmfailed", "Not checked: MDTM gave no time for {{.Name}}.", "Name", file.Name)
		r.add(l)
		return
	}
	mdtm, err := time.Parse("20060102150405", strings.TrimSpace(rep.Message())[:min(14, len(strings.TrimSpace(rep.Message())))])
	if err != nil {
		l.Status = Skipped
		l.Detail = msg("doctor.clock.mdtmfailed", "Not checked: MDTM gave no time for {{.Name}}.", "Name", file.Name)
		r.add(l)
		return
	}
	listed := file.ModTime.UTC()
	offset := listed.Sub(mdtm.Truncate(time.Minute)).Round(zoneStep)
	l.Evidence = append(l.Evidence, fmt.Sprintf("listing: %s; MDTM: %s UTC", listed.Format("2006-01-02 15:04"), mdtm.Format("2006-01-02 15:04:05")))
	switch {
	case offset == 0:
		l.Detail = msg("doctor.clock.utc", "{{.Verb}} and MDTM agree on {{.Name}}: the listing is in UTC.", "Verb", verb, "Name", file.Name)
	case verb == "MLSD":
		l.Status = Amber
		l.Detail = msg("doctor.clock.mlsd", "MLSD and MDTM disagree by {{.Offset}} on {{.Name}}, though both should be UTC.", "Offset", signed(offset), "Name", file.Name)
		l.Advice, l.Side = msg("doctor.clock.mlsd.fix", "The server reports times inconsistently: tell its administrator; Ferry uses MLSD's times."), SideServer
	default:
		l.Status = Amber
		l.Detail = msg("doctor.clock.zone", "The listing shows {{.Name}} {{.Offset}} from its MDTM time: the server lists in UTC{{.Offset}}.", "Name", file.Name, "Offset", signed(offset))
		l.Advice, l.Side = msg("doctor.clock.zone.fix", "Set the site's server time zone to UTC{{.Offset}}, so that Ferry shows and compares times correctly.", "Offset", signed(offset)), SideClient
	}
	// Without the write test, a file dated in the future is the only
	// hint at the server's clock: a guess, since the file's time may
	// have been set by whoever uploaded it. The write test measures it.
	if ahead := mdtm.Sub(r.opt.Now()); ahead > skewLimit && r.opt.WriteDir == "" {
		l.Status = Amber
		l.Evidence = append(l.Evidence, fmt.Sprintf("client clock: %s UTC", r.opt.Now().UTC().Format("2006-01-02 15:04:05")))
		l.Detail = msg("doctor.clock.ahead", "{{.Before}} {{.Name}} is dated {{.Ahead}} in the future: the server's clock seems ahead. This is only a guess from one file's date; the write test measures the clock.", "Before", l.Detail, "Name", file.Name, "Ahead", ahead.Round(time.Minute).String())
		l.Advice, l.Side = msg("doctor.clock.ahead.fix", "Set the server's clock right (NTP); synchronising by date may copy files again."), SideServer
	}
	r.add(l)
}

// signed formats an offset as "+02:00" or "-05:30".
func signed(d time.Duration) string {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	return fmt.Sprintf("%s%02d:%02d", sign, int(d.Hours()), int(d.Minutes())%60)
}
