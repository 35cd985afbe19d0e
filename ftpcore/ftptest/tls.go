package ftptest

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"strings"
	"testing"
	"time"
)

// NewTLSConfig generates, at test time, a throw-away CA and a server
// certificate it signed for 127.0.0.1, ::1 and localhost. It returns the
// server configuration for WithTLS or WithImplicitTLS and a pool holding
// the CA, for the clients' tls.Config.RootCAs, so that tests verify
// certificates instead of skipping verification.
func NewTLSConfig(t testing.TB) (*tls.Config, *x509.CertPool) {
	t.Helper()
	now := time.Now()
	return newTLSConfigValid(t, now.Add(-time.Hour), now.Add(24*time.Hour))
}

// cmdAUTH upgrades the control connection (RFC 4217 4): 234, then the
// handshake on the same socket.
func (c *session) cmdAUTH(arg string) bool {
	mech := strings.ToUpper(strings.TrimSpace(arg))
	switch {
	case c.srv.cfg.tlsConfig == nil:
		c.reply(500, "Unknown command.")
		return false
	case c.secure:
		c.reply(534, "Already using TLS.")
		return false
	case mech != "TLS" && mech != "TLS-C" && mech != "SSL":
		c.reply(504, "Unknown AUTH type.")
		return false
	}
	c.reply(234, "Proceed with negotiation.")
	tc := tls.Server(c.raw, c.srv.cfg.tlsConfig)
	ctx, cancel := context.WithTimeout(c.srv.ctx, c.srv.cfg.dataTimeout)
	defer cancel()
	if err := tc.HandshakeContext(ctx); err != nil {
		return true
	}
	c.setConn(tc)
	c.secure = true
	c.nextReader = bufio.NewReader(tc)
	return false
}

func (c *session) cmdPBSZ(arg string) bool {
	if !c.secure {
		c.reply(503, "PBSZ not allowed on insecure control connection.")
		return false
	}
	c.reply(200, "PBSZ set to 0.")
	return false
}

func (c *session) cmdPROT(arg string) bool {
	if !c.secure {
		c.reply(503, "PROT not allowed on insecure control connection.")
		return false
	}
	switch strings.ToUpper(strings.TrimSpace(arg)) {
	case "P":
		c.protP = true
		c.reply(200, "PROT now Private.")
	case "C":
		c.protP = false
		c.reply(200, "PROT now Clear.")
	case "S", "E":
		c.reply(536, "PROT level not supported.")
	default:
		c.reply(504, "Bad PROT command.")
	}
	return false
}
