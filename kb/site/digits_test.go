package site

import "testing"

func TestFaNumber(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{
		{0, "۰"},
		{7, "۷"},
		{42, "۴۲"},
		{999, "۹۹۹"},
		{1000, "۱٬۰۰۰"},
		{1234, "۱٬۲۳۴"},
		{1234567, "۱٬۲۳۴٬۵۶۷"},
		{-56, "\u2212۵۶"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := faNumber(tt.in); got != tt.want {
				t.Errorf("faNumber(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFaAny(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"int", 2048, "۲٬۰۴۸"},
		{"int64", int64(12), "۱۲"},
		{"string", "v2.0 و 10", "v۲.۰ و ۱۰"},
		{"float", 1.5, "۱.۵"},
		{"persian already", "۱۲", "۱۲"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := faAny(tt.in); got != tt.want {
				t.Errorf("faAny(%v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
