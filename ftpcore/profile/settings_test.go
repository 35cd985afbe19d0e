package profile

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/compare"
	"ferry/ftpcore/queue"
)

func TestDefaultSettings(t *testing.T) {
	d := DefaultSettings()
	if err := d.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if d.ConcurrentTransfers != 2 || d.Retries != 2 || d.RetryDelay != 5*time.Second || d.DataMode != ftpcore.Passive {
		t.Errorf("defaults = %+v", d)
	}
	d.ASCIIExtensions[0] = "changed"
	if DefaultSettings().ASCIIExtensions[0] == "changed" {
		t.Error("DefaultSettings shares the package's extension list")
	}
}

func TestSettingsValidateAndClamp(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Settings)
		field   string
		clamped func(Settings) bool
	}{
		{"too many transfers", func(s *Settings) { s.ConcurrentTransfers = 11 }, "concurrent transfers",
			func(s Settings) bool { return s.ConcurrentTransfers == 10 }},
		{"no transfers", func(s *Settings) { s.ConcurrentTransfers = 0 }, "concurrent transfers",
			func(s Settings) bool { return s.ConcurrentTransfers == 1 }},
		{"short timeout", func(s *Settings) { s.ConnectTimeout = time.Millisecond }, "connect timeout",
			func(s Settings) bool { return s.ConnectTimeout == MinTimeout }},
		{"negative retries", func(s *Settings) { s.Retries = -1 }, "retries",
			func(s Settings) bool { return s.Retries == 0 }},
		{"huge retry delay", func(s *Settings) { s.RetryDelay = 48 * time.Hour }, "retry delay",
			func(s Settings) bool { return s.RetryDelay == MaxRetryDelay }},
		{"tiny keep-alive", func(s *Settings) { s.KeepAlive = time.Second }, "keep-alive",
			func(s Settings) bool { return s.KeepAlive == MinKeepAlive }},
		{"half port range", func(s *Settings) { s.ActivePortMin = 5000 }, "active port range",
			func(s Settings) bool { return s.ActivePortMin == 0 && s.ActivePortMax == 0 }},
		{"reversed port range", func(s *Settings) { s.ActivePortMin, s.ActivePortMax = 6000, 5000 }, "active port range",
			func(s Settings) bool { return s.ActivePortMin == 6000 && s.ActivePortMax == 6000 }},
		{"privileged ports", func(s *Settings) { s.ActivePortMin, s.ActivePortMax = 20, 30 }, "active port range",
			func(s Settings) bool { return s.ActivePortMin == MinActivePort && s.ActivePortMax == MinActivePort }},
		{"bad address", func(s *Settings) { s.ActiveExternalIP = "my.host" }, "external address",
			func(s Settings) bool { return s.ActiveExternalIP == "" }},
		{"negative limit", func(s *Settings) { s.UploadLimit = -5 }, "speed limit",
			func(s Settings) bool { return s.UploadLimit == 0 }},
		{"bad language", func(s *Settings) { s.Language = "not a tag!" }, "language",
			func(s Settings) bool { return s.Language == "" }},
		{"unknown theme", func(s *Settings) { s.Theme = "purple" }, "theme",
			func(s Settings) bool { return s.Theme == ThemeSystem }},
		{"tiny log", func(s *Settings) { s.LogLines = 5 }, "log size",
			func(s Settings) bool { return s.LogLines == MinLogLines }},
		{"unknown action", func(s *Settings) { s.UploadExists = 42 }, "file exists action",
			func(s Settings) bool { return s.UploadExists == queue.OverwriteAsk }},
		{"unknown fallback", func(s *Settings) { s.FXPFallback = 42 }, "FXP fallback",
			func(s Settings) bool { return s.FXPFallback == ftpcore.RelayAsk }},
		{"unknown comparison", func(s *Settings) { s.CompareMode = 9 }, "comparison mode",
			func(s Settings) bool { return s.CompareMode == compare.BySizeAndTime }},
		{"negative tolerance", func(s *Settings) { s.CompareTolerance = -time.Second }, "comparison tolerance",
			func(s Settings) bool { return s.CompareTolerance == 0 }},
		{"huge tolerance", func(s *Settings) { s.CompareTolerance = 30 * 24 * time.Hour }, "comparison tolerance",
			func(s Settings) bool { return s.CompareTolerance == MaxCompareTolerance }},
		{"bad extension", func(s *Settings) { s.ASCIIExtensions = []string{"txt", "a/b"} }, "ASCII extensions",
			func(s Settings) bool { return slices.Equal(s.ASCIIExtensions, []string{"txt"}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.edit(&s)
			err := s.Validate()
			var ie *InvalidSettingError
			if !errors.As(err, &ie) || ie.Field != tt.field || !errors.Is(err, ErrInvalidSetting) {
				t.Fatalf("Validate() = %v, want field %q", err, tt.field)
			}
			c := s.Clamp()
			if err := c.Validate(); err != nil {
				t.Errorf("Clamp() still invalid: %v", err)
			}
			if !tt.clamped(c) {
				t.Errorf("Clamp() = %+v", c)
			}
		})
	}
}

