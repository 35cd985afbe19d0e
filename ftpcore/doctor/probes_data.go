package doctor

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net/netip"

	"ferry/ftpcore"
)

// probeData opens one data connection of each kind, each carrying a real
// listing of the home folder.
func (r *runner) probeData(ctx context.Context) bool {
	var protected []*tls.ConnectionState
	for _, m := range []dataMethod{viaEPSV, viaPASV, viaEPRT, viaPORT} {
		if ctx.Err() != nil {
			return false
		}
		if r.main == nil && !r.reconnect(ctx) {
			return false
		}
		res := r.transfer(ctx, r.main, r.peer, r.dataOpts(m, "LIST", ""))
		if res.err != nil && res.stage != "command" && ctx.Err() == nil && !r.main.resync(ctx) {
			r.main.note("the control connection is out of step: Ferry connects again")
			defer r.dropMain()
		}
		l := r.dataLine(res)
		l.Evidence = r.main.take()
		r.add(l)
		if res.err == nil {
			r.dataOK = r.preferred(r.dataOK, m)
			if res.tlsState != nil {
				protected = append(protected, res.tlsState)
			}
		}
	}
	if r.secure {
		r.add(tlsDataLine(protected))
	}
	return ctx.Err() == nil
}

// preferred keeps the first method that worked in the site's data mode,
// or any method when none of that mode did.
func (r *runner) preferred(cur, m dataMethod) dataMethod {
	wantPassive := r.cfg.DataMode != ftpcore.Active
	if cur == noMethod || (cur.passive() != wantPassive && m.passive() == wantPassive) {
		return m
	}
	return cur
}

// dataOpts builds the options of one data connection on the main session.
func (r *runner) dataOpts(m dataMethod, verb, arg string) dataOpts {
	o := dataOpts{method: m, verb: verb, arg: arg, trustPAS: r.cfg.UsePASVAddress,
		listener: r.cfg.Listener, dialer: r.cfg.Dialer, announce: r.local}
	if r.cfg.ActiveExternalIP != "" {
		if a, err := netip.ParseAddr(r.cfg.ActiveExternalIP); err == nil {
			o.announce = a.Unmap()
		}
	}
	if r.secure {
		o.protect = r.tlsConf
	}
	return o
}

// dataLine turns the result of one data connection into a report line.
func (r *runner) dataLine(res dataResult) Line {
	m := res.method.String()
	l := Line{Probe: "data." + lower(m), Title: msg("doctor.data.title", "Data connection with {{.Method}}", "Method", m)}
	if res.err == nil {
		l.Detail = msg("doctor.data.ok", "A listing came through: {{.Lines}} line(s).", "Lines", bytes.Count(res.data, []byte("\n")))
		if res.method == viaPASV {
			r.pasvAddress(&l, res)
		}
		return l
	}
	l.Status = Red
	switch {
	case res.stage == "command" && res.method == viaEPSV:
		l.Status = Amber
		l.Detail = msg("doctor.epsv.refused", "The server refused EPSV ({{.Code}}): Ferry falls back to PASV.", "Code", res.reply.Code)
		l.Advice, l.Side = msg("doctor.epsv.refused.fix", "Enable EPSV on the server: it is needed for IPv6 and passes NAT routers more easily."), SideServer
	case res.stage == "command" && res.method.passive():
		l.Detail = msg("doctor.passive.refused", "The server refused {{.Method}}: {{.Err}}.", "Method", m, "Err", errText(res.err))
		l.Advice, l.Side = msg("doctor.passive.refused.fix", "Enable passive mode on the server, or use active mode in the site."), SideServer
	case res.stage == "command":
		l.Detail = msg("doctor.active.refused", "The server refused {{.Method}}: {{.Err}}.", "Method", m, "Err", errText(res.err))
		l.Advice, l.Side = msg("doctor.active.refused.fix", "Use passive mode in the site; or allow active mode on the server."), SideClient
	case res.stage == "connect" && res.method.passive():
		l.Detail = msg("doctor.passive.filtered", "The server named port {{.Port}}, and nothing answered there: {{.Err}}.", "Port", res.target.Port(), "Err", errText(res.err))
		l.Advice, l.Side = msg("doctor.passive.filtered.fix", "Open the server's passive port range in its firewall (and set that range in the server's configuration); or use active mode in the site."), SideNetwork
	case res.stage == "connect":
		l.Detail = msg("doctor.active.unreachable", "The server could not connect back to {{.Addr}}: {{.Err}}.", "Addr", res.announced.String(), "Err", errText(res.err))
		l.Advice, l.Side = msg("doctor.active.unreachable.fix", "A firewall or NAT router in front of this computer blocks incoming connections: use passive mode, or set the external address and an open port range in the settings."), SideClient
	case res.stage == "reply" && errors.Is(res.err, errSilence):
		l.Detail = msg("doctor.data.silent", "The listing never came: nothing answered on the data connection for {{.Timeout}}.", "Timeout", r.opt.ProbeTimeout)
		if res.method.passive() {
			l.Advice, l.Side = msg("doctor.passive.filtered.fix", "Open the server's passive port range in its firewall (and set that range in the server's configuration); or use active mode in the site."), SideNetwork
		} else {
			l.Advice, l.Side = msg("doctor.active.unreachable.fix", "A firewall or NAT router in front of this computer blocks incoming connections: use passive mode, or set the external address and an open port range in the settings."), SideClient
		}
	case res.stage == "tls":
		l.Detail = msg("doctor.data.tls", "The data connection's TLS handshake failed: {{.Err}}.", "Err", errText(res.err))
		l.Advice, l.Side = msg("doctor.data.tls.fix", "Check the server's TLS settings for data connections, or report this to Ferry with this card."), SideServer
	default:
		l.Detail = msg("doctor.data.failed", "The listing failed: {{.Err}}.", "Err", errText(res.err))
		l.Advice, l.Side = msg("doctor.data.failed.fix", "Ask the server's administrator about data connections; this card shows the replies."), SideServer
	}
	if res.method == viaPASV && res.announced.IsValid() && classify(res.announced.Addr(), r.peer) != addrOwn &&
		(res.stage == "connect" || res.stage == "reply" && errors.Is(res.err, errSilence)) {
		// A server behind NAT that names its private address usually
		// has its passive ports closed on the router too.
		r.pasvAddress(&l, res)
		l.Advice, l.Side = msg("doctor.pasv.nat.fix", "The server is behind NAT: set its public address for passive mode (vsftpd: pasv_address, ProFTPD: MasqueradeAddress, Pure-FTPd: -P) and forward its passive port range on the router and firewall; or use active mode in the site."), SideServer
	}
	return l
}

