package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// sizeUnits are the binary units, each a translation key: French writes
// octets (Kio, Mio), English bytes (KiB, MiB).
var sizeUnits = []struct{ key, en string }{
	{"size.B", "{{.N}} B"}, {"size.KiB", "{{.N}} KiB"}, {"size.MiB", "{{.N}} MiB"},
	{"size.GiB", "{{.N}} GiB"}, {"size.TiB", "{{.N}} TiB"}, {"size.PiB", "{{.N}} PiB"},
	{"size.EiB", "{{.N}} EiB"},
}

// humanSize writes a byte count the way file managers do, in the user's
// language: "14 B", "2.4 MiB", "2,4 Mio". Below ten units it keeps one
// decimal. A negative count (unknown) is "".
func humanSize(n int64) string {
	if n < 0 {
		return ""
	}
	unit, v := 0, float64(n)
	for v >= 1024 && unit < len(sizeUnits)-1 {
		v /= 1024
		unit++
	}
	var num string
	switch {
	case unit == 0:
		num = strconv.FormatInt(n, 10)
	case v < 10:
		num = strconv.FormatFloat(v, 'f', 1, 64)
		num = strings.Replace(num, ".", lang.X("number.decimal", ".", nil), 1)
	default:
		num = strconv.FormatFloat(v, 'f', 0, 64)
	}
	u := sizeUnits[unit]
	return lang.X(u.key, u.en, map[string]any{"N": num})
}

// exactSize writes a byte count in bytes, without rounding: "3001 B".
func exactSize(n int64) string {
	return lang.X("size.B", "{{.N}} B", map[string]any{"N": strconv.FormatInt(n, 10)})
}
