package listing

import (
	"strings"
	"testing"
	"time"
)

// rareListCases covers the formats and date forms of rarer servers, each
// with lines written for this table in the shape those servers print. It
// seeds FuzzParseListing too.
var rareListCases = []listCase{
	// A date of year 1 at midnight UTC is Go's zero time: no time, as
	// FuzzParseListing found (an hour later it is a time).
	{name: "unix/full-iso year one", in: "-rw-r--r-- 1 u g 5 0001-01-01 00:00:00 +0000 zero.txt\n-rw-r--r-- 1 u g 5 0001-01-01 01:00:00 +0000 one.txt",
		want: []want{{name: "zero.txt", size: 5}, {name: "one.txt", size: 5, mtime: "0001-01-01T01:00:00Z"}}},
	// Unix date forms tried only after the usual ones.
	{name: "unix/numeric month and day", in: "-rw-r--r--   1 marta    staff        7742 2 14 09:05 rota draft.txt\n-rw-r--r--   1 marta    staff        7742 11 3 2019 old rota.txt",
		want: []want{{name: "rota draft.txt", size: 7742, mtime: "2026-02-14T09:05:00Z"}, {name: "old rota.txt", size: 7742, mtime: "2019-11-03T00:00:00Z"}}},
	{name: "unix/month-day and year", in: "-rw-r--r--   1 marta    staff        7742 10-31 2021 halloween.txt",
		want: []want{{name: "halloween.txt", size: 7742, mtime: "2021-10-31T00:00:00Z"}}},
	{name: "unix/dotted date", in: "-rw-r--r--   1 marta    staff        7742 2019.08.30   summer.jpg\n-rw-r--r--   1 marta    staff        7742 2019.08.30 14:02 summer 2.jpg",
		want: []want{{name: "summer.jpg", size: 7742, mtime: "2019-08-30T00:00:00Z"}, {name: "summer 2.jpg", size: 7742, mtime: "2019-08-30T14:02:00Z"}}},
	{name: "unix/german day, month and comma", in: "drwxr-xr-x   2 jonas    users        4096 14. Feb., 08:30 Rechnungen\ndrwxr-xr-x   2 jonas    users        4096 9. März, 2024 Archiv",
		want: []want{{name: "Rechnungen", typ: TypeDir, size: 4096, mtime: "2026-02-14T08:30:00Z"}, {name: "Archiv", typ: TypeDir, size: 4096, mtime: "2024-03-09T00:00:00Z"}}},
	{name: "unix/asian year first", in: "-rw-r--r--   1 kenji    users         512 2025年 12月 24日 xmas.txt\n-rw-r--r--   1 minji    users        2048 2024년  7월  3일 보고서.hwp\n-rw-r--r--   1 minji    users        2048 2024년  7월  3일 11:20 회의.txt",
		want: []want{{name: "xmas.txt", size: 512, mtime: "2025-12-24T00:00:00Z"}, {name: "보고서.hwp", size: 2048, mtime: "2024-07-03T00:00:00Z"}, {name: "회의.txt", size: 2048, mtime: "2024-07-03T11:20:00Z"}}},
	{name: "unix/asian units in legacy bytes", in: "-rw-r--r--   1 kenji    users         512  4\x8c\x8e 18\x93\xfa 2024\x94\x4e memo-sjis.txt\n-rw-r--r--   1 minji    users         512 8\xbf\xf9 17 08:52 euc.txt\n-rw-r--r--   1 minji    users         512 2023   5\xbf\xf9 9 year-first.txt",
		want: []want{{name: "memo-sjis.txt", size: 512, mtime: "2024-04-18T00:00:00Z"}, {name: "euc.txt", size: 512, mtime: "2025-08-17T08:52:00Z"}, {name: "year-first.txt", size: 512, mtime: "2023-05-09T00:00:00Z"}}},
	{name: "unix/size glued to the group", in: "-rw-r--r-- webmaster wwwdata1048576 Feb 10 11:12 big.iso",
		want: []want{{name: "big.iso", size: 1048576, mtime: "2026-02-10T11:12:00Z"}}},
	{name: "unix/numbers only", in: "0100644   1001  100   5120    1767225600       backup.tar\n040755 1001 100 4096 1767225600 photos\n0120777 0 0 7 1767225600 latest",
		want: []want{{name: "backup.tar", size: 5120, mtime: "2026-01-01T00:00:00Z"}, {name: "photos", typ: TypeDir, size: 4096, mtime: "2026-01-01T00:00:00Z"}, {name: "latest", typ: TypeLink, size: 7, mtime: "2026-01-01T00:00:00Z"}}},
	{name: "unix/numbers only needs a file type", in: "0000644 1001 100 5120 1767225600 no-type",
		unparsed: []string{"0000644 1001 100 5120 1767225600 no-type"}},
	{name: "unix/dateless", in: "-rw-r--r-- 1 ftp ftp 3301 readme.txt\ndrwxr-xr-x 4 ftp ftp 512 pub",
		want: []want{{name: "readme.txt", size: 3301}, {name: "pub", typ: TypeDir, size: 512}}},
	{name: "unix/a date without a name is not dateless", in: "-rw-r--r-- 1 ftp ftp 3301 Mar  1 10:00\n-rw-r--r-- 1 ftp ftp 3301 2019.08.30",
		unparsed: []string{"-rw-r--r-- 1 ftp ftp 3301 Mar  1 10:00", "-rw-r--r-- 1 ftp ftp 3301 2019.08.30"}},
	{name: "unix/connect enterprise", in: "-C--E-----FTP A MBX0042       1204  88210 Feb 25 16:03 payroll.dat",
		want: []want{{name: "payroll.dat", size: 88210, mtime: "2026-02-25T16:03:00Z"}}},
	{name: "netware/padded name column", in: "d [RWCEAFMS] hanna        512       Feb 19 15:45    DATA2\n- [R----F--] rkowal      90210       Jan  8  2025    plan b.dwg",
		want: []want{{name: "DATA2", typ: TypeDir, size: 512, mtime: "2026-02-19T15:45:00Z"}, {name: "plan b.dwg", size: 90210, mtime: "2025-01-08T00:00:00Z"}}},

	// VShell.
	{name: "vshell", in: "48213  Jan 07, 2026 09:15 quarterly report.pdf\n0  Nov 30, 2025 18:40 exports/",
		want: []want{{name: "quarterly report.pdf", size: 48213, mtime: "2026-01-07T09:15:00Z"}, {name: "exports", typ: TypeDir, size: 0, mtime: "2025-11-30T18:40:00Z"}}},

	// VMS variants.
	{name: "vms/owner before size", in: "REPORT.TXT;2   [ACCT]    4/6     3-FEB-2026 10:05  (RWE,RWE,RE,)",
		want: []want{{name: "REPORT.TXT;2", size: 4 * 512, mtime: "2026-02-03T10:05:00Z", approx: true}}},
	{name: "vms/date before size", in: "OLDLOG.TXT;1       12-JAN-1999 08:00:01     77/80     (RWED,RWED,R,)",
		want: []want{{name: "OLDLOG.TXT;1", size: 77 * 512, mtime: "1999-01-12T08:00:01Z", approx: true}}},
	{name: "vms/french month and bare owner", in: "PAIE.DAT;3    6/8    15-JUI-2025    COMPTA   (RWED,RWED,RE,)\nBILAN.DIR;1    1/3    2-AOU-2025    COMPTA   (RWE,RWE,RE,)",
		want: []want{{name: "PAIE.DAT;3", size: 6 * 512, mtime: "2025-07-15T00:00:00Z", approx: true}, {name: "BILAN", typ: TypeDir, size: 512, mtime: "2025-08-02T00:00:00Z", approx: true}}},
	{name: "vms/continuation not indented", in: "VERY_LONG_FILE_NAME_FOR_THE_ANNUAL_AUDIT.LIS;2\r\n903/904     24-FEB-2026 08:16:15  [AUDIT,SCOT]  (RWED,RWED,RE,)",
		want: []want{{name: "VERY_LONG_FILE_NAME_FOR_THE_ANNUAL_AUDIT.LIS;2", size: 903 * 512, mtime: "2026-02-24T08:16:15Z", approx: true}}},
	{name: "vms/a held name does not take another format's line", in: "ORPHAN.TXT;2\n36611      A    04-23-103  10:57  os2.txt\nAGAIN.TXT;1\n12 13 junk",
		want:     []want{{name: "os2.txt", size: 36611, mtime: "2003-04-23T10:57:00Z"}},
		unparsed: []string{"ORPHAN.TXT;2", "AGAIN.TXT;1", "12 13 junk"}},

	// Routers and embedded systems.
	{name: "nortel/wfftp", in: "config.cfg       20480  02/17/26  Tues.   07:45:10",
		want: []want{{name: "config.cfg", size: 20480, mtime: "2026-02-17T07:45:10Z"}}},
	{name: "nortel/vxworks", in: "1024    Jan-05-2026  14:02:11   flash <DIR>\n330012  Feb-11-2026  09:00:00   boot image.img",
		want: []want{{name: "flash", typ: TypeDir, size: 1024, mtime: "2026-01-05T14:02:11Z"}, {name: "boot image.img", size: 330012, mtime: "2026-02-11T09:00:00Z"}}},
	{name: "os9", in: "0.1 26/02/03 0915 ----r-wr 1f3 4800 startup\n3.12 25/11/30 2210 d-ewrewr 2a 1600 CMDS",
		want: []want{{name: "startup", size: 4800, mtime: "2026-02-03T09:15:00Z"}, {name: "CMDS", typ: TypeDir, size: 1600, mtime: "2025-11-30T22:10:00Z"}}},

	// IBM and Tandem.
	{name: "zvm", hint: ServerZVM, in: "PROFILE  EXEC     V        72       31        1 2026-02-20 11:07:33 191\nPAYROLL  DATA     F        80      250        5 2025-12-01 06:30:00",
		want: []want{{name: "PROFILE.EXEC", size: 72 * 31, mtime: "2026-02-20T11:07:33Z", approx: true}, {name: "PAYROLL.DATA", size: 80 * 250, mtime: "2025-12-01T06:30:00Z"}}},
	{name: "hpnonstop", hint: ServerHPNonStop, in: "ORDERS 101 40960 3-Mar-26 08:12:44 100,25 \"nunu\"\nLEDGER 180 1024 14-Feb-2025 17:00:00 200, 1 \"oooo\"",
		want: []want{{name: "ORDERS", size: 40960, mtime: "2026-03-03T08:12:44Z"}, {name: "LEDGER", size: 1024, mtime: "2025-02-14T17:00:00Z"}}},
	{name: "hpnonstop/detected without hint", in: "ORDERS 101 40960 3-Mar-26 08:12:44 100,25 \"nunu\"",
		want: []want{{name: "ORDERS", size: 40960, mtime: "2026-03-03T08:12:44Z"}}},
	{name: "mvs/datasets without header", in: "USR042 3390   2026/02/11 213000 U 0 27998 PO HR.LOADLIB\nUSR043 3390   VSAM HR.CLUSTER",
		want: []want{{name: "HR.LOADLIB", typ: TypeDir, size: -1, mtime: "2026-02-11T00:00:00Z"}, {name: "HR.CLUSTER", size: -1}}},
	{name: "mvs/tape and long member names", hint: ServerMVS, in: "V81234 Tape                                 HR.BACKUP.G0001V00\nQUARTERLY 01.03 2025/12/01 2026/02/27 13:45   210   200    0 HRUSER\nPAY-2026\nLOADMOD2X  00B308 000411  00 FO  31  ANY",
		want: []want{{name: "HR.BACKUP.G0001V00", size: -1}, {name: "QUARTERLY", size: -1, mtime: "2026-02-27T13:45:00Z"}, {name: "PAY-2026", size: -1}, {name: "LOADMOD2X", size: 0xB308}}},
	{name: "mvs/stretched names are not replies or permissions", hint: ServerMVS, in: "250-Begin\n213-STAT\n-r--r--r-- 0125039 12 Nov 11 2025 unix line",
		want:     []want{{name: "unix line", size: 12, mtime: "2025-11-11T00:00:00Z"}},
		unparsed: []string{"250-Begin", "213-STAT"}},
}

