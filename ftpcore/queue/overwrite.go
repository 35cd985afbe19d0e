package queue

import (
	"fmt"
	"path"
	"strings"
	"time"

	"ferry/ftpcore/listing"
)

// overwriteVerdict is what a job does about its destination once the rule
// (or the user) has spoken.
type overwriteVerdict uint8

const (
	verdictWrite  overwriteVerdict = iota // write, replacing any old file once complete
	verdictResume                         // continue from the destination's bytes
	verdictRename                         // write under a free name beside it
	verdictSkip                           // leave it alone
	verdictAsk                            // put the question to the user
	verdictFail                           // leave it alone and fail the job (the reason is the error)
)

// overwriteRule decides for an existing destination. A missing
// destination is always written. The reason explains a skip or a failure
// to the user.
func overwriteRule(action OverwriteAction, src, dst FileInfo) (v overwriteVerdict, reason string) {
	if !dst.Exists {
		return verdictWrite, ""
	}
	switch action {
	case Overwrite:
		return verdictWrite, ""
	case OverwriteIfNewer:
		if newer(src, dst) {
			return verdictWrite, ""
		}
		return verdictSkip, "the destination is as new as the source"
	case OverwriteIfSizeDiffers:
		if src.Size < 0 || dst.Size < 0 || src.Size != dst.Size {
			return verdictWrite, ""
		}
		return verdictSkip, "the destination has the same size"
	case OverwriteResume:
		if src.Size >= 0 && dst.Size > src.Size {
			// Not the start of the source: neither complete nor to be
			// continued.
			return verdictFail, ErrResumeLarger.Error()
		}
		if src.Size >= 0 && dst.Size == src.Size {
			return verdictSkip, "the destination is already complete"
		}
		return verdictResume, ""
	case OverwriteRename:
		return verdictRename, ""
	case OverwriteSkip:
		return verdictSkip, ErrDestinationExists.Error()
	}
	return verdictAsk, ""
}

// newer reports whether src is newer than dst at the precision both dates
// share: a LIST date known to the minute cannot lose to a local time a few
// seconds later in the same minute. Unknown dates count as newer, so that
// a rule never keeps stale data just because a server hides its dates.
func newer(src, dst FileInfo) bool {
	if src.ModTime.IsZero() || dst.ModTime.IsZero() {
		return true
	}
	p := min(precisionOr(src.Precision), precisionOr(dst.Precision))
	return truncateTo(src.ModTime, p).After(truncateTo(dst.ModTime, p))
}

func precisionOr(p listing.TimePrecision) listing.TimePrecision {
	if p == listing.PrecisionNone {
		return listing.PrecisionSubSecond // a local stat or MDTM reply
	}
	return p
}

func truncateTo(t time.Time, p listing.TimePrecision) time.Time {
	t = t.UTC()
	switch p {
	case listing.PrecisionDay:
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case listing.PrecisionMinute:
		return t.Truncate(time.Minute)
	case listing.PrecisionSecond:
		return t.Truncate(time.Second)
	}
	return t
}

// maxRenameTries bounds the search for a free "name (n).ext".
const maxRenameTries = 10000

// freeName finds the first "name (n).ext" beside p for which exists says
// no. p uses forward slashes (a remote path) or the local separator; only
// the last element is changed. A leading dot does not start an extension
// (".profile" becomes ".profile (1)").
func freeName(p string, sep byte, exists func(string) (bool, error)) (string, error) {
	dir, base := "", p
	if i := strings.LastIndexByte(p, sep); i >= 0 {
		dir, base = p[:i+1], p[i+1:]
	}
	stem, ext := base, path.Ext(base)
	if ext == base || ext == "." {
		ext = ""
	}
	stem = strings.TrimSuffix(base, ext)
	for n := 1; n <= maxRenameTries; n++ {
		cand := fmt.Sprintf("%s%s (%d)%s", dir, stem, n, ext)
		ok, err := exists(cand)
		if err != nil {
			return "", err
		}
		if !ok {
			return cand, nil
		}
	}
	return "", fmt.Errorf("no free name beside %s after %d tries", p, maxRenameTries)
}
