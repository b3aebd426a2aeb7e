package persian

import (
	"bytes"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// StemName is the registered name of the light Persian stemmer token filter.
const StemName = "persian_stem"

// Stemming limits. A suffix is only removed when the stem left is at least this
// long, because short Persian words (زبان, نشان, دختر) end in suffix-like letters.
const (
	minStem      = 2 // after ها, تر, ترین: گل‌ها → گل, کم‌تر → کم
	minStemWeak  = 3 // after the ambiguous ی, ان, ات, مان, تان, شان
	maxStemSteps = 3 // suffixes stack at most three deep: کتاب+های+شان, بزرگ+تر+ی
	// maxVerbPrefixYeh is the longest word (in runes) whose ending ی after می is
	// read as a verb ending (می‌کنی); longer ones are nouns (میزبانی, میکروبی).
	maxVerbPrefixYeh = 6
)

// Suffix classes, from the outside of a word inwards: کتاب+ها+شان, بزرگ+تر+ها,
// ایران+ی+ان. Suffixes are removed outermost first, and a removal may only be
// followed by one of a later class, so مشتری (whose ی is not a suffix) does not
// go on to lose تر as well.
const (
	classClitic  = iota // pronouns and the copula: ـشان، ـام، ـاست
	classPlural         // ـها، ـان، ـات
	classCompare        // ـتر، ـترین
	classYeh            // ـی، ـیی (indefinite, ezafe, adjectival)
)

// suffixRule is one removable ending.
type suffixRule struct {
	suffix    []byte
	class     int
	min       int      // minimum stem length in runes
	afterHe   bool     // only after a word ending in ه (خانه‌ام, نامه‌ای)
	heRead    bool     // ه+suffix may also read ـه + ای (نامهای); heWords decide
	guard     bool     // not when the word ends with a protected word (بی‌پایان, همبازی)
	replace   []byte   // appended to the stem (فروشندگان → فروشنده)
	notAfter  [][]byte // not when the stem ends with one of these (زبان, استان)
	onlyAfter [][]byte // only when the stem ends with one of these (میوه‌جات)
}

// suffixRules are tried longest first; the first that applies is removed and the
// search restarts on the shorter word.
var suffixRules = []suffixRule{
	{suffix: []byte("هایشان"), class: classPlural, min: minStem},
	{suffix: []byte("هایتان"), class: classPlural, min: minStem},
	{suffix: []byte("هایمان"), class: classPlural, min: minStem},
	{suffix: []byte("هایی"), class: classPlural, min: minStem},
	{suffix: []byte("هایم"), class: classPlural, min: minStem, heRead: true},
	{suffix: []byte("هایت"), class: classPlural, min: minStem},
	{suffix: []byte("هایش"), class: classPlural, min: minStem},
	{suffix: []byte("ترین"), class: classCompare, min: minStem, guard: true},
	{suffix: []byte("های"), class: classPlural, min: minStem, heRead: true},
	{suffix: []byte("تری"), class: classCompare, min: minStem, guard: true},
	{suffix: []byte("گان"), class: classPlural, min: minStem, guard: true, replace: []byte("ه")},
	{suffix: []byte("جات"), class: classPlural, min: minStemWeak, onlyAfter: [][]byte{[]byte("ه"), []byte("ی")}},
	{suffix: []byte("شان"), class: classClitic, min: minStemWeak, guard: true},
	{suffix: []byte("تان"), class: classClitic, min: minStemWeak, guard: true, notAfter: [][]byte{[]byte("س")}},
	{suffix: []byte("مان"), class: classClitic, min: minStemWeak, guard: true},
	{suffix: []byte("است"), class: classClitic, min: minStemWeak, afterHe: true},
	{suffix: []byte("اند"), class: classClitic, min: minStemWeak, afterHe: true},
	{suffix: []byte("ایم"), class: classClitic, min: minStemWeak, afterHe: true},
	{suffix: []byte("اید"), class: classClitic, min: minStemWeak, afterHe: true},
	{suffix: []byte("ها"), class: classPlural, min: minStem},
	{suffix: []byte("تر"), class: classCompare, min: minStem, guard: true, notAfter: [][]byte{[]byte("س")}},
	{suffix: []byte("یی"), class: classYeh, min: minStem},
	{suffix: []byte("ای"), class: classClitic, min: minStemWeak, afterHe: true},
	{suffix: []byte("ام"), class: classClitic, min: minStemWeak, afterHe: true},
	{suffix: []byte("اش"), class: classClitic, min: minStemWeak, afterHe: true},
	{suffix: []byte("ات"), class: classPlural, min: minStemWeak, guard: true},
	{suffix: []byte("ان"), class: classPlural, min: minStemWeak, guard: true, notAfter: [][]byte{[]byte("ب"), []byte("ست"), []byte("خ")}},
	{suffix: []byte("ی"), class: classYeh, min: minStemWeak, guard: true},
}

var (
	prefixMi       = []byte("می")
	prefixNami     = []byte("نمی")
	endingHe       = []byte("ه")
	endingYeh      = []byte("ی")
	endingAnd      = []byte("اند")
	perfectClitics = [][]byte{[]byte("است"), []byte("اند"), []byte("ایم"), []byte("اید"), []byte("ام"), []byte("ای")}
	personEndings2 = [][]byte{[]byte("ند"), []byte("ید"), []byte("یم")}
	personEndings1 = [][]byte{[]byte("م"), []byte("د"), []byte("ی")}
)

// Stem returns the stem of one word. It normalizes the word first (Arabic
// letters, ZWNJ), so Stem("كتاب‌ها") == "کتاب". Words that are not Persian
// (Latin, digits) are returned normalized but otherwise unchanged.
func Stem(word string) string {
	joined := appendNormalized(nil, word, false)
	return string(stem(joined))
}

// stem stems a normalized, ZWNJ-free word. It returns a subslice of b, or a
// slice from the word tables; callers must not modify the result.
func stem(b []byte) []byte {
	if len(b) < 4 || !isPersianWord(b) { // 4 bytes: a Persian word of two letters
		return b
	}
	if v, ok := irregular[string(b)]; ok {
		return v
	}
	if protected[string(b)] {
		return b
	}
	if w := bytes.TrimSuffix(b, endingYeh); len(w) < len(b) && protected[string(w)] {
		return w // فیلتری → فیلتر (not فیل), میدانی → میدان (not دان)
	}
	if v, ok := stemVerbPrefix(b); ok {
		return v
	}
	return stemSuffixes(b)
}

// stemSuffixes removes noun and adjective suffixes, longest first, repeatedly.
func stemSuffixes(b []byte) []byte {
	last := -1
	for step := 0; step < maxStemSteps; step++ {
		next, class, ok := stripOne(b, last)
		if !ok {
			break
		}
		b, last = next, class
		if v, ok := irregular[string(b)]; ok {
			return v
		}
		if protected[string(b)] {
			break
		}
	}
	return b
}

// rulesByLast lists, for each final letter of the Arabic block, the indices of
// the suffix rules ending in it, in rule order; built once, read-only after.
var rulesByLast = buildRulesByLast()

func buildRulesByLast() [0x100][]int {
	var t [0x100][]int
	for i, r := range suffixRules {
		last, _ := utf8.DecodeLastRune(r.suffix)
		t[last-0x600] = append(t[last-0x600], i)
	}
	return t
}

// stripOne removes the first applicable suffix of a class after last.
func stripOne(b []byte, last int) ([]byte, int, bool) {
	end, _ := utf8.DecodeLastRune(b)
	if end < 0x600 || end > 0x6ff {
		return nil, 0, false
	}
	n := utf8.RuneCount(b)
	for _, i := range rulesByLast[end-0x600] {
		r := &suffixRules[i]
		if r.class <= last || !bytes.HasSuffix(b, r.suffix) {
			continue
		}
		s := b[:len(b)-len(r.suffix)]
		if n-utf8.RuneCount(r.suffix) < r.min || (r.afterHe && !bytes.HasSuffix(s, endingHe)) || endsWithAny(s, r.notAfter) ||
			(r.onlyAfter != nil && !endsWithAny(s, r.onlyAfter)) {
			continue
		}
		if r.guard && endsWithWord(protected, b) {
			return nil, 0, false
		}
		if r.heRead {
			// نامهای: نامه+ای rather than نام+های when نامه is a known word
			if withHe := b[:len(s)+len(endingHe)]; heEnding[string(withHe)] || endsWithWord(heEnding, withHe) {
				return withHe, classClitic, true
			}
		}
		if r.replace != nil {
			return append(s[:len(s):len(s)], r.replace...), r.class, true
		}
		return s, r.class, true
	}
	return nil, 0, false
}

// minTailRunes is the shortest word of a table that protects a longer word
// ending with it (ساختمان in نیمه‌ساختمان); shorter ones end too many plurals
// (زندان in فرزندان, دکان in کودکان).
const minTailRunes = 6

// endsWithWord reports whether a proper tail of b, at least minTailRunes long,
// is in set.
func endsWithWord(set map[string]bool, b []byte) bool {
	runes := 0
	for i := len(b); i > 0; {
		_, size := utf8.DecodeLastRune(b[:i])
		i -= size
		runes++
		if runes >= minTailRunes && i > 0 && set[string(b[i:])] {
			return true
		}
	}
	return false
}

func endsWithAny(b []byte, suffixes [][]byte) bool {
	for _, s := range suffixes {
		if bytes.HasSuffix(b, s) {
			return true
		}
	}
	return false
}

// isPersianWord reports whether every rune of b is an Arabic-script letter.
func isPersianWord(b []byte) bool {
	for _, r := range string(b) {
		if r < 0x0621 || r > 0x06d5 || r == 0x0640 || (r >= 0x064b && r <= 0x065f) || (r >= 0x0660 && r <= 0x0669) {
			return false
		}
	}
	return true
}

// StemFilter replaces each term by its stem. Keyword tokens are left alone.
// With KeepOriginal set, a token whose stem differs is kept and the stem is
// added at the same position, so that exact forms score above other forms of
// the same stem.
type StemFilter struct {
	KeepOriginal bool
}

// Filter implements analysis.TokenFilter.
func (f StemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	if !f.KeepOriginal {
		for _, tok := range input {
			if !tok.KeyWord {
				tok.Term = stem(tok.Term)
			}
		}
		return dedupePositions(input)
	}
	out := make(analysis.TokenStream, 0, len(input)*3/2)
	for _, tok := range input {
		out = append(out, tok)
		if tok.KeyWord {
			continue
		}
		if s := stem(tok.Term); !bytes.Equal(s, tok.Term) {
			st := *tok
			st.Term = s
			out = append(out, &st)
		}
	}
	return dedupePositions(out)
}

// dedupePositions drops a token whose term repeats an earlier token at the same
// position (a compound part that stems like the whole word).
func dedupePositions(ts analysis.TokenStream) analysis.TokenStream {
	out := ts[:0]
	groupStart := 0
	for _, tok := range ts {
		if len(out) > 0 && out[len(out)-1].Position != tok.Position {
			groupStart = len(out)
		}
		dup := false
		for _, prev := range out[groupStart:] {
			if bytes.Equal(prev.Term, tok.Term) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, tok)
		}
	}
	return out
}

func stemFilterConstructor(config map[string]interface{}, _ *registry.Cache) (analysis.TokenFilter, error) {
	keep, _ := config["keep_original"].(bool)
	return StemFilter{KeepOriginal: keep}, nil
}
