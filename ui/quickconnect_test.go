package ui

import (
	"errors"
	"testing"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

func TestParseFTPURL(t *testing.T) {
	tests := []struct {
		in      string
		want    quickTarget
		wantErr error
	}{
		{"ftp://example.org", quickTarget{host: "example.org", tls: ftpcore.TLSExplicitIfAvailable}, nil},
		{"ftp://ann:p%40ss@127.0.0.1:2121/pub/x", quickTarget{host: "127.0.0.1", port: 2121, user: "ann",
			password: "p@ss", tls: ftpcore.TLSExplicitIfAvailable, dir: "/pub/x"}, nil},
		{"ftpes://h/", quickTarget{host: "h", tls: ftpcore.TLSExplicit}, nil},
		{"FTPS://[::1]:990", quickTarget{host: "::1", port: 990, tls: ftpcore.TLSImplicit}, nil},
		{"http://example.org", quickTarget{}, ftpcore.ErrNotFTPURL},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseFTPURL(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestQuickKeyHasNoPassword(t *testing.T) {
	cfg := quickTarget{host: "h", port: 21, user: "u", password: "hunter2", tls: ftpcore.TLSExplicit}.
		config(profile.DefaultSettings())
	if k := quickKey(cfg); k != "ftpes://u@h:21" {
		t.Errorf("key = %q", k)
	}
}

func TestParsePerm(t *testing.T) {
	tests := []struct {
		in   string
		want uint32
		ok   bool
	}{
		{"rwxr-xr-x", 0o755, true},
		{"-rw-r-----", 0o640, true},
		{"drwsr-sr-t", 0o755, true}, // s and t imply x; the special bits are not offered
		{"flcdmpe", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parsePerm(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parsePerm(%q) = %o, %v", tt.in, got, ok)
			}
		})
	}
}
