//go:build interop

package doctor

// The diagnosis against the real vsftpd, ProFTPD and Pure-FTPd started by
// .ci/servers/with-servers.sh: the report must differ exactly as the
// servers do (servers.json says how), and no line may be red.

import (
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/interoptest"
)

// doctorConfig returns the configuration the diagnosis runs with
// against srv: explicit TLS, trusting the servers' certificate authority.
func doctorConfig(t *testing.T, srv interoptest.Server) ftpcore.Config {
	return ftpcore.Config{Addr: srv.Addr(), User: srv.User, Password: srv.Password,
		TLS: ftpcore.TLSExplicit, TLSConfig: srv.TLSConfig(t)}
}

func TestInteropDoctor(t *testing.T) {
	servers := interoptest.Servers(t)
	if len(servers) < 6 {
		t.Fatalf("servers.json lists %d servers, want the six", len(servers))
	}
	for i, srv := range servers {
		peer := servers[(i+1)%len(servers)]
		t.Run(srv.Name, func(t *testing.T) {
			t.Parallel()
			peerCfg := doctorConfig(t, peer)
			rep := Run(t.Context(), Options{Config: doctorConfig(t, srv), Peer: &peerCfg, MaxConnections: 3,
				ProbeTimeout: 20 * time.Second, WriteDir: "/upload"})
			text := rep.Text(TextOptions{})
			if strings.Contains(text, srv.Password) {
				t.Error("the password is in the report")
			}
			for _, l := range rep.Lines {
				if l.Status == Red {
					t.Errorf("red line %s: %s", l.Probe, l.Detail)
				}
			}
			reuse := "doctor.reuse.notrequired"
			if srv.TLSReuseRequired {
				reuse = "doctor.reuse.required"
			}
			want(t, rep, "tls.reuse", Green, reuse)
			want(t, rep, "tls.data", Green, "doctor.tlsdata.ok")
			feat, _ := rep.Find("feat")
			if got := strings.Contains(feat.Detail.String(), "MLST"); got != srv.MLSD {
				t.Errorf("FEAT lists MLST: %v, servers.json says mlsd %v", got, srv.MLSD)
			}
			list, _ := rep.Find("listing")
			if verb := list.Detail.Args["Verb"]; (verb == "MLSD") != srv.MLSD {
				t.Errorf("listed with %v, servers.json says mlsd %v", verb, srv.MLSD)
			}
			want(t, rep, "write", Green, "doctor.write.deleted")
			want(t, rep, "clock.skew", Green, "doctor.skew.ok")
			for _, p := range []string{"data.epsv", "data.pasv", "data.eprt", "data.port", "fxp.port", "fxp.pasv", "limit"} {
				want(t, rep, p, Green, "")
			}
			foreign := Amber
			if srv.FXP {
				foreign = Green
			}
			want(t, rep, "fxp.foreign", foreign, "")
			t.Logf("\n%s", text)
		})
	}
}
