package ftptest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// dataSource is where the next data connection comes from: a passive
// listener, or an address to dial for active mode. Each PASV, EPSV, PORT or
// EPRT serves one transfer, as with vsftpd.
type dataSource struct {
	ln     net.Listener
	active string
}

func (d *dataSource) close() {
	if d.ln != nil {
		d.ln.Close()
	}
	*d = dataSource{}
}

func (d dataSource) ready() bool { return d.ln != nil || d.active != "" }

// take hands the source to a transfer and forgets it.
func (c *session) takeData() dataSource {
	d := c.data
	c.data = dataSource{}
	return d
}

func hostOf(a net.Addr) string {
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// listenPassive replaces the pending data source by a listener on the
// control connection's local address.
func (c *session) listenPassive() (*net.TCPAddr, error) {
	c.data.close()
	var lc net.ListenConfig
	if sp := c.srv.currentFault().Slow; sp != nil {
		// Set before the connection exists, so that the handshake
		// announces them.
		lc.Control = func(_, _ string, rc syscall.RawConn) error {
			// Best effort: a system that refuses an option keeps a
			// faster link, and the fault still slows the stream.
			return rc.Control(func(fd uintptr) { _ = shapeLink(fd, max(4*sp.Bytes, 16<<10)) })
		}
	}
	ln, err := lc.Listen(c.srv.ctx, "tcp", net.JoinHostPort(hostOf(c.raw.LocalAddr()), "0"))
	if err != nil {
		return nil, fmt.Errorf("passive listen: %w", err)
	}
	c.data = dataSource{ln: ln}
	return ln.Addr().(*net.TCPAddr), nil
}

func (c *session) cmdPASV(string) bool {
	if c.epsvAll {
		c.reply(500, "PASV not allowed after EPSV ALL.")
		return false
	}
	addr, err := c.listenPassive()
	if err != nil || addr.IP.To4() == nil {
		c.data.close()
		c.reply(425, "Could not enter passive mode.")
		return false
	}
	ip := c.pasvIP(addr.IP.To4())
	c.reply(227, fmt.Sprintf("Entering Passive Mode (%d,%d,%d,%d,%d,%d).",
		ip[0], ip[1], ip[2], ip[3], addr.Port>>8, addr.Port&0xFF))
	return false
}

func (c *session) cmdEPSV(arg string) bool {
	switch strings.ToUpper(strings.TrimSpace(arg)) {
	case "ALL":
		c.epsvAll = true
		c.reply(200, "EPSV ALL ok.")
		return false
	case "", "1", "2":
	default:
		c.reply(522, "Bad network protocol.")
		return false
	}
	addr, err := c.listenPassive()
	if err != nil {
		c.reply(425, "Could not enter passive mode.")
		return false
	}
	c.reply(229, fmt.Sprintf("Entering Extended Passive Mode (|||%d|)", addr.Port))
	return false
}

// setActive records an active-mode address after the checks real servers
// make; verb is "PORT" or "EPRT" for the refusal text.
func (c *session) setActive(verb string, ip net.IP, port int) {
	if c.epsvAll {
		c.reply(500, verb+" not allowed after EPSV ALL.")
		return
	}
	foreign := !ip.Equal(net.ParseIP(hostOf(c.raw.RemoteAddr())))
	if port <= 0 || port > 0xFFFF || (foreign && c.srv.currentFault().RefuseForeignPORT) {
		c.reply(500, "Illegal "+verb+" command.")
		return
	}
	c.data.close()
	c.data = dataSource{active: net.JoinHostPort(ip.String(), strconv.Itoa(port))}
	if verb == "PORT" {
		c.reply(200, "PORT command successful. Consider using PASV.")
	} else {
		c.reply(200, "EPRT command successful. Consider using EPSV.")
	}
}

func (c *session) cmdPORT(arg string) bool {
	fields := strings.Split(strings.TrimSpace(arg), ",")
	var n [6]int
	ok := len(fields) == 6
	for i := 0; ok && i < 6; i++ {
		v, err := strconv.Atoi(strings.TrimSpace(fields[i]))
		ok = err == nil && v >= 0 && v <= 255
		n[i] = v
	}
	if !ok {
		c.reply(500, "Illegal PORT command.")
		return false
	}
	c.setActive("PORT", net.IPv4(byte(n[0]), byte(n[1]), byte(n[2]), byte(n[3])), n[4]<<8|n[5])
	return false
}

// cmdEPRT parses RFC 2428 "|proto|addr|port|" with any delimiter.
func (c *session) cmdEPRT(arg string) bool {
	arg = strings.TrimSpace(arg)
	if len(arg) < 2 {
		c.reply(500, "Illegal EPRT command.")
		return false
	}
	parts := strings.Split(arg, arg[:1])
	if len(parts) != 5 || parts[0] != "" || parts[4] != "" {
		c.reply(500, "Illegal EPRT command.")
		return false
	}
	if parts[1] != "1" && parts[1] != "2" {
		c.reply(522, "Bad network protocol.")
		return false
	}
	ip := net.ParseIP(parts[2])
	port, err := strconv.Atoi(parts[3])
	if ip == nil || err != nil || (parts[1] == "1") != (ip.To4() != nil) {
		c.reply(500, "Illegal EPRT command.")
		return false
	}
	c.setActive("EPRT", ip, port)
	return false
}

// errNoDataConn means the data connection could not be established.
var errNoDataConn = errors.New("data connection not established")

// openData establishes the data connection of one transfer, within the
// server's data timeout; cancelling ctx (ABOR) stops the wait at once.
func (s *Server) openData(ctx context.Context, src dataSource) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.dataTimeout)
	defer cancel()
	if f := s.cfg.dataFilter; f != nil && f(src.ln != nil) {
		defer src.close()
		return nil, s.filtered(ctx)
	}
	if src.ln != nil {
		defer src.ln.Close()
		stop := context.AfterFunc(ctx, func() { src.ln.Close() })
		defer stop()
		conn, err := src.ln.Accept()
		if err != nil {
			return nil, fmt.Errorf("%w: accept: %w", errNoDataConn, err)
		}
		return conn, nil
	}
	d := net.Dialer{Timeout: s.cfg.dataTimeout, KeepAlive: -1}
	conn, err := d.DialContext(ctx, "tcp", src.active)
	if err != nil {
		return nil, fmt.Errorf("%w: dial %s: %w", errNoDataConn, src.active, err)
	}
	return conn, nil
}

// pacer throttles a data stream to a rate in bytes per second.
type pacer struct {
	rate  int64
	start time.Time
	done  int64
}

func newPacer(rate int64) *pacer { return &pacer{rate: rate, start: time.Now()} }

// chunk is the largest piece to move at once: small enough to keep a
// throttled stream smooth.
func (p *pacer) chunk() int {
	const full = 32 << 10
	if p.rate <= 0 {
		return full
	}
	return int(min(max(p.rate/20, 1), full))
}

// wait accounts n bytes and sleeps until the rate allows more.
func (p *pacer) wait(ctx context.Context, n int) error {
	p.done += int64(n)
	if p.rate <= 0 {
		return nil
	}
	due := p.start.Add(time.Duration(float64(p.done) / float64(p.rate) * float64(time.Second)))
	d := time.Until(due)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
