package tickets

import "testing"

func TestNormalizeMobile(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means refused
	}{
		{"09121234567", "09121234567"},
		{"۰۹۱۲۱۲۳۴۵۶۷", "09121234567"},
		{"٠٩١٢١٢٣٤٥٦٧", "09121234567"},
		{"۰۹۱۲-۱۲۳-۴۵۶۷", "09121234567"},
		{" 0912 123 4567 ", "09121234567"},
		{"(0912) 123.4567", "09121234567"},
		{"+989121234567", "09121234567"},
		{"+98 912 123 4567", "09121234567"},
		{"+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷", "09121234567"},
		{"+98 (0)912 123 4567", "09121234567"},
		{"00989121234567", "09121234567"},
		{"۰۰۹۸۹۱۲۱۲۳۴۵۶۷", "09121234567"},
		{"989121234567", "09121234567"},
		{"9121234567", "09121234567"},
		{"\u200e09121234567\u200f", "09121234567"},
		{"0912۱۲۳٤٥٦٧", "09121234567"}, // mixed digit sets
		{"", ""},
		{"0912123456", ""},     // 10 digits
		{"091212345678", ""},   // 12 digits
		{"02188776655", ""},    // Tehran landline
		{"+4915112345678", ""}, // another country
		{"+98 21 8877 6655", ""},
		{"0912+1234567", ""},
		{"0912_123_4567", ""},
		{"09121234567 ext 2", ""},
		{"٠٩١٢١٢٣٤٥٦٧٨", ""},
		{"98912123456", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := NormalizeMobile(tc.in)
			if ok != (tc.want != "") || got != tc.want {
				t.Errorf("NormalizeMobile(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
			}
		})
	}
}

func FuzzNormalizeMobile(f *testing.F) {
	for _, s := range []string{"09121234567", "+98 912 123 4567", "۰۰۹۸۹۱۲۱۲۳۴۵۶۷", "(0912) 123.4567", "+", "98"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := NormalizeMobile(s)
		if !ok {
			return
		}
		if len(got) != 11 || got[:2] != "09" {
			t.Fatalf("NormalizeMobile(%q) = %q: not canonical", s, got)
		}
		for _, c := range []byte(got) {
			if c < '0' || c > '9' {
				t.Fatalf("NormalizeMobile(%q) = %q: not digits", s, got)
			}
		}
		if again, ok := NormalizeMobile(got); !ok || again != got {
			t.Fatalf("not idempotent: %q → %q → %q", s, got, again)
		}
	})
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"a@example.com", "Maryam <m@example.com>", "ali۱۳۷۰@gmail.com", "@", "a@b.c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		addr, msg := NormalizeEmail(s)
		if msg != "" {
			return
		}
		if !isASCII(addr) || len(addr) > MaxEmailBytes {
			t.Fatalf("NormalizeEmail(%q) accepted %q", s, addr)
		}
		if again, msg := NormalizeEmail(addr); msg != "" || again != addr {
			t.Fatalf("not idempotent: %q → %q → %q (%s)", s, addr, again, msg)
		}
	})
}
