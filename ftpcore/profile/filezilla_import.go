package profile

import (
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/ianaindex"

	"ferry/ftpcore"
)

// ErrNotFileZilla is returned by ImportFileZilla when the XML holds no
// <Servers> list.
var ErrNotFileZilla = errors.New("ferry: not a FileZilla site manager file")

// SitePasswords maps site IDs to passwords. Its String and GoString hide
// the passwords, so printing a value that holds one reveals nothing.
type SitePasswords map[string]string

// String lists how many passwords there are, not what they are.
func (p SitePasswords) String() string { return fmt.Sprintf("[%d passwords]", len(p)) }

// GoString is String.
func (p SitePasswords) GoString() string { return p.String() }

// SkippedSite is a site of an imported file that Ferry cannot use.
type SkippedSite struct {
	Path   string // folder/name
	Reason string
}

// ImportWarning notes something about one imported site that did not come
// across exactly (a password left out, an unknown charset).
type ImportWarning struct {
	Site    string // folder/name
	Message string
}

// String returns "site: message".
func (w ImportWarning) String() string { return w.Site + ": " + w.Message }

// ImportResult is what ImportFileZilla read. Sites carry fresh IDs, their
// folder paths and no password; Passwords holds the passwords by site ID.
type ImportResult struct {
	Sites     []Site
	Passwords SitePasswords
	Skipped   []SkippedSite
	Warnings  []ImportWarning
}

// fzNode is an XML element with its direct text split at its first child:
// FileZilla names a folder by the text before its children and, in old
// versions, a server by the text after them.
type fzNode struct {
	name       string
	attrs      []xml.Attr
	kids       []*fzNode
	textBefore strings.Builder
	textAfter  strings.Builder
}

// text returns all the direct text of the element.
func (n *fzNode) text() string { return n.textBefore.String() + n.textAfter.String() }

func (n *fzNode) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return a.Value, true
		}
	}
	return "", false
}

// child returns the first child element named name, case-insensitively.
func (n *fzNode) child(name string) *fzNode {
	for _, k := range n.kids {
		if strings.EqualFold(k.name, name) {
			return k
		}
	}
	return nil
}

// field returns the trimmed text of a child and whether it is present.
func (n *fzNode) field(name string) (string, bool) {
	c := n.child(name)
	if c == nil {
		return "", false
	}
	return strings.TrimSpace(c.text()), true
}

func parseFZTree(r io.Reader) (*fzNode, error) {
	d := xml.NewDecoder(r)
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc, err := ianaindex.IANA.Encoding(label)
		if err != nil || enc == nil {
			return nil, fmt.Errorf("unknown XML encoding %q", label)
		}
		return enc.NewDecoder().Reader(in), nil
	}
	var root *fzNode
	var stack []*fzNode
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read FileZilla XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &fzNode{name: t.Name.Local, attrs: t.Attr}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("read FileZilla XML: more than one root element")
				}
				root = n
			} else {
				top := stack[len(stack)-1]
				top.kids = append(top.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			if len(top.kids) == 0 {
				top.textBefore.Write(t)
			} else {
				top.textAfter.Write(t)
			}
		}
	}
	if root == nil {
		return nil, ErrNotFileZilla
	}
	return root, nil
}

// ImportFileZilla reads FileZilla's sitemanager.xml (or a file exported
// from its site manager). Sites of protocols other than FTP and FTPS are
// listed in Skipped with the reason; a site with a problem is imported
// with a warning rather than dropped. It is safe for concurrent use.
func ImportFileZilla(r io.Reader) (ImportResult, error) {
	root, err := parseFZTree(r)
	if err != nil {
		return ImportResult{}, err
	}
	var lists []*fzNode
	if strings.EqualFold(root.name, "Servers") {
		lists = append(lists, root)
	}
	for _, k := range root.kids {
		if strings.EqualFold(k.name, "Servers") {
			lists = append(lists, k)
		}
	}
	if len(lists) == 0 {
		return ImportResult{}, fmt.Errorf("root element <%s>: %w", root.name, ErrNotFileZilla)
	}
	res := ImportResult{Passwords: SitePasswords{}}
	for _, l := range lists {
		res.walk(l, nil)
	}
	return res, nil
}

