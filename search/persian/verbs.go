package persian

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// verb is one common verb: its past stem (the lemma every form maps to) and its
// present stem as written before a person ending (گوی for گفتن: گوید, گویید).
type verb struct {
	past, present string
	// noBarePresent marks present stems whose unprefixed forms are other words
	// or suffixes (آ: آید, آیم); only forms with می/نمی/ب/ن are generated.
	noBarePresent bool
}

// commonVerbs are the light and frequent verbs of help-center Persian. Present
// and past forms map to the past stem, so عوض کنم meets عوض کردن.
var commonVerbs = []verb{
	{past: "کرد", present: "کن"}, {past: "شد", present: "شو"}, {past: "داد", present: "ده"},
	{past: "داشت", present: "دار"}, {past: "خواست", present: "خواه"}, {past: "توانست", present: "توان"},
	{past: "گرفت", present: "گیر"}, {past: "زد", present: "زن"}, {past: "رفت", present: "رو"},
	{past: "دید", present: "بین"}, {past: "گفت", present: "گوی"}, {past: "دانست", present: "دان"},
	{past: "نمود", present: "نمای"}, {past: "یافت", present: "یاب"}, {past: "ساخت", present: "ساز"},
	{past: "فرستاد", present: "فرست"}, {past: "نوشت", present: "نویس"}, {past: "پرداخت", present: "پرداز"},
	{past: "رسید", present: "رس"}, {past: "کشید", present: "کش"}, {past: "بود", present: "باش"},
	{past: "آورد", present: "آور"}, {past: "گذاشت", present: "گذار"}, {past: "شناخت", present: "شناس"},
	{past: "خواند", present: "خوان"}, {past: "برد", present: "بر"}, {past: "ماند", present: "مان"},
	{past: "آمد", present: "آی", noBarePresent: true},
}

// Person endings: present (کنم … کنند) and past (کردم … کردند, کرد).
var (
	presentEndings = []string{"م", "ی", "د", "یم", "ید", "ند"}
	pastEndings    = []string{"", "م", "ی", "یم", "ید", "ند"}
)

// verbFormExclusions are generated forms that are, far more often, other words:
// داده (data), دهم (tenth), بینی (nose), روی (on), روند (trend), سازی and
// گیری (noun endings: بهینه‌سازی, پیگیری), نزد (near), بدهی (debt), زند (Zand),
// برند (brand), نبرد (battle), مانند (like)…
const verbFormExclusions = `
کردی داده دهم دهی بدهی داری نداری گیری زنم زنی روم روی رود روند بینی گویی دانی
نمایی یابی سازی نویسی پردازی رسم رسی کشی آوری گذاری شناسی خوانی بدان برس نزد
هستی زند بری برند ببر نبرد مانی مانند
`

// verbForms generates every form of commonVerbs with the prefixes می, نمی,
// ب (subjunctive, imperative) and ن (negation), plus هستن/نیستن forms. Keys and
// values are normalized.
func verbForms() map[string]string {
	norm := func(s string) string { return string(appendNormalized(nil, s, false)) }
	skip := buildSet(verbFormExclusions)
	out := make(map[string]string, 4096)
	add := func(form, lemma string) {
		if f := norm(form); !skip[f] {
			out[f] = norm(lemma)
		}
	}
	for _, v := range commonVerbs {
		addPresentForms(v, add)
		addPastForms(v, add)
	}
	for _, e := range pastEndings {
		add("هست"+e, "هست")
		add("نیست"+e, "نیست")
	}
	return out
}

// joinPrefix attaches a verb prefix; ب and ن take a glide ی before آ/ا
// (بیاورید, نیامد).
func joinPrefix(prefix, stem string) string {
	if (prefix == "ب" || prefix == "ن") && (strings.HasPrefix(stem, "آ") || strings.HasPrefix(stem, "ا")) {
		return prefix + "ی" + stem
	}
	return prefix + stem
}

func addPresentForms(v verb, add func(form, lemma string)) {
	prefixes := []string{"", "می", "نمی", "ب", "ن"}
	if v.noBarePresent {
		prefixes = prefixes[1:]
	}
	for _, p := range prefixes {
		for _, e := range presentEndings {
			add(joinPrefix(p, v.present)+e, v.past)
		}
	}
	// imperative: بکن, نکن, بگو (the glide ی of گوی is dropped when nothing follows)
	bare := strings.TrimSuffix(v.present, "ی")
	if v.noBarePresent {
		bare = "آ"
	}
	add(joinPrefix("ب", bare), v.past)
	add(joinPrefix("ن", bare), v.past)
}

func addPastForms(v verb, add func(form, lemma string)) {
	for _, p := range []string{"", "می", "نمی", "ن"} {
		for _, e := range pastEndings {
			add(joinPrefix(p, v.past)+e, v.past)
		}
	}
	for _, p := range []string{"", "ن"} {
		add(joinPrefix(p, v.past)+"ه", v.past) // participle: کرده, نکرده
		add(joinPrefix(p, v.past)+"ن", v.past) // infinitive: کردن, نکردن
	}
}

// stemVerbPrefix strips می/نمی from a word that then looks like a verb:
// می‌شود → شد (through the verb table), می‌فرستید → فرست.
func stemVerbPrefix(b []byte) ([]byte, bool) {
	var rest []byte
	switch {
	case bytes.HasPrefix(b, prefixNami):
		rest = b[len(prefixNami):]
	case bytes.HasPrefix(b, prefixMi):
		rest = b[len(prefixMi):]
	default:
		return nil, false
	}
	if v, ok := irregular[string(rest)]; ok {
		return v, true
	}
	if utf8.RuneCount(rest) < 2 || protected[string(rest)] {
		return nil, false
	}
	if v, ok := stripPerfect(rest); ok {
		return v, true
	}
	return stripPersonEnding(rest, utf8.RuneCount(b))
}

// stripPerfect reduces a participle with a clitic (دانسته‌اند) to the past stem.
func stripPerfect(rest []byte) ([]byte, bool) {
	for _, c := range perfectClitics {
		p := bytes.TrimSuffix(rest, c)
		if len(p) == len(rest) || !bytes.HasSuffix(p, endingHe) || utf8.RuneCount(p) < 3 {
			continue
		}
		if v, ok := irregular[string(p)]; ok {
			return v, true
		}
		return p[:len(p)-len(endingHe)], true
	}
	return nil, false
}

// stripPersonEnding removes the person ending of a verb that had می/نمی.
func stripPersonEnding(rest []byte, wordRunes int) ([]byte, bool) {
	n := utf8.RuneCount(rest)
	if bytes.HasSuffix(rest, endingAnd) {
		return rest[:len(rest)-len("د")], true // می‌رساند: رسان+د, not رسا+ند
	}
	for _, e := range personEndings2 {
		if bytes.HasSuffix(rest, e) && n-2 >= 2 {
			return rest[:len(rest)-len(e)], true
		}
	}
	last, _ := utf8.DecodeLastRune(rest)
	switch {
	case last == 'ت':
		return rest, true // past stem: می‌رفت
	case last == 'ی' && wordRunes > maxVerbPrefixYeh:
		return nil, false
	case (last == 'م' || last == 'د' || last == 'ی') && n-1 >= 2:
		return rest[:len(rest)-len("م")], true // all three are 2-byte letters
	}
	return nil, false
}