func TestSettingsStore(t *testing.T) {
	dir := t.TempDir()
	st, err := OpenSettingsStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Settings(); got.ConcurrentTransfers != 2 {
		t.Errorf("missing file gave %+v, want defaults", got)
	}
	want := DefaultSettings()
	want.DataMode, want.TransferType, want.ConcurrentTransfers = ftpcore.Active, ftpcore.TypeASCII, 7
	want.ASCIIExtensions, want.ASCIINoExtension = []string{"txt", "md"}, false
	want.ConnectTimeout, want.ReplyTimeout, want.Retries, want.RetryDelay = 3*time.Second, 90*time.Second, 5, 1500*time.Millisecond
	want.KeepAlive, want.ActivePortMin, want.ActivePortMax, want.ActiveExternalIP = 30*time.Second, 40000, 40100, "2001:db8::1"
	want.DownloadExists, want.UploadExists = queue.OverwriteIfNewer, queue.OverwriteResume
	want.DownloadLimit, want.UploadLimit, want.FXPFallback = 1<<20, 512, ftpcore.RelayAuto
	want.Language, want.LogLines = "pt-BR", 500
	want.CompareMode, want.CompareTolerance = compare.BySize, time.Hour
	if err := st.Save(want); err != nil {
		t.Fatal(err)
	}
	bad := want
	bad.ConcurrentTransfers = 99
	if err := st.Save(bad); !errors.Is(err, ErrInvalidSetting) {
		t.Errorf("Save of invalid settings = %v", err)
	}
	back, err := OpenSettingsStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := back.Settings()
	if !slices.Equal(got.ASCIIExtensions, want.ASCIIExtensions) {
		t.Errorf("extensions %q, want %q", got.ASCIIExtensions, want.ASCIIExtensions)
	}
	got.ASCIIExtensions, want.ASCIIExtensions = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reloaded\n %+v\nwant\n %+v", got, want)
	}
}

func TestSettingsFileContent(t *testing.T) {
	tests := []struct {
		name    string
		content string
		corrupt bool
		check   func(Settings) bool
	}{
		{"missing keys take defaults", `{"version":1,"concurrentTransfers":4}`, false,
			func(s Settings) bool {
				return s.ConcurrentTransfers == 4 && s.Retries == 2 && s.RetryDelay == 5*time.Second
			}},
		{"out of range is clamped", `{"version":1,"concurrentTransfers":40,"logLines":1}`, false,
			func(s Settings) bool { return s.ConcurrentTransfers == 10 && s.LogLines == MinLogLines }},
		{"comparison by default", `{"version":1}`, false,
			func(s Settings) bool {
				return s.CompareMode == compare.BySizeAndTime && s.CompareTolerance == time.Minute
			}},
		{"comparison read", `{"version":1,"compareMode":"size","compareTolerance":"24h0m0s"}`, false,
			func(s Settings) bool { return s.CompareMode == compare.BySize && s.CompareTolerance == 24*time.Hour }},
		{"no tolerance", `{"version":1,"compareTolerance":"0s"}`, false,
			func(s Settings) bool { return s.CompareTolerance == 0 }},
		{"unknown comparison", `{"version":1,"compareMode":"by-colour"}`, true, nil},
		{"unknown choice", `{"version":1,"downloadExists":"explode"}`, true, nil},
		{"bad duration", `{"version":1,"replyTimeout":"soon"}`, true, nil},
		{"no version", `{"concurrentTransfers":4}`, true, nil},
		{"garbage", "\x00\x01", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, SettingsFileName)
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			st, err := OpenSettingsStore(dir)
			if tt.corrupt {
				var ce *CorruptFileError
				if !errors.As(err, &ce) || ce.Path != path {
					t.Fatalf("Load() = %v, want *CorruptFileError", err)
				}
				if err := st.Save(DefaultSettings()); !errors.Is(err, ErrCorruptFile) {
					t.Errorf("Save() over a corrupt file = %v", err)
				}
				if got, _ := os.ReadFile(path); string(got) != tt.content {
					t.Error("corrupt settings were overwritten")
				}
				if _, err := st.Reset(); err != nil {
					t.Fatal(err)
				}
				if err := st.Save(DefaultSettings()); err != nil {
					t.Errorf("Save() after Reset: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(st.Settings()) {
				t.Errorf("loaded %+v", st.Settings())
			}
		})
	}
}

func TestSettingsStoreRestoreBackup(t *testing.T) {
	dir := t.TempDir()
	st := NewSettingsStore(dir)
	first := DefaultSettings()
	first.ConcurrentTransfers = 3
	second := first
	second.ConcurrentTransfers = 4
	if err := st.Save(first); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(second); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(st.Path(), []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := st.Load(); !errors.Is(err, ErrCorruptFile) {
		t.Fatalf("Load() = %v", err)
	}
	if err := st.RestoreBackup(); err != nil {
		t.Fatal(err)
	}
	if n := st.Settings().ConcurrentTransfers; n != 3 {
		t.Errorf("restored %d concurrent transfers, want the backup's 3", n)
	}
}
