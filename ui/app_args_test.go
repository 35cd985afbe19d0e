package ui

import (
	"slices"
	"testing"
)

// TestCommandURLs checks which command-line arguments open in the panes:
// one URL in the right pane, two in both, anything else ignored.
func TestCommandURLs(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"none", nil, nil},
		{"not a URL", []string{"-v", "/tmp"}, nil},
		{"one", []string{"ftp://a"}, []string{"ftp://a"}},
		{"two among others", []string{"x", "ftps://a", "http://b", "ftpes://c"}, []string{"ftps://a", "ftpes://c"}},
		{"three keep two", []string{"ftp://a", "ftp://b", "ftp://c"}, []string{"ftp://a", "ftp://b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := commandURLs(tc.args); !slices.Equal(got, tc.want) {
				t.Fatalf("commandURLs(%q) = %q, want %q", tc.args, got, tc.want)
			}
		})
	}
}
