package profile

import (
	"testing"

	"ferry/ftpcore"
)

// A site on "TLS if available" whose server accepted TLS remembers it
// across runs, and its sessions then refuse a fall back to clear text;
// sites on other settings are not affected.
func TestSiteRemembersTLS(t *testing.T) {
	dir := t.TempDir()
	st := NewSiteStore(dir)
	s := mustAdd(t, st, Site{Name: "maybe", Host: "h", Protocol: ftpcore.TLSExplicitIfAvailable, Logon: LogonNormal, User: "u"})
	if s.Config("pw").RefuseDowngrade {
		t.Fatal("a site never seen with TLS refuses clear text")
	}
	if err := st.NoteTLS(s.ID); err != nil {
		t.Fatal(err)
	}
	back, err := OpenSiteStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := back.Get(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.TLSSeen || !got.Config("pw").RefuseDowngrade {
		t.Fatalf("after NoteTLS and a reload: TLSSeen %v, RefuseDowngrade %v", got.TLSSeen, got.Config("pw").RefuseDowngrade)
	}
	got.Protocol = ftpcore.TLSNone
	if got.Config("pw").RefuseDowngrade {
		t.Error("a site the user set to plain FTP refuses clear text")
	}
	got.Protocol, got.Comments = ftpcore.TLSExplicitIfAvailable, "edited"
	if err := back.Update(got); err != nil {
		t.Fatal(err)
	}
	if again, _ := back.Get(s.ID); !again.TLSSeen {
		t.Error("editing the site forgot that its server offers TLS")
	}
	got.Host = "another.example"
	if err := back.Update(got); err != nil {
		t.Fatal(err)
	}
	if again, _ := back.Get(s.ID); again.TLSSeen {
		t.Error("a site moved to another host still remembers the old server's TLS")
	}
}
