package main

import (
	"bufio"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // --tz must work on systems without a zone database
	"unicode/utf8"

	"ferry/ftpcore/listing"
)

// runParse implements "ferry-cli parse": it reads a raw listing on stdin
// and writes one JSON object per line of result, in input order: entries
// with name, type, size, mtime, target and details; lines no format
// accepted as {"unparsed": "<the line>"}.
func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("parse", flag.ContinueOnError)
	fl.SetOutput(stderr)
	nowFlag := fl.String("now", "", "the server's current time, RFC 3339, for year-less dates (default: the clock)")
	tzFlag := fl.String("tz", "UTC", "the server's time zone for LIST dates: an IANA name (Europe/Paris) or an offset (+02:00)")
	typeFlag := fl.String("server-type", "auto", "listing format: auto, unix, dos, vms, mvs, os400, netware, os2, eplf, mlsd, zvm or hpnonstop")
	dayFirst := fl.Bool("day-first", false, "read ambiguous DOS, OS/2 and OS/400 dates as day before month")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: ferry-cli parse [--now RFC3339] [--tz ZONE] [--server-type TYPE] [--day-first] < listing")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "ferry-cli parse: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return 2
	}
	opt := listing.Options{DayFirst: *dayFirst}
	var err error
	if opt.ServerType, err = listing.ParseServerType(*typeFlag); err != nil {
		fmt.Fprintf(stderr, "ferry-cli parse: %v\n", err)
		return 2
	}
	if opt.Location, err = parseZone(*tzFlag); err != nil {
		fmt.Fprintf(stderr, "ferry-cli parse: %v\n", err)
		return 2
	}
	if *nowFlag != "" {
		if opt.Now, err = time.Parse(time.RFC3339Nano, *nowFlag); err != nil {
			fmt.Fprintf(stderr, "ferry-cli parse: --now: %v\n", err)
			return 2
		}
	}
	result, perr := listing.Parse(stdin, opt)
	w := bufio.NewWriterSize(stdout, 64<<10)
	var buf []byte
	result.Each(func(e *listing.Entry) {
		buf = appendEntryJSON(buf[:0], e)
		w.Write(buf)
	}, func(u *listing.UnparsedLine) {
		buf = append(buf[:0], `{"unparsed":`...)
		buf = appendJSONString(buf, u.Text)
		buf = append(buf, "}\n"...)
		w.Write(buf)
	})
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "ferry-cli parse: write: %v\n", err)
		return 1
	}
	if perr != nil {
		fmt.Fprintf(stderr, "ferry-cli parse: %v\n", perr)
		return 1
	}
	return 0
}

// parseZone accepts an IANA zone name, "UTC", "Local", or a fixed offset
// written +HH, +HH:MM or +HHMM (also after "UTC" or "GMT").
func parseZone(s string) (*time.Location, error) {
	off := s
	for _, pre := range []string{"UTC", "GMT"} {
		if len(off) > len(pre) && strings.EqualFold(off[:len(pre)], pre) {
			off = off[len(pre):]
		}
	}
	if off != "" && (off[0] == '+' || off[0] == '-') {
		digits := strings.ReplaceAll(off[1:], ":", "")
		var h, m int
		var err error
		switch len(digits) {
		case 1, 2:
			h, err = strconv.Atoi(digits)
		case 4:
			h, err = strconv.Atoi(digits[:2])
			if err == nil {
				m, err = strconv.Atoi(digits[2:])
			}
		default:
			err = strconv.ErrSyntax
		}
		if err != nil || h > 14 || m > 59 {
			return nil, fmt.Errorf("--tz %q: not an offset like +02:00", s)
		}
		secs := h*3600 + m*60
		if off[0] == '-' {
			secs = -secs
		}
		return time.FixedZone(s, secs), nil
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, fmt.Errorf("--tz: %w", err)
	}
	return loc, nil
}

// appendEntryJSON writes one entry as a JSON object and a newline. Times
// are RFC 3339 in UTC. A name that is not valid UTF-8 cannot be exact in a
// JSON string, so its bytes also go out as name_base64.
func appendEntryJSON(b []byte, e *listing.Entry) []byte {
	b = append(b, `{"name":`...)
	b = appendJSONString(b, e.Name)
	typ := e.Type.String()
	if e.Type == listing.TypeSpecial {
		typ = "file"
	}
	b = append(b, `,"type":"`...)
	b = append(b, typ...)
	b = append(b, `","size":`...)
	if e.Size < 0 {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, e.Size, 10)
	}
	b = append(b, `,"mtime":`...)
	if e.Precision == listing.PrecisionNone {
		b = append(b, "null"...)
	} else {
		b = append(b, '"')
		b = e.ModTime.UTC().AppendFormat(b, time.RFC3339Nano)
		b = append(b, '"')
	}
	b = append(b, `,"target":`...)
	if e.Type == listing.TypeLink && e.Target != "" {
		b = appendJSONString(b, e.Target)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(e.Line), 10)
	b = append(b, `,"precision":"`...)
	b = append(b, precisionName(e.Precision)...)
	b = append(b, '"')
	if e.Unsafe {
		b = append(b, `,"unsafe":true`...)
	}
	if e.SizeApprox {
		b = append(b, `,"size_approx":true`...)
	}
	if e.Type == listing.TypeSpecial {
		b = append(b, `,"special":true`...)
	}
	for _, kv := range [...][2]string{{"perm", e.Perm}, {"owner", e.Owner}, {"group", e.Group}} {
		if kv[1] != "" {
			b = append(b, `,"`...)
			b = append(b, kv[0]...)
			b = append(b, `":`...)
			b = appendJSONString(b, kv[1])
		}
	}
	if !utf8.ValidString(e.Name) {
		b = append(b, `,"name_base64":"`...)
		b = base64.StdEncoding.AppendEncode(b, []byte(e.Name))
		b = append(b, '"')
	}
	return append(b, "}\n"...)
}

func precisionName(p listing.TimePrecision) string {
	switch p {
	case listing.PrecisionDay:
		return "day"
	case listing.PrecisionMinute:
		return "minute"
	case listing.PrecisionSecond:
		return "second"
	case listing.PrecisionSubSecond:
		return "subsecond"
	}
	return "none"
}

// appendJSONString quotes s as a JSON string: control characters escaped,
// invalid UTF-8 replaced by U+FFFD as encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
