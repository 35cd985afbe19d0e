package doctor

import (
	"context"
	"errors"

	"ferry/ftpcore"
)

// probeTLSReuse checks, on a connection of its own, whether the server
// refuses a protected data connection that does not resume the control
// connection's TLS session (vsftpd's require_ssl_reuse, ProFTPD's
// default). Ferry always resumes, so either answer is fine: the line says
// which, because other clients and scripts fail on such servers.
func (r *runner) probeTLSReuse(ctx context.Context) bool {
	if !r.secure || r.dataOK == noMethod {
		return true
	}
	l := Line{Probe: "tls.reuse", Title: msg("doctor.reuse.title", "TLS session reuse on data connections")}
	s, err := r.login(ctx, r.cfg, r.leaf)
	if err != nil || s.tlsConf == nil {
		if ctx.Err() != nil {
			return false
		}
		l.Status = Skipped
		if s != nil {
			l.Evidence = s.w.take()
		}
		l.Detail = msg("doctor.reuse.noconn", "Not checked: a second protected connection could not be opened ({{.Err}}).", "Err", errText(err))
		r.add(l)
		return true
	}
	defer s.close()
	s.w.take()
	fresh := s.tlsConf.Clone()
	fresh.ClientSessionCache = nil
	fresh.SessionTicketsDisabled = true
	o := r.dataOpts(r.dataOK, "LIST", "")
	o.protect = fresh
	res := r.transfer(ctx, s.w, addrOfConn(s.w.nc.RemoteAddr()), o)
	l.Evidence = s.w.take()
	if ctx.Err() != nil {
		return false
	}
	switch {
	case res.err == nil:
		l.Detail = msg("doctor.reuse.notrequired", "Not required: a data connection with a new TLS session was accepted.")
	case res.stage == "tls" || res.stage == "transfer" || res.stage == "reply" && isRefusal(res.err):
		l.Detail = msg("doctor.reuse.required", "Required: the server refuses a data connection that does not resume the control connection's TLS session. Ferry resumes it; other clients may fail here.")
	default:
		l.Status = Skipped
		l.Detail = msg("doctor.reuse.unclear", "Not decided: the test connection failed otherwise ({{.Err}}).", "Err", errText(res.err))
	}
	r.add(l)
	return true
}

func isRefusal(err error) bool {
	var re *ftpcore.ReplyError
	return errors.As(err, &re) && re.Code >= 400
}
