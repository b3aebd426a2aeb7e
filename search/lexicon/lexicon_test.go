package lexicon

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []Group
		err        string // a part of the error; "" for none
	}{
		{"equivalence", "- [پسورد, رمز عبور]", []Group{{Terms: []string{"پسورد", "رمز عبور"}}}, ""},
		{"one-way", "- {from: [قبض], to: [صورتحساب]}", []Group{{Terms: []string{"قبض"}, To: []string{"صورتحساب"}}}, ""},
		{"one term", "- [پسورد]", nil, "at least two"},
		{"one-way without to", "- {from: [قبض]}", nil, "both from and to"},
		{"empty term", "- [پسورد, '']", nil, "empty term"},
		{"repeated term", "- {from: [قبض], to: [قبض]}", nil, "twice"},
		{"too many terms", "- [" + strings.Repeat("a, ", MaxGroupTerms) + "b]", nil, "at most"},
		{"scalar item", "- پسورد", nil, "list of terms or a mapping"},
		{"not a list", "پسورد: رمز", nil, "parsing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.yaml))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Parse(%q) error = %v, want one with %q", tt.yaml, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.yaml, err)
			}
			if len(got) != len(tt.want) || !equal(got[0], tt.want[0]) {
				t.Errorf("Parse(%q) = %q, want %q", tt.yaml, got, tt.want)
			}
		})
	}
}

func equal(a, b Group) bool {
	return strings.Join(a.Terms, "|") == strings.Join(b.Terms, "|") && strings.Join(a.To, "|") == strings.Join(b.To, "|")
}

// TestPersian checks that the embedded lexicon parses, that it has its size, and that no term
// is in two groups of the same kind (two equivalences that share a term are one group).
func TestPersian(t *testing.T) {
	lex, err := Persian()
	if err != nil {
		t.Fatal(err)
	}
	if len(lex) < 150 || len(lex) > 300 {
		t.Errorf("%d groups, want 150–300", len(lex))
	}
	seen := make(map[string]int)
	for i, g := range lex {
		if g.OneWay() {
			continue
		}
		for _, term := range g.Terms {
			if j, ok := seen[term]; ok {
				t.Errorf("%q in equivalences %q and %q", term, lex[j].Terms, g.Terms)
			}
			seen[term] = i
		}
	}
}
