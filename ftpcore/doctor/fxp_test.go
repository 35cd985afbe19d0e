package doctor

import (
	"strings"
	"testing"

	"ferry/ftpcore/ftptest"
)

func TestFXPAgainstAPeer(t *testing.T) {
	for _, tc := range []struct {
		name    string
		strict  bool
		foreign Status
	}{
		{"promiscuous", false, Green},
		{"bounce-protected", true, Amber},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newTestServer(t, ftptest.WithFault(ftptest.Fault{RefuseForeignPORT: tc.strict}))
			peer := newTestServer(t)
			peerCfg := plainConfig(peer)
			rep := run(t, plainConfig(srv), nil, func(o *Options) { o.Peer = &peerCfg })
			want(t, rep, "fxp.port", Green, "doctor.fxp.ok")
			want(t, rep, "fxp.pasv", Green, "doctor.fxp.ok")
			l := want(t, rep, "fxp.foreign", tc.foreign, "")
			if !strings.Contains(strings.Join(l.Evidence, "\n"), "PORT 192,0,2,1,") {
				t.Errorf("evidence: %q", l.Evidence)
			}
			// Read-only: neither server got a file, and the TEST-NET
			// address was never followed by a transfer command.
			for _, s := range []*ftptest.Server{srv, peer} {
				for _, c := range s.Commands() {
					if strings.HasPrefix(c, "STOR") || strings.HasPrefix(c, "DELE") {
						t.Errorf("FXP probe sent %q", c)
					}
				}
			}
			cmds := srv.Commands()
			for i, c := range cmds {
				if strings.HasPrefix(c, "PORT 192,0,2,1,") && i+1 < len(cmds) && strings.HasPrefix(cmds[i+1], "LIST") {
					t.Error("a transfer followed the PORT to the TEST-NET address")
				}
			}
		})
	}
}
