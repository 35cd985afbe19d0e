package listing

import (
	"strings"
	"time"
	"unicode/utf8"
)

// monthNumber maps a month name or abbreviation in one of the languages ls
// and FTP servers are localised to (English, German, French, Spanish,
// Italian, Portuguese, Dutch, the Nordic languages, Finnish, Hungarian,
// Polish, Turkish, Russian), with or without a trailing dot and in any case,
// to 1..12; "2月" and "2월" too. It returns 0 for anything else.
func monthNumber(tok string) int {
	tok = strings.TrimSuffix(tok, ".")
	if len(tok) == 0 || (tok[0] >= '0' && tok[0] <= '9') {
		return cjkMonth(tok)
	}
	if len(tok) < 3 || len(tok) > 24 {
		return 0
	}
	var buf [24]byte
	ascii := true
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 0x80:
			ascii = false
		case c < 'a' || c > 'z':
			return 0
		}
		buf[i] = c
	}
	low := string(buf[:len(tok)])
	if !ascii && utf8.ValidString(tok) {
		low = strings.ToLower(tok)
	}
	return monthName(low)
}

// monthName is the lower-case table behind monthNumber. Latin-1 spellings
// ("m\xe4r") cover servers that send legacy bytes.
func monthName(s string) int {
	switch s {
	case "jan", "january", "januar", "janv", "janvier", "ene", "enero", "gen", "gennaio",
		"januari", "jän", "jänner", "j\xe4n", "tammi", "tammikuu", "sty", "oca", "янв", "января", "январь", "janeiro":
		return 1
	case "feb", "february", "februar", "févr", "fevr", "fév", "fev", "février", "f\xe9vr", "f\xe9v",
		"febrero", "febbraio", "februari", "febr", "helmi", "helmikuu", "lut", "şub", "фев", "февраля", "февраль", "fevereiro":
		return 2
	case "mar", "march", "mär", "m\xe4r", "mrz", "märz", "mars", "marzo", "mrt", "maart", "márc",
		"m\xe1rc", "maalis", "maaliskuu", "мар", "марта", "март", "março", "marco":
		return 3
	case "apr", "april", "avr", "avril", "abr", "abril", "aprile", "ápr", "\xe1pr", "huhti", "huhtikuu",
		"kwi", "nis", "апр", "апреля", "апрель":
		return 4
	case "may", "mai", "maj", "mei", "mag", "maggio", "mayo", "máj", "m\xe1j", "touko", "toukokuu",
		"май", "мая", "maio":
		return 5
	case "jun", "june", "juni", "juin", "junio", "giu", "giugno", "jún", "j\xfan", "kesä", "kes\xe4", "kesäkuu",
		"cze", "haz", "июн", "июня", "июнь", "junho":
		return 6
	case "jul", "july", "juli", "juil", "juillet", "julio", "lug", "luglio", "júl", "j\xfal", "heinä",
		"hein\xe4", "heinäkuu", "lip", "tem", "июл", "июля", "июль", "julho":
		return 7
	case "aug", "august", "août", "aout", "ao\xfbt", "ago", "agosto", "augustus", "augusti", "elo",
		"elokuu", "sie", "ağu", "авг", "августа", "август":
		return 8
	case "sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "szept", "syys",
		"syyskuu", "wrz", "eyl", "сен", "сент", "сентября", "сентябрь", "setembro":
		return 9
	case "oct", "october", "okt", "oktober", "octobre", "octubre", "ott", "ottobre", "loka", "lokakuu",
		"paź", "eki", "out", "окт", "октября", "октябрь", "outubro":
		return 10
	case "nov", "november", "novembre", "noviembre", "marras", "marraskuu", "lis", "kas", "ноя",
		"нояб", "ноября", "ноябрь", "novembro":
		return 11
	case "dec", "december", "dez", "dezember", "déc", "d\xe9c", "décembre", "dic", "diciembre",
		"dicembre", "des", "desember", "joulu", "joulukuu", "gru", "ara", "дек", "декабря", "декабрь", "dezembro":
		return 12
	}
	return 0
}

