// Package lexicon is the built-in Persian customer-support lexicon: groups of words customers
// type and the words help-center writers use for the same thing (پسورد and رمز عبور, دایورت and
// انتقال تماس, اسم and نام), which hold across support domains. The search applies it to
// queries beside a help center's own synonyms (kb.Library.Synonyms), at a lower weight.
package lexicon

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed fa.yaml
var faYAML []byte

// MaxGroupTerms bounds one group, as for a content synonyms file: more alternatives than this
// are a topic, not synonyms, and every one of them is added to a query that has one.
const MaxGroupTerms = 12

// Group is one entry of the lexicon. A query with any of Terms also finds the others, and
// To: with To empty the group is an equivalence (every term stands for every other); with To
// set it is a one-way expansion, Terms find To and To does not find Terms (a narrower or
// colloquial word finds the broader written one, never the reverse).
type Group struct {
	Terms []string
	To    []string
}

// OneWay reports whether g expands only from Terms to To.
func (g Group) OneWay() bool { return len(g.To) > 0 }

// persian is the parsed embedded lexicon, parsed on first use.
var persian = sync.OnceValues(func() ([]Group, error) { return Parse(faYAML) })

// Persian returns the built-in Persian lexicon (fa.yaml). The slice is shared: do not modify.
func Persian() ([]Group, error) { return persian() }

// Parse reads a lexicon: a YAML list whose items are either a list of terms (an equivalence)
// or a mapping {from: [...], to: [...]} (a one-way expansion).
func Parse(data []byte) ([]Group, error) {
	var items []yaml.Node
	if err := yaml.Unmarshal(data, &items); err != nil {
		return nil, fmt.Errorf("lexicon: parsing: %w", err)
	}
	groups := make([]Group, 0, len(items))
	for i := range items {
		g, err := parseGroup(&items[i])
		if err != nil {
			return nil, fmt.Errorf("lexicon: line %d: %w", items[i].Line, err)
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// parseGroup reads one item of the list.
func parseGroup(n *yaml.Node) (Group, error) {
	var g Group
	switch n.Kind {
	case yaml.SequenceNode:
		if err := n.Decode(&g.Terms); err != nil {
			return g, err
		}
		if len(g.Terms) < 2 {
			return g, errors.New("an equivalence needs at least two terms")
		}
	case yaml.MappingNode:
		var m struct {
			From []string `yaml:"from"`
			To   []string `yaml:"to"`
		}
		if err := n.Decode(&m); err != nil {
			return g, err
		}
		if len(m.From) == 0 || len(m.To) == 0 {
			return g, errors.New("a one-way expansion needs terms in both from and to")
		}
		g.Terms, g.To = m.From, m.To
	default:
		return g, errors.New("an item is a list of terms or a mapping {from: [...], to: [...]}")
	}
	return g, checkTerms(append(append([]string(nil), g.Terms...), g.To...))
}

// checkTerms rejects empty and repeated terms and groups over MaxGroupTerms.
func checkTerms(terms []string) error {
	if len(terms) > MaxGroupTerms {
		return fmt.Errorf("%d terms, at most %d", len(terms), MaxGroupTerms)
	}
	seen := make(map[string]bool, len(terms))
	for _, t := range terms {
		t = strings.TrimSpace(t)
		if t == "" {
			return errors.New("an empty term")
		}
		if seen[t] {
			return fmt.Errorf("term %q twice", t)
		}
		seen[t] = true
	}
	return nil
}
