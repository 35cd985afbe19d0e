package listing

import "strings"

// compact makes the result hold no part of the listing's text: Raw is
// dropped, and the entries' other strings and the unparsed lines are copied
// out, names into one allocation and the few distinct permissions, owners
// and groups once each. A listing's text is about as large as its entries
// (an MLSD line runs to 100 bytes), and everything sliced from it kept
// the whole text alive for as long as a pane showed the folder.
func compact(out *Result) {
	n := 0
	for i := range out.Entries {
		e := &out.Entries[i]
		n += len(e.Name) + len(e.Target) + len(e.Unique)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range out.Entries {
		e := &out.Entries[i]
		b.WriteString(e.Name)
		b.WriteString(e.Target)
		b.WriteString(e.Unique)
	}
	arena := b.String()
	take := func(s string) string {
		if s == "" {
			return ""
		}
		t := arena[:len(s)]
		arena = arena[len(s):]
		return t
	}
	words := map[string]string{}
	word := func(s string) string {
		if s == "" {
			return ""
		}
		if w, ok := words[s]; ok {
			return w
		}
		w := strings.Clone(s)
		if len(words) < maxSharedWords {
			words[w] = w
		}
		return w
	}
	for i := range out.Entries {
		e := &out.Entries[i]
		e.Name, e.Target, e.Unique = take(e.Name), take(e.Target), take(e.Unique)
		e.Perm, e.Owner, e.Group = word(e.Perm), word(e.Owner), word(e.Group)
		e.Raw = ""
	}
	for i := range out.Unparsed {
		u := &out.Unparsed[i]
		u.Text = strings.Clone(u.Text)
	}
	if cap(out.Entries) > len(out.Entries) {
		out.Entries = append(make([]Entry, 0, len(out.Entries)), out.Entries...)
	}
}

// maxSharedWords bounds the permissions, owners and groups compact shares:
// a listing where each differs gets a copy of each instead of a large map.
const maxSharedWords = 256
