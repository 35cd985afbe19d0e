package ftpcore

import (
	"testing"
	"unicode/utf8"
)

func TestWindowsName(t *testing.T) {
	tests := []struct{ server, local string }{
		{"plain.txt", "plain.txt"},
		{"a:b.txt", "a\uFF1Ab.txt"},
		{`what?<now>|"*`, "what\uFF1F\uFF1Cnow\uFF1E\uFF5C\uFF02\uFF0A"},
		{"tab\there", "tab\u2409here"},
		{"ends.", "ends\uFF0E"},
		{"ends. .", "ends\uFF0E\u3000\uFF0E"},
		{"CON", "CO\uFF2E"},
		{"nul.txt", "nu\uFF4C.txt"},
		{"com1", "com\uFF11"},
		{"LPT9.tar.gz", "LPT\uFF19.tar.gz"},
		{"CONSOLE", "CONSOLE"},
		{"COM0", "COM0"},
		{"...", "..."},
		{".hidden", ".hidden"},
		{"café", "café"},
	}
	for _, tt := range tests {
		got, changed := WindowsName(tt.server)
		if got != tt.local || changed != (tt.server != tt.local) {
			t.Errorf("WindowsName(%q) = %q, %v; want %q", tt.server, got, changed, tt.local)
		}
		if back := ServerName(got); back != tt.server {
			t.Errorf("ServerName(%q) = %q; want %q back", got, back, tt.server)
		}
		if !utf8.ValidString(got) {
			t.Errorf("WindowsName(%q) is not UTF-8", tt.server)
		}
	}
}
