package tickets

import "strings"

// NormalizeMobile turns an Iranian mobile number as customers type it into the canonical
// 11-digit form 09xxxxxxxxx. It accepts Persian (۰-۹), Arabic-Indic (٠-٩) and Latin digits,
// spaces, dashes, dots, parentheses and bidi marks between them, and the prefixes +98, 0098,
// 98 and 0 (or none: 9xxxxxxxxx). Anything else, landlines included, is refused.
func NormalizeMobile(s string) (string, bool) {
	var digits strings.Builder
	plus := false
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= '۰' && r <= '۹':
			digits.WriteRune('0' + (r - '۰'))
		case r >= '٠' && r <= '٩':
			digits.WriteRune('0' + (r - '٠'))
		case r == '+' && i == 0:
			plus = true
		case strings.ContainsRune(" \t-.()\u200e\u200f\u200c\u00a0", r):
		default:
			return "", false
		}
	}
	d := digits.String()
	switch {
	case plus:
		if !strings.HasPrefix(d, "98") {
			return "", false // another country
		}
		d = d[2:]
	case strings.HasPrefix(d, "0098"):
		d = d[4:]
	case strings.HasPrefix(d, "98") && (len(d) == 12 || len(d) == 13 && d[2] == '0'):
		d = d[2:]
	}
	if len(d) == 11 && d[0] == '0' { // 09..., or +98 (0)9... with the trunk zero kept
		d = d[1:]
	}
	if len(d) != 10 || d[0] != '9' {
		return "", false
	}
	return "0" + d, true
}

func checkMobile(errs FieldErrors, s string) string {
	if strings.TrimSpace(s) == "" {
		return "" // optional
	}
	m, ok := NormalizeMobile(s)
	if !ok {
		errs[FieldMobile] = msgBadMobile()
	}
	return m
}
