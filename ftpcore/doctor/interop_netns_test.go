//go:build interop

package doctor

// The diagnosis against servers in network namespaces of their own
// (netns-servers.json of .ci/servers/netns-start.sh): the client is
// 10.201.0.1 to a server in ferryns1 and the other server is 10.202.0.2,
// a foreign address, as servers elsewhere on the Internet are. On
// loopback every address is the client's, and a strict server's bounce
// protection cannot show; here the card must show it.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ferry/ftpcore/interoptest"
)

func TestInteropDoctorNetns(t *testing.T) {
	ns := interoptest.NetnsServers(t)
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
			srv, peer := interoptest.ByName(t, ns, tc.target), interoptest.ByName(t, ns, tc.peer)
			peerCfg := doctorConfig(t, peer.Server)
			rep := Run(t.Context(), Options{Config: doctorConfig(t, srv.Server), Peer: &peerCfg, MaxConnections: 2,
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
			// Other tests write into /upload too: only ours must be gone.
			left, err := os.ReadDir(srv.Home + "/upload")
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range left {
				if strings.HasPrefix(e.Name(), ".ferry-doctor-") {
					t.Errorf("left in /upload: %s", e.Name())
				}
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

// The filtered-port test drops packets where they leave the root
// namespace, which routes between the client and the first namespace
// (fveth1h is its end of the link, see .ci/servers/netns-lib.sh): a
// firewall between the two. It drops only packets from one source port
// below the kernel's ephemeral range, which only this test's data
// connections use, so that other tests running against the same servers
// are not touched. The kernel here has HTB, TBF and u32 but no drop
// action, so the matched packets go to a TBF whose burst no packet fits
// in: it drops them and counts them.
const (
	filterDev     = "fveth1h"
	filterClient  = "10.201.0.1"
	filterSrcPort = 31999
)

// tc runs tc on the test goroutine.
func tc(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("tc", args...).CombinedOutput(); err != nil {
		t.Fatalf("tc %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// dropped returns how many packets the filter has dropped. It runs on the
// watching goroutine too, so it returns its error rather than stop the test.
func dropped() (int, error) {
	out, err := exec.Command("tc", "-s", "-j", "qdisc", "show", "dev", filterDev).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("tc qdisc show: %w: %s", err, out)
	}
	var qdiscs []struct {
		Handle string `json:"handle"`
		Drops  int    `json:"drops"`
	}
	if err := json.Unmarshal(out, &qdiscs); err != nil {
		return 0, fmt.Errorf("tc qdisc show: %w", err)
	}
	for _, q := range qdiscs {
		if q.Handle == "20:" {
			return q.Drops, nil
		}
	}
	return 0, fmt.Errorf("no qdisc 20: in %s", out)
}

// taggedDialer dials the control connection as usual and every other
// connection (the data connections) from filterSrcPort.
type taggedDialer struct{ control string }

func (d taggedDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if addr == d.control {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	local := &net.TCPAddr{IP: net.ParseIP(filterClient), Port: filterSrcPort}
	return (&net.Dialer{LocalAddr: local}).DialContext(ctx, network, addr)
}

// TestInteropDoctorNetnsFilteredPort drops, inside the server's
// namespace, the SYNs of the client's passive data connections, as a
// firewall in front of a server does: nothing answers. The kernel's drop
// counter is the event that runs the probe's time-out out, so no
// wall-clock timer decides; active mode still works and carries the
// listing.
func TestInteropDoctorNetnsFilteredPort(t *testing.T) {
	ns := interoptest.NetnsServers(t)
	srv := interoptest.ByName(t, ns, "ferryns1-proftpd")
	tc(t, "qdisc", "add", "dev", filterDev, "root", "handle", "1:", "htb", "default", "10")
	t.Cleanup(func() { tc(t, "qdisc", "del", "dev", filterDev, "root") })
	tc(t, "class", "add", "dev", filterDev, "parent", "1:", "classid", "1:10", "htb", "rate", "10gbit")
	tc(t, "class", "add", "dev", filterDev, "parent", "1:", "classid", "1:20", "htb", "rate", "1mbit")
	tc(t, "qdisc", "add", "dev", filterDev, "parent", "1:20", "handle", "20:", "tbf", "rate", "1kbit", "burst", "20", "limit", "20")
	tc(t, "filter", "add", "dev", filterDev, "parent", "1:", "protocol", "ip", "prio", "1", "u32",
		"match", "ip", "src", filterClient+"/32", "match", "ip", "sport", strconv.Itoa(filterSrcPort), "0xffff", "flowid", "1:20")

	clock := newEventClock()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var fired atomic.Int32
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		seen, err := dropped()
		if err != nil {
			t.Error(err)
			cancel() // without the watcher nothing would end the waits
			return
		}
		for {
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond): // polls the counter; the drop decides
			}
			n, err := dropped()
			if err != nil {
				t.Error(err)
				cancel()
				return
			}
			if n > seen {
				seen = n
				fired.Add(1)
				clock.fire()
			}
		}
	}()
	cfg := doctorConfig(t, srv.Server)
	cfg.Dialer = taggedDialer{control: cfg.Addr}
	rep := Run(ctx, Options{Config: cfg, Clock: clock, MaxConnections: 2})
	close(done)
	<-watched
	t.Logf("\n%s", rep.Text(TextOptions{}))
	for _, p := range []string{"data.epsv", "data.pasv"} {
		l := want(t, rep, p, Red, "doctor.passive.filtered")
		if l.Side != SideNetwork || l.Advice.Key != "doctor.passive.filtered.fix" {
			t.Errorf("%s: fix (%s) %s", p, l.Side, l.Advice)
		}
	}
	want(t, rep, "data.eprt", Green, "doctor.data.ok")
	want(t, rep, "data.port", Green, "doctor.data.ok")
	l := want(t, rep, "listing", Green, "doctor.listing.ok")
	if !strings.Contains(strings.Join(l.Evidence, "\n"), "> EPRT ") {
		t.Errorf("listing not over the active connection: %q", l.Evidence)
	}
	if n := fired.Load(); n != 2 {
		t.Errorf("the filter's drops ran %d time-outs out, want one per passive connection (2)", n)
	}
}
