package doctor

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
)

// Status is the colour of a report line.
type Status uint8

// The statuses, from good to bad.
const (
	Green   Status = iota // works as Ferry wants it
	Amber                 // works, with a caveat or a workaround Ferry applies
	Red                   // does not work
	Skipped               // not run, because an earlier probe failed or it does not apply
)

// String returns "green", "amber", "red" or "skipped".
func (s Status) String() string {
	switch s {
	case Amber:
		return "amber"
	case Red:
		return "red"
	case Skipped:
		return "skipped"
	}
	return "green"
}

// Side says where a fix belongs.
type Side uint8

// The sides of a fix.
const (
	SideNone    Side = iota // nothing to change
	SideClient              // a setting in Ferry (site or settings)
	SideServer              // the server's configuration
	SideNetwork             // a firewall, router or name server between the two
)

// String returns "", "client", "server" or "network".
func (s Side) String() string {
	switch s {
	case SideClient:
		return "client"
	case SideServer:
		return "server"
	case SideNetwork:
		return "network"
	}
	return ""
}

// Message is a sentence with a translation key, its English template in
// text/template form ("{{.Addr}}") and the template's arguments.
type Message struct {
	Key      string
	Template string
	Args     map[string]any
}

// msg builds a Message; args are name/value pairs.
func msg(key, tmpl string, args ...any) Message {
	m := Message{Key: key, Template: tmpl}
	if len(args) > 0 {
		m.Args = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			m.Args[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return m
}

// String renders the English text of the message.
func (m Message) String() string {
	if m.Template == "" {
		return ""
	}
	t, err := template.New("").Option("missingkey=zero").Parse(m.Template)
	if err != nil {
		return m.Template
	}
	var b bytes.Buffer
	if err := t.Execute(&b, m.Args); err != nil {
		return m.Template
	}
	return b.String()
}

// Line is one finding of the diagnosis. Values are plain data, safe to
// share once built.
type Line struct {
	// Probe names the probe ("connect", "tls.cert", "data.pasv"...).
	Probe  string
	Status Status
	// Title says what was checked; Detail what was found.
	Title  Message
	Detail Message
	// Evidence holds the commands and replies behind the finding, as a
	// transcript shows them ("> PASV", "< 227 ..."), the password masked.
	Evidence []string
	// Advice says what to change when the line is not green, and Side
	// where.
	Advice Message
	Side   Side
}

// Report is the result of a diagnosis. Its methods may be called from any
// goroutine once Run has returned it.
type Report struct {
	// Target is the server as the user named it ("ftpes://host:21").
	Target string
	Lines  []Line
	// Cancelled is set when the run was stopped before the end.
	Cancelled bool

	secrets []string // never shown: the password
	hosts   []string // shown unless masked: names and addresses of the servers
}

// Worst returns the worst status among the lines that ran.
func (r *Report) Worst() Status {
	w := Green
	for _, l := range r.Lines {
		if l.Status != Skipped && l.Status > w {
			w = l.Status
		}
	}
	return w
}

// Count returns how many lines have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, l := range r.Lines {
		if l.Status == s {
			n++
		}
	}
	return n
}

// Find returns the first line of probe p.
func (r *Report) Find(p string) (Line, bool) {
	for _, l := range r.Lines {
		if l.Probe == p {
			return l, true
		}
	}
	return Line{}, false
}

// TextOptions tune Report.Text.
type TextOptions struct {
	// MaskHosts replaces the servers' names and addresses by "<server>".
	MaskHosts bool
}

// Text renders the report in English for a bug report. Passwords are
// always masked; host names and addresses when opt.MaskHosts is set.
func (r *Report) Text(opt TextOptions) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Ferry connection diagnosis: %s\n", r.Target)
	if r.Cancelled {
		b.WriteString("(cancelled before the end)\n")
	}
	for _, l := range r.Lines {
		fmt.Fprintf(&b, "\n[%s] %s", strings.ToUpper(l.Status.String()), l.Title)
		if d := l.Detail.String(); d != "" {
			fmt.Fprintf(&b, ": %s", d)
		}
		b.WriteByte('\n')
		for _, e := range l.Evidence {
			fmt.Fprintf(&b, "    %s\n", e)
		}
		if a := l.Advice.String(); a != "" && l.Status != Green {
			fmt.Fprintf(&b, "    fix (%s): %s\n", l.Side, a)
		}
	}
	return r.Mask(b.String(), opt)
}

// Mask applies the report's masking to any text drawn from it (a line
// rendered by a window, for example).
func (r *Report) Mask(s string, opt TextOptions) string {
	for _, p := range r.secrets {
		if p != "" {
			s = strings.ReplaceAll(s, p, "****")
		}
	}
	if opt.MaskHosts {
		for _, h := range r.hosts {
			if h != "" {
				s = strings.ReplaceAll(s, h, "<server>")
			}
		}
	}
	return s
}
