package tickets

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzValidate(f *testing.F) {
	v := validInput()
	f.Add(v.Name, v.Email, v.Mobile, v.Category, v.Subject, v.Description)
	f.Add("\u202eعلی", "a@b.co", "+98 912 000 0000", "orders", "ab\x00c", "\r\r\n\n")
	f.Fuzz(func(t *testing.T, name, email, mobile, category, subject, description string) {
		in := Input{Name: name, Email: email, Mobile: mobile, Category: category, Subject: subject, Description: description}
		got, errs := Validate(in, testCategories)
		if errs != nil {
			for field, msg := range errs {
				if msg == "" || field == "" {
					t.Fatalf("empty error entry %q: %q", field, msg)
				}
			}
			return
		}
		for _, s := range []string{got.Name, got.Subject} {
			if n := utf8.RuneCountInString(s); n == 0 || n > MaxSubjectRunes {
				t.Fatalf("accepted one-line field of %d runes: %q", n, s)
			}
			for _, r := range s {
				if unicode.IsControl(r) || isBidiControl(r) {
					t.Fatalf("accepted %U in %q", r, s)
				}
			}
		}
		if n := utf8.RuneCountInString(got.Description); n < MinDescriptionRunes || n > MaxDescriptionRunes {
			t.Fatalf("accepted a description of %d runes", n)
		}
		again, errs := Validate(Input{Name: got.Name, Email: got.Email, Mobile: got.Mobile, Category: got.Category,
			Subject: got.Subject, Description: got.Description}, testCategories)
		if errs != nil || again.Name != got.Name || again.Email != got.Email || again.Mobile != got.Mobile ||
			again.Subject != got.Subject || again.Description != got.Description {
			t.Fatalf("validating the cleaned ticket changed it: %+v → %+v (%v)", got, again, errs)
		}
	})
}
