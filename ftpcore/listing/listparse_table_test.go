package listing

import (
	"strings"
	"testing"
	"time"
)

// want describes one expected entry; mtime is RFC 3339 in UTC or "" for
// an unknown time.
type want struct {
	name   string
	typ    EntryType
	size   int64
	mtime  string
	target string
	unsafe bool
	approx bool
}

type listCase struct {
	name     string
	in       string
	hint     ServerType
	now      string // RFC 3339; default tableNow
	dayFirst bool
	want     []want
	unparsed []string
	skipped  int
}

const tableNow = "2026-03-05T10:00:00Z"

// listCases is the table behind TestParseListingTable and the seeds of
// FuzzParseListing: lines for every format and every trap the listing
// notes describe.
var listCases = []listCase{
	// Unix ls -l.
	{name: "unix/recent", in: "-rw-rw-r--   1 tomasz   devs        905216 Mar  2 14:07 kiln-firmware-v7.bin",
		want: []want{{name: "kiln-firmware-v7.bin", size: 905216, mtime: "2026-03-02T14:07:00Z"}}},
	{name: "unix/year", in: "drwxr-x---   3 tomasz   devs          4096 Jan 18  2024 glaze-recipes",
		want: []want{{name: "glaze-recipes", typ: TypeDir, size: 4096, mtime: "2024-01-18T00:00:00Z"}}},
	{name: "unix/link", in: "lrwxrwxrwx   1 tomasz   devs            15 Apr  9 08:51 stable -> kiln-v7/out.bin",
		want: []want{{name: "stable", typ: TypeLink, size: 15, mtime: "2025-04-09T08:51:00Z", target: "kiln-v7/out.bin"}}},
	{name: "unix/link target with spaces", in: "lrwxrwxrwx   1 mlopez   mktg   18 Feb  8 09:10 Team Drive -> /mnt/team share/q1",
		want: []want{{name: "Team Drive", typ: TypeLink, size: 18, mtime: "2026-02-08T09:10:00Z", target: "/mnt/team share/q1"}}},
	{name: "unix/arrow in a file name", in: "-rw-r--r--   1 a b 5 Feb  2 10:44 in -> out.txt",
		want: []want{{name: "in -> out.txt", size: 5, mtime: "2026-02-02T10:44:00Z"}}},
	{name: "unix/char device", in: "crw--w----   1 root     tty        4,  65 Feb 11 06:30 ttyS1",
		want: []want{{name: "ttyS1", typ: TypeSpecial, size: -1, mtime: "2026-02-11T06:30:00Z"}}},
	{name: "unix/block device one field", in: "brw-rw----   1 root     disk         8,16 Dec  3  2025 sdb",
		want: []want{{name: "sdb", typ: TypeSpecial, size: -1, mtime: "2025-12-03T00:00:00Z"}}},
	{name: "unix/fifo socket door", in: "prw-r--r--   1 a b 0 Feb  2 10:44 fifo\nsrwxr-xr-x   1 a b 0 Feb  2 10:44 sock\nDrw-r--r--   1 a b 0 Feb  2 10:44 door",
		want: []want{{name: "fifo", typ: TypeSpecial, mtime: "2026-02-02T10:44:00Z"}, {name: "sock", typ: TypeSpecial, mtime: "2026-02-02T10:44:00Z"}, {name: "door", typ: TypeSpecial, mtime: "2026-02-02T10:44:00Z"}}},
	{name: "unix/acl xattr selinux markers", in: "-rw-rw-r--+  1 hanna    labteam      88004 Feb 27 11:03 survey-raw.sav\ndrwxr-xr-x@  5 sato     admin          160 Mar  1 09:48 Keynote Exports\n-rw-r--r--.  1 root root 12 Mar  1 09:48 ctx",
		want: []want{{name: "survey-raw.sav", size: 88004, mtime: "2026-02-27T11:03:00Z"}, {name: "Keynote Exports", typ: TypeDir, size: 160, mtime: "2026-03-01T09:48:00Z"}, {name: "ctx", size: 12, mtime: "2026-03-01T09:48:00Z"}}},
	{name: "unix/missing group", in: "-rw-rw-r--   1 ines         33791 Feb 20 17:26 minutes-feb.odt",
		want: []want{{name: "minutes-feb.odt", size: 33791, mtime: "2026-02-20T17:26:00Z"}}},
	{name: "unix/numeric ids", in: "-rw-------   1 1042     1042          612 Jan 30 04:17 .pgpass.old",
		want: []want{{name: ".pgpass.old", size: 612, mtime: "2026-01-30T04:17:00Z"}}},
	{name: "unix/group with space", in: "-rwx------   1 ljones   Domain Admins   5010 Mar  4 10:31 deploy.ps1",
		want: []want{{name: "deploy.ps1", size: 5010, mtime: "2026-03-04T10:31:00Z"}}},
	{name: "unix/windows placeholder", in: "----------   1 owner    group        20480 Mar  3 10:05 app_offline.htm\n-rw-r--r--   0 user group 7 Mar  3 10:05 zero-links",
		want: []want{{name: "app_offline.htm", size: 20480, mtime: "2026-03-03T10:05:00Z"}, {name: "zero-links", size: 7, mtime: "2026-03-03T10:05:00Z"}}},
	{name: "unix/netpresenz", in: "drwxrwxr-x      folder       12 Feb 22 13:05 Fonts Library\n-rw-rw-r--     4096   118784   122880 Sep 19  2025 Brochure.indd",
		want: []want{{name: "Fonts Library", typ: TypeDir, size: 12, mtime: "2026-02-22T13:05:00Z"}, {name: "Brochure.indd", size: 122880, mtime: "2025-09-19T00:00:00Z"}}},
	{name: "unix/big and padded sizes", in: "-rw-r--r--   1 a b 7696581394432 Feb  2 10:44 huge\n-rw-r--r--   1 a b 00002048 Feb  2 10:44 padded\n-rw-r--r--   1 a b 9223372036854775807 Feb  2 10:44 max",
		want: []want{{name: "huge", size: 7696581394432, mtime: "2026-02-02T10:44:00Z"}, {name: "padded", size: 2048, mtime: "2026-02-02T10:44:00Z"}, {name: "max", size: 9223372036854775807, mtime: "2026-02-02T10:44:00Z"}}},
	{name: "unix/approximate sizes", in: "-rw-r--r--   1 a b 2.5k Feb  2 10:44 approx\n-rw-r--r--   1 a b 3KB Feb  2 10:44 kb",
		want: []want{{name: "approx", size: 2560, mtime: "2026-02-02T10:44:00Z", approx: true}, {name: "kb", size: 3072, mtime: "2026-02-02T10:44:00Z", approx: true}}},
	{name: "unix/signed size is junk", in: "-rw-r--r--   1 a b -5 Feb  2 10:44 neg",
		unparsed: []string{"-rw-r--r--   1 a b -5 Feb  2 10:44 neg"}},
	{name: "unix/long-iso", in: "-rw-rw-r--   1 priya    ops          16384 2026-02-03 07:55 metrics.parquet",
		want: []want{{name: "metrics.parquet", size: 16384, mtime: "2026-02-03T07:55:00Z"}}},
	{name: "unix/full-iso with offset", in: "-rw-rw-r--   1 priya    ops            311 2025-12-19 23:41:08.004211937 -0500 cron-run.txt",
		want: []want{{name: "cron-run.txt", size: 311, mtime: "2025-12-20T04:41:08.004211937Z"}}},
	{name: "unix/other numeric dates", in: "-rw-r--r--   1 a b 5 2024/03/02 10:44 slash\n-rw-r--r--   1 a b 5 02-03 10:44 mmdd\n-rw-r--r--   1 a b 5 03-02-2024 10:44 ddmmyyyy\n-rw-r--r--   1 a b 5 12-Mar-24 ddmonyy\n-rw-r--r--   1 a b 5 Feb 2, 2024 10:44 comma",
		want: []want{{name: "slash", size: 5, mtime: "2024-03-02T10:44:00Z"}, {name: "mmdd", size: 5, mtime: "2026-02-03T10:44:00Z"}, {name: "ddmmyyyy", size: 5, mtime: "2024-02-03T10:44:00Z"}, {name: "ddmonyy", size: 5, mtime: "2024-03-12T00:00:00Z"}, {name: "comma", size: 5, mtime: "2024-02-02T10:44:00Z"}}},
	{name: "unix/midnight as 24:00", in: "-rw-r--r--   1 a b 5 Feb  2 24:00 midnight",
		want: []want{{name: "midnight", size: 5, mtime: "2026-02-03T00:00:00Z"}}},
	{name: "unix/localised months", in: strings.Join([]string{
		"-rw-rw-r--   1 lukas    users         7311 Dez 12  2025 kosten.ods",
		"drwxr-xr-x   2 lukas    users         4096 3. Mär 16:40 Belege",
		"-rw-rw-r--   1 amelie   users         1290 janv. 22 08:05 bilan.pdf",
		"-rw-rw-r--   1 amelie   users         1290 févr. 22 08:05 fr.pdf",
		"-rw-rw-r--   1 haruto   users         2048  2月 14 19:30 議事録.txt",
		"-rw-r--r--   1 a b 5 2월 14 19:30 korean",
		"-rw-r--r--   1 a b 5 ene 2 10:44 es",
		"-rw-r--r--   1 a b 5 dic 2  2025 es-it",
		"-rw-r--r--   1 a b 5 gen 2 10:44 it",
		"-rw-r--r--   1 a b 5 mrt 2 10:44 nl",
		"-rw-r--r--   1 a b 5 mei 2 10:44 nl2",
		"-rw-r--r--   1 a b 5 maj 2  2025 sv",
		"-rw-r--r--   1 a b 5 okt 2  2025 sv2",
		"-rw-r--r--   1 a b 5 MÄR 2 10:44 upper",
		"-rw-r--r--   1 a b 5 M\xe4r 2 10:44 latin1",
	}, "\n"),
		want: []want{
			{name: "kosten.ods", size: 7311, mtime: "2025-12-12T00:00:00Z"},
			{name: "Belege", typ: TypeDir, size: 4096, mtime: "2026-03-03T16:40:00Z"},
			{name: "bilan.pdf", size: 1290, mtime: "2026-01-22T08:05:00Z"},
			{name: "fr.pdf", size: 1290, mtime: "2026-02-22T08:05:00Z"},
			{name: "議事録.txt", size: 2048, mtime: "2026-02-14T19:30:00Z"},
			{name: "korean", size: 5, mtime: "2026-02-14T19:30:00Z"},
			{name: "es", size: 5, mtime: "2026-01-02T10:44:00Z"},
			{name: "es-it", size: 5, mtime: "2025-12-02T00:00:00Z"},
			{name: "it", size: 5, mtime: "2026-01-02T10:44:00Z"},
			{name: "nl", size: 5, mtime: "2026-03-02T10:44:00Z"},
			{name: "nl2", size: 5, mtime: "2025-05-02T10:44:00Z"},
			{name: "sv", size: 5, mtime: "2025-05-02T00:00:00Z"},
			{name: "sv2", size: 5, mtime: "2025-10-02T00:00:00Z"},
			{name: "upper", size: 5, mtime: "2026-03-02T10:44:00Z"},
			{name: "latin1", size: 5, mtime: "2026-03-02T10:44:00Z"},
		}},
	{name: "unix/names that look like dates", in: "-rw-r--r--   1 a b 5 Jan 12 15:02 1999 reunion.jpg\n-rw-r--r--   1 a b 5 Oct  3  2024 07:30 alarm.wav",
		want: []want{{name: "1999 reunion.jpg", size: 5, mtime: "2026-01-12T15:02:00Z"}, {name: "07:30 alarm.wav", size: 5, mtime: "2024-10-03T00:00:00Z"}}},
	{name: "unix/spaces in names kept", in: "-rw-r--r--   1 a b 5 Feb  2 10:44   indented.md\n-rw-r--r--   1 a b 5 Feb  2 10:44 trailing  \n-rw-r--r--   1 a b 5 Feb  2 10:44 two  inside",
		want: []want{{name: "  indented.md", size: 5, mtime: "2026-02-02T10:44:00Z"}, {name: "trailing  ", size: 5, mtime: "2026-02-02T10:44:00Z"}, {name: "two  inside", size: 5, mtime: "2026-02-02T10:44:00Z"}}},
	{name: "unix/trailing markers kept", in: "-rwxr-xr-x   1 a b 5 Feb  2 10:44 run*\ndrwxr-xr-x   1 a b 5 Feb  2 10:44 pipe|",
		want: []want{{name: "run*", size: 5, mtime: "2026-02-02T10:44:00Z"}, {name: "pipe|", typ: TypeDir, size: 5, mtime: "2026-02-02T10:44:00Z"}}},
	{name: "unix/impossible dates give unknown times", in: "-rw-r--r--   1 a b 5 Foo 14 12:00 foo-month\n-rw-r--r--   1 a b 5 Mar 14 31:70 bad-time\n-rw-r--r--   1 a b 5 Feb 30  2024 feb30",
		want: []want{{name: "foo-month", size: 5}, {name: "bad-time", size: 5}, {name: "feb30", size: 5}}},
	{name: "unix/year rule", now: "2027-01-05T10:00:00Z", in: "-rw-r--r--   1 a b 5 Jan  6 09:30 jan6\n-rw-r--r--   1 a b 5 Jan  7 08:00 jan7\n-rw-r--r--   1 a b 5 Mar 20 11:00 mar20\n-rw-r--r--   1 a b 5 Feb 29 12:00 feb29\n-rw-r--r--   1 a b 5 Jan  5 09:00 today",
		want: []want{{name: "jan6", size: 5, mtime: "2027-01-06T09:30:00Z"}, {name: "jan7", size: 5, mtime: "2026-01-07T08:00:00Z"}, {name: "mar20", size: 5, mtime: "2026-03-20T11:00:00Z"}, {name: "feb29", size: 5}, {name: "today", size: 5, mtime: "2027-01-05T09:00:00Z"}}},
	{name: "unix/leap day in the year before", now: "2029-01-05T10:00:00Z", in: "-rw-r--r--   1 a b 5 Feb 29 12:00 feb29",
		want: []want{{name: "feb29", size: 5, mtime: "2028-02-29T12:00:00Z"}}},
	{name: "unix/totals and dots skipped", in: "total 3068\ninsgesamt 56\n合計 40\n总用量 96\nитого 8\ntotal 1.5M\n\n   \ndrwxr-xr-x   5 a b 4096 Nov 27 15:25 .\ndrwxr-xr-x   5 a b 4096 Nov 27 15:25 ..\n-rw-r--r--   1 a b 1 Nov 27 15:25 ...",
		want: []want{{name: "...", size: 1, mtime: "2025-11-27T15:25:00Z"}}, skipped: 10},
	{name: "unix/junk reported", in: "ls: cannot open directory .: Permission denied\n226 Transfer complete\ngarbage\n-rw-r--r--   1 a b 5 Feb  2 10:44",
		unparsed: []string{"ls: cannot open directory .: Permission denied", "226 Transfer complete", "garbage", "-rw-r--r--   1 a b 5 Feb  2 10:44"}},
	{name: "unix/hostile names flagged", in: "-rw-r--r--   1 a b 5 Feb  2 10:44 ../x\n-rw-r--r--   1 a b 5 Feb  2 10:44 a\\b\n-rw-r--r--   1 a b 5 Feb  2 10:44    \n-rw-r--r--   1 a b 5 Feb  2 10:44 \n-rw-r--r--   1 a b 5 Feb  2 10:44 a/b",
		want: []want{{name: "../x", size: 5, mtime: "2026-02-02T10:44:00Z", unsafe: true}, {name: "a\\b", size: 5, mtime: "2026-02-02T10:44:00Z", unsafe: true}, {name: "   ", size: 5, mtime: "2026-02-02T10:44:00Z", unsafe: true}, {name: "", size: 5, mtime: "2026-02-02T10:44:00Z", unsafe: true}, {name: "a/b", size: 5, mtime: "2026-02-02T10:44:00Z", unsafe: true}}},
	{name: "unix/stat reply indented by one space", in: "212-Status of .:\n -rw-r--r--   1 ferry    ferry          32 Nov 27 14:25 .hidden\n212 End of status",
		want: []want{{name: ".hidden", size: 32, mtime: "2025-11-27T14:25:00Z"}}, unparsed: []string{"212-Status of .:", "212 End of status"}},

	// DOS / IIS.
	{name: "dos/iis", in: "02-17-26  04:22PM                91336 floorplan-v3.dwg\n12-30-25  12:47AM       <DIR>          Scans 2025\n2026-01-09  18:20        1,048,576,000 vmimage part1.vhd",
		want: []want{{name: "floorplan-v3.dwg", size: 91336, mtime: "2026-02-17T16:22:00Z"}, {name: "Scans 2025", typ: TypeDir, size: -1, mtime: "2025-12-30T00:47:00Z"}, {name: "vmimage part1.vhd", size: 1048576000, mtime: "2026-01-09T18:20:00Z"}}},
	{name: "dos/twelve o'clock and pivots", in: "07-04-97  12:05PM                  5 old\n03-02-26  11:59AM  6 new\n01-01-99  01:00PM 7 late",
		want: []want{{name: "old", size: 5, mtime: "1997-07-04T12:05:00Z"}, {name: "new", size: 6, mtime: "2026-03-02T11:59:00Z"}, {name: "late", size: 7, mtime: "1999-01-01T13:00:00Z"}}},
	{name: "dos/day first decided by a field over 12", in: "25-12-25  10:00AM  17 daymonth",
		want: []want{{name: "daymonth", size: 17, mtime: "2025-12-25T10:00:00Z"}}},
	{name: "dos/day first option", dayFirst: true, in: "03-02-26  10:00  17 march",
		want: []want{{name: "march", size: 17, mtime: "2026-02-03T10:00:00Z"}}},
	{name: "dos/names", in: "02-17-26  04:22PM      1 2025 budget\n12-30-25  12:47AM       <DIR>            lead\n01-02-26  10:00 <DIR> short pad\n12-30-25  12:47AM       <DIR>          .\n12-30-25  12:47AM       <DIR>          ..",
		want: []want{{name: "2025 budget", size: 1, mtime: "2026-02-17T16:22:00Z"}, {name: "  lead", typ: TypeDir, size: -1, mtime: "2025-12-30T00:47:00Z"}, {name: "short pad", typ: TypeDir, size: -1, mtime: "2026-01-02T10:00:00Z"}}, skipped: 2},
	{name: "dos/bad separators", in: "02-17-26  04:22PM     1,0485,76 odd",
		unparsed: []string{"02-17-26  04:22PM     1,0485,76 odd"}},
	{name: "dos/junction", in: "01-02-26  10:00 <JUNCTION>   Docs [C:\\Users\\x]",
		want: []want{{name: "Docs", typ: TypeLink, size: -1, mtime: "2026-01-02T10:00:00Z", target: "C:\\Users\\x"}}},

	// EPLF.
	{name: "eplf", in: "+i2049.77310,m1772532000,r,s73728,\tbrochure-2026.pdf\n+m1769904000,/,up750,\tincoming\n+r,/,s1,\tboth, with comma\n+,\tneither",
		want: []want{{name: "brochure-2026.pdf", size: 73728, mtime: "2026-03-03T10:00:00Z"}, {name: "incoming", typ: TypeDir, size: -1, mtime: "2026-02-01T00:00:00Z"}, {name: "both, with comma", typ: TypeDir, size: 1}, {name: "neither", size: -1}}},

	// VMS.
	{name: "vms", in: strings.Join([]string{
		"Directory USR$ROOT:[WEB.HANNA]",
		"",
		"INDEX.HTML;3          14/16      4-FEB-2026 11:27:40  [WEB,HANNA]   (RWED,RWED,RE,RE)",
		"STYLES.DIR;1           2/3      19-DEC-2025 08:02:11.47  [HANNA]     (RWE,RWE,RE,E)",
		"QUARTERLY_MAINTENANCE_SCHEDULE_2026.TXT;11",
		"                      62/64     27-JAN-2026 16:05:09  [WEB,HANNA]   (RWED,RWED,R,)",
		"BUILD.LOG;88          310        2-MAR-2026 03:12:55.09",
		"lower.txt;1           1        2-mar-2026",
		"",
		"Total of 4 files, 388/393 blocks.",
		"Grand total of 1 directory, 4 files, 388/393 blocks.",
	}, "\r\n"),
		want: []want{
			{name: "INDEX.HTML;3", size: 14 * 512, mtime: "2026-02-04T11:27:40Z", approx: true},
			{name: "STYLES", typ: TypeDir, size: 2 * 512, mtime: "2025-12-19T08:02:11.47Z", approx: true},
			{name: "QUARTERLY_MAINTENANCE_SCHEDULE_2026.TXT;11", size: 62 * 512, mtime: "2026-01-27T16:05:09Z", approx: true},
			{name: "BUILD.LOG;88", size: 310 * 512, mtime: "2026-03-02T03:12:55.09Z", approx: true},
			{name: "lower.txt;1", size: 512, mtime: "2026-03-02T00:00:00Z", approx: true},
		}, skipped: 5},
	{name: "vms/name without its attribute line", in: "ORPHAN.TXT;2\nNEXT.TXT;1  3  2-MAR-2026 03:12\nLAST.TXT;4",
		want:     []want{{name: "NEXT.TXT;1", size: 3 * 512, mtime: "2026-03-02T03:12:00Z", approx: true}},
		unparsed: []string{"ORPHAN.TXT;2", "LAST.TXT;4"}},

	// MVS.
	{name: "mvs/datasets", hint: ServerMVS, in: strings.Join([]string{
		"Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname",
		"WRK014 3390   2026/02/26  3  118  FB     133 27930  PS  HR.BENEFITS.EXTRACT",
		"WRK015 3390   2026/01/07  1   22  FB      80  3120  PO  HR.JCL.LIBRARY",
		"WRK016 3390   **NONE**    1 ????  FB      80  3120  PO-E  HR.JCL.LIBE",
		"Migrated                                                HR.OLD.TAXFORMS",
		"Pseudo Directory                                        HR.SUB",
	}, "\n"),
		want:    []want{{name: "HR.BENEFITS.EXTRACT", size: -1, mtime: "2026-02-26T00:00:00Z"}, {name: "HR.JCL.LIBRARY", typ: TypeDir, size: -1, mtime: "2026-01-07T00:00:00Z"}, {name: "HR.JCL.LIBE", typ: TypeDir, size: -1}, {name: "HR.OLD.TAXFORMS", size: -1}, {name: "HR.SUB", typ: TypeDir, size: -1}},
		skipped: 1},
	{name: "mvs/members", hint: ServerMVS, in: "Name     VV.MM   Created       Changed      Size  Init   Mod   Id\nBENCALC   02.11 2024/07/19 2026/02/25 09:14  1180  1102    35 RNAKAMU\nSTUBJOB\nLOADMOD  00A8F0  000012  00  FO  RN RU  31  ANY",
		want:    []want{{name: "BENCALC", size: -1, mtime: "2026-02-25T09:14:00Z"}, {name: "STUBJOB", size: -1}, {name: "LOADMOD", size: 0xA8F0}},
		skipped: 1},
	{name: "mvs/bare names need the hint", in: "STUBJOB", unparsed: []string{"STUBJOB"}},
	{name: "mvs/datasets detected without hint", in: "WRK014 3390   2026/02/26  3  118  FB     133 27930  PS  HR.BENEFITS.EXTRACT",
		want: []want{{name: "HR.BENEFITS.EXTRACT", size: -1, mtime: "2026-02-26T00:00:00Z"}}},

	// OS/400.
	{name: "os400", in: strings.Join([]string{
		"HRPROD         12288 02/24/26 13:40:07 *DIR       ledger/",
		"HRPROD        301056 02/25/26 08:19:44 *STMF      q1 forecast.xlsx",
		"HRPROD         53248 01/12/26 10:00:00 *FILE      INVOICES.FILE",
		"HRPROD                                 *MEM       INVOICES.FILE/JAN2026.MBR",
		"HRPROD     4915200002/24/26 13:40:07 *STMF      fused.bin",
	}, "\n"),
		want: []want{{name: "ledger", typ: TypeDir, size: 12288, mtime: "2026-02-24T13:40:07Z"}, {name: "q1 forecast.xlsx", size: 301056, mtime: "2026-02-25T08:19:44Z"}, {name: "INVOICES.FILE", size: 53248, mtime: "2026-01-12T10:00:00Z"}, {name: "INVOICES.FILE/JAN2026.MBR", size: -1, unsafe: true}, {name: "fused.bin", size: 49152000, mtime: "2026-02-24T13:40:07Z"}}},
	{name: "os400/day first", hint: ServerOS400, dayFirst: true, in: "QSYS  10 03/02/26 13:40:07 *STMF      a.txt\nQSYS  10 24.02.26 13:40:07 *STMF      b.txt",
		want: []want{{name: "a.txt", size: 10, mtime: "2026-02-03T13:40:07Z"}, {name: "b.txt", size: 10, mtime: "2026-02-24T13:40:07Z"}}},

	// NetWare and OS/2.
	{name: "netware", in: "d [RWCEAFMS] hanna                    512 Feb 19 15:45 DATA\n- [RW---F--] rkowal                118220 Jan  4  2025 site plan.dwg\n- [RW---F--]                 7 Jan  4  2025 no owner",
		want: []want{{name: "DATA", typ: TypeDir, size: 512, mtime: "2026-02-19T15:45:00Z"}, {name: "site plan.dwg", size: 118220, mtime: "2025-01-04T00:00:00Z"}, {name: "no owner", size: 7, mtime: "2025-01-04T00:00:00Z"}}},
	{name: "os2", in: "  40960      A    02-19-26  15:45  SETUP.EXE\n      0           DIR   01-05-26   07:15  BITMAPS\n   100  05-06-126  07:15  y2k bug.txt",
		want: []want{{name: "SETUP.EXE", size: 40960, mtime: "2026-02-19T15:45:00Z"}, {name: "BITMAPS", typ: TypeDir, size: 0, mtime: "2026-01-05T07:15:00Z"}, {name: "y2k bug.txt", size: 100, mtime: "2026-05-06T07:15:00Z"}}},

	// MLSD.
	{name: "mlsd", hint: ServerMLSD, in: strings.Join([]string{
		"type=cdir;perm=flcdmpe;modify=20260301120000; /srv/ftp/hanna",
		"type=pdir;perm=el;modify=20260101000000; ..",
		"type=dir;perm=flcdmpe;modify=20260228174501; ledger",
		"type=file;size=73301;modify=20260227093015.125;perm=adfrw;unix.mode=0640; q1 forecast.xlsx",
		"Type=File;Size=12;Modify=20260110101010; notes;v2 = old.txt",
		"type=OS.unix=slink:/opt/tools/bin;modify=20260105080000; tools",
		"type=OS.unix=symlink;size=10; link-to-readme",
		"type=dir;sizd=8192;modify=20260302111111;perm=el; fonts",
		"type=file;size=1;modify=20260227;  spaced out.txt",
		"type=file;size=abc;modify=19600101000000;\ttabbed",
		"type=file;size=5 nofinalsemi",
		"type=file;modify=20260101 120000;size=5; space in value",
		"type=OS.unix=chr-4/65; tty",
		"type=file;size=18446744073709551615;create=20200101000000; too big",
		"TYPE=DIR;MODIFY=20260302111111; UPPER",
	}, "\n"),
		want: []want{
			{name: "ledger", typ: TypeDir, size: -1, mtime: "2026-02-28T17:45:01Z"},
			{name: "q1 forecast.xlsx", size: 73301, mtime: "2026-02-27T09:30:15.125Z"},
			{name: "notes;v2 = old.txt", size: 12, mtime: "2026-01-10T10:10:10Z"},
			{name: "tools", typ: TypeLink, size: -1, mtime: "2026-01-05T08:00:00Z", target: "/opt/tools/bin"},
			{name: "link-to-readme", typ: TypeLink, size: 10},
			{name: "fonts", typ: TypeDir, size: -1, mtime: "2026-03-02T11:11:11Z"},
			{name: " spaced out.txt", size: 1},
			{name: "tabbed", size: -1, mtime: "1960-01-01T00:00:00Z"},
			{name: "nofinalsemi", size: 5},
			{name: "space in value", size: 5},
			{name: "tty", typ: TypeSpecial, size: -1},
			{name: "too big", size: -1, mtime: "2020-01-01T00:00:00Z"},
			{name: "UPPER", typ: TypeDir, size: -1, mtime: "2026-03-02T11:11:11Z"},
		}, skipped: 2},
	{name: "mlsd/mlst reply", in: "250-Start of list for big.bin\n modify=20261127142542;perm=adfrw;size=3145851;type=file; /big.bin\n250 End of list",
		want:     []want{{name: "/big.bin", size: 3145851, mtime: "2026-11-27T14:25:42Z", unsafe: true}},
		unparsed: []string{"250-Start of list for big.bin", "250 End of list"}},
	{name: "mlsd/hostile", in: "type=file;size=1; ../x\ntype=file;size=1; \ntype=file;size=1; a\\b",
		want: []want{{name: "../x", size: 1, unsafe: true}, {name: "", size: 1, unsafe: true}, {name: "a\\b", size: 1, unsafe: true}}},
}

