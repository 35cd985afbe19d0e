package profile

import (
	"bufio"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"ferry/ftpcore"
)

// ExportFileZilla writes sites in FileZilla's site manager format, which
// FileZilla's "Import" reads, with folders nested as in Ferry. Passwords
// are written (base64, as FileZilla does) only when passwords is not nil;
// a normal-logon site without one is exported as "ask for password" so
// that FileZilla prompts instead of sending an empty password. Ferry-only
// fields (transfer type, FXP) are left out. It is safe for concurrent use.
func ExportFileZilla(w io.Writer, sites []Site, passwords map[string]string) error {
	sorted := slices.Clone(sites)
	slices.SortStableFunc(sorted, func(a, b Site) int {
		if c := slices.Compare(a.Folder, b.Folder); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	bw := bufio.NewWriter(w)
	ew := &fzWriter{w: bw}
	ew.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>\n")
	ew.raw("<FileZilla3 platform=\"*nix\">\n\t<Servers>\n")
	var open []string // folders currently open
	for _, s := range sorted {
		common := 0
		for common < len(open) && common < len(s.Folder) && open[common] == s.Folder[common] {
			common++
		}
		for len(open) > common {
			open = open[:len(open)-1]
			ew.indent(len(open) + 2)
			ew.raw("</Folder>\n")
		}
		for _, f := range s.Folder[common:] {
			ew.indent(len(open) + 2)
			ew.raw("<Folder expanded=\"1\">")
			ew.text(f)
			ew.raw("\n")
			open = append(open, f)
		}
		ew.server(s, passwords, len(open)+2)
	}
	for len(open) > 0 {
		open = open[:len(open)-1]
		ew.indent(len(open) + 2)
		ew.raw("</Folder>\n")
	}
	ew.raw("\t</Servers>\n</FileZilla3>\n")
	if ew.err != nil {
		return fmt.Errorf("export FileZilla sites: %w", ew.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export FileZilla sites: %w", err)
	}
	return nil
}

// fzWriter keeps the first write error so the export reads as a sequence.
type fzWriter struct {
	w   *bufio.Writer
	err error
}

func (e *fzWriter) raw(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *fzWriter) text(s string) {
	if e.err == nil {
		e.err = xml.EscapeText(e.w, []byte(s))
	}
}

func (e *fzWriter) indent(n int) { e.raw(strings.Repeat("\t", n)) }

func (e *fzWriter) elem(depth int, name, value string) {
	e.indent(depth)
	e.raw("<" + name + ">")
	e.text(value)
	e.raw("</" + name + ">\n")
}

func fzProtocolCode(m ftpcore.TLSMode) int {
	switch m {
	case ftpcore.TLSNone:
		return 6
	case ftpcore.TLSImplicit:
		return 3
	case ftpcore.TLSExplicit:
		return 4
	}
	return 0
}

func (e *fzWriter) server(s Site, passwords map[string]string, depth int) {
	e.indent(depth)
	e.raw("<Server>\n")
	d := depth + 1
	e.elem(d, "Host", s.Host)
	port := s.Port
	if port == 0 {
		port = s.Protocol.DefaultPort()
	}
	e.elem(d, "Port", strconv.Itoa(port))
	e.elem(d, "Protocol", strconv.Itoa(fzProtocolCode(s.Protocol)))
	e.elem(d, "Type", "0")
	pass, havePass := passwords[s.ID]
	logon := 1
	switch {
	case s.Logon == LogonAnonymous:
		logon = 0
	case s.Logon == LogonAsk:
		logon = 2
	case s.Account != "":
		logon = 4
	case !havePass:
		logon = 2
	}
	if logon != 0 {
		e.elem(d, "User", s.User)
	}
	if (logon == 1 || logon == 4) && havePass {
		e.indent(d)
		e.raw("<Pass encoding=\"base64\">")
		e.raw(base64.StdEncoding.EncodeToString([]byte(pass)))
		e.raw("</Pass>\n")
	}
	e.elem(d, "Logontype", strconv.Itoa(logon))
	if logon == 4 {
		e.elem(d, "Account", s.Account)
	}
	switch {
	case s.Charset == "":
		e.elem(d, "EncodingType", "Auto")
	case strings.EqualFold(s.Charset, "UTF-8") || strings.EqualFold(s.Charset, "UTF8"):
		e.elem(d, "EncodingType", "UTF-8")
	default:
		e.elem(d, "EncodingType", "Custom")
		e.elem(d, "CustomEncoding", s.Charset)
	}
	e.elem(d, "BypassProxy", "0")
	e.elem(d, "Name", s.Name)
	e.elem(d, "Comments", s.Comments)
	e.elem(d, "Colour", "0")
	e.elem(d, "LocalDir", s.LocalDir)
	e.elem(d, "RemoteDir", encodeFZRemoteDir(s.RemoteDir))
	e.elem(d, "SyncBrowsing", "0")
	e.elem(d, "DirectoryComparison", "0")
	e.elem(d, "TimezoneOffset", strconv.Itoa(s.TZOffset))
	mode := "MODE_DEFAULT"
	switch s.DataMode {
	case DataPassive:
		mode = "MODE_PASSIVE"
	case DataActive:
		mode = "MODE_ACTIVE"
	}
	e.elem(d, "PasvMode", mode)
	e.elem(d, "MaximumMultipleConnections", strconv.Itoa(s.MaxConnections))
	// Old FileZilla versions take the name from the text after the fields.
	e.indent(d)
	e.text(s.Name)
	e.raw("\n")
	e.indent(depth)
	e.raw("</Server>\n")
}
