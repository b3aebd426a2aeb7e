package site

import (
	"fmt"
	"time"
)

// jalaliBreaks are the Jalali years where the 33-year leap cycle pattern changes (the "breaks" of
// the astronomical calendar as tabulated by Borkowski, used by jalaali-js). They make the
// conversion exact for Jalali years -61 to 3177.
var jalaliBreaks = [...]int{
	-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210,
	1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
}

// jalaliMonths are the Persian month names, Farvardin first.
var jalaliMonths = [12]string{
	"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
	"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
}

// jalaliDate is a day of the Jalali (Solar Hijri) calendar.
type jalaliDate struct {
	Year, Month, Day int
}

// toJalali converts a Gregorian calendar day to the Jalali calendar. Only the date part of t (in
// its own location) is used. It reports ok=false outside the supported range (Gregorian years
// 561–3797).
func toJalali(t time.Time) (d jalaliDate, ok bool) {
	gy, gm, gd := t.Date()
	jy := gy - 621
	if jy < jalaliBreaks[0]+1 || jy >= jalaliBreaks[len(jalaliBreaks)-1]-1 {
		return jalaliDate{}, false
	}
	jdn := gregorianToJDN(gy, int(gm), gd)
	leap, march := jalaliCalendar(jy)
	k := jdn - gregorianToJDN(gy, 3, march) // days since 1 Farvardin of jy
	if k >= 0 {
		if k <= 185 { // the first six months have 31 days
			return jalaliDate{jy, 1 + k/31, k%31 + 1}, true
		}
		k -= 186
	} else { // still in the previous Jalali year
		jy--
		k += 179
		if leap == 1 {
			k++
		}
	}
	return jalaliDate{jy, 7 + k/30, k%30 + 1}, true
}

// jalaliCalendar returns, for the Jalali year jy, the number of years since the last leap year
// (0 means jy is a leap year) and the day in March of the Gregorian year jy+621 on which
// 1 Farvardin of jy falls.
func jalaliCalendar(jy int) (leap, march int) {
	gy := jy + 621
	leapJ := -14
	jp := jalaliBreaks[0]
	jump := 0
	for _, jm := range jalaliBreaks[1:] {
		jump = jm - jp
		if jy < jm {
			break
		}
		leapJ += jump/33*8 + jump%33/4
		jp = jm
	}
	n := jy - jp
	leapJ += n/33*8 + (n%33+3)/4
	if jump%33 == 4 && jump-n == 4 {
		leapJ++
	}
	leapG := gy/4 - (gy/100+1)*3/4 - 150
	march = 20 + leapJ - leapG
	if jump-n < 6 {
		n = n - jump + (jump+4)/33*33
	}
	leap = ((n+1)%33 - 1) % 4
	if leap == -1 {
		leap = 4
	}
	return leap, march
}

// gregorianToJDN returns the Julian Day Number of a proleptic Gregorian date.
func gregorianToJDN(gy, gm, gd int) int {
	d := (gy+(gm-8)/6+100100)*1461/4 + (153*((gm+9)%12)+2)/5 + gd - 34840408
	return d - (gy+100100+(gm-8)/6)/100*3/4 + 752
}

// formatJalali renders t as a Persian date such as "۱ فروردین ۱۴۰۳"; "" for the zero time.
func formatJalali(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d, ok := toJalali(t)
	if !ok {
		return faDigits(t.Format("2006-01-02"))
	}
	return faDigits(fmt.Sprintf("%d %s %d", d.Day, jalaliMonths[d.Month-1], d.Year))
}

// fromJalali converts a Jalali day to the Gregorian calendar (midnight UTC). It reports
// ok=false for a day that does not exist (month 13, 31 Mehr, 30 Esfand of a common year) or is
// outside the supported range.
func fromJalali(d jalaliDate) (t time.Time, ok bool) {
	if d.Year < jalaliBreaks[0]+1 || d.Year >= jalaliBreaks[len(jalaliBreaks)-1]-1 ||
		d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return time.Time{}, false
	}
	leap, march := jalaliCalendar(d.Year)
	days := 31 // Farvardin to Shahrivar
	switch {
	case d.Month == 12 && leap != 0:
		days = 29
	case d.Month > 6:
		days = 30
	}
	if d.Day > days {
		return time.Time{}, false
	}
	before := (d.Month - 1) * 31 // days of the year before the month
	if d.Month > 7 {
		before = 186 + (d.Month-7)*30
	}
	return time.Date(d.Year+621, time.March, march+before+d.Day-1, 0, 0, 0, 0, time.UTC), true
}
