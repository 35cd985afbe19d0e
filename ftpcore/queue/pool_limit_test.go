package queue

import "testing"

// TestPoolLowerToOpenSessions checks that a 421 at connect brings the
// limit down to the sessions already open, at once, whatever the limit was:
// the count of refusals depends on timing, the sessions held do not.
func TestPoolLowerToOpenSessions(t *testing.T) {
	tests := []struct {
		name        string
		limit, open int
		want        int
		lowered     bool
	}{
		{"one open of five", 5, 1, 1, true},
		{"three open of five", 5, 3, 3, true},
		{"all open: one less", 4, 4, 3, true},
		{"none open", 3, 0, 1, true},
		{"already one", 1, 1, 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newSessionPool(Options{SiteLimit: func(string) int { return tc.limit }}, func() {})
			p.mu.Lock()
			p.site("s").open = tc.open
			p.mu.Unlock()
			if got := p.lower("s"); got != tc.lowered {
				t.Errorf("lower = %v, want %v", got, tc.lowered)
			}
			if got := p.limit("s"); got != tc.want {
				t.Errorf("limit = %d, want %d", got, tc.want)
			}
		})
	}
}
