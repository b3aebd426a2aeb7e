package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// minVocabulary is the fewest distinct words a corpus is generated from: fewer means the
// sources were not found, and the articles would not look like a help center's.
const minVocabulary = 200

// vocabulary is the words of the sources, most frequent first, and the support queries.
type vocabulary struct {
	words   []string // distinct words by falling frequency
	queries []string // the "query" fields of the support set
}

// readVocabulary collects the Persian words of the Markdown files under contentDir and of the
// queries and messages in the JSONL files, and the queries themselves.
func readVocabulary(contentDir string, jsonl []string) (*vocabulary, error) {
	freq := map[string]int{}
	err := filepath.WalkDir(contentDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		countWords(freq, string(b))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("vocabulary: %w", err)
	}
	v := &vocabulary{}
	for _, path := range jsonl {
		texts, queries, err := readSupport(path)
		if err != nil {
			return nil, err
		}
		for _, t := range texts {
			countWords(freq, t)
		}
		v.queries = append(v.queries, queries...)
	}
	for w := range freq {
		v.words = append(v.words, w)
	}
	slices.SortFunc(v.words, func(a, b string) int {
		if d := freq[b] - freq[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	if len(v.words) < minVocabulary {
		return nil, fmt.Errorf("vocabulary: only %d distinct words in %s and %v (want at least %d)",
			len(v.words), contentDir, jsonl, minVocabulary)
	}
	return v, nil
}

// readSupport returns the query and message texts of a support JSONL file, and the queries alone.
func readSupport(path string) (texts, queries []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("vocabulary: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r struct{ Query, Message string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, nil, fmt.Errorf("vocabulary: %s:%d: %w", path, n, err)
		}
		texts = append(texts, r.Query, r.Message)
		if q := strings.TrimSpace(r.Query); q != "" {
			queries = append(queries, q)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("vocabulary: %s: %w", path, err)
	}
	return texts, queries, nil
}

// countWords counts the words of s made of Persian or Arabic letters (ZWNJ kept inside words).
func countWords(freq map[string]int, s string) {
	isWord := func(r rune) bool { return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) || r == '\u200c' }
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) }) {
		w = strings.Trim(w, "\u200c")
		if len([]rune(w)) >= 2 {
			freq[w]++
		}
	}
}
