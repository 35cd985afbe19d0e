package doctor

import (
	"context"
	"errors"
	"fmt"

	"ferry/ftpcore"
)

// probeLimit opens connections beside the main one, up to the site's
// limit, and reports how many the server accepted at once before a
// refusal (421 at the greeting, or at login for per-user limits).
func (r *runner) probeLimit(ctx context.Context) bool {
	limit := r.opt.MaxConnections
	l := Line{Probe: "limit", Title: msg("doctor.limit.title", "Parallel connections")}
	if r.main == nil && !r.reconnect(ctx) {
		return false
	}
	var open []*session
	defer func() {
		for _, s := range open {
			s.close()
		}
	}()
	accepted := 1 // the main connection
	var refusal error
	for accepted < limit && ctx.Err() == nil {
		s, err := r.login(ctx, r.cfg, r.leaf)
		l.Evidence = append(l.Evidence, fmt.Sprintf("connection %d:", accepted+1))
		if s != nil {
			for _, e := range s.w.take() {
				if len(l.Evidence) < 30 {
					l.Evidence = append(l.Evidence, e)
				}
			}
		}
		if err != nil {
			refusal = err
			break
		}
		open = append(open, s)
		accepted++
	}
	if ctx.Err() != nil {
		return false
	}
	var re *ftpcore.ReplyError
	switch {
	case refusal == nil:
		l.Detail = msg("doctor.limit.ok", "Connections at once: {{.N}} accepted (the site's limit).", "N", accepted)
	case errors.As(refusal, &re) && (re.Code == 421 || re.Code == 530):
		l.Status = Amber
		l.Detail = msg("doctor.limit.reached", "Connections at once: {{.N}} accepted, then the next one was refused ({{.Code}}).", "N", accepted, "Code", re.Code)
		l.Advice, l.Side = msg("doctor.limit.reached.fix", "Set the site's connection limit to {{.N}}, or raise the server's limit per user or address.", "N", accepted), SideClient
	default:
		l.Status = Amber
		l.Detail = msg("doctor.limit.failed", "Connections at once: {{.N}} accepted; the next one failed: {{.Err}}.", "N", accepted, "Err", errText(refusal))
		l.Advice, l.Side = msg("doctor.limit.reached.fix", "Set the site's connection limit to {{.N}}, or raise the server's limit per user or address.", "N", accepted), SideClient
	}
	r.add(l)
	return true
}