// cjkMonth reads "2月" (Chinese, Japanese) and "2월" (Korean).
func cjkMonth(tok string) int {
	var n string
	switch {
	case strings.HasSuffix(tok, "月"):
		n = tok[:len(tok)-len("月")]
	case strings.HasSuffix(tok, "월"):
		n = tok[:len(tok)-len("월")]
	default:
		return 0
	}
	m, ok := smallInt(n)
	if !ok || m < 1 || m > 12 {
		return 0
	}
	return m
}

// smallInt parses 1 to 9 ASCII digits.
func smallInt(s string) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// decimalSize parses a byte count: base 10 only (leading zeros are not
// octal), no sign, at most 2^63-1.
func decimalSize(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 19 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	if n > 1<<63-1 {
		return 0, false
	}
	return int64(n), true
}

// clock is a time of day as read from a listing.
type clock struct {
	h, m, s, ns int
	prec        TimePrecision
}

// parseClock reads H:MM, HH:MM, HH:MM:SS and HH:MM:SS.fraction. shape says
// the token looks like a time; valid that its values make sense, where
// "24:00" is accepted as the midnight that ends a day.
func parseClock(s string) (c clock, shape, valid bool) {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 2 || i+3 > len(s) || s[i] != ':' {
		return c, false, false
	}
	c.h, _ = smallInt(s[:i])
	mm, ok := smallInt(s[i+1 : i+3])
	if !ok {
		return c, false, false
	}
	c.m = mm
	c.prec = PrecisionMinute
	rest := s[i+3:]
	if len(rest) > 0 {
		if rest[0] != ':' || len(rest) < 3 {
			return c, false, false
		}
		ss, ok := smallInt(rest[1:3])
		if !ok {
			return c, false, false
		}
		c.s = ss
		c.prec = PrecisionSecond
		rest = rest[3:]
		if len(rest) > 0 {
			if rest[0] != '.' && rest[0] != ',' || len(rest) < 2 {
				return c, false, false
			}
			frac := rest[1:]
			if _, ok := smallInt(frac[:min(len(frac), 9)]); !ok || len(frac) > 12 {
				return c, false, false
			}
			for k := 0; k < 9; k++ {
				c.ns *= 10
				if k < len(frac) {
					c.ns += int(frac[k] - '0')
				}
			}
			c.prec = PrecisionSubSecond
		}
	}
	valid = c.m < 60 && c.s < 60 && (c.h < 24 || (c.h == 24 && c.m == 0 && c.s == 0 && c.ns == 0))
	return c, true, valid
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// validDate reports whether the calendar date exists, since time.Date would
// quietly turn 29 February 2027 into 1 March.
func validDate(y, mo, d int) bool {
	return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(mo, y) && y >= 1 && y <= 9999
}

// at builds a server-local time; ok is false for an impossible date.
func (p *listParser) at(y, mo, d int, c clock) (time.Time, bool) {
	if !validDate(y, mo, d) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, c.h, c.m, c.s, c.ns, p.loc), true
}

// yearless applies the year rule: the date is in the year of "now", unless
// that puts it more than a day after "now" (or makes it impossible, as 29
// February does), in which case it is in the year before.
func (p *listParser) yearless(mo, d int, c clock) (time.Time, bool) {
	y := p.now.Year()
	if t, ok := p.at(y, mo, d, c); ok && t.Sub(p.now) <= 24*time.Hour {
		return t, true
	}
	return p.at(y-1, mo, d, c)
}

// fullYear turns a two-digit year into 20yy, unless that is more than a day
// after "now", in which case it is 19yy.
func (p *listParser) fullYear(yy, mo, d int) int {
	y := 2000 + yy
	t, ok := p.at(y, mo, d, clock{})
	if ok && t.Sub(p.now) > 24*time.Hour || !ok && y > p.now.Year() {
		return 1900 + yy
	}
	return y
}
