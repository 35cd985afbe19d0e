package ftpcore

import (
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// ParsePASV extracts the address of a 227 reply's text. The six numbers
// are found wherever they stand, with or without parentheses, since
// servers word the reply freely (RFC 959 only fixes the numbers).
func ParsePASV(text string) (netip.AddrPort, error) {
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || (i > 0 && isDigit(text[i-1])) {
			continue
		}
		if ap, _, ok := parseSixNumbers(text[i:]); ok {
			return ap, nil
		}
	}
	return netip.AddrPort{}, &ProtocolError{Msg: "no address in 227 reply", Line: shorten(text)}
}

// ParsePORT parses the argument of a PORT command ("h1,h2,h3,h4,p1,p2").
func ParsePORT(arg string) (netip.AddrPort, error) {
	ap, n, ok := parseSixNumbers(arg)
	if !ok || n != len(arg) {
		return netip.AddrPort{}, &ProtocolError{Msg: "malformed PORT argument", Line: shorten(arg)}
	}
	return ap, nil
}

// parseSixNumbers reads "h1,h2,h3,h4,p1,p2" at the start of s, each a
// decimal byte, and says how many bytes it used.
func parseSixNumbers(s string) (netip.AddrPort, int, bool) {
	var v [6]byte
	pos := 0
	for k := 0; k < 6; k++ {
		if k > 0 {
			if pos >= len(s) || s[pos] != ',' {
				return netip.AddrPort{}, 0, false
			}
			pos++
		}
		start := pos
		n := 0
		for pos < len(s) && isDigit(s[pos]) && pos-start < 3 {
			n = n*10 + int(s[pos]-'0')
			pos++
		}
		if pos == start || n > 255 || (pos < len(s) && isDigit(s[pos])) {
			return netip.AddrPort{}, 0, false
		}
		v[k] = byte(n)
	}
	addr := netip.AddrFrom4([4]byte{v[0], v[1], v[2], v[3]})
	return netip.AddrPortFrom(addr, uint16(v[4])<<8|uint16(v[5])), pos, true
}

// FormatPORT formats an IPv4 address and port as PORT's argument.
func FormatPORT(ap netip.AddrPort) (string, error) {
	a := ap.Addr().Unmap()
	if !a.Is4() {
		return "", fmt.Errorf("ftp: PORT needs an IPv4 address, got %s", a)
	}
	b := a.As4()
	p := ap.Port()
	return fmt.Sprintf("%d,%d,%d,%d,%d,%d", b[0], b[1], b[2], b[3], p>>8, p&0xff), nil
}

// ParseEPSV extracts the port of a 229 reply's text: "(|||port|)", where
// '|' may be any printable delimiter (RFC 2428 §3).
func ParseEPSV(text string) (uint16, error) {
	open := strings.IndexByte(text, '(')
	close := strings.LastIndexByte(text, ')')
	if open < 0 || close < open+6 {
		return 0, &ProtocolError{Msg: "no port in 229 reply", Line: shorten(text)}
	}
	in := text[open+1 : close]
	d := in[0]
	if d < 33 || d > 126 || isDigit(d) || in[1] != d || in[2] != d || in[len(in)-1] != d {
		return 0, &ProtocolError{Msg: "malformed 229 reply", Line: shorten(text)}
	}
	port, err := strconv.ParseUint(in[3:len(in)-1], 10, 16)
	if err != nil || port == 0 {
		return 0, &ProtocolError{Msg: "bad port in 229 reply", Line: shorten(text)}
	}
	return uint16(port), nil
}

// FormatEPRT formats an address as EPRT's argument: "|1|h|p|" or "|2|h|p|".
func FormatEPRT(ap netip.AddrPort) string {
	a := ap.Addr().Unmap()
	proto := 1
	if a.Is6() {
		proto = 2
	}
	return fmt.Sprintf("|%d|%s|%d|", proto, a.WithZone(""), ap.Port())
}

// ParseEPRT parses EPRT's argument (RFC 2428 §2).
func ParseEPRT(arg string) (netip.AddrPort, error) {
	bad := &ProtocolError{Msg: "malformed EPRT argument", Line: shorten(arg)}
	if len(arg) < 7 {
		return netip.AddrPort{}, bad
	}
	d := arg[0]
	if d < 33 || d > 126 || isDigit(d) || arg[len(arg)-1] != d {
		return netip.AddrPort{}, bad
	}
	f := strings.Split(arg[1:len(arg)-1], string(d))
	if len(f) != 3 {
		return netip.AddrPort{}, bad
	}
	a, err := netip.ParseAddr(f[1])
	if err != nil || a.Zone() != "" {
		return netip.AddrPort{}, bad
	}
	switch {
	case f[0] == "1" && a.Is4():
	case f[0] == "2" && a.Is6() && !a.Is4In6():
	default:
		return netip.AddrPort{}, bad
	}
	port, err := strconv.ParseUint(f[2], 10, 16)
	if err != nil || port == 0 {
		return netip.AddrPort{}, bad
	}
	return netip.AddrPortFrom(a, uint16(port)), nil
}

// passiveTarget decides where to connect for a 227 reply. Unless trust is
// set, an address other than the control connection's peer is replaced by
// the peer's: servers behind NAT announce private addresses, and a hostile
// server could point the client at a third host.
func passiveTarget(announced netip.AddrPort, peer netip.Addr, trust bool) (target netip.AddrPort, replaced bool) {
	if trust || !peer.IsValid() || announced.Addr() == peer.Unmap() {
		return announced, false
	}
	return netip.AddrPortFrom(peer.Unmap(), announced.Port()), true
}

// addrOf returns the IP of a net.Addr, unmapped.
func addrOf(a net.Addr) netip.Addr {
	if ta, ok := a.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(ta.IP); ok {
			return ip.Unmap()
		}
	}
	if ap, err := netip.ParseAddrPort(a.String()); err == nil {
		return ap.Addr().Unmap()
	}
	return netip.Addr{}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