func (res *ImportResult) walk(n *fzNode, folder []string) {
	for _, k := range n.kids {
		switch {
		case strings.EqualFold(k.name, "Folder"):
			name := cleanFZName(k.textBefore.String())
			if name == "" {
				name = cleanFZName(k.textAfter.String())
			}
			if name == "" {
				name = "Unnamed folder"
				res.warn(strings.Join(append(append([]string(nil), folder...), name), "/"), "folder without a name")
			}
			res.walk(k, append(append([]string(nil), folder...), name))
		case strings.EqualFold(k.name, "Server"):
			res.server(k, folder)
		}
	}
}

func (res *ImportResult) warn(site, format string, args ...any) {
	res.Warnings = append(res.Warnings, ImportWarning{Site: site, Message: fmt.Sprintf(format, args...)})
}

// cleanFZName trims a name and folds the line breaks of pretty-printed
// XML into spaces, since a name is one line.
func cleanFZName(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < ' ' {
			return ' '
		}
		return r
	}, s)), " ")
}

// cleanFZHost makes a host out of what a user may have typed in
// FileZilla's host field: a URL ("ftp://host/dir") or stray spaces.
func cleanFZHost(h string) string {
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	if i := strings.IndexByte(h, '/'); i >= 0 {
		h = h[:i]
	}
	if i := strings.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	h = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, h)
	return strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
}

// fzProtocolName names a FileZilla protocol code Ferry skips.
func fzProtocolName(code int) string {
	switch code {
	case 1:
		return "SFTP"
	case 2:
		return "HTTP"
	case 5:
		return "HTTPS"
	case 7:
		return "S3"
	}
	return fmt.Sprintf("protocol %d", code)
}

func (res *ImportResult) server(n *fzNode, folder []string) {
	s := Site{Folder: folder, ID: newSiteID()}
	if v, ok := n.field("Name"); ok && cleanFZName(v) != "" {
		s.Name = cleanFZName(v)
	} else if v := cleanFZName(n.textAfter.String()); v != "" {
		s.Name = v
	} else if v := cleanFZName(n.textBefore.String()); v != "" {
		s.Name = v
	}
	rawHost, _ := n.field("Host")
	s.Host = cleanFZHost(rawHost)
	if s.Name == "" {
		s.Name = s.Host
		if s.Name == "" {
			s.Name = "Unnamed site"
		}
		res.warn(s.Path(), "site without a name, named after its host")
	}
	path := s.Path()
	warn := func(format string, args ...any) { res.warn(path, format, args...) }
	if s.Host != strings.TrimSuffix(strings.TrimPrefix(rawHost, "["), "]") {
		warn("host %q read as %q", redactUserinfo(rawHost), s.Host)
	}

	proto := 0
	if v, ok := n.field("Protocol"); ok && v != "" {
		p, err := strconv.Atoi(v)
		if err != nil {
			warn("protocol %q not understood, imported as FTP", v)
		} else {
			proto = p
		}
	}
	switch proto {
	case 0:
		s.Protocol = ftpcore.TLSExplicitIfAvailable
	case 3:
		s.Protocol = ftpcore.TLSImplicit
	case 4:
		s.Protocol = ftpcore.TLSExplicit
	case 6:
		s.Protocol = ftpcore.TLSNone
	default:
		res.Skipped = append(res.Skipped, SkippedSite{Path: path, Reason: fzProtocolName(proto) + " is not FTP or FTPS"})
		return
	}
	if s.Host == "" {
		warn("no host")
	}
	if v, ok := n.field("Port"); ok && v != "" {
		if p, err := strconv.Atoi(v); err == nil && p >= 0 && p <= 65535 {
			s.Port = p
		} else {
			warn("port %q not understood, default port used", v)
		}
	}
	if v, ok := n.field("User"); ok {
		s.User = v
	}
	res.logon(n, &s, warn)
	res.options(n, &s, warn)
	res.Sites = append(res.Sites, s)
}

