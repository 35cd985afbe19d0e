package ftpcore

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// TestFXPDataTLSFailureSaysSo: the server that took the TLS client role
// after SSCN ON cannot secure the data connection (here both servers play
// TLS server, as ProFTPD fails when it refuses vsftpd's certificate). The
// error names both servers and the certificate, FXPImpossible offers
// clear data, and a copy run with ClearData then succeeds byte for byte.
func TestFXPDataTLSFailureSaysSo(t *testing.T) {
	sscn := ftptest.Fault{Replies: map[string]string{"SSCN": "200 SSCN:CLIENT METHOD"}}
	p := newTLSPair(t, true, true, nil, []ftptest.Option{ftptest.WithFault(sscn)})
	data := testkit.RandomBytes(t, 100<<10)
	testkit.PutFile(t, p.a, "/s.bin", data, time.Time{})
	_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{})
	var te *FXPDataTLSError
	if !errors.As(err, &te) || te.Client != "right" || te.Server != "left" || te.Mode != "SSCN" {
		t.Fatalf("error %v, want right failing to secure the data connection with left", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `refused "left"'s certificate on the data connection`) || strings.Contains(msg, "\n") {
		t.Errorf("message %q", msg)
	}
	if imp, clear := FXPImpossible(err); !imp || !clear {
		t.Errorf("FXPImpossible = %v, %v", imp, clear)
	}
	if _, serr := p.b.FS().Stat("/d.bin"); serr == nil {
		t.Error("target left behind")
	}
	res, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{ClearData: true})
	if err != nil || res.TLS != "clear" || res.Relayed {
		t.Fatalf("clear-data copy: %+v, %v", res, err)
	}
	if !bytes.Equal(testkit.GetFile(t, p.b, "/d.bin"), data) {
		t.Fatal("content differs")
	}
	if !p.left.protP || !p.righ.protP {
		t.Error("sessions not protected again after the clear copy")
	}
}

func TestFXPImpossibleClassifies(t *testing.T) {
	for _, tc := range []struct {
		err               error
		impossible, clear bool
	}{
		{&FXPRefusedError{Server: "a", Cmd: "PORT", Code: 500}, true, false},
		{ErrFXPNoTLSHandoff, true, true},
		{ErrFXPMixedProtection, true, true},
		{&OpError{Op: "fxp", Err: &FXPDataTLSError{Err: ErrClosed}}, true, true},
		{ErrSizeMismatch, false, false},
		{nil, false, false},
	} {
		imp, clear := FXPImpossible(tc.err)
		if imp != tc.impossible || clear != tc.clear {
			t.Errorf("%v: %v, %v", tc.err, imp, clear)
		}
	}
}
