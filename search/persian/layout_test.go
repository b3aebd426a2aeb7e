package persian

import "testing"

func TestFromLatinLayout(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"sghl", "سلام", true},
		{"Sghl", "سلام", true}, // auto-capitalized first letter
		{"SGHL", "سلام", true}, // Caps Lock
		{"hxghuhj", "اطلاعات", true},
		{"vlc uf,v", "رمز عبور", true},
		{";jhf", "کتاب", true},
		{"[n]", "جدچ", true},
		{"mdhl", "پیام", true},
		{"\\dhl", "پیام", true},  // legacy Windows layout: \ is پ
		{"Hl,ca", "اموزش", true}, // a leading capital reads as auto-capitalization; آ and ا fold alike
		{"lcHcg", "مزآزل", true}, // Shift+H inside a word is آ
		{"lCn", "مژد", true},     // Shift+C is ژ
		{"lvfe?", "مربث؟", true},
		{"123", "۱۲۳", false},
		{"سلام", "سلام", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := FromLatinLayout(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("FromLatinLayout(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestToLatinLayout(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"سسم", "ssl", true},
		{"ثپشهم", "email", true},
		{"شدیقخهی", "android", true},
		{"رحد", "vpn", true},
		{"ئ", "s", true},
		{"۱۲", "12", false},
		{"ssl", "ssl", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ToLatinLayout(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ToLatinLayout(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLayoutRoundTrip(t *testing.T) {
	for _, latin := range []string{"sghl", "hxghuhj", "vlc uf,v", "qwertyuiop[]asdfghjkl;'zxcvbnm,"} {
		persian, _ := FromLatinLayout(latin)
		if back, _ := ToLatinLayout(persian); back != latin {
			t.Errorf("%q → %q → %q", latin, persian, back)
		}
	}
}

func TestLooksLikeWrongLayout(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"sghl", true},
		{"hxghuhj", true},
		{"vlc uf,v", true},
		{";jhf", true},
		{"jyddv vlc", true}, // تغییر رمز
		{"password", false},
		{"hello world", false},
		{"strength", false},
		{"don't", false},
		{"ssl", false},
		{"the quick brown fox", false},
		{"salam", false}, // Finglish, not a layout slip
		{"سسم", true},
		{"ثپشهم", true},
		{"سلام", false},
		{"تغییر رمز عبور", false},
		{"123", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := LooksLikeWrongLayout(tt.in); got != tt.want {
				t.Errorf("LooksLikeWrongLayout(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
