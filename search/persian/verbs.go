package persian

import "strings"

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
