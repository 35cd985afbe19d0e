package ftptest

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// File-system commands, with vsftpd's reply texts (MLST and MFMT, which
// vsftpd lacks, with ProFTPD's).

// mdtmLayout is the RFC 3659 time-val, always UTC.
const mdtmLayout = "20060102150405"

func (c *session) abs(arg string) string { return resolvePath(c.cwd, arg) }

// quotePath doubles quotes in a 257 path (RFC 959 appendix II).
func quotePath(p string) string { return strings.ReplaceAll(p, `"`, `""`) }

func (c *session) cmdPWD(string) bool {
	c.reply(257, fmt.Sprintf(`"%s" is the current directory`, quotePath(c.cwd)))
	return false
}

func (c *session) cmdCWD(arg string) bool {
	dir, err := c.srv.fs.dirPath(c.abs(arg))
	if _, endless := c.srv.endlessListing(c.abs(arg), listNames); endless {
		dir, err = cleanPath(c.abs(arg)), nil
	}
	if err != nil {
		c.reply(550, "Failed to change directory.")
		return false
	}
	c.cwd = dir
	c.reply(250, "Directory successfully changed.")
	return false
}

func (c *session) cmdCDUP(string) bool { return c.cmdCWD("..") }

func (c *session) cmdMKD(arg string) bool {
	p := c.abs(arg)
	if arg == "" || c.srv.fs.mkdirOne(p) != nil {
		c.reply(550, "Create directory operation failed.")
		return false
	}
	c.reply(257, fmt.Sprintf(`"%s" created`, quotePath(p)))
	return false
}

func (c *session) cmdRMD(arg string) bool {
	if arg == "" || c.srv.fs.removeKind(c.abs(arg), true) != nil {
		c.reply(550, "Remove directory operation failed.")
		return false
	}
	c.reply(250, "Remove directory operation successful.")
	return false
}

func (c *session) cmdDELE(arg string) bool {
	if arg == "" || c.srv.fs.removeKind(c.abs(arg), false) != nil {
		c.reply(550, "Delete operation failed.")
		return false
	}
	c.reply(250, "Delete operation successful.")
	return false
}

func (c *session) cmdRNFR(arg string) bool {
	if _, err := c.srv.fs.Lstat(c.abs(arg)); arg == "" || err != nil {
		c.rnfr = ""
		c.reply(550, "RNFR command failed.")
		return false
	}
	c.rnfr = c.abs(arg)
	c.reply(350, "Ready for RNTO.")
	return false
}

func (c *session) cmdRNTO(arg string) bool {
	from := c.rnfr
	c.rnfr = ""
	switch {
	case from == "":
		c.reply(503, "RNFR required first.")
	case arg == "" || c.srv.fs.Rename(from, c.abs(arg)) != nil:
		c.reply(550, "Rename failed.")
	default:
		c.reply(250, "Rename successful.")
	}
	return false
}

// regularFile stats a file a command may read, following symlinks.
func (c *session) regularFile(arg string) (fs.FileInfo, bool) {
	fi, err := c.srv.fs.Stat(c.abs(arg))
	if arg == "" || err != nil || fi.IsDir() {
		return nil, false
	}
	return fi, true
}

func (c *session) cmdSIZE(arg string) bool {
	fi, ok := c.regularFile(arg)
	switch {
	case !ok:
		c.reply(550, "Could not get file size.")
	case c.ascii && c.srv.cfg.refuseSizeASCII:
		c.reply(550, "SIZE not allowed in ASCII mode")
	default:
		c.reply(213, strconv.FormatInt(fi.Size(), 10))
	}
	return false
}

func (c *session) cmdMDTM(arg string) bool {
	fi, ok := c.regularFile(arg)
	if !ok {
		c.reply(550, "Could not get file modification time.")
		return false
	}
	c.reply(213, fi.ModTime().UTC().Format(mdtmLayout))
	return false
}

func (c *session) cmdMFMT(arg string) bool {
	stamp, name, _ := strings.Cut(arg, " ")
	mtime, err := time.ParseInLocation(mdtmLayout, stamp, time.UTC)
	if err != nil || name == "" {
		c.reply(501, "Invalid time or file name.")
		return false
	}
	if _, ok := c.regularFile(name); !ok || c.srv.fs.Chtimes(c.abs(name), mtime) != nil {
		c.reply(550, "Could not set file modification time.")
		return false
	}
	c.reply(213, fmt.Sprintf("Modify=%s; %s", stamp, name))
	return false
}

func (c *session) cmdSITE(arg string) bool {
	sub, rest, _ := strings.Cut(arg, " ")
	if !strings.EqualFold(sub, "CHMOD") {
		c.reply(500, "Unknown SITE command.")
		return false
	}
	modeText, name, _ := strings.Cut(strings.TrimSpace(rest), " ")
	mode, err := strconv.ParseUint(modeText, 8, 32)
	if err != nil || name == "" || mode > 0o7777 {
		c.reply(500, "SITE CHMOD needs 2 arguments.")
		return false
	}
	if c.srv.fs.Chmod(c.abs(name), fs.FileMode(mode)) != nil {
		c.reply(550, "SITE CHMOD command failed.")
		return false
	}
	c.reply(200, "SITE CHMOD command ok.")
	return false
}

func (c *session) cmdREST(arg string) bool {
	n, err := strconv.ParseInt(strings.TrimSpace(arg), 10, 64)
	if err != nil || n < 0 {
		c.reply(501, "REST: invalid parameter.")
		return false
	}
	c.rest = n
	c.reply(350, fmt.Sprintf("Restart position accepted (%d).", n))
	return false
}

// statPath answers "STAT path" with an ls -la listing on the control
// connection, as vsftpd does (bare lines between 213- and 213).
func (c *session) statPath(arg string) bool {
	_, target := splitListArgs(arg)
	body := c.srv.listing(c.abs(target), target, listLong, true)
	var b strings.Builder
	b.WriteString("213-Status follows:\r\n")
	b.Write(body)
	b.WriteString("213 End of status\r\n")
	c.writeRaw([]byte(b.String()))
	return false
}

func (c *session) cmdMLST(arg string) bool {
	p := c.abs(arg)
	fi, err := c.srv.fs.Lstat(p)
	if err != nil {
		c.reply(550, fmt.Sprintf("%s: No such file or directory", arg))
		return false
	}
	name := arg
	if name == "" {
		name = p
	}
	c.writeRaw(fmt.Appendf(nil, "250-Start of list for %s\r\n %s %s\r\n250 End of list\r\n",
		name, mlsxFacts(fi.(fileInfo), p, ""), p))
	return false
}
