package persian

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// StopName is the registered name of the Persian stop-word token filter.
const StopName = "persian_stop"

// stopWords are removed at index and query time: conjunctions, prepositions,
// pronouns and the copula, which say nothing about what an article is about.
// پس is one only where it means "then" or "after" (پس از): before a verb of giving
// or taking (پس دادن, پس می‌گیرم) it means "back" and is kept (see keepBefore).
// Question words that only mark a question (چه, کدام, چطور) are here; negation
// (نه, نیست, نمی, هیچ, بدون), چرا and numbers are not: "چرا پرداخت انجام
// نمی‌شود" needs them, and short queries have nothing to spare. Stock Bleve fa
// also drops content words (خدمات, استفاده, نام, جدید); this list does not.
const stopWords = `
و در به از که این آن را با برای است تا بر یا هم نیز اما ولی اگر چون زیرا پس سپس
بلکه یعنی همچنین البته بنابراین لذا چنانچه درحالیکه
هر همه چنین چنان همین همان اینها آنها اینکه آنکه آنچه
من تو او ما شما ایشان آنان وی خود خویش خودم خودت خودش خودمان خودتان خودشان
درباره توسط طی بین میان روی نزد سوی مانند مثل همچون جز طبق براساس
آیا ای بود بوده باشد باشند بودند می
چه چی چیست چیه کدام کدوم چگونه چطور چطوری کجا کجاست کسی چیزی
`

// weakWords are kept in the index but carry little weight in a query: the
// question words that can carry intent (چرا, چند), courtesy, fillers, and
// (through weakLemmas) light verbs and modals. IsStopWord reports them so that
// the query side can drop them when the query has enough other terms
// ("لطفا بگویید چرا رمز عوض نمی‌شود" → رمز، عوض، and نمی‌شود only if needed).
const weakWords = `
چرا چند چقدر کی کو
لطفا سلام ممنون مرسی متشکرم تشکر خواهش باتشکر
خیلی واقعا حتما دقیقا الان اکنون دیگر باید شاید میشه نمیشه برخی بعضی
`

// weakLemmas are stems whose every form is weak: light verbs and modals.
var weakLemmas = map[string]bool{
	"کرد": true, "شد": true, "خواست": true, "توانست": true, "داشت": true,
	"بود": true, "هست": true, "نمود": true,
}

// Stop-word sets, built once at package initialization and read-only afterwards.
var (
	stopSet = buildSet(stopWords)
	weakSet = buildSet(weakWords)
)

// IsStopWord reports whether word (in any spelling) is a stop word or a weak
// query word (question word, courtesy, light verb). The query side may drop
// such words when enough other terms remain; the index keeps the weak ones.
func IsStopWord(word string) bool {
	w := appendNormalized(nil, word, false)
	if stopSet[string(w)] || weakSet[string(w)] {
		return true
	}
	return weakLemmas[string(stem(w))]
}

// keepBefore lists the stop words that are content words before certain verbs, with the
// lemmas (past stems) of those verbs: پس before giving and taking is "back" (پس دادن
// return, پس گرفتن take back, پس فرستادن send back, پس آوردن bring back, پس زدن
// reject), the whole topic of a refund or return article.
var keepBefore = map[string]map[string]bool{
	"پس": {"داد": true, "گرفت": true, "فرستاد": true, "آورد": true, "زد": true},
}

// StopFilter removes stop words. It runs before stemming, on joined terms.
type StopFilter struct{}

// Filter implements analysis.TokenFilter.
func (StopFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for i, tok := range input {
		if !stopSet[string(tok.Term)] || keptBeforeNext(input, i) {
			out = append(out, tok)
		}
	}
	return out
}

// keptBeforeNext reports whether the stop word input[i] is kept for the word after it (see
// keepBefore): the next word, or the next part of a word joined with ZWNJ (پس‌دادن). Tokens
// are still unstemmed here, so the verb is looked up in the stemmer's table of verb forms.
func keptBeforeNext(input analysis.TokenStream, i int) bool {
	verbs, ok := keepBefore[string(input[i].Term)]
	if !ok {
		return false
	}
	tok := input[i]
	for _, next := range input[i+1:] {
		if next.Start < tok.End {
			continue // the compound that tok is a part of, or another reading of tok
		}
		if next.Position != tok.Position && next.Position != tok.Position+1 {
			return false
		}
		lemma, ok := irregular[string(next.Term)]
		return ok && verbs[string(lemma)]
	}
	return false
}

func stopFilterConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return StopFilter{}, nil
}
