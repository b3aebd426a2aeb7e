package site

import (
	"testing"
	"time"
)

func TestToJalali(t *testing.T) {
	tests := []struct {
		greg string
		want jalaliDate
	}{
		{"2024-03-20", jalaliDate{1403, 1, 1}},   // Nowruz 1403
		{"2024-03-19", jalaliDate{1402, 12, 29}}, // last day of a common year
		{"2025-03-20", jalaliDate{1403, 12, 30}}, // 1403 is a leap year: Esfand has 30 days
		{"2025-03-21", jalaliDate{1404, 1, 1}},   // Nowruz 1404
		{"2023-03-21", jalaliDate{1402, 1, 1}},
		{"2023-09-23", jalaliDate{1402, 7, 1}}, // 1 Mehr: first 30-day month
		{"2023-09-22", jalaliDate{1402, 6, 31}},
		{"1979-02-11", jalaliDate{1357, 11, 22}},
		{"2000-01-01", jalaliDate{1378, 10, 11}},
		{"2001-09-11", jalaliDate{1380, 6, 20}},
		{"2026-01-28", jalaliDate{1404, 11, 8}},
		{"1900-01-01", jalaliDate{1278, 10, 11}},
	}
	for _, tt := range tests {
		t.Run(tt.greg, func(t *testing.T) {
			d, err := time.Parse("2006-01-02", tt.greg)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := toJalali(d)
			if !ok || got != tt.want {
				t.Errorf("toJalali(%s) = %v, %v; want %v", tt.greg, got, ok, tt.want)
			}
		})
	}
}

// TestToJalaliConsecutiveDays walks every day from 1800 to 2200 and checks that the Jalali date
// advances by exactly one day: month lengths 31 (months 1-6), 30 (7-11), 29 or 30 (Esfand), a
// leap Esfand every 4 or 5 years, and years that follow each other.
func TestToJalaliConsecutiveDays(t *testing.T) {
	day := time.Date(1800, 1, 1, 12, 0, 0, 0, time.UTC)
	end := time.Date(2200, 1, 1, 12, 0, 0, 0, time.UTC)
	prev, ok := toJalali(day)
	if !ok {
		t.Fatal("1800-01-01 out of range")
	}
	lastLeap := 0
	for day = day.AddDate(0, 0, 1); day.Before(end); day = day.AddDate(0, 0, 1) {
		cur, ok := toJalali(day)
		if !ok {
			t.Fatalf("%s out of range", day.Format("2006-01-02"))
		}
		var want jalaliDate
		switch monthLen := jalaliMonthLen(prev.Month); {
		case prev.Day < monthLen, prev.Month == 12 && prev.Day == 29 && cur.Day == 30:
			want = jalaliDate{prev.Year, prev.Month, prev.Day + 1}
		case prev.Month < 12:
			want = jalaliDate{prev.Year, prev.Month + 1, 1}
		default:
			want = jalaliDate{prev.Year + 1, 1, 1}
		}
		if cur != want {
			t.Fatalf("%s: got %v after %v, want %v", day.Format("2006-01-02"), cur, prev, want)
		}
		if cur.Month == 12 && cur.Day == 30 {
			if lastLeap != 0 && cur.Year-lastLeap != 4 && cur.Year-lastLeap != 5 {
				t.Fatalf("leap years %d and %d are %d years apart", lastLeap, cur.Year, cur.Year-lastLeap)
			}
			lastLeap = cur.Year
		}
		prev = cur
	}
}

// jalaliMonthLen is the length of a month in a common year.
func jalaliMonthLen(m int) int {
	switch {
	case m <= 6:
		return 31
	case m <= 11:
		return 30
	default:
		return 29
	}
}

func TestFormatJalali(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"zero", time.Time{}, ""},
		{"nowruz", time.Date(2024, 3, 20, 9, 0, 0, 0, time.UTC), "۱ فروردین ۱۴۰۳"},
		{"bahman", time.Date(2026, 1, 28, 0, 0, 0, 0, time.UTC), "۸ بهمن ۱۴۰۴"},
		{"esfand", time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC), "۳۰ اسفند ۱۴۰۳"},
		{"out of range", time.Date(4000, 1, 2, 0, 0, 0, 0, time.UTC), "۴۰۰۰-۰۱-۰۲"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatJalali(tt.in); got != tt.want {
				t.Errorf("formatJalali = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestFromJalali checks the conversion back from the Jalali calendar: every day of 1990–2060
// comes back to itself, and days that do not exist are refused.
func TestFromJalali(t *testing.T) {
	for d := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() <= 2060; d = d.AddDate(0, 0, 1) {
		j, ok := toJalali(d)
		if !ok {
			t.Fatalf("toJalali(%s) failed", d.Format(time.DateOnly))
		}
		if got, ok := fromJalali(j); !ok || !got.Equal(d) {
			t.Fatalf("fromJalali(%+v) = %s, %v; want %s", j, got.Format(time.DateOnly), ok, d.Format(time.DateOnly))
		}
	}
	tests := []struct {
		name string
		d    jalaliDate
		ok   bool
	}{
		{"30 Esfand of a leap year", jalaliDate{1403, 12, 30}, true},
		{"30 Esfand of a common year", jalaliDate{1404, 12, 30}, false},
		{"31 Shahrivar", jalaliDate{1405, 6, 31}, true},
		{"31 Mehr", jalaliDate{1405, 7, 31}, false},
		{"month 13", jalaliDate{1405, 13, 1}, false},
		{"month 0", jalaliDate{1405, 0, 1}, false},
		{"day 0", jalaliDate{1405, 1, 0}, false},
		{"out of range", jalaliDate{5000, 1, 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := fromJalali(tt.d); ok != tt.ok {
				t.Errorf("fromJalali(%+v) ok = %v, want %v", tt.d, ok, tt.ok)
			}
		})
	}
}
