package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

func sampleCert() ftpcore.CertInfo {
	der := []byte("a test certificate")
	return ftpcore.CertInfo{
		Host: "127.0.0.1", SHA256: ftpcore.Fingerprint(der), Subject: "CN=127.0.0.1", Issuer: "CN=127.0.0.1",
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
		DNSNames: []string{"localhost"}, IPs: []string{"127.0.0.1"}, TLSVersion: "TLS 1.3",
		Cipher: "TLS_AES_128_GCM_SHA256", VerifyError: "x509: certificate signed by unknown authority", DER: der,
	}
}

func TestCertificateDecisions(t *testing.T) {
	tests := []struct {
		name string
		act  func(cd *certDialog)
		want CertDecision
	}{
		{"OK trusts once", func(cd *certDialog) { test.Tap(cd.ok) }, CertTrustOnce},
		{"OK with the box ticked trusts always", func(cd *certDialog) { test.Tap(cd.always); test.Tap(cd.ok) }, CertTrustAlways},
		{"Cancel rejects", func(cd *certDialog) { test.Tap(cd.cancel) }, CertReject},
		{"dismissing rejects", func(cd *certDialog) { cd.dialog.Hide() }, CertReject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := test.NewTempWindow(t, nil)
			var got []CertDecision
			cd := newCertDialog(w, sampleCert(), false, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
				func(d CertDecision) { got = append(got, d) })
			cd.dialog.Show()
			tt.act(cd)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("answers %v, want exactly [%v]", got, tt.want)
			}
		})
	}
}

func TestCertificateDialogShowsDetails(t *testing.T) {
	info := sampleCert()
	tests := []struct {
		name    string
		changed bool
		now     time.Time
		want    []string
		notWant []string
	}{
		{"unknown", false, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
			[]string{"certificate is unknown", info.SHA256[:47], "self-signed", "localhost", "TLS 1.3",
				"TLS_AES_128_GCM_SHA256", "unknown authority", "Always trust"},
			[]string{"CHANGED", "Expired"}},
		{"changed", true, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
			[]string{"WARNING: THE CERTIFICATE HAS CHANGED", "intercepting", info.SHA256[48:]}, nil},
		{"expired", false, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), []string{"Expired on"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := test.NewTempWindow(t, nil)
			cd := newCertDialog(w, info, tt.changed, tt.now, func(CertDecision) {})
			cd.dialog.Show()
			text := textIn(overlay(t, w))
			for _, s := range tt.want {
				if !strings.Contains(text, s) {
					t.Errorf("dialog lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(text, s) {
					t.Errorf("dialog shows %q:\n%s", s, text)
				}
			}
		})
	}
}

func TestCertTrustPrompt(t *testing.T) {
	w := test.NewTempWindow(t, nil)
	store := profile.NewCertStore(t.TempDir())
	loop := newUILoop()
	ask := certAsker{parent: func() fyne.Window { return w }, do: loop.do}.decide
	trust := store.TrustFunc("127.0.0.1:2121", ask)
	info := sampleCert()

	type result struct {
		ok  bool
		err error
	}
	run := func(ctx context.Context, info ftpcore.CertInfo) chan result {
		out := make(chan result, 1)
		go func() {
			ok, err := trust(ctx, info)
			out <- result{ok, err}
		}()
		return out
	}
	// First connection: asked, "always".
	res := run(t.Context(), info)
	loop.step(t)
	d := overlay(t, w)
	test.Tap(findAll[*dialogCheck](d)[0])
	test.Tap(findButton(t, d, "OK"))
	if r := <-res; !r.ok || r.err != nil {
		t.Fatalf("first connection: %+v", r)
	}
	// Second: trusted silently, no dialog.
	if r := <-run(t.Context(), info); !r.ok || r.err != nil {
		t.Fatalf("second connection: %+v", r)
	}
	// A new certificate: the dialog says it changed; cancelling refuses.
	other := info
	other.DER = []byte("another certificate")
	res = run(t.Context(), other)
	loop.step(t)
	d = overlay(t, w)
	if !strings.Contains(textIn(d), "CHANGED") {
		t.Errorf("changed certificate not announced: %s", textIn(d))
	}
	test.Tap(findButton(t, d, "Cancel"))
	if r := <-res; r.ok {
		t.Errorf("changed certificate accepted after Cancel")
	}
	// The session gives up while the dialog is open.
	ctx, cancel := context.WithCancel(t.Context())
	res = run(ctx, other)
	loop.step(t)
	cancel()
	loop.step(t) // the dialog is taken down
	if r := <-res; r.ok || !errors.Is(r.err, context.Canceled) {
		t.Errorf("cancelled prompt: %+v", r)
	}
	if status, _ := store.Check("127.0.0.1:2121", other); status != profile.CertChanged {
		t.Errorf("refused certificate became %v", status)
	}
}

func TestCertDecisionString(t *testing.T) {
	for d, want := range map[CertDecision]string{CertReject: "reject", CertTrustOnce: "once", CertTrustAlways: "always"} {
		if d.String() != want {
			t.Errorf("%d.String() = %q, want %q", d, d.String(), want)
		}
	}
}
