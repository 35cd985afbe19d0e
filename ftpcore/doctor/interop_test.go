//go:build interop

package doctor

// The diagnosis against the real vsftpd, ProFTPD and Pure-FTPd started by
// .ci/servers/with-servers.sh: the report must differ exactly as the
// servers do (servers.json says how), and no line may be red.

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
)

// interopServer is the part of a servers.json entry the diagnosis checks.
type interopServer struct {
	Name             string `json:"name"`
	Host             string `json:"host"`
	Port             int    `json:"port"`
	User             string `json:"user"`
	Password         string `json:"password"`
	TLSReuseRequired bool   `json:"tls_reuse_required"`
	FXP              bool   `json:"fxp"`
	MLSD             bool   `json:"mlsd"`
	CA               string `json:"ca"`
}

func interopServers(t *testing.T) []interopServer {
	t.Helper()
	p := os.Getenv("FERRY_INTEROP_SERVERS")
	if p == "" {
		t.Fatal("FERRY_INTEROP_SERVERS is not set: run the interop tests with `make test`")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var list []interopServer
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	if len(list) < 6 {
		t.Fatalf("%s lists %d servers, want the six", p, len(list))
	}
	return list
}

func (s interopServer) config(t *testing.T) ftpcore.Config {
	pem, err := os.ReadFile(s.CA)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("no certificate in %s", s.CA)
	}
	return ftpcore.Config{Addr: net.JoinHostPort(s.Host, fmt.Sprint(s.Port)), User: s.User, Password: s.Password,
		TLS: ftpcore.TLSExplicit, TLSConfig: &tls.Config{RootCAs: pool}}
}

func TestInteropDoctor(t *testing.T) {
	servers := interopServers(t)
	for i, srv := range servers {
		peer := servers[(i+1)%len(servers)]
		t.Run(srv.Name, func(t *testing.T) {
			t.Parallel()
			peerCfg := peer.config(t)
			rep := Run(t.Context(), Options{Config: srv.config(t), Peer: &peerCfg, MaxConnections: 3,
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
