package ftptest

import (
	"context"
	"net"
	"net/netip"
	"time"
)

// Faults of the network between client and server, and of the server's
// own view of it, as the connection doctor meets them: a server behind
// NAT, a firewall that drops the data ports, a listing in local time.

// WithPASVAddress makes PASV name addr instead of the address the server
// listens on, as a server behind NAT without its public address
// configured names its private one (10.0.0.5, 192.168.1.2). The port is
// the real one, so a client that replaces the address still connects.
func WithPASVAddress(addr netip.Addr) Option {
	return func(c *config) { c.pasvAddress = addr.Unmap() }
}

// WithListingOffset shows times in LIST shifted by d, as a server that
// lists in its local time zone (UTC+2 for d = 2h) while MDTM and MLSD
// answer in UTC as RFC 3659 asks.
func WithListingOffset(d time.Duration) Option {
	return func(c *config) { c.listOffset = d }
}

// WithFilteredData makes data connections go unanswered, as behind a
// firewall that drops the data ports: a passive port is announced but the
// server never serves a connection made to it (the kernel still completes
// the TCP handshake), and an active one is never dialled. The transfer
// command then gets no reply until the data timeout or ABOR. filter is
// asked, from the server's goroutine, each time a transfer needs its data
// connection, passive or not; when it returns true that connection is
// ignored. It is the test's hook: it can act at that moment (cancel, run
// a time-out out) instead of waiting on a timer, and filter only some
// connections (a firewall that drops only the passive ports).
func WithFilteredData(filter func(passive bool) bool) Option {
	return func(c *config) { c.dataFilter = filter }
}

// pasvIP returns the address PASV names for a listener on ip.
func (c *session) pasvIP(ip net.IP) net.IP {
	if a := c.srv.cfg.pasvAddress; a.IsValid() && a.Is4() {
		b := a.As4()
		return net.IP(b[:])
	}
	return ip
}

// filtered waits as a transfer behind a filtering firewall does: until the
// data timeout or the transfer's end.
func (s *Server) filtered(ctx context.Context) error {
	<-ctx.Done()
	return errNoDataConn
}
