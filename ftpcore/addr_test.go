package ftpcore

import (
	"net/netip"
	"testing"
)

var pasvCases = []struct {
	in   string
	want string // "" means an error
}{
	{"Entering Passive Mode (127,0,0,1,117,48).", "127.0.0.1:30000"},
	{"Entering Passive Mode 10,1,2,3,4,1", "10.1.2.3:1025"},
	{"=192,168,0,1,0,21", "192.168.0.1:21"},
	{"Passive (1,2,3,4,5,6) (9,9,9,9,9,9)", "1.2.3.4:1286"},
	{"Entering Passive Mode (256,0,0,1,1,1)", ""},
	{"Entering Passive Mode (1,2,3,4,5)", ""},
	{"Entering Passive Mode (1,2,3,4,5,1000)", ""},
	{"no numbers at all", ""},
	{"", ""},
}

func TestParsePASV(t *testing.T) {
	for _, tc := range pasvCases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParsePASV(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("want an error, got %v", got)
				}
				return
			}
			if err != nil || got.String() != tc.want {
				t.Fatalf("got %v, %v; want %s", got, err, tc.want)
			}
		})
	}
}

var epsvCases = []struct {
	in   string
	want uint16
}{
	{"Entering Extended Passive Mode (|||30001|)", 30001},
	{"Entering Extended Passive Mode (!!!6446!)", 6446},
	{"Entering Extended Passive Mode (|||0|)", 0},
	{"Entering Extended Passive Mode (|||70000|)", 0},
	{"Entering Extended Passive Mode (|||x|)", 0},
	{"Entering Extended Passive Mode (||1|)", 0},
	{"Entering Extended Passive Mode (111301)", 0},
	{"(|||)", 0},
	{"nothing", 0},
}

func TestParseEPSV(t *testing.T) {
	for _, tc := range epsvCases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseEPSV(tc.in)
			if tc.want == 0 {
				if err == nil {
					t.Fatalf("want an error, got %d", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %d, %v; want %d", got, err, tc.want)
			}
		})
	}
}

var portCases = []struct {
	in   string
	want string
}{
	{"127,0,0,1,117,48", "127.0.0.1:30000"},
	{"127,0,0,1,117,48,", ""},
	{"127,0,0,1,117", ""},
	{"127,0,0,1,117,48 junk", ""},
	{"-1,0,0,1,117,48", ""},
}

func TestParsePORT(t *testing.T) {
	for _, tc := range portCases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParsePORT(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("want an error, got %v", got)
				}
				return
			}
			if err != nil || got.String() != tc.want {
				t.Fatalf("got %v, %v; want %s", got, err, tc.want)
			}
			back, err := FormatPORT(got)
			if err != nil || back != tc.in {
				t.Fatalf("FormatPORT round trip: %q, %v", back, err)
			}
		})
	}
}

var eprtCases = []struct {
	in   string
	want string
}{
	{"|1|132.235.1.2|6275|", "132.235.1.2:6275"},
	{"|2|1080::8:800:200C:417A|5282|", "[1080::8:800:200c:417a]:5282"},
	{"!1!10.0.0.1!21!", "10.0.0.1:21"},
	{"|1|::1|21|", ""},
	{"|2|10.0.0.1|21|", ""},
	{"|3|10.0.0.1|21|", ""},
	{"|1|10.0.0.1|0|", ""},
	{"|1|10.0.0.1|70000|", ""},
	{"|1|10.0.0.1|21", ""},
	{"|2|fe80::1%eth0|21|", ""},
	{"1|10.0.0.1|21|", ""},
}

func TestParseEPRT(t *testing.T) {
	for _, tc := range eprtCases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseEPRT(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("want an error, got %v", got)
				}
				return
			}
			if err != nil || got.String() != tc.want {
				t.Fatalf("got %v, %v; want %s", got, err, tc.want)
			}
			again, err := ParseEPRT(FormatEPRT(got))
			if err != nil || again != got {
				t.Fatalf("FormatEPRT round trip: %v, %v", again, err)
			}
		})
	}
}

func TestPassiveTarget(t *testing.T) {
	peer := netip.MustParseAddr("203.0.113.5")
	private := netip.MustParseAddrPort("10.0.0.7:4000")
	if got, replaced := passiveTarget(private, peer, false); !replaced || got.String() != "203.0.113.5:4000" {
		t.Fatalf("private address not replaced: %v %v", got, replaced)
	}
	foreign := netip.MustParseAddrPort("198.51.100.9:4000")
	if got, replaced := passiveTarget(foreign, peer, false); !replaced || got.Addr() != peer {
		t.Fatalf("foreign address not replaced: %v", got)
	}
	if got, replaced := passiveTarget(foreign, peer, true); replaced || got != foreign {
		t.Fatalf("trusted address replaced: %v", got)
	}
	same := netip.MustParseAddrPort("203.0.113.5:4000")
	if got, replaced := passiveTarget(same, peer, false); replaced || got != same {
		t.Fatalf("peer's own address replaced: %v", got)
	}
}

func FuzzParsePASV(f *testing.F) {
	for _, tc := range pasvCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ap, err := ParsePASV(in)
		if err != nil {
			return
		}
		if !ap.Addr().Is4() {
			t.Fatalf("PASV gave a non-IPv4 address %v", ap)
		}
		s, err := FormatPORT(ap)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := ParsePORT(s); err != nil || back != ap {
			t.Fatalf("round trip %v -> %q -> %v, %v", ap, s, back, err)
		}
	})
}

func FuzzParseEPSV(f *testing.F) {
	for _, tc := range epsvCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if p, err := ParseEPSV(in); err == nil && p == 0 {
			t.Fatalf("port 0 accepted from %q", in)
		}
	})
}

func FuzzParsePORT(f *testing.F) {
	for _, tc := range portCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ap, err := ParsePORT(in)
		if err != nil {
			return
		}
		s, err := FormatPORT(ap)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := ParsePORT(s); err != nil || back != ap {
			t.Fatalf("round trip %v -> %q -> %v, %v", ap, s, back, err)
		}
	})
}

func FuzzParseEPRT(f *testing.F) {
	for _, tc := range eprtCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ap, err := ParseEPRT(in)
		if err != nil {
			return
		}
		if ap.Port() == 0 || ap.Addr().Zone() != "" {
			t.Fatalf("accepted %v from %q", ap, in)
		}
		if back, err := ParseEPRT(FormatEPRT(ap)); err != nil || back != ap {
			t.Fatalf("round trip %v -> %v, %v", ap, back, err)
		}
	})
}
