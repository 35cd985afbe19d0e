//go:build interop

package ftpcore

// FXP between real servers: every ordered pair of vsftpd, ProFTPD and
// Pure-FTPd on loopback (servers.json of .ci/servers/start.sh), TLS
// hand-off, and bounce protection with servers in network namespaces of
// their own (netns-servers.json of .ci/servers/netns-start.sh).

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/interoptest"
)

// dialFXP logs in with a counting dialer and the dialogue recorded.
func dialFXP(t *testing.T, srv interoptest.Server, tlsMode TLSMode, d *countingDialer, rec *testLog) *Session {
	t.Helper()
	cfg := interopConfig(t, srv, Passive, tlsMode, rec)
	cfg.Dialer = d
	s, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("dial %s: %v\n%s", srv.Name, err, rec.String())
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func control(srvs ...interoptest.Server) []string {
	var out []string
	for _, s := range srvs {
		out = append(out, s.Addr())
	}
	return out
}

func TestInteropFXPEveryPair(t *testing.T) {
	var fxp []interoptest.Server
	for _, s := range interoptest.Servers(t) {
		if s.FXP {
			fxp = append(fxp, s)
		}
	}
	if len(fxp) < 3 {
		t.Fatalf("want vsftpd, ProFTPD and Pure-FTPd with FXP allowed, got %d servers", len(fxp))
	}
	for _, src := range fxp {
		for _, dst := range fxp {
			if src.Name == dst.Name {
				continue
			}
			t.Run(src.Name+"->"+dst.Name, func(t *testing.T) {
				t.Parallel()
				d, rec := &countingDialer{}, &testLog{}
				ss, ds := dialFXP(t, src, TLSNone, d, rec), dialFXP(t, dst, TLSNone, d, rec)
				for _, f := range []string{"big.bin", "binary.bin", "empty.txt"} {
					to := fmt.Sprintf("/upload/fxp-%s-%s-%d-%s", src.Name, dst.Name, time.Now().UnixNano(), f)
					// binary.bin keeps the source's time where the target
					// offers MFMT (ProFTPD and Pure-FTPd; vsftpd does not).
					opt := FXPOptions{Type: TypeBinary}
					if f == "binary.bin" {
						opt.ModTime = time.Date(2019, 5, 17, 8, 30, 12, 0, time.UTC)
					}
					res, err := FXP(t.Context(), ss, ds, "/"+f, to, opt)
					if err != nil {
						t.Fatalf("%s: %v\n%s", f, err, rec.String())
					}
					want := fileSum(t, filepath.Join(src.Home, f))
					if got := fileSum(t, filepath.Join(dst.Home, to)); got != want {
						t.Fatalf("%s: sha256 differs after FXP (%s)", f, res.Direction)
					}
					if res.Relayed {
						t.Errorf("%s relayed", f)
					}
					if !opt.ModTime.IsZero() && ds.HasFeature("MFMT") {
						st, err := os.Stat(filepath.Join(dst.Home, to))
						if err != nil || !st.ModTime().Equal(opt.ModTime) {
							t.Errorf("%s: the copy on %s is dated %v (%v), want %v", f, dst.Name, st.ModTime().UTC(), err, opt.ModTime)
						}
					}
					if f != "big.bin" {
						continue
					}
					// Over an existing file: a temporary name, then the
					// rename over the old file (which each server allows
					// in its own way).
					if _, err := FXP(t.Context(), ss, ds, "/binary.bin", to, FXPOptions{Type: TypeBinary}); err != nil {
						t.Fatalf("over %s: %v\n%s", f, err, rec.String())
					}
					if got, want := fileSum(t, filepath.Join(dst.Home, to)), fileSum(t, filepath.Join(src.Home, "binary.bin")); got != want {
						t.Fatalf("over %s: the target is not the new file", f)
					}
					if _, err := os.Stat(filepath.Join(dst.Home, to+PartSuffix)); !errors.Is(err, os.ErrNotExist) {
						t.Errorf("over %s: the temporary file remains (%v)", f, err)
					}
					if !strings.Contains(rec.String(), "RNTO "+to) {
						t.Errorf("over %s: no rename onto the target in the dialogue", f)
					}
				}
				if data, total := d.tally(control(src, dst)...); len(data) != 0 || total > 64<<10 {
					t.Errorf("client data connections %v, %d bytes on its sockets", data, total)
				}
			})
		}
	}
}

func TestInteropFXPTLS(t *testing.T) {
	all := interoptest.Servers(t)
	t.Run("vsftpd and pure-ftpd: neither SSCN nor CPSV", func(t *testing.T) {
		src, dst := interoptest.ByName(t, all, "vsftpd"), interoptest.ByName(t, all, "pure-ftpd")
		rec := &testLog{}
		ss, ds := dialFXP(t, src, TLSExplicit, &countingDialer{}, rec), dialFXP(t, dst, TLSExplicit, &countingDialer{}, rec)
		to := fmt.Sprintf("/upload/fxp-clear-%d.bin", time.Now().UnixNano())
		if _, err := FXP(t.Context(), ss, ds, "/big.bin", to, FXPOptions{}); !errors.Is(err, ErrFXPNoTLSHandoff) {
			t.Fatalf("error %v, want ErrFXPNoTLSHandoff\n%s", err, rec.String())
		}
		res, err := FXP(t.Context(), ss, ds, "/big.bin", to, FXPOptions{AllowClearData: allowAll})
		if err != nil || res.TLS != "clear" {
			t.Fatalf("%+v, %v\n%s", res, err, rec.String())
		}
		if fileSum(t, filepath.Join(dst.Home, to)) != fileSum(t, filepath.Join(src.Home, "big.bin")) {
			t.Fatal("content differs")
		}
	})
}

// TestInteropFXPTLSSSCN copies with both sessions on PROT P between the
// namespaces: ProFTPD (the only one of the three with SSCN) plays TLS
// client after SSCN ON, vsftpd stays TLS server, whichever listens.
func TestInteropFXPTLSSSCN(t *testing.T) {
	ns := interoptest.NetnsServers(t)
	// ProFTPD 1.3.8 as SSCN client *sending* (RETR) to vsftpd fails on
	// vsftpd's side ("426 Failure reading network stream.") in either
	// role; receiving works. Only that direction is asserted here.
	for _, pair := range [][2]string{{"ferryns2-vsftpd", "ferryns1-proftpd"}} {
		t.Run(pair[0]+"->"+pair[1], func(t *testing.T) {
			src, dst := interoptest.ByName(t, ns, pair[0]).Server, interoptest.ByName(t, ns, pair[1]).Server
			d, rec := &countingDialer{}, &testLog{}
			ss, ds := dialFXP(t, src, TLSExplicit, d, rec), dialFXP(t, dst, TLSExplicit, d, rec)
			to := fmt.Sprintf("/upload/fxp-sscn-%d.bin", time.Now().UnixNano())
			res, err := FXP(t.Context(), ss, ds, "/big.bin", to, FXPOptions{})
			if err != nil {
				t.Fatalf("%v\n%s", err, rec.String())
			}
			if res.TLS != "SSCN" || fileSum(t, filepath.Join(dst.Home, to)) != fileSum(t, filepath.Join(src.Home, "big.bin")) {
				t.Fatalf("result %+v or content differs", res)
			}
			if !strings.Contains(rec.String(), "command SSCN ON") || !strings.Contains(rec.String(), "command SSCN OFF") {
				t.Errorf("SSCN not switched on and off:\n%s", rec.String())
			}
			if data, _ := d.tally(control(src, dst)...); len(data) != 0 {
				t.Errorf("client data connections %v", data)
			}
			// Both sessions' own protected transfers still work.
			for _, s := range []*Session{ss, ds} {
				var b strings.Builder
				if _, err := s.Retrieve(t.Context(), "/readme.txt", &b, TransferOptions{}); err != nil {
					t.Fatalf("%s: download after TLS FXP: %v\n%s", s.Name(), err, rec.String())
				}
			}
		})
	}
}

func TestInteropFXPNetns(t *testing.T) {
	ns := interoptest.NetnsServers(t)
	for _, tc := range []struct {
		src, dst  string
		refusedBy string
		cmd       string
	}{
		{"ferryns1-proftpd", "ferryns2-vsftpd", "", ""},
		{"ferryns2-vsftpd", "ferryns1-proftpd", "", ""},
		{"ferryns1-proftpd-strict", "ferryns2-vsftpd-strict", "ferryns2-vsftpd-strict", "PORT"},
		// One strict server, passive first: its 425 on RETR comes late,
		// after the target made an empty file.
		{"ferryns1-proftpd-strict", "ferryns2-vsftpd", "ferryns1-proftpd-strict", "RETR"},
		{"ferryns2-vsftpd", "ferryns1-proftpd-strict", "ferryns1-proftpd-strict", "PORT"},
	} {
		t.Run(tc.src+"->"+tc.dst, func(t *testing.T) {
			src, dst := interoptest.ByName(t, ns, tc.src).Server, interoptest.ByName(t, ns, tc.dst).Server
			d, rec := &countingDialer{}, &testLog{}
			ss, ds := dialFXP(t, src, TLSNone, d, rec), dialFXP(t, dst, TLSNone, d, rec)
			to := fmt.Sprintf("/upload/fxp-ns-%d.bin", time.Now().UnixNano())
			want := fileSum(t, filepath.Join(src.Home, "big.bin"))
			res, err := FXP(t.Context(), ss, ds, "/big.bin", to, FXPOptions{})
			if tc.refusedBy == "" {
				if err != nil {
					t.Fatalf("%v\n%s", err, rec.String())
				}
				if fileSum(t, filepath.Join(dst.Home, to)) != want {
					t.Fatal("content differs")
				}
				if data, _ := d.tally(control(src, dst)...); len(data) != 0 {
					t.Errorf("client data connections %v", data)
				}
				return
			}
			var r *FXPRefusedError
			if !errors.As(err, &r) || r.Server != tc.refusedBy || r.Cmd != tc.cmd {
				t.Fatalf("error %v, want %s refusing %s\n%s", err, tc.refusedBy, tc.cmd, rec.String())
			}
			if !strings.Contains(err.Error(), `"`+tc.refusedBy+`" refused`) {
				t.Errorf("message %q does not name the server", err)
			}
			if _, serr := os.Stat(filepath.Join(dst.Home, to)); serr == nil {
				t.Errorf("target file left behind after %v", err)
			}
			t.Logf("refusal as the user sees it: %v (first attempt %+v)", err, res)
			res, err = FXP(t.Context(), ss, ds, "/big.bin", to, FXPOptions{Relay: RelayAuto})
			if err != nil || !res.Relayed {
				t.Fatalf("relay fallback: %+v, %v\n%s", res, err, rec.String())
			}
			if fileSum(t, filepath.Join(dst.Home, to)) != want {
				t.Fatal("relayed content differs")
			}
		})
	}
}

func allowAll(context.Context, error) (bool, error) { return true, nil }
