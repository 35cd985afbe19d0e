//go:build interop

package doctor

// The diagnosis against servers in network namespaces of their own
// (netns-servers.json of .ci/servers/netns-start.sh): the client is
// 10.201.0.1 to a server in ferryns1 and the other server is 10.202.0.2,
// a foreign address, as servers elsewhere on the Internet are. On
// loopback every address is the client's, and a strict server's bounce
// protection cannot show; here the card must show it.

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// netnsEntry is an entry of netns-servers.json.
type netnsEntry struct {
	interopServer
	Netns  string `json:"netns"`
	Strict bool   `json:"strict"`
	Home   string `json:"home"`
}

func netnsDoctorServers(t *testing.T) map[string]netnsEntry {
	t.Helper()
	p := os.Getenv("FERRY_INTEROP_NETNS")
	if p == "" {
		t.Fatal("FERRY_INTEROP_NETNS is not set: start .ci/servers/netns-start.sh and point it at netns-servers.json")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var list []netnsEntry
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	out := map[string]netnsEntry{}
	for _, s := range list {
		out[s.Name] = s
	}
	return out
}

func TestInteropDoctorNetns(t *testing.T) {
	ns := netnsDoctorServers(t)
	get := func(name string) netnsEntry {
		s, ok := ns[name]
		if !ok {
			t.Fatalf("no %s in netns-servers.json", name)
		}
		return s
	}
	for _, tc := range []struct {
		target, peer string
		port, pasv   Status // the FXP lines
		portErr      string // what the refused PORT line says
	}{
		{"ferryns1-proftpd", "ferryns2-vsftpd", Green, Green, ""},
		// ProFTPD without AllowForeignAddress: PORT naming the other
		// namespace is refused at once, and a connection from there to
		// its passive port gets 425 on LIST.
		{"ferryns1-proftpd-strict", "ferryns2-vsftpd", Amber, Amber, "PORT"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			srv, peer := get(tc.target), get(tc.peer)
			peerCfg := peer.config(t)
			rep := Run(t.Context(), Options{Config: srv.config(t), Peer: &peerCfg, MaxConnections: 2,
				ProbeTimeout: 20 * time.Second, WriteDir: "/upload"})
			text := rep.Text(TextOptions{})
			t.Logf("\n%s", text)
			if strings.Contains(text, srv.Password) {
				t.Error("the password is in the report")
			}
			for _, l := range rep.Lines {
				if l.Status == Red {
					t.Errorf("red line %s: %s", l.Probe, l.Detail)
				}
			}
			for _, p := range []string{"data.epsv", "data.pasv", "data.eprt", "data.port", "tls.data"} {
				want(t, rep, p, Green, "")
			}
			// The server connected back to 10.201.0.1, the client's
			// address in the server's namespace, not to loopback.
			if l, _ := rep.Find("data.port"); !strings.Contains(strings.Join(l.Evidence, "\n"), "> PORT 10,201,0,1,") {
				t.Errorf("PORT did not name the client's namespace address: %q", l.Evidence)
			}
			// The write test against a real server's clock, in the
			// folder it lets the test account write to.
			want(t, rep, "write", Green, "doctor.write.deleted")
			want(t, rep, "clock.skew", Green, "doctor.skew.ok")
			if left, err := os.ReadDir(srv.Home + "/upload"); err != nil || len(left) != 0 {
				t.Errorf("left in /upload: %v (%v)", left, err)
			}
			port := want(t, rep, "fxp.port", tc.port, "")
			want(t, rep, "fxp.pasv", tc.pasv, "")
			if tc.portErr != "" {
				if port.Detail.Key != "doctor.fxp.refused" || !strings.Contains(port.Detail.String(), tc.portErr) ||
					!strings.Contains(strings.Join(port.Evidence, "\n"), "PORT 10,202,0,2,") {
					t.Errorf("fxp.port: %s\n%q", port.Detail, port.Evidence)
				}
				if port.Side != SideServer || port.Advice.Key != "doctor.fxp.refused.fix" {
					t.Errorf("fxp.port fix (%s) %s", port.Side, port.Advice)
				}
			}
			// The peer is elsewhere: the TEST-NET stand-in is not needed.
			if _, ok := rep.Find("fxp.foreign"); ok {
				t.Error("fxp.foreign probed although the peer is on another address")
			}
		})
	}
}
