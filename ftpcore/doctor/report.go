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

// Name returns the status as a message: "green", "amber", "red", "skipped".
func (s Status) Name() Message {
	switch s {
	case Amber:
		return msg("doctor.status.amber", "amber")
	case Red:
		return msg("doctor.status.red", "red")
	case Skipped:
		return msg("doctor.status.skipped", "skipped")
	}
	return msg("doctor.status.green", "green")
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

// Name returns the side as a message: "client", "server" or "network".
func (s Side) Name() Message {
	switch s {
	case SideClient:
		return msg("doctor.side.client", "client")
	case SideServer:
		return msg("doctor.side.server", "server")
	case SideNetwork:
		return msg("doctor.side.network", "network")
	}
	return msg("doctor.side.none", "none")
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
	// Translate renders a message in the reader's language; nil means
	// English (Message.String). A message's arguments may be messages
	// themselves: Translate must render those too (see Message.Render).
	Translate func(Message) string
}

// Render renders m with tr, its message arguments first.
func (m Message) Render(tr func(Message) string) string {
	if tr == nil {
		return m.String()
	}
	if len(m.Args) > 0 {
		args := make(map[string]any, len(m.Args))
		for k, v := range m.Args {
			if inner, ok := v.(Message); ok {
				v = inner.Render(tr)
			}
			args[k] = v
		}
		m.Args = args
	}
	return tr(m)
}

// Text renders the report for a bug report or a hosting provider.
// Passwords are always masked; host names and addresses when
// opt.MaskHosts is set.
func (r *Report) Text(opt TextOptions) string {
	tr := func(m Message) string { return m.Render(opt.Translate) }
	var b strings.Builder
	b.WriteString(tr(msg("doctor.text.head", "Ferry connection diagnosis: {{.Target}}", "Target", r.Target)))
	b.WriteByte('\n')
	if r.Cancelled {
		b.WriteString(tr(msg("doctor.text.cancelled", "(cancelled before the end)")))
		b.WriteByte('\n')
	}
	for _, l := range r.Lines {
		head := msg("doctor.text.title", "[{{.Status}}] {{.Title}}", "Status", strings.ToUpper(tr(l.Status.Name())), "Title", l.Title)
		if l.Detail.Template != "" {
			head = msg("doctor.text.line", "[{{.Status}}] {{.Title}}: {{.Detail}}", "Status", strings.ToUpper(tr(l.Status.Name())), "Title", l.Title, "Detail", l.Detail)
		}
		fmt.Fprintf(&b, "\n%s\n", tr(head))
		for _, e := range l.Evidence {
			fmt.Fprintf(&b, "    %s\n", e)
		}
		if l.Status != Green && l.Advice.Template != "" {
			fmt.Fprintf(&b, "    %s\n", tr(msg("doctor.text.fix", "fix ({{.Side}}): {{.Advice}}", "Side", l.Side.Name(), "Advice", l.Advice)))
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
