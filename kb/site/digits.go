package site

import (
	"strconv"
	"strings"
)

// faDigitReplacer turns ASCII digits into Persian (Extended Arabic-Indic) digits.
var faDigitReplacer = strings.NewReplacer(
	"0", "۰", "1", "۱", "2", "۲", "3", "۳", "4", "۴",
	"5", "۵", "6", "۶", "7", "۷", "8", "۸", "9", "۹",
)

// faDigits replaces the ASCII digits of s with Persian digits and leaves everything else alone.
func faDigits(s string) string { return faDigitReplacer.Replace(s) }

// faThousandsSep is the Arabic thousands separator (U+066C) used in Persian number formatting.
const faThousandsSep = "٬"

// faNumber formats n with Persian digits and thousands separators, as Intl.NumberFormat("fa-IR")
// does: 1234 → "۱٬۲۳۴". Negative numbers get a minus sign (U+2212).
func faNumber(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(faThousandsSep)
		}
		b.WriteRune(r)
	}
	out := faDigits(b.String())
	if neg {
		out = "\u2212" + out
	}
	return out
}
