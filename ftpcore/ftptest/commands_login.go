package ftptest

import (
	"fmt"
	"strings"
)

// Login and session-level commands, with vsftpd's reply texts.

func (c *session) cmdUSER(arg string) bool {
	if c.loggedIn {
		c.reply(530, "Can't change to another user.")
		return false
	}
	c.user, c.userGiven, c.awaitingAcct = arg, true, false
	c.reply(331, "Please specify the password.")
	return false
}

func (c *session) isAnonymous() bool {
	return strings.EqualFold(c.user, "anonymous") || strings.EqualFold(c.user, "ftp")
}

func (c *session) cmdPASS(arg string) bool {
	switch {
	case c.loggedIn:
		c.reply(230, "Already logged in.")
		return false
	case !c.userGiven:
		c.reply(503, "Login with USER first.")
		return false
	}
	c.userGiven = false
	want, known := c.srv.cfg.users[c.user]
	ok := (known && want == arg) || (c.srv.cfg.anonymous && c.isAnonymous())
	if !ok {
		c.reply(530, "Login incorrect.")
		return false
	}
	if c.srv.cfg.requireAccount {
		c.awaitingAcct = true
		c.reply(332, "Need account for login.")
		return false
	}
	return c.login()
}

func (c *session) cmdACCT(arg string) bool {
	switch {
	case c.loggedIn:
		c.reply(202, "Command not implemented, superfluous at this site.")
		return false
	case !c.awaitingAcct:
		c.reply(503, "Login with USER first.")
		return false
	}
	c.awaitingAcct = false
	if arg == "" || (c.srv.cfg.account != "" && arg != c.srv.cfg.account) {
		c.reply(530, "Login incorrect.")
		return false
	}
	return c.login()
}

// login completes a successful login, unless a fault rejects it.
func (c *session) login() bool {
	if c.srv.takeLoginRejection() {
		c.reply(421, "Too many users logged in, closing control connection.")
		return true
	}
	c.loggedIn = true
	c.cwd = c.srv.cfg.home
	c.srv.logins.Add(1)
	lines := append(append([]string{}, c.srv.cfg.loginBanner...), "Login successful.")
	c.writeRaw(multiline(230, lines))
	return false
}

func (c *session) cmdQUIT(string) bool {
	c.reply(221, "Goodbye.")
	return true
}

func (c *session) cmdNOOP(string) bool {
	c.reply(200, "NOOP ok.")
	return false
}

func (c *session) cmdSYST(string) bool {
	c.reply(215, "UNIX Type: L8")
	return false
}

func (c *session) cmdALLO(string) bool {
	c.reply(202, "ALLO command ignored.")
	return false
}

func (c *session) cmdFEAT(string) bool {
	if len(c.srv.features) == 0 {
		// RFC 2389 §3.2 allows a server without features one line.
		c.reply(211, "no-features")
		return false
	}
	var b strings.Builder
	b.WriteString("211-Features:\r\n")
	for _, f := range c.srv.features {
		fmt.Fprintf(&b, " %s\r\n", f)
	}
	b.WriteString("211 End\r\n")
	c.writeRaw([]byte(b.String()))
	return false
}

func (c *session) cmdOPTS(arg string) bool {
	opt := strings.ToUpper(strings.TrimSpace(arg))
	if (opt == "UTF8 ON" || opt == "UTF8") && c.srv.hasFeature("UTF8") {
		c.reply(200, "Always in UTF8 mode.")
		return false
	}
	c.reply(501, "Option not understood.")
	return false
}

func (c *session) cmdHELP(string) bool {
	c.writeRaw([]byte("214-The following commands are recognized.\r\n" +
		" ABOR ACCT ALLO APPE CDUP CWD  DELE EPRT EPSV FEAT HELP LIST MDTM MFMT\r\n" +
		" MKD  MLSD MLST MODE NLST NOOP OPTS PASS PASV PORT PWD  QUIT REST RETR\r\n" +
		" RMD  RNFR RNTO SITE SIZE STAT STOR STOU STRU SYST TYPE USER XCUP XCWD\r\n" +
		" XMKD XPWD XRMD\r\n" +
		"214 Help OK.\r\n"))
	return false
}

func (c *session) cmdTYPE(arg string) bool {
	switch strings.ToUpper(strings.Join(strings.Fields(arg), " ")) {
	case "A", "A N":
		c.ascii = true
		c.reply(200, "Switching to ASCII mode.")
	case "I", "L 8", "L8":
		c.ascii = false
		c.reply(200, "Switching to Binary mode.")
	default:
		c.reply(500, "Unrecognised TYPE command.")
	}
	return false
}

func (c *session) cmdMODE(arg string) bool {
	if strings.EqualFold(strings.TrimSpace(arg), "S") {
		c.reply(200, "Mode set to S.")
	} else {
		c.reply(504, "Bad MODE command.")
	}
	return false
}

func (c *session) cmdSTRU(arg string) bool {
	if strings.EqualFold(strings.TrimSpace(arg), "F") {
		c.reply(200, "Structure set to F.")
	} else {
		c.reply(504, "Bad STRU command.")
	}
	return false
}

func (c *session) cmdSTAT(arg string) bool {
	if arg != "" {
		return c.statPath(arg)
	}
	mode, ctrl, data := "BINARY", "plain text", "plain text"
	if c.ascii {
		mode = "ASCII"
	}
	if c.secure {
		ctrl = "TLS"
	}
	if c.protP {
		data = "TLS"
	}
	c.writeRaw([]byte(fmt.Sprintf("211-FTP server status:\r\n"+
		"     Connected to %s\r\n"+
		"     Logged in as %s\r\n"+
		"     TYPE: %s\r\n"+
		"     Control connection is %s\r\n"+
		"     Data connections will be %s\r\n"+
		"211 End of status\r\n",
		hostOf(c.raw.RemoteAddr()), c.user, mode, ctrl, data)))
	return false
}

func (c *session) cmdABOR(string) bool {
	// A transfer in progress is aborted by awaitTransfer; here none is.
	c.reply(225, "No transfer to ABOR.")
	return false
}