func TestParseListingRareTable(t *testing.T) {
	for _, tc := range rareListCases {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Parse(strings.NewReader(tc.in), tc.options(t))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkListing(t, l, tc)
		})
	}
}

// TestFullISOZoneShared: entries whose times carry the same offset share
// one location, whole hour or not, so that a listing from a server at
// +0530 does not hold a location per entry, and a compact parse gives the
// same entries as a plain one (FuzzParseListing found "+0001" differ).
func TestFullISOZoneShared(t *testing.T) {
	in := "-rw-r--r-- 1 u g 5 2024-03-01 10:00:00 +0530 a.txt\n" +
		"-rw-r--r-- 1 u g 5 2024-03-02 11:00:00 +0530 b.txt\n" +
		"-rw-r--r-- 1 u g 5 0001-01-01 00:00:00 +0001 c.txt\n"
	plain, err := Parse(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	compact, err := Parse(strings.NewReader(in), Options{Compact: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.Entries) != 3 || len(compact.Entries) != 3 {
		t.Fatalf("entries: %d plain, %d compact, want 3", len(plain.Entries), len(compact.Entries))
	}
	a, b := plain.Entries[0].ModTime, plain.Entries[1].ModTime
	if a.Location() != b.Location() {
		t.Errorf("two +0530 entries hold two locations")
	}
	if _, off := a.Zone(); off != 5*3600+30*60 {
		t.Errorf("offset %d, want +0530", off)
	}
	if want := time.Date(2024, 3, 1, 4, 30, 0, 0, time.UTC); !a.Equal(want) {
		t.Errorf("a.txt at %v, want %v", a, want)
	}
	for i, e := range plain.Entries {
		e.Raw = ""
		if compact.Entries[i] != e {
			t.Errorf("compact %+v, plain %+v", compact.Entries[i], e)
		}
	}
}
