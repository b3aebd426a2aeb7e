package site

import (
	"testing"

	"persiankb/kb/stats"
)

func TestParseRangeDay(t *testing.T) {
	nov20 := stats.Date(2026, 11, 20)
	tests := []struct {
		in   string
		want stats.Day
		ok   bool
	}{
		{"۱۴۰۵/۰۸/۲۹", nov20, true},   // as the form shows it
		{"1405-8-29", nov20, true},    // Latin digits, dashes, no leading zero
		{" ١٤٠٥/٠٨/٢٩ ", nov20, true}, // Arabic-Indic digits, spaces
		{"\u200f۱۴۰۵/۰۸/۲۹", nov20, true},
		{"2026-11-20", nov20, true}, // Gregorian, as in the export links
		{"۲۰۲۶-۱۱-۲۰", nov20, true},
		{"1403/12/30", stats.Date(2025, 3, 20), true},
		{"1404/12/30", stats.Day{}, false}, // 1404 is not a leap year
		{"2026-02-30", stats.Day{}, false},
		{"1405/08", stats.Day{}, false},
		{"1405/08/29/1", stats.Day{}, false},
		{"امروز", stats.Day{}, false},
		{"0/1/1", stats.Day{}, false},
		{"", stats.Day{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseRangeDay(tt.in)
			if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
				t.Errorf("parseRangeDay(%q) = %s, %v; want %s, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
	if got := formatJalaliInput(nov20); got != "۱۴۰۵/۰۸/۲۹" {
		t.Errorf("formatJalaliInput = %q, want ۱۴۰۵/۰۸/۲۹", got)
	}
}
