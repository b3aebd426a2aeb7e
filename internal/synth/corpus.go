package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Shape of the generated articles.
const (
	// bodyBytes is the size a body grows to: the "~1 KB bodies".
	bodyBytes = 1000
	// categories is the number of category folders; a real help center has tens.
	categories = 24
	// zipfS is the exponent of the word-frequency law (natural text is close to 1).
	zipfS = 1.1
	// topicShare is the share of an article's words drawn from its topic (one sample article)
	// rather than from the whole vocabulary: real articles are about something, and a query's
	// words are dense in some articles and rare in the rest, not spread evenly over all.
	topicShare = 60
	// commonWords is how many of the most frequent words generated queries leave out: function
	// words and the help center's everywhere-words (فروشگاه, سفارش), which customers type
	// around the words that say what they want, not alone.
	commonWords = 100
)

// suffixes are joined to words with a ZWNJ, as Persian writers do (plural, comparative, ezafe).
var suffixes = []string{"ها", "های", "هایی", "تر", "ترین", "ای"}

// arabicLetters writes Persian yeh and kaf the Arabic way, as text pasted from Arabic
// keyboards or old documents does.
var arabicLetters = strings.NewReplacer("ی", "ي", "ک", "ك")

// Generator makes Persian articles and queries from a vocabulary, deterministically from its seed.
type Generator struct {
	v     *Vocabulary
	r     *rand.Rand
	zipf  *rand.Zipf
	topic []string // the words of the current article's topic
}

func NewGenerator(v *Vocabulary, seed uint64) *Generator {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	return &Generator{v: v, r: r, zipf: rand.NewZipf(r, zipfS, 1, uint64(len(v.words)-1))}
}

// word is a word of the vocabulary drawn by Zipf's law, sometimes written the way real
// articles vary it: Arabic yeh and kaf, a ZWNJ suffix, a product code, a number.
func (g *Generator) word() string {
	w := g.plainWord()
	switch p := g.r.IntN(100); {
	case p < 3:
		return arabicLetters.Replace(w)
	case p < 8:
		return w + "\u200c" + suffixes[g.r.IntN(len(suffixes))]
	case p < 10:
		return g.coined()
	case p < 12:
		return g.number()
	}
	return w
}

// plainWord is a word of the current topic (topicShare percent of the time) or of the whole
// vocabulary drawn by Zipf's law.
func (g *Generator) plainWord() string {
	if len(g.topic) > 0 && g.r.IntN(100) < topicShare {
		return g.topic[g.r.IntN(len(g.topic))]
	}
	return g.v.words[g.zipf.Uint64()]
}

// coined is a made-up product or model name, so that the vocabulary keeps growing with the
// corpus as a real one does.
func (g *Generator) coined() string {
	syl := []string{"نو", "پا", "سا", "کی", "تا", "مه", "دی", "زو", "لا", "شی", "گا"}
	var b strings.Builder
	for range 2 + g.r.IntN(3) {
		b.WriteString(syl[g.r.IntN(len(syl))])
	}
	return b.String()
}

// number writes a number in Persian (mostly), Latin or Arabic-Indic digits.
func (g *Generator) number() string {
	s := fmt.Sprint(g.r.IntN(100000))
	var digits string
	switch p := g.r.IntN(10); {
	case p < 6:
		digits = "۰۱۲۳۴۵۶۷۸۹"
	case p < 9:
		return s
	default:
		digits = "٠١٢٣٤٥٦٧٨٩"
	}
	d := []rune(digits)
	return strings.Map(func(r rune) rune { return d[r-'0'] }, s)
}

// words is n to n+spread-1 words joined by spaces.
func (g *Generator) words(n, spread int) string {
	ws := make([]string, n+g.r.IntN(spread))
	for i := range ws {
		ws[i] = g.word()
	}
	return strings.Join(ws, " ")
}

// plainWords is like words without numbers or codes, for front-matter fields.
func (g *Generator) plainWords(n, spread int) string {
	ws := make([]string, n+g.r.IntN(spread))
	for i := range ws {
		ws[i] = g.plainWord()
	}
	return strings.Join(ws, " ")
}

// sentence is a sentence of 6–17 words with a comma now and then.
func (g *Generator) sentence() string {
	s := g.words(6, 12)
	if g.r.IntN(3) == 0 {
		s += "، " + g.words(3, 5)
	}
	return s + [...]string{".", ".", ".", "؛", "؟"}[g.r.IntN(5)]
}

// article is the Markdown file of the i-th article, on the current topic: front matter, then
// paragraphs, headings and lists until the body passes bodyBytes.
func (g *Generator) article(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nslug: art-%06d\nsummary: %s.\ntags: [%s, %s]\nkeywords: [%s, %s]\n---\n\n",
		g.plainWords(3, 4), i, g.plainWords(8, 7), g.plainWords(1, 2), g.plainWords(1, 2), g.plainWords(2, 2), g.plainWords(1, 2))
	start := b.Len()
	for b.Len()-start < bodyBytes {
		switch g.r.IntN(6) {
		case 0:
			fmt.Fprintf(&b, "## %s\n\n", g.words(2, 4))
		case 1:
			for range 2 + g.r.IntN(3) {
				fmt.Fprintf(&b, "- %s\n", g.words(4, 5))
			}
			b.WriteString("\n")
		default:
			for range 1 + g.r.IntN(3) {
				b.WriteString(g.sentence() + " ")
			}
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// query is a search of one to three words of one topic, none of them among the commonWords
// most frequent.
func (g *Generator) query() string {
	common := make(map[string]bool, commonWords)
	for _, w := range g.v.words[:min(commonWords, len(g.v.words))] {
		common[w] = true
	}
	t := g.v.topics[g.r.IntN(len(g.v.topics))]
	ws := make([]string, 1+g.r.IntN(3))
	for i := range ws {
		for {
			if ws[i] = t[g.r.IntN(len(t))]; !common[ws[i]] {
				break
			}
		}
	}
	return strings.Join(ws, " ")
}

// WriteCorpus writes n articles in category folders under dir.
func (g *Generator) WriteCorpus(dir string, n int) error {
	g.topic = nil
	for c := range categories {
		cat := filepath.Join(dir, fmt.Sprintf("cat-%02d", c))
		if err := os.MkdirAll(cat, 0o755); err != nil {
			return fmt.Errorf("synth: corpus: %w", err)
		}
		index := fmt.Sprintf("---\ntitle: %s\ndescription: %s.\norder: %d\n---\n", g.plainWords(2, 2), g.plainWords(6, 4), c+1)
		if err := os.WriteFile(filepath.Join(cat, "_index.md"), []byte(index), 0o644); err != nil {
			return fmt.Errorf("synth: corpus: %w", err)
		}
	}
	for i := range n {
		t := g.r.IntN(len(g.v.topics)) // the topic decides the category, as in a real help center
		g.topic = g.v.topics[t]
		path := filepath.Join(dir, fmt.Sprintf("cat-%02d", t%categories), fmt.Sprintf("art-%06d.md", i))
		if err := os.WriteFile(path, []byte(g.article(i)), 0o644); err != nil {
			return fmt.Errorf("synth: corpus: %w", err)
		}
	}
	return nil
}

// Queries mixes the support queries with n queries of corpus words, shuffled.
func (g *Generator) Queries(n int) []string {
	qs := append([]string(nil), g.v.queries...)
	for range n {
		qs = append(qs, g.query())
	}
	g.r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	return qs
}
