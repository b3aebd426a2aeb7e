package persian

import (
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// stemCase is one word of the stemmer table. keep marks a word that must come
// out unchanged (a lexicalized word, not an inflected form): those measure
// over-stemming, the others under-stemming.
type stemCase struct {
	word, want string
	keep       bool
}

// inflected words and their expected stems. Conventions: the common verbs of
// the verb table map to their past stem (کنید → کرد); other verbs lose می and
// the person ending (می‌پرسم → پرس, and می‌خرید, "you buy", → خر); a relational
// ی is a suffix (ایرانی → ایران).
var inflected = []stemCase{
	// plural ها and its combinations
	{word: "کتابها", want: "کتاب"}, {word: "کتاب‌ها", want: "کتاب"}, {word: "گلها", want: "گل"},
	{word: "شب‌ها", want: "شب"}, {word: "خانه‌ها", want: "خانه"}, {word: "برنامه‌ها", want: "برنامه"},
	{word: "فایلها", want: "فایل"}, {word: "پیام‌ها", want: "پیام"}, {word: "سفارش‌ها", want: "سفارش"},
	{word: "تراکنش‌ها", want: "تراکنش"}, {word: "کارت‌ها", want: "کارت"}, {word: "رمزها", want: "رمز"},
	{word: "دستگاه‌ها", want: "دستگاه"}, {word: "صفحه‌ها", want: "صفحه"}, {word: "سال‌ها", want: "سال"},
	{word: "کتاب‌های", want: "کتاب"}, {word: "کتابهایی", want: "کتاب"}, {word: "کتابهایشان", want: "کتاب"},
	{word: "دوست‌هایم", want: "دوست"}, {word: "عکس‌هایتان", want: "عکس"}, {word: "فایل‌هایمان", want: "فایل"},
	{word: "برنامه‌هایی", want: "برنامه"}, {word: "سوال‌هایش", want: "سوال"},
	// plural ان, گان, ات and irregular plurals
	{word: "کاربران", want: "کاربر"}, {word: "مدیران", want: "مدیر"}, {word: "کارمندان", want: "کارمند"},
	{word: "همکاران", want: "همکار"}, {word: "درختان", want: "درخت"}, {word: "مردان", want: "مرد"},
	{word: "کودکان", want: "کودک"}, {word: "دانشجویان", want: "دانشجو"}, {word: "مشتریان", want: "مشتری"},
	{word: "زنان", want: "زن"}, {word: "دوستان", want: "دوست"},
	{word: "فروشندگان", want: "فروشنده"}, {word: "نمایندگان", want: "نماینده"}, {word: "ستارگان", want: "ستاره"},
	{word: "بازدیدکنندگان", want: "بازدیدکننده"},
	{word: "اطلاعات", want: "اطلاع"}, {word: "تنظیمات", want: "تنظیم"}, {word: "امکانات", want: "امکان"},
	{word: "مشکلات", want: "مشکل"}, {word: "سوالات", want: "سوال"}, {word: "تغییرات", want: "تغییر"},
	{word: "محصولات", want: "محصول"}, {word: "خدمات", want: "خدمت"}, {word: "کلمات", want: "کلمه"},
	{word: "صفحات", want: "صفحه"}, {word: "مقالات", want: "مقاله"}, {word: "تبلیغات", want: "تبلیغ"},
	{word: "مسائل", want: "مسئله"}, {word: "موارد", want: "مورد"}, {word: "قوانین", want: "قانون"},
	{word: "مراحل", want: "مرحله"}, {word: "نتایج", want: "نتیجه"},
	// comparative and superlative
	{word: "بزرگتر", want: "بزرگ"}, {word: "بزرگ‌ترین", want: "بزرگ"}, {word: "بیشتر", want: "بیش"},
	{word: "کمتر", want: "کم"}, {word: "سریع‌تر", want: "سریع"}, {word: "راحت‌ترین", want: "راحت"},
	{word: "ساده‌تر", want: "ساده"}, {word: "مهم‌ترین", want: "مهم"}, {word: "بهترین", want: "بهتر"},
	{word: "ارزان‌تر", want: "ارزان"}, {word: "آسان‌تر", want: "اسان"}, {word: "جدیدترین", want: "جدید"},
	{word: "امن‌تر", want: "امن"}, {word: "بیشتری", want: "بیش"}, {word: "بزرگ‌ترها", want: "بزرگ"},
	// pronouns, copula, indefinite
	{word: "خانه‌ام", want: "خانه"}, {word: "خانه‌اش", want: "خانه"}, {word: "خانه‌ات", want: "خانه"},
	{word: "نامه‌ای", want: "نامه"}, {word: "برنامه‌ای", want: "برنامه"}, {word: "نامهای", want: "نامه"},
	{word: "دوستمان", want: "دوست"}, {word: "کتابتان", want: "کتاب"}, {word: "حسابشان", want: "حساب"},
	{word: "رمزتان", want: "رمز"}, {word: "سفارشتان", want: "سفارش"}, {word: "خسته‌ایم", want: "خسته"},
	{word: "کتابی", want: "کتاب"}, {word: "خانه‌ی", want: "خانه"},
	// relational and abstract ی
	{word: "کاربری", want: "کاربر"}, {word: "ایرانی", want: "ایران"}, {word: "ایرانیان", want: "ایران"},
	{word: "امنیتی", want: "امنیت"}, {word: "ورودی", want: "ورود"}, {word: "پشتیبانی", want: "پشتیبان"},
	{word: "دسترسی", want: "دسترس"}, {word: "آشنایی", want: "اشنا"}, {word: "روستایی", want: "روستا"},
	{word: "راهنمایی", want: "راهنما"}, {word: "زیبایی", want: "زیبا"}, {word: "تلفنی", want: "تلفن"},
	{word: "اینترنتی", want: "اینترنت"}, {word: "خرابی", want: "خراب"}, {word: "فیلتری", want: "فیلتر"},
	// verbs
	{word: "می‌شود", want: "شد"}, {word: "میشود", want: "شد"}, {word: "نمی‌شود", want: "شد"},
	{word: "می‌کنم", want: "کرد"}, {word: "کنید", want: "کرد"}, {word: "کردن", want: "کرد"},
	{word: "کرده", want: "کرد"}, {word: "نکنید", want: "کرد"}, {word: "می‌توانید", want: "توانست"},
	{word: "نمی‌توانم", want: "توانست"}, {word: "می‌خواهم", want: "خواست"}, {word: "بفرستید", want: "فرستاد"},
	{word: "می‌فرستید", want: "فرستاد"}, {word: "دارد", want: "داشت"}, {word: "ندارد", want: "داشت"},
	{word: "می‌روید", want: "رفت"}, {word: "بروید", want: "رفت"}, {word: "رفتن", want: "رفت"},
	{word: "می‌آید", want: "امد"}, {word: "بیایید", want: "امد"}, {word: "آمده", want: "امد"},
	{word: "ببینید", want: "دید"}, {word: "می‌بینید", want: "دید"}, {word: "بزنید", want: "زد"},
	{word: "بگیرید", want: "گرفت"}, {word: "گرفته", want: "گرفت"}, {word: "بپردازید", want: "پرداخت"},
	{word: "می‌پردازید", want: "پرداخت"}, {word: "باشید", want: "بود"}, {word: "هستند", want: "هست"},
	{word: "نیستند", want: "نیست"}, {word: "می‌رفت", want: "رفت"}, {word: "می‌نوشت", want: "نوشت"},
	{word: "می‌فروشد", want: "فروش"}, {word: "می‌پرسم", want: "پرس"}, {word: "می‌دانم", want: "دانست"},
	{word: "می‌خرید", want: "خر"}, {word: "رفته‌اند", want: "رفت"}, {word: "شده‌است", want: "شد"},
}

// lexicalized words that end like an inflection and must be left alone.
var lexicalized = []stemCase{
	{word: "پشتیبان"}, {word: "زبان"}, {word: "جان"}, {word: "نان"}, {word: "ایران"}, {word: "تهران"},
	{word: "مهمان"}, {word: "آسمان", want: "اسمان"}, {word: "میز"}, {word: "میدان"}, {word: "میزان"},
	{word: "خیابان"}, {word: "دامنه"}, {word: "زمان"}, {word: "سازمان"}, {word: "ساختمان"}, {word: "امکان"},
	{word: "انسان"}, {word: "جهان"}, {word: "نشان"}, {word: "پایان"}, {word: "جریان"}, {word: "عنوان"},
	{word: "استان"}, {word: "داستان"}, {word: "بیمارستان"}, {word: "رایگان"}, {word: "ارزان"},
	{word: "آسان", want: "اسان"}, {word: "درمان"}, {word: "فرمان"}, {word: "پیمان"}, {word: "بیان"},
	{word: "میان"}, {word: "جوان"}, {word: "توان"}, {word: "اطمینان"}, {word: "طوفان"}, {word: "کاروان"},
	{word: "دختر"}, {word: "دفتر"}, {word: "دکتر"}, {word: "فیلتر"}, {word: "کامپیوتر"}, {word: "روتر"},
	{word: "پرینتر"}, {word: "کاراکتر"}, {word: "کیلومتر"}, {word: "سارتر"},
	{word: "تنها"}, {word: "بازی"}, {word: "ماهی"}, {word: "کشتی"}, {word: "گوشی"}, {word: "مشتری"},
	{word: "باتری"}, {word: "زندگی"}, {word: "حیات"}, {word: "مالیات"}, {word: "میلیون"}, {word: "میلیارد"},
	{word: "میوه"}, {word: "میانگین"}, {word: "میلاد"}, {word: "میزبانی", want: "میزبان"}, {word: "میدانی", want: "میدان"},
	{word: "پیام"}, {word: "نام"}, {word: "انجام"}, {word: "سلام"}, {word: "تمام"}, {word: "اسلام"},
	{word: "کدام"}, {word: "نظام"}, {word: "الهام"}, {word: "برنامه"}, {word: "خانه"}, {word: "فروشگاه"},
	{word: "رمز"}, {word: "حساب"}, {word: "کاربر"}, {word: "سفارش"}, {word: "پرداخت"}, {word: "تراکنش"},
	{word: "ایمیل"}, {word: "رسید"}, {word: "داده"}, {word: "روند"}, {word: "بینی"}, {word: "اینترنت"},
	{word: "شبکه"}, {word: "کلید"}, {word: "ورود"}, {word: "گزارش"}, {word: "قیمت"}, {word: "ساعت"},
	{word: "دولت"}, {word: "شرکت"}, {word: "سیاست"}, {word: "فهرست"}, {word: "دوست"}, {word: "درست"},
	{word: "خدا"}, {word: "صدا"}, {word: "هوا"}, {word: "تنظیم"}, {word: "آماده", want: "اماده"},
	{word: "آینده", want: "اینده"}, {word: "گذشته"}, {word: "کننده"}, {word: "زنده"}, {word: "ساده"},
	{word: "بسته"}, {word: "نوشتار"}, {word: "کتابخانه"}, {word: "دانشگاه"}, {word: "رئیس"}, {word: "مسئول"},
	{word: "زند"}, {word: "شوهر"}, {word: "بهار"}, {word: "تابستان"}, {word: "آبان", want: "ابان"},
}

// minStemAccuracy is the share of the table the stemmer must get exactly right.
// The misses it allows are documented ambiguities (زنان: too short to strip
// safely; سارتر: a name ending in تر; زندگی: an ی that is part of the word).
const minStemAccuracy = 0.95

func TestStemTable(t *testing.T) {
	measure := func(name string, cases []stemCase) float64 {
		right := 0
		for _, c := range cases {
			want := c.want
			if want == "" {
				want = Normalize(c.word)
			}
			if got := Stem(c.word); got == want {
				right++
			} else {
				t.Logf("%s: Stem(%q) = %q, want %q", name, c.word, got, want)
			}
		}
		acc := float64(right) / float64(len(cases))
		t.Logf("%s: %d/%d right (%.1f%%)", name, right, len(cases), 100*acc)
		return acc
	}
	recall := measure("inflected", inflected)
	precision := measure("lexicalized", lexicalized)
	if n := len(inflected) + len(lexicalized); n < 150 {
		t.Errorf("stem table has %d words, want at least 150", n)
	}
	if recall < minStemAccuracy || precision < minStemAccuracy {
		t.Errorf("stem accuracy: inflected %.3f, lexicalized %.3f; want both ≥ %.2f", recall, precision, minStemAccuracy)
	}
}

func TestStemIsIdempotentOnTable(t *testing.T) {
	// A stem must not stem further: the query side re-stems indexed terms
	// when it builds prefix and fuzzy queries from them.
	for _, c := range append(append([]stemCase(nil), inflected...), lexicalized...) {
		s := Stem(c.word)
		if again := Stem(s); again != s && !isKnownRestem(s) {
			t.Errorf("Stem(%q) = %q, but Stem(%q) = %q", c.word, s, s, again)
		}
	}
}

// isKnownRestem lists stems that are themselves inflected-looking words.
func isKnownRestem(s string) bool {
	switch s {
	case "کرد", "شد", "داد", "رفت", "گفت": // past stems double as 3rd-person past forms
		return true
	}
	return false
}

func TestStemLeavesNonPersianAlone(t *testing.T) {
	for _, w := range []string{"android", "iphone13", "1402", "wifi‌ها", "x"} {
		if got, want := Stem(w), Normalize(w); got != want && w != "wifi‌ها" {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestStemFilterKeepOriginal(t *testing.T) {
	in := analysis.TokenStream{
		{Term: []byte("کتابها"), Position: 1},
		{Term: []byte("رمز"), Position: 2},
		{Term: []byte("کنید"), Position: 3, KeyWord: true},
	}
	out := StemFilter{KeepOriginal: true}.Filter(in)
	var got []string
	for _, tok := range out {
		got = append(got, string(tok.Term))
	}
	want := []string{"کتابها", "کتاب", "رمز", "کنید"}
	if len(got) != len(want) {
		t.Fatalf("terms = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("terms = %q, want %q", got, want)
			break
		}
	}
	if out[1].Position != 1 {
		t.Errorf("stem at position %d, want 1 (same as the original)", out[1].Position)
	}
}
