package ftpcore

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// newTLSPair is newFXPPair with explicit FTPS on the servers that get it.
func newTLSPair(t *testing.T, tlsA, tlsB bool, aOpts, bOpts []ftptest.Option) *fxpPair {
	t.Helper()
	conf, pool := ftptest.NewTLSConfig(t)
	p := &fxpPair{dialer: &countingDialer{}}
	start := func(on bool, opts []ftptest.Option) (*ftptest.Server, TLSMode) {
		opts = append([]ftptest.Option{ftptest.WithUser("ferry", "secret"), ftptest.WithDataTimeout(time.Second)}, opts...)
		if on {
			return ftptest.NewServer(t, append(opts, ftptest.WithTLS(conf))...), TLSExplicit
		}
		return ftptest.NewServer(t, opts...), TLSNone
	}
	dial := func(srv *ftptest.Server, mode TLSMode, name string) *Session {
		s, err := Dial(t.Context(), Config{
			Addr: srv.Addr(), User: "ferry", Password: "secret", Name: name, TLS: mode,
			TLSConfig: &tls.Config{RootCAs: pool}, Dialer: p.dialer, ReplyTimeout: 5 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	var ma, mb TLSMode
	p.a, ma = start(tlsA, aOpts)
	p.b, mb = start(tlsB, bOpts)
	p.left, p.righ = dial(p.a, ma, "left"), dial(p.b, mb, "right")
	return p
}

func TestFXPTLSWithoutHandoffAsksForClearData(t *testing.T) {
	for _, allow := range []bool{false, true} {
		t.Run(map[bool]string{false: "refused", true: "allowed"}[allow], func(t *testing.T) {
			p := newTLSPair(t, true, true, nil, nil)
			data := testkit.RandomBytes(t, 200<<10)
			testkit.PutFile(t, p.a, "/s.bin", data, time.Time{})
			var reason error
			res, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{
				AllowClearData: func(_ context.Context, why error) (bool, error) { reason = why; return allow, nil },
			})
			if !errors.Is(reason, ErrFXPNoTLSHandoff) || !strings.Contains(reason.Error(), `asked "left" and "right"`) {
				t.Errorf("asked with %v", reason)
			}
			for _, srv := range []*ftptest.Server{p.a, p.b} {
				if indexOf(srv.Commands(), "SSCN OFF") < 0 {
					t.Errorf("SSCN not probed: %q", srv.Commands())
				}
			}
			if !allow {
				if !errors.Is(err, ErrFXPNoTLSHandoff) {
					t.Fatalf("error %v, want ErrFXPNoTLSHandoff", err)
				}
				if indexOf(p.b.Commands(), "STOR") >= 0 {
					t.Error("STOR sent although clear data was refused")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.TLS != "clear" || !bytes.Equal(testkit.GetFile(t, p.b, "/d.bin"), data) {
				t.Fatalf("result %+v or content wrong", res)
			}
			for _, srv := range []*ftptest.Server{p.a, p.b} {
				cmds := srv.Commands()
				c, pp := indexOf(cmds, "PROT C"), strings.Join(cmds, "|")
				if c < 0 || !strings.Contains(pp[strings.Index(pp, "PROT C"):], "PROT P") {
					t.Errorf("PROT C then PROT P expected: %q", cmds)
				}
			}
			// The sessions protect their own data connections again.
			var buf bytes.Buffer
			if _, err := p.righ.Retrieve(t.Context(), "/d.bin", &buf, TransferOptions{Type: TypeBinary}); err != nil || !p.righ.protP {
				t.Fatalf("TLS download after the copy: %v (protP %v)", err, p.righ.protP)
			}
		})
	}
}

func TestFXPTLSNegotiatesSSCNOnTheConnectingServer(t *testing.T) {
	// ftptest knows no SSCN: the right server pretends to. Both then play
	// TLS server on the data connection, which fails; what is checked is
	// the negotiation and that SSCN is switched off again.
	sscn := ftptest.Fault{Replies: map[string]string{"SSCN": "200 SSCN:CLIENT METHOD"}}
	p := newTLSPair(t, true, true, nil, []ftptest.Option{ftptest.WithFault(sscn)})
	testkit.PutFile(t, p.a, "/s.bin", testkit.RandomBytes(t, 1000), time.Time{})
	_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{
		AllowClearData: func(context.Context, error) (bool, error) {
			t.Error("clear data asked although SSCN is available")
			return false, nil
		},
	})
	if ReplyCode(err) != 522 {
		t.Fatalf("error %v, want the servers' 522", err)
	}
	cmds := p.b.Commands()
	on, port, off := indexOf(cmds, "SSCN ON"), indexOf(cmds, "PORT"), strings.LastIndex(strings.Join(cmds, "|"), "SSCN OFF")
	if on < 0 || port < on || off < strings.Index(strings.Join(cmds, "|"), "STOR") {
		t.Errorf("want SSCN ON, PORT, STOR, SSCN OFF on the connecting target: %q", cmds)
	}
	if indexOf(p.a.Commands(), "SSCN ON") >= 0 {
		t.Error("SSCN ON sent to the listening source too")
	}
	if !p.left.Alive() || !p.righ.Alive() {
		t.Error("a session broke")
	}
}

func TestFXPCPSVOnlyServerMustListen(t *testing.T) {
	// Only the target offers CPSV, and refuses it: the source cannot take
	// the TLS client role, so no other direction is possible.
	p := newTLSPair(t, true, true, nil, []ftptest.Option{
		ftptest.WithFeatures(append(ftptest.DefaultFeatures(), "AUTH TLS", "PBSZ", "PROT", "CPSV")...),
		ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"CPSV": "502 CPSV disabled."}}),
	})
	testkit.PutFile(t, p.a, "/s.bin", testkit.RandomBytes(t, 1000), time.Time{})
	_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{})
	var r *FXPRefusedError
	if !errors.As(err, &r) || r.Server != "right" || r.Cmd != "CPSV" || r.Also != nil {
		t.Fatalf("error %v, want right's CPSV refusal alone", err)
	}
	if indexOf(p.a.Commands(), "PASV") >= 0 || indexOf(p.a.Commands(), "CPSV") >= 0 {
		t.Errorf("the source was made to listen: %q", p.a.Commands())
	}
}

func TestFXPMixedProtection(t *testing.T) {
	p := newTLSPair(t, true, false, nil, nil)
	testkit.PutFile(t, p.a, "/s.bin", testkit.RandomBytes(t, 1000), time.Time{})
	_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{})
	if !errors.Is(err, ErrFXPMixedProtection) || !strings.Contains(err.Error(), `"left" protects its data, "right" cannot`) {
		t.Fatalf("error %v", err)
	}
	res, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{Relay: RelayAuto})
	if err != nil || !res.Relayed {
		t.Fatalf("relay fallback: %+v, %v", res, err)
	}
}
