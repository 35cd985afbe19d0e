package ui

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

func TestSiteManagerConnect(t *testing.T) {
	tests := []struct {
		name      string
		logon     int // index in the logon select: 0 anonymous, 1 normal, 2 ask
		saved     string
		typed     string // typed in the form just before connecting
		asked     string // typed in the "ask for password" dialog
		dataMode  int    // index: 0 default, 1 passive, 2 active
		right     bool
		wantUser  string
		wantPass  string
		wantData  ftpcore.DataMode
		fromStore bool // the password comes back from the secret store
	}{
		{name: "normal, saved password", logon: 1, saved: "from-store", right: true,
			wantUser: "carol", wantPass: "from-store", wantData: ftpcore.Active, fromStore: true},
		{name: "normal, just typed", logon: 1, typed: "typed-now",
			wantUser: "carol", wantPass: "typed-now", wantData: ftpcore.Active},
		{name: "anonymous", logon: 0, dataMode: 1, wantUser: "", wantPass: "", wantData: ftpcore.Passive},
		{name: "ask for password", logon: 2, asked: "asked-pw", dataMode: 2, right: true,
			wantUser: "carol", wantPass: "asked-pw", wantData: ftpcore.Active},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			s := env.settings.Settings()
			s.DataMode = ftpcore.Active // the site's "default" must follow this
			s.ConnectTimeout = 7 * time.Second
			if err := env.settings.Save(s); err != nil {
				t.Fatal(err)
			}
			sm := env.sm
			site := newSiteThroughUI(t, env, "ftp.example.net", "carol", tt.saved)
			sm.form.logon.SetSelectedIndex(tt.logon)
			sm.form.dataMode.SetSelectedIndex(tt.dataMode)
			typeInto(sm.win, sm.form.tzHours, "1")
			if tt.typed != "" {
				typeInto(sm.win, sm.form.password, tt.typed)
			}
			button := sm.connectLeft
			if tt.right {
				button = sm.connectRight
			}
			test.Tap(button)
			// The site is written first; then the typed password is saved
			// on the way, or the saved one read back.
			env.settle(t)
			if tt.asked != "" {
				d := overlay(t, sm.win)
				entries := findAll[*dialogEntry](d)
				typeInto(sm.win, entries[len(entries)-1], tt.asked)
				test.Tap(findButton(t, d, "Connect"))
			}
			if len(env.connects) != 1 {
				t.Fatalf("Connect called %d times", len(env.connects))
			}
			c := env.connects[0]
			if c.site.ID != site.ID || c.right != tt.right {
				t.Errorf("connected site %q right=%v, want %q right=%v", c.site.ID, c.right, site.ID, tt.right)
			}
			cfg := c.cfg
			if cfg.Addr != "ftp.example.net:21" || cfg.User != tt.wantUser || cfg.Password != tt.wantPass ||
				cfg.DataMode != tt.wantData || cfg.TLS != ftpcore.TLSExplicitIfAvailable ||
				cfg.ConnectTimeout != 7*time.Second {
				t.Errorf("config: addr %q user %q password %q data %v tls %v timeout %v",
					cfg.Addr, cfg.User, cfg.Password, cfg.DataMode, cfg.TLS, cfg.ConnectTimeout)
			}
			if _, off := time.Now().In(cfg.Location).Zone(); cfg.Location == nil || off != 3600 {
				t.Errorf("server time zone %v, want UTC+1", cfg.Location)
			}
			if tt.logon == 2 {
				if _, err := env.secrets.Get(site.ID); err == nil {
					t.Error("an \"ask for password\" site keeps a password")
				}
			}
		})
	}
}

func TestSiteManagerConnectNeedsHost(t *testing.T) {
	env := newTestEnv(t)
	test.Tap(env.sm.newSite)
	test.Tap(env.sm.connectLeft)
	overlay(t, env.sm.win)
	if len(env.connects) != 0 {
		t.Errorf("connected a site without a host: %+v", env.connects)
	}
}

// TestSiteConnectWaitsForMasterPassword: with the passwords in the
// encrypted file, not unlocked yet, "Connect" on a site whose password
// was just typed asked for the master password (to keep the new one) and
// connected at the same time, so that the master password window and the
// main window's certificate question stood open together. The connection
// now starts once the master password is given.
func TestSiteConnectWaitsForMasterPassword(t *testing.T) {
	env := newTestEnv(t)
	asked := make(chan struct{}, 1)
	given := make(chan struct{})
	var answer sync.Once
	give := func() { answer.Do(func() { close(given) }) }
	env.secrets = profile.NewEncryptedSecrets(env.dir, func() (string, error) {
		asked <- struct{}{}
		<-given // the user reads the question
		return testMaster, nil
	})
	env.sm.win.Close()
	env.open(t, nil)
	// Runs before open's clean-up, which waits for the secret operations:
	// a failure below must not leave the question unanswered.
	t.Cleanup(give)
	sm := env.sm
	test.Tap(sm.newSite)
	typeInto(sm.win, sm.form.host, "ftp.example.net")
	typeInto(sm.win, sm.form.user, "carol")
	typeInto(sm.win, sm.form.password, "typed-pw")
	test.Tap(sm.connectRight)
	// The site is written, then the password goes to the store, which
	// asks for the master password.
	for {
		sm.saver.wait()
		select {
		case <-asked:
		case f := <-env.loop.q:
			f()
			continue
		}
		break
	}
	for len(env.loop.q) > 0 {
		(<-env.loop.q)()
	}
	if len(env.connects) != 0 {
		t.Fatalf("connected while the master password was asked: %+v", env.connects)
	}
	give()
	env.settle(t)
	if len(env.connects) != 1 || env.connects[0].cfg.Password != "typed-pw" {
		t.Fatalf("after the master password, connects: %+v", env.connects)
	}
	if pw, err := env.secrets.Get(env.connects[0].site.ID); err != nil || pw != "typed-pw" {
		t.Errorf("the typed password kept: %q, %v", pw, err)
	}
}