// logon reads Logontype, Account and Pass.
func (res *ImportResult) logon(n *fzNode, s *Site, warn func(string, ...any)) {
	logon := 0
	if s.User != "" {
		logon = 1
	}
	if v, ok := n.field("Logontype"); ok && v != "" {
		l, err := strconv.Atoi(v)
		if err != nil {
			warn("logon type %q not understood", v)
		} else {
			logon = l
		}
	}
	wantPass := false
	switch logon {
	case 0:
		s.Logon = LogonAnonymous
		s.User = ""
	case 1:
		s.Logon, wantPass = LogonNormal, true
	case 2:
		s.Logon = LogonAsk
	case 3:
		s.Logon = LogonAsk
		warn("interactive logon imported as \"ask for password\"")
	case 4:
		s.Logon, wantPass = LogonNormal, true
		s.Account, _ = n.field("Account")
	case 5:
		s.Logon, wantPass = LogonNormal, true
		warn("key file logon is for SFTP; imported as a normal logon")
	default:
		s.Logon, wantPass = LogonNormal, true
		warn("logon type %d imported as a normal logon", logon)
	}
	pass := n.child("Pass")
	if !wantPass || pass == nil {
		return
	}
	raw := pass.text()
	enc, _ := pass.attr("encoding")
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "":
		if raw != "" {
			res.Passwords[s.ID] = raw
		}
	case "base64":
		compact := strings.Join(strings.Fields(raw), "")
		b, err := base64.StdEncoding.DecodeString(compact)
		if err != nil {
			b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(compact, "="))
		}
		if err != nil {
			warn("password is not valid base64; imported without it")
		} else if len(b) > 0 {
			res.Passwords[s.ID] = string(b)
		}
	case "crypt":
		warn("password is protected by FileZilla's master password; imported without it")
	default:
		warn("password encoding %q unknown; imported without it", enc)
	}
}

// options reads the transfer mode, charset, time zone, folders, comments
// and connection limit.
func (res *ImportResult) options(n *fzNode, s *Site, warn func(string, ...any)) {
	switch v, _ := n.field("PasvMode"); v {
	case "", "MODE_DEFAULT":
	case "MODE_PASSIVE":
		s.DataMode = DataPassive
	case "MODE_ACTIVE":
		s.DataMode = DataActive
	default:
		warn("transfer mode %q unknown, default used", v)
	}
	custom, _ := n.field("CustomEncoding")
	switch v, _ := n.field("EncodingType"); strings.ToLower(v) {
	case "", "auto":
	case "utf-8", "utf8":
		s.Charset = "UTF-8"
	case "custom":
		if _, err := charsetEncoding(custom); errors.Is(err, ftpcore.ErrCharsetNotASCII) {
			warn("character set %q cannot carry FTP commands (it does not keep ASCII as it is), automatic used", custom)
		} else if err != nil || custom == "" {
			warn("character set %q unknown, automatic used", custom)
		} else {
			s.Charset = custom
		}
	default:
		warn("encoding type %q unknown, automatic used", v)
	}
	if v, ok := n.field("TimezoneOffset"); ok && v != "" {
		tz, err := strconv.Atoi(v)
		switch {
		case err != nil:
			warn("time-zone offset %q not understood, ignored", v)
		case tz < -MaxTZOffsetMinutes || tz > MaxTZOffsetMinutes:
			warn("time-zone offset %d minutes is over a day, ignored", tz)
		default:
			s.TZOffset = tz
		}
	}
	if v, ok := n.field("MaximumMultipleConnections"); ok && v != "" {
		m, err := strconv.Atoi(v)
		switch {
		case err != nil || m < 0:
			warn("maximum connections %q not understood, default used", v)
		case m > MaxSiteConnections:
			warn("maximum connections %d lowered to %d", m, MaxSiteConnections)
			s.MaxConnections = MaxSiteConnections
		default:
			s.MaxConnections = m
		}
	}
	if c := n.child("LocalDir"); c != nil {
		s.LocalDir = strings.TrimSpace(c.text())
	}
	if c := n.child("RemoteDir"); c != nil {
		p, typ, err := decodeFZRemoteDir(c.text())
		switch {
		case err != nil:
			warn("remote folder not understood, left empty: %v", err)
		case typ != fzServerDefault && typ != fzServerUnix && p != "":
			warn("remote folder of server type %d read as %q", typ, p)
			s.RemoteDir = p
		default:
			s.RemoteDir = p
		}
	}
	if c := n.child("Comments"); c != nil {
		s.Comments = c.text()
	}
}

// redactUserinfo hides the password of a URL typed as a host
// ("ftp://user:password@host/" shows as "ftp://user:***@host/"), so that a
// warning quoting it does not show the password.
func redactUserinfo(raw string) string {
	at := strings.LastIndex(raw, "@")
	if at < 0 {
		return raw
	}
	start := 0
	if i := strings.Index(raw[:at], "://"); i >= 0 {
		start = i + 3
	}
	user := raw[start:at]
	if c := strings.Index(user, ":"); c >= 0 {
		user = user[:c] + ":***"
	}
	return raw[:start] + user + raw[at:]
}
