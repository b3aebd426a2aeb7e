package persian

import "testing"

func TestFromLatinScript(t *testing.T) {
	tests := []struct{ word, want string }{
		{"roaming", "رومینگ"},   // oa, ng
		{"modem", "مودم"},       // short e unwritten
		{"Email", "امیل"},       // initial vowel on alef, ai, capital
		{"esim", "اسیم"},        // initial e
		{"update", "اوپدات"},    // final e silent; vowels are guesses (آپدیت: two edits away)
		{"internet", "اینترنت"}, // initial i
		{"password", "پاسورد"},  // ss and wo written once
		{"shop", "شوپ"},         // digraph
		{"service", "سرویس"},    // soft c
		{"ssl", ""},             // too short
		{"wi-fi", ""},           // not letters only
		{"رمز", ""},             // not Latin
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := FromLatinScript(tt.word); got != tt.want {
				t.Errorf("FromLatinScript(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestToLatinScript(t *testing.T) {
	tests := []struct{ word, want string }{
		{"ایسیم", "isim"},    // initial ای, medial ی a vowel
		{"رومینگ", "roming"}, // medial و a vowel
		{"ایمیل", "imil"},    // close to email: callers match within an edit or two
		{"اپلیکیشن", "aplikishn"},
		{"وای‌فای", "vayfay"}, // و at the start and ی after alef are consonants; ZWNJ joined
		{"مودمه", "modme"},    // و between consonants is o, a final ه is e
		{"سیم", ""},           // too short
		{"ssl", ""},           // not Persian
		{"رمز۲", ""},          // a digit
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := ToLatinScript(tt.word); got != tt.want {
				t.Errorf("ToLatinScript(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

func TestFromFinglish(t *testing.T) {
	tests := []struct{ word, want string }{
		{"tahvil", "تهویل"},  // a between consonants unwritten (تحویل: one homophone away)
		{"mahsul", "مهسول"},  // محصول
		{"sefaresh", "سفرش"}, // sh stays one letter
		{"kasas", "کسس"},     // the consonants around an unwritten vowel stay two letters
		{"Ramz", "رمز"},      // capital
		{"email", ""},        // no short vowel: the loanword reading is the only one
		{"roaming", ""},      // oa is a long vowel
		{"tah", ""},          // too short
		{"rah-e", ""},        // not letters only
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := FromFinglish(tt.word); got != tt.want {
				t.Errorf("FromFinglish(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}
