package listing

// isMemberLike accepts a member name, or one as some servers stretch the
// rules: up to 44 upper-case letters, digits, national characters and "-"
// ("2024-Q1", "PAY-2026"). It never starts with "-", so that a Unix
// permission field is not taken for one, nor as a multi-line reply does
// ("250-Begin", "213-STAT").
func isMemberLike(s string) bool {
	if isMemberName(s) {
		return true
	}
	if s == "" || len(s) > 44 || s[0] == '-' || len(s) > 3 && isDigits(s[:3]) && s[3] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '@' || c == '#' || c == '$' || c == '-') {
			return false
		}
	}
	return true
}