func TestParseListingTable(t *testing.T) {
	for _, tc := range listCases {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Parse(strings.NewReader(tc.in), tc.options(t))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkListing(t, l, tc)
		})
	}
}

func (tc listCase) options(t testing.TB) Options {
	now := tc.now
	if now == "" {
		now = tableNow
	}
	n, err := time.Parse(time.RFC3339, now)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Now: n, ServerType: tc.hint, DayFirst: tc.dayFirst}
}

func checkListing(t *testing.T, l *Result, tc listCase) {
	t.Helper()
	if len(l.Entries) != len(tc.want) {
		for _, e := range l.Entries {
			t.Logf("got entry %q", e.Name)
		}
		for _, u := range l.Unparsed {
			t.Logf("got unparsed %q", u.Text)
		}
		t.Fatalf("got %d entries, want %d", len(l.Entries), len(tc.want))
	}
	for i, w := range tc.want {
		e := l.Entries[i]
		if e.Name != w.name || e.Type != w.typ || e.Size != w.size || e.Target != w.target || e.Unsafe != w.unsafe || e.SizeApprox != w.approx {
			t.Errorf("entry %d = {%q %v size %d target %q unsafe %v approx %v}, want %+v",
				i, e.Name, e.Type, e.Size, e.Target, e.Unsafe, e.SizeApprox, w)
		}
		got := ""
		if e.Precision != PrecisionNone {
			got = e.ModTime.UTC().Format(time.RFC3339Nano)
		}
		if got != w.mtime {
			t.Errorf("entry %d %q: mtime %q, want %q", i, e.Name, got, w.mtime)
		}
		if e.Precision == PrecisionNone && !e.ModTime.IsZero() {
			t.Errorf("entry %d %q: time %v with no precision", i, e.Name, e.ModTime)
		}
	}
	var texts []string
	for _, u := range l.Unparsed {
		texts = append(texts, u.Text)
	}
	if strings.Join(texts, "\n") != strings.Join(tc.unparsed, "\n") {
		t.Errorf("unparsed = %q, want %q", texts, tc.unparsed)
	}
	if l.Skipped != tc.skipped {
		t.Errorf("skipped = %d, want %d", l.Skipped, tc.skipped)
	}
}
