package tickets

import (
	"net/mail"
	"strings"
)

// NormalizeEmail checks an email address the way a support desk needs it: one plain address
// (no display name, no comments, no quoted local part), ASCII only, a domain with a dot and
// sane labels. Persian and Arabic-Indic digits are turned into Latin ones first (typed with a
// Persian keyboard layout) and the domain is lower-cased. The message is "" when ok.
func NormalizeEmail(s string) (addr, message string) {
	s = toLatinDigits(strings.TrimSpace(s))
	switch {
	case s == "":
		return "", msgRequiredEmail()
	case len(s) > MaxEmailBytes:
		return s, msgLongEmail()
	case !isASCII(s):
		return s, msgEmailNotLatin()
	}
	parsed, err := mail.ParseAddress(s)
	if err != nil || parsed.Name != "" || parsed.Address != s {
		return s, msgBadEmail()
	}
	local, domain, _ := strings.Cut(s, "@") // ParseAddress guarantees the @
	domain = strings.ToLower(domain)
	if len(local) > 64 || !validDomain(domain) {
		return s, msgBadEmail()
	}
	return local + "@" + domain, ""
}

func checkEmail(errs FieldErrors, s string) string {
	addr, msg := NormalizeEmail(s)
	if msg != "" {
		errs[FieldEmail] = msg
	}
	return addr
}

// validDomain: at least two labels, each 1-63 letters, digits or inner hyphens; the last
// (top-level) label has at least two letters.
func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range []byte(l) {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	return len(tld) >= 2 && strings.Trim(tld, "abcdefghijklmnopqrstuvwxyz") == ""
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// toLatinDigits replaces Persian and Arabic-Indic digits with 0-9.
func toLatinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		}
		return r
	}, s)
}
