package doctor

import (
	"context"
	"errors"
	"net/netip"

	"ferry/ftpcore"
)

// foreignProbeAddr is a TEST-NET-1 address (RFC 5737): no host has it.
// PORT naming it tests a server's bounce protection; no transfer command
// follows, so nothing is ever connected to it.
var foreignProbeAddr = netip.AddrPortFrom(netip.AddrFrom4([4]byte{192, 0, 2, 1}), 2121)

// probeFXP checks server-to-server copies against the peer: each server
// in turn is told with PORT to connect to the other's passive port, and
// both send a listing over that connection, so nothing is written. When
// both servers are on the client's own address (the same machine), their
// bounce protection cannot tell, and PORT to a TEST-NET address shows it.
func (r *runner) probeFXP(ctx context.Context) bool {
	if r.opt.Peer == nil {
		return true
	}
	peerCfg := *r.opt.Peer
	r.addHost(hostOnly(peerCfg.Addr))
	a, err := r.login(ctx, r.cfg, r.leaf)
	if err != nil {
		return r.fxpSkipped(ctx, a, err)
	}
	defer a.close()
	b, err := r.login(ctx, peerCfg, nil)
	if err != nil {
		return r.fxpSkipped(ctx, b, err)
	}
	defer b.close()
	a.w.take()
	b.w.take()
	for _, s := range []*session{a, b} {
		if s.tlsConf != nil {
			// Both servers would act as TLS servers on one connection:
			// without SSCN the data of an FXP probe goes in clear.
			if rep, err := s.w.cmd(ctx, "PROT", "C"); err != nil || rep.Class() != 2 {
				l := Line{Probe: "fxp", Status: Amber, Evidence: s.w.take(), Title: msg("doctor.fxp.title", "FXP (server to server)"),
					Detail: msg("doctor.fxp.protc", "A server refuses clear data connections; FXP between these two needs SSCN or CPSV."),
					Advice: msg("doctor.fxp.protc.fix", "Ferry relays the data through this computer when FXP fails."), Side: SideServer}
				r.add(l)
				return true
			}
		}
	}
	r.add(r.fxpDirection(ctx, a, b, "fxp.port", msg("doctor.fxp.port.title", "FXP: this server connects to the other one (PORT)")))
	r.add(r.fxpDirection(ctx, b, a, "fxp.pasv", msg("doctor.fxp.pasv.title", "FXP: the other server connects to this one (PASV)")))
	if ctx.Err() != nil {
		return false
	}
	if classify(addrOfConn(b.w.nc.RemoteAddr()), addrOfConn(a.w.nc.LocalAddr())) == addrOwn {
		r.add(r.fxpForeign(ctx, a))
	}
	return ctx.Err() == nil
}

// fxpDirection has act connect to pas's passive port; both list.
func (r *runner) fxpDirection(ctx context.Context, act, pas *session, probe string, title Message) Line {
	l := Line{Probe: probe, Title: title}
	rep, err := pas.w.cmd(ctx, "PASV", "")
	var ap netip.AddrPort
	if err == nil && rep.Code == 227 {
		ap, err = ftpcore.ParsePASV(rep.Message())
	} else if err == nil {
		err = replyErr("PASV", rep)
	}
	if err == nil {
		if arg, ferr := ftpcore.FormatPORT(ap); ferr != nil {
			err = ferr
		} else if rep, err = act.w.cmd(ctx, "PORT", arg); err == nil && rep.Class() != 2 {
			err = replyErr("PORT", rep)
		}
	}
	if err == nil {
		err = bothList(ctx, act.w, pas.w)
	}
	actName, pasName := "this: ", "other: "
	if probe == "fxp.pasv" {
		actName, pasName = pasName, actName
	}
	l.Evidence = append(prefixed(pasName, pas.w.take()), prefixed(actName, act.w.take())...)
	if err == nil {
		l.Detail = msg("doctor.fxp.ok", "Both listings went across server to server.")
		return l
	}
	l.Status = Amber
	l.Detail = msg("doctor.fxp.refused", "Refused: {{.Err}}.", "Err", errText(err))
	l.Advice, l.Side = msg("doctor.fxp.refused.fix", "Ferry relays such copies through this computer (slower). To allow FXP, let the server accept foreign addresses (vsftpd: pasv_promiscuous and port_promiscuous, ProFTPD: AllowForeignAddress)."), SideServer
	return l
}

// bothList sends LIST on both sessions and reads both final replies.
func bothList(ctx context.Context, x, y *wire) error {
	var errs []error
	rx, ex := x.cmd(ctx, "LIST", "")
	ry, ey := y.cmd(ctx, "LIST", "")
	if ex == nil {
		rx, ex = x.final(ctx, rx)
	}
	if ey == nil {
		ry, ey = y.final(ctx, ry)
	}
	for _, p := range []struct {
		r   ftpcore.Reply
		err error
	}{{rx, ex}, {ry, ey}} {
		switch {
		case p.err != nil:
			errs = append(errs, p.err)
		case p.r.Class() != 2:
			errs = append(errs, replyErr("LIST", p.r))
		}
	}
	return errors.Join(errs...)
}

// fxpForeign asks the server to accept PORT to an address that is not the
// client's, then drops it: no transfer command follows.
func (r *runner) fxpForeign(ctx context.Context, s *session) Line {
	l := Line{Probe: "fxp.foreign", Title: msg("doctor.fxp.foreign.title", "FXP: PORT to a foreign address")}
	arg, _ := ftpcore.FormatPORT(foreignProbeAddr)
	rep, err := s.w.cmd(ctx, "PORT", arg)
	l.Evidence = s.w.take()
	switch {
	case err != nil:
		l.Status = Skipped
		l.Detail = msg("doctor.fxp.foreign.noanswer", "Not decided: {{.Err}}.", "Err", errText(err))
	case rep.Class() == 2:
		l.Detail = msg("doctor.fxp.foreign.ok", "Accepted (no connection was made): FXP works with servers elsewhere.")
	default:
		l.Status = Amber
		l.Detail = msg("doctor.fxp.foreign.refused", "Refused ({{.Code}}): FXP works only with servers on this computer's address; Ferry relays other copies.", "Code", rep.Code)
		l.Advice, l.Side = msg("doctor.fxp.refused.fix", "Ferry relays such copies through this computer (slower). To allow FXP, let the server accept foreign addresses (vsftpd: pasv_promiscuous and port_promiscuous, ProFTPD: AllowForeignAddress)."), SideServer
	}
	return l
}

func (r *runner) fxpSkipped(ctx context.Context, s *session, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	l := Line{Probe: "fxp", Status: Skipped, Title: msg("doctor.fxp.title", "FXP (server to server)"),
		Detail: msg("doctor.fxp.noconn", "Not checked: {{.Err}}.", "Err", errText(err))}
	if s != nil {
		l.Evidence = s.w.take()
	}
	r.add(l)
	return true
}

func prefixed(p string, lines []string) []string {
	out := make([]string, len(lines))
	for i, s := range lines {
		out[i] = p + s
	}
	return out
}
