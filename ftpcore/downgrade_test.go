package ftpcore

import (
	"crypto/tls"
	"errors"
	"slices"
	"strings"
	"testing"

	"ferry/ftpcore/ftptest"
)

// refuseAUTH is the fault of a server, or of someone answering for it,
// that refuses AUTH TLS.
var refuseAUTH = ftptest.RefuseTLS()

// A site on "TLS if available" whose AUTH TLS is refused goes on in clear
// text only out loud: the session says so (PlainFallback) and the
// transcript has an error line. A site whose server offered TLS before
// refuses to go on, before the password is sent.
func TestTLSDowngrade(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	srv := newServer(t, ftptest.WithTLS(serverConf), ftptest.WithFault(refuseAUTH))

	var log testLog
	cfg := testConfig(srv, &log)
	cfg.TLS = TLSExplicitIfAvailable
	cfg.TLSConfig = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	s := dialT(t, cfg)
	if s.Secure() || !strings.HasPrefix(s.PlainFallback(), "500") {
		t.Fatalf("Secure %v, PlainFallback %q; want a plain session that says why", s.Secure(), s.PlainFallback())
	}
	if !strings.Contains(log.String(), "NOT ENCRYPTED") {
		t.Errorf("no warning in the transcript:\n%s", log.String())
	}

	before := len(srv.Commands())
	cfg.RefuseDowngrade = true
	_, err := Dial(t.Context(), cfg)
	if !errors.Is(err, ErrTLSDowngrade) || !strings.Contains(err.Error(), "plain FTP") {
		t.Fatalf("Dial = %v, want ErrTLSDowngrade telling how to allow clear text", err)
	}
	if slices.ContainsFunc(srv.Commands()[before:], func(c string) bool { return strings.HasPrefix(c, "PASS") || strings.HasPrefix(c, "USER") }) {
		t.Fatalf("logged in after the refusal: %q", srv.Commands()[before:])
	}

	srv.SetFault(ftptest.Fault{})
	s = dialT(t, cfg)
	if !s.Secure() || s.PlainFallback() != "" {
		t.Fatalf("with TLS offered: Secure %v, PlainFallback %q", s.Secure(), s.PlainFallback())
	}
}