// pasvAddress adds what PASV's address was to a data line.
func (r *runner) pasvAddress(l *Line, res dataResult) {
	a := res.announced.Addr()
	switch classify(a, r.peer) {
	case addrOwn:
		l.Detail = msg("doctor.pasv.own", "{{.Before}} PASV named the server's own address.", "Before", l.Detail)
	case addrPrivate:
		if l.Status == Green {
			l.Status = Amber
		}
		l.Detail = msg("doctor.pasv.private", "{{.Before}} PASV named the private address {{.Addr}}; Ferry connected to {{.Peer}} instead.",
			"Before", l.Detail, "Addr", a.String(), "Peer", r.peer.String())
		if l.Advice.Key == "" || l.Status == Amber {
			l.Advice, l.Side = msg("doctor.pasv.private.fix", "Set the server's public address for passive mode (vsftpd: pasv_address, ProFTPD: MasqueradeAddress, Pure-FTPd: -P)."), SideServer
		}
	case addrForeign:
		if l.Status == Green {
			l.Status = Amber
		}
		l.Detail = msg("doctor.pasv.foreign", "{{.Before}} PASV named another host, {{.Addr}}; Ferry connected to {{.Peer}} instead.",
			"Before", l.Detail, "Addr", a.String(), "Peer", r.peer.String())
		if l.Advice.Key == "" || l.Status == Amber {
			l.Advice, l.Side = msg("doctor.pasv.private.fix", "Set the server's public address for passive mode (vsftpd: pasv_address, ProFTPD: MasqueradeAddress, Pure-FTPd: -P)."), SideServer
		}
	}
	if !res.replaced && classify(a, r.peer) != addrOwn {
		l.Detail = msg("doctor.pasv.trusted", "{{.Before}} (The site trusts PASV's address, so Ferry connected there.)", "Before", l.Detail)
	}
}

// tlsDataLine sums up TLS on the data connections that worked.
func tlsDataLine(states []*tls.ConnectionState) Line {
	l := Line{Probe: "tls.data", Title: msg("doctor.tlsdata.title", "TLS on data connections")}
	if len(states) == 0 {
		l.Status = Red
		l.Detail = msg("doctor.tlsdata.none", "No protected data connection worked.")
		l.Advice, l.Side = msg("doctor.data.failed.fix", "Ask the server's administrator about data connections; this card shows the replies."), SideServer
		return l
	}
	resumed := 0
	for _, cs := range states {
		if cs.DidResume {
			resumed++
		}
	}
	cs := states[0]
	l.Detail = msg("doctor.tlsdata.ok", "Protected ({{.Version}}); {{.Resumed}} of {{.Total}} resumed the control connection's session.",
		"Version", tls.VersionName(cs.Version), "Resumed", resumed, "Total", len(states))
	return l
}

func lower(s string) string { return string(bytes.ToLower([]byte(s))) }
