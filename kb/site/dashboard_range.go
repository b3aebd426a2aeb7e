package site

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"persiankb/kb/stats"
)

// jalaliInputMaxYear separates the two calendars the range fields accept: a year below it is a
// Jalali year (1405), from it on a Gregorian one (2026). No date of the metrics is near either.
const jalaliInputMaxYear = 1700

// errBadDay is a range field that is not a date of either calendar.
var errBadDay = errors.New("site: bad day: want a Jalali date such as 1405/08/29 or a Gregorian one such as 2026-11-20")

// parseRangeDay reads a day of the dashboard's range: a Jalali date as the form shows it
// (۱۴۰۵/۰۸/۲۹, 1405-8-29; Persian, Arabic-Indic or Latin digits) or a Gregorian YYYY-MM-DD, as
// in the export links and older bookmarks. Impossible dates (31 Esfand, 30 February) are refused.
func parseRangeDay(s string) (stats.Day, error) {
	parts := strings.FieldsFunc(latinDigits(strings.TrimSpace(s)), func(r rune) bool { return r == '/' || r == '-' })
	if len(parts) != 3 {
		return stats.Day{}, errBadDay
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v <= 0 {
			return stats.Day{}, errBadDay
		}
		n[i] = v
	}
	if n[0] < jalaliInputMaxYear {
		t, ok := fromJalali(jalaliDate{n[0], n[1], n[2]})
		if !ok {
			return stats.Day{}, errBadDay
		}
		return stats.Date(t.Date()), nil
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] {
		return stats.Day{}, errBadDay
	}
	return stats.Date(n[0], time.Month(n[1]), n[2]), nil
}

// latinDigits replaces Persian and Arabic-Indic digits with 0–9.
func latinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case unicode.Is(unicode.Bidi_Control, r):
			return -1 // marks a right-to-left input may add
		}
		return r
	}, s)
}

// formatJalaliInput is the day as the range fields show it: ۱۴۰۵/۰۸/۲۹.
func formatJalaliInput(d stats.Day) string {
	j, ok := toJalali(d.Start(time.UTC))
	if !ok {
		return d.String()
	}
	return faDigits(fmt.Sprintf("%04d/%02d/%02d", j.Year, j.Month, j.Day))
}
