package doctor

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ferry/ftpcore"
)

// probeResolve looks the host up, unless it is an address already.
func (r *runner) probeResolve(ctx context.Context) bool {
	host, port, err := net.SplitHostPort(r.cfg.Addr)
	if err != nil {
		host, port = strings.Trim(r.cfg.Addr, "[]"), strconv.Itoa(r.cfg.TLS.DefaultPort())
	}
	r.host, r.addr = host, net.JoinHostPort(host, port)
	r.addHost(host)
	l := Line{Probe: "resolve", Title: msg("doctor.resolve.title", "Name resolution")}
	if host == "" {
		l.Status, l.Detail = Red, msg("doctor.resolve.nohost", "No host name given.")
		l.Advice, l.Side = msg("doctor.resolve.nohost.fix", "Enter the server's host name in the site."), SideClient
		r.add(l)
		return false
	}
	if a, err := netip.ParseAddr(host); err == nil {
		l.Detail = msg("doctor.resolve.literal", "{{.Host}} is an address: nothing to resolve.", "Host", a.String())
		r.add(l)
		return true
	}
	rctx, _, cancel := r.silence().context(ctx)
	defer cancel()
	start := time.Now()
	addrs, err := r.opt.Resolver.LookupNetIP(rctx, "ip", host)
	took := time.Since(start)
	if err != nil || len(addrs) == 0 {
		if ctx.Err() != nil {
			return false
		}
		l.Status = Red
		l.Evidence = []string{"lookup " + host + ": " + errText(err)}
		l.Detail = msg("doctor.resolve.failed", "{{.Host}} could not be resolved.", "Host", host)
		l.Advice, l.Side = msg("doctor.resolve.failed.fix", "Check the spelling of the host name, or the name server of this computer."), SideNetwork
		r.add(l)
		return false
	}
	var list []string
	for _, a := range addrs {
		list = append(list, a.Unmap().String())
		r.addHost(a.Unmap().String())
	}
	l.Evidence = []string{"lookup " + host + ": " + strings.Join(list, ", ")}
	l.Detail = msg("doctor.resolve.ok", "{{.Host}} is {{.Addrs}} ({{.Took}}).", "Host", host,
		"Addrs", strings.Join(list, ", "), "Took", round(took))
	r.add(l)
	return true
}

// probeConnect opens the control connection and times it.
func (r *runner) probeConnect(ctx context.Context) bool {
	l := Line{Probe: "connect", Title: msg("doctor.connect.title", "TCP connection")}
	c, took, err := r.dial(ctx, r.cfg.Dialer, r.addr)
	if err != nil {
		if ctx.Err() != nil {
			return false
		}
		l.Status = Red
		l.Evidence = []string{"connect " + r.addr + ": " + errText(err)}
		if errors.Is(err, syscall.ECONNREFUSED) {
			l.Detail = msg("doctor.connect.refused", "{{.Addr}} refused the connection: no FTP server listens on that port.", "Addr", r.addr)
			l.Advice, l.Side = msg("doctor.connect.refused.fix", "Check the port in the site (21 for ftp:// and ftpes://, 990 for ftps://), or start the server."), SideClient
		} else {
			l.Detail = msg("doctor.connect.silent", "{{.Addr}} did not answer within {{.Timeout}}.", "Addr", r.addr, "Timeout", r.opt.ProbeTimeout)
			l.Advice, l.Side = msg("doctor.connect.silent.fix", "A firewall drops the connection: open the port on the server's firewall, or check the host and port."), SideNetwork
		}
		r.add(l)
		return false
	}
	r.main = newWire(c, r.silence())
	r.peer = addrOfConn(c.RemoteAddr())
	r.local = addrOfConn(c.LocalAddr())
	r.addHost(r.peer.String())
	l.Evidence = []string{"connect " + r.addr + ": " + c.LocalAddr().String() + " → " + c.RemoteAddr().String()}
	l.Detail = msg("doctor.connect.ok", "Connected to {{.Addr}} in {{.Took}}.", "Addr", r.addr, "Took", round(took))
	r.add(l)
	return true
}

// probeGreeting reads the 220, after the TLS handshake with implicit TLS.
func (r *runner) probeGreeting(ctx context.Context) bool {
	if r.cfg.TLS == ftpcore.TLSImplicit && !r.handshake(ctx, "implicit TLS") {
		return false
	}
	l := Line{Probe: "greeting", Title: msg("doctor.greeting.title", "Greeting")}
	rep, err := r.main.read(ctx)
	for err == nil && rep.Code == 120 {
		rep, err = r.main.read(ctx)
	}
	l.Evidence = r.main.take()
	switch {
	case ctx.Err() != nil:
		return false
	case err != nil:
		l.Status = Red
		l.Detail = msg("doctor.greeting.none", "No greeting: {{.Err}}.", "Err", errText(err))
		l.Advice, l.Side = msg("doctor.greeting.none.fix", "Something else than an FTP server answers on this port, or the server is overloaded. With port 990 use ftps://."), SideClient
	case rep.Code != 220:
		l.Status = Red
		l.Detail = msg("doctor.greeting.refused", "The server refused the connection ({{.Code}}).", "Code", rep.Code)
		l.Advice, l.Side = msg("doctor.greeting.refused.fix", "The server is full or refuses this address: try later, or ask its administrator."), SideServer
	default:
		l.Detail = msg("doctor.greeting.ok", "The server says hello (220).")
	}
	r.add(l)
	if l.Status == Red {
		r.dropMain()
		return false
	}
	r.readFeatures(ctx, false)
	return true
}

