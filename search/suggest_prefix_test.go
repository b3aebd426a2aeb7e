package search

import (
	"context"
	"strings"
	"testing"
)

func TestUnfinishedWord(t *testing.T) {
	tests := []struct {
		text, want string
		ok         bool
	}{
		{"کد رهگیری مرسو", "مرسو", true},
		{"سلام، سفارش‌ها", "سفارش‌ها", true},
		{"سلام،سفا", "سفا", true},
		{"فرامو", "فرامو", true},
		{"رمز را فراموش کردم.", "", false},
		{"کی می‌رسد؟", "", false},
		{"کد ۱۲۳", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, ok := unfinishedWord(tt.text)
			if got != tt.want || ok != tt.ok {
				t.Errorf("unfinishedWord(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestSuggestCompletesLastWord: a message whose last word is still being typed gets the
// suggestions of the finished word; a finished or punctuated last word is left alone.
func TestSuggestCompletesLastWord(t *testing.T) {
	ix := openSample(t, DefaultAnalyzer)
	ctx := context.Background()
	tests := []struct {
		text      string
		completed string // a term that must be among the chosen terms; "" for no completion
		first     string // the first suggestion
	}{
		{"سلام، می‌خواهم سفارشم را لغ", "لغو", "cancel-order"},
		{"کد رهگیری مرسو", "مرسوله", "کد-رهگیری-مرسوله"},
		{"رمز عبورم را فرامو", "فراموش", "بازیابی-رمز-عبور"},
		{"رمز عبورم را فرامو.", "", "بازیابی-رمز-عبور"},
		{"کد رهگیری مرسوله", "", "کد-رهگیری-مرسوله"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			typed, err := ix.suggestTerms(ctx, tt.text)
			if err != nil {
				t.Fatal(err)
			}
			terms, err := ix.completeLastWord(ctx, tt.text, append([]weightedTerm(nil), typed...))
			if err != nil {
				t.Fatal(err)
			}
			added := len(terms) - len(typed)
			found := false
			for _, w := range terms {
				found = found || w.term == tt.completed
			}
			if tt.completed == "" && added != 0 || tt.completed != "" && !found {
				t.Errorf("terms %v (from %v), want the completion %q", terms, typed, tt.completed)
			}
			res, err := ix.Suggest(ctx, tt.text, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || res.Hits[0].Slug != tt.first {
				t.Errorf("suggestions %v, want %s first", slugs(res.Hits), tt.first)
			}
		})
	}
	t.Run("stock analyzer: no completion", func(t *testing.T) {
		stock := openSample(t, StockAnalyzer)
		text := "کد رهگیری مرسو"
		typed, _ := stock.suggestTerms(ctx, text)
		terms, err := stock.completeLastWord(ctx, text, typed)
		if err != nil || len(terms) != len(typed) || len(terms) > 0 && strings.Contains(terms[0].term, "مرسوله") {
			t.Errorf("terms %v, %v", terms, err)
		}
	})
}
