package quietlocale

import (
	"maps"
	"testing"
)

func TestLocaleFixes(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want map[string]string
	}{
		{map[string]string{"LANG": "C"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{"LANG": "C.UTF-8", "LC_ALL": "POSIX"}, map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE@euro"}, map[string]string{}},
		{map[string]string{"LANGUAGE": "C:fr", "LANG": "fr_FR.UTF-8"}, map[string]string{"LANGUAGE": "fr"}},
		{map[string]string{}, map[string]string{}},
	} {
		got := localeFixes(func(k string) string { return tc.env[k] })
		if !maps.Equal(got, tc.want) {
			t.Errorf("%v: %v, want %v", tc.env, got, tc.want)
		}
	}
}