// probeLogin logs in, then reads the home folder and SYST.
func (r *runner) probeLogin(ctx context.Context) bool {
	l := Line{Probe: "login", Title: msg("doctor.login.title", "Login")}
	user := r.cfg.User
	pass := r.cfg.Password
	if user == "" {
		user = "anonymous"
		if pass == "" {
			pass = ftpcore.DefaultAnonymousPass
		}
	}
	rep, err := r.main.cmd(ctx, "USER", user)
	if err == nil && rep.Code == 331 {
		rep, err = r.main.cmd(ctx, "PASS", pass)
	}
	if err == nil && rep.Code == 332 && r.cfg.Account != "" {
		rep, err = r.main.cmd(ctx, "ACCT", r.cfg.Account)
	}
	if ctx.Err() != nil {
		return false
	}
	l.Evidence = r.main.take()
	switch {
	case err != nil:
		l.Status = Red
		l.Detail = msg("doctor.login.broken", "The login got no answer: {{.Err}}.", "Err", errText(err))
		l.Advice, l.Side = msg("doctor.login.broken.fix", "The server closed or stalled the connection at login: ask its administrator."), SideServer
	case rep.Class() != 2:
		l.Status = Red
		l.Detail = msg("doctor.login.refused", "{{.User}} was refused ({{.Code}}).", "User", user, "Code", rep.Code)
		l.Advice, l.Side = msg("doctor.login.refused.fix", "Check the user name and password in the site."), SideClient
	default:
		l.Detail = msg("doctor.login.ok", "Logged in as {{.User}}.", "User", user)
	}
	r.add(l)
	if l.Status == Red {
		r.dropMain()
		return false
	}
	if r.secure {
		_, _ = r.main.cmd(ctx, "PBSZ", "0")
		rep, err := r.main.cmd(ctx, "PROT", "P")
		ev := r.main.take()
		if err != nil || rep.Class() != 2 {
			r.add(Line{Probe: "tls.prot", Status: Amber, Evidence: ev,
				Title:  msg("doctor.prot.title", "Protected data connections"),
				Detail: msg("doctor.prot.refused", "The server refused PROT P: file data would travel in clear."),
				Advice: msg("doctor.prot.refused.fix", "Allow protected data connections (PROT P) on the server."), Side: SideServer})
			r.secure = false
		}
	}
	r.probeHome(ctx)
	if len(r.feats) == 0 {
		r.readFeatures(ctx, true)
	}
	r.probeSYST(ctx)
	return ctx.Err() == nil && r.main != nil
}

func (r *runner) probeHome(ctx context.Context) {
	l := Line{Probe: "home", Title: msg("doctor.home.title", "Home folder")}
	rep, err := r.main.cmd(ctx, "PWD", "")
	l.Evidence = r.main.take()
	if err != nil || rep.Code != 257 {
		l.Status = Amber
		l.Detail = msg("doctor.home.unknown", "The server did not name the home folder.")
		l.Advice, l.Side = msg("doctor.home.unknown.fix", "Set the start folder in the site."), SideClient
	} else {
		r.home = quoted(rep.Message())
		l.Detail = msg("doctor.home.ok", "The session starts in {{.Dir}}.", "Dir", r.home)
	}
	r.add(l)
}

func (r *runner) probeSYST(ctx context.Context) {
	l := Line{Probe: "syst", Title: msg("doctor.syst.title", "System type (SYST)")}
	rep, err := r.main.cmd(ctx, "SYST", "")
	l.Evidence = r.main.take()
	if err != nil || rep.Class() != 2 {
		l.Detail = msg("doctor.syst.none", "The server does not name its system; Ferry detects the listing format line by line.")
	} else {
		r.syst = rep.Message()
		l.Detail = msg("doctor.syst.ok", "{{.Syst}}", "Syst", r.syst)
	}
	r.add(l)
}

// dropMain closes the main connection after a failure.
func (r *runner) dropMain() {
	if r.main != nil {
		r.main.close()
		r.main = nil
	}
}

func addrOfConn(a net.Addr) netip.Addr {
	if ta, ok := a.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(ta.IP); ok {
			return ip.Unmap()
		}
	}
	if ap, err := netip.ParseAddrPort(a.String()); err == nil {
		return ap.Addr().Unmap()
	}
	return netip.Addr{}
}

// quoted returns the path of a 257 reply (RFC 959 appendix II).
func quoted(text string) string {
	i := strings.IndexByte(text, '"')
	if i < 0 {
		return ""
	}
	var b strings.Builder
	for j := i + 1; j < len(text); j++ {
		if text[j] == '"' {
			if j+1 < len(text) && text[j+1] == '"' {
				b.WriteByte('"')
				j++
				continue
			}
			break
		}
		b.WriteByte(text[j])
	}
	return b.String()
}

func errText(err error) string {
	if err == nil {
		return "no result"
	}
	if errors.Is(err, errSilence) {
		return "no answer"
	}
	return err.Error()
}

func round(d time.Duration) string {
	if d < time.Millisecond {
		return d.Round(time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}
