package persian

import (
	"strings"
	"unicode"
)

// Thresholds of the wrong-layout hint. A Persian word typed on a US layout is
// mostly consonants (ا→h, ی→d, ن→k, م→l, ر→v) and rarely forms English letter
// pairs; an English word has vowels and common pairs.
const (
	minHintLetters   = 3    // shorter words (ok, no, تو) say nothing either way
	maxVowelRatio    = 0.25 // below this share of aeiouy a word is not English…
	minBigramRatio   = 0.5  // …unless at least this share of its letter pairs is common English
	rareBigramsRatio = 0.2  // a word with fewer common pairs than this is never English
)

// commonBigrams are frequent English letter pairs (the top of published
// frequency tables), enough to tell "strength" from "sghl".
var commonBigrams = buildBigrams(`th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng
se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe
ec pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo
ow pa im mi ai sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ex ke fr
oo av ag if ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa ef cu rn sc gi da yo cr cl du ga qu ue ff
ba ey ls va um pp ua up lu go ht ru ug ds lt pi rc rr eg au ck ew mu br bi pt ak pu ui rg ib tl ny ki rk
ys ob mm fu ph og ms ye ud mb ip ub oi rl gu dr hr cc tw ft wn nu af hu nn eo vo rv nf xp gn sm fl iz ok
nl my gl aw ju oa eq sy sl ps jo lf nv je nk kn gs dy hy ze ks xt bj ym lv ix ft cy ww ml db hs tp`)

// knownAcronyms are Latin words without vowels that are not mistyped Persian.
var knownAcronyms = buildBigrams(`ssl pdf sms http https www html css vpn dns tls ftp smtp php sql crm cms gps
usb hdmi mp3 mp4 jpg png svg gif xml kyc otp cvv pwd vps ssd hdd nfc qr`)

func buildBigrams(list string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}

// LooksLikeWrongLayout is a cheap hint that text was typed with the wrong
// keyboard layout: Latin text that does not look like English (sghl), or
// Persian text that reads as a Latin word on the other layout (ثئشهم → email).
// It is only a hint; the caller should compare hit counts before switching.
func LooksLikeWrongLayout(text string) bool {
	latin, persian := 0, 0
	for _, r := range text {
		switch {
		case isASCIILetter(r):
			latin++
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			persian++
		}
	}
	if latin >= persian && latin > 0 {
		return latinLooksPersian(text)
	}
	if persian > 0 {
		converted, _ := ToLatinLayout(text)
		return wordsLookEnglish(converted)
	}
	return false
}

// latinLooksPersian reports whether most Latin words of text look like
// Persian typed on a US layout. A letter key of the Persian layout that is
// punctuation in English, leading or inside a word (v,nd for ورود, ;jhf for
// کتاب), is strong evidence on its own.
func latinLooksPersian(text string) bool {
	wrong, judged := 0, 0
	for _, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.TrimRight(strings.Trim(w, ".!?\"()"), ",;")
		if hasLayoutPunct(w) {
			judged++
			wrong++
			continue
		}
		if len(w) < minHintLetters || knownAcronyms[w] || !isLatinWord(w) {
			continue
		}
		judged++
		if !looksEnglish(w) {
			wrong++
		}
	}
	return judged > 0 && wrong*2 > judged
}

// hasLayoutPunct reports whether w has one of , ; ' [ ] \ before a letter,
// other than an English contraction (don't, it's, we'll).
func hasLayoutPunct(w string) bool {
	for i := 0; i+1 < len(w); i++ {
		if !strings.ContainsRune(",;'[]\\", rune(w[i])) || !isASCIILetter(rune(w[i+1])) {
			continue
		}
		if w[i] == '\'' && i > 0 && isContraction(w[i+1:]) {
			continue
		}
		return true
	}
	return false
}

func isContraction(tail string) bool {
	switch tail {
	case "t", "s", "m", "d", "re", "ll", "ve":
		return true
	}
	return false
}

// wordsLookEnglish reports whether most words of text (converted from the
// Persian layout) look like English words or known acronyms.
func wordsLookEnglish(text string) bool {
	english, judged := 0, 0
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if len(w) < minHintLetters || !isLatinWord(w) {
			continue
		}
		judged++
		if knownAcronyms[w] || looksEnglish(w) {
			english++
		}
	}
	return judged > 0 && english*2 > judged
}

func isLatinWord(w string) bool {
	for _, r := range w {
		if !('a' <= r && r <= 'z') {
			return false
		}
	}
	return true
}

// looksEnglish scores one lower-case ASCII word by vowels and common pairs.
func looksEnglish(w string) bool {
	vowels := strings.Count(w, "a") + strings.Count(w, "e") + strings.Count(w, "i") +
		strings.Count(w, "o") + strings.Count(w, "u") + strings.Count(w, "y")
	pairs, common := len(w)-1, 0
	for i := 0; i < pairs; i++ {
		if commonBigrams[w[i:i+2]] {
			common++
		}
	}
	ratio := float64(common) / float64(pairs)
	if ratio < rareBigramsRatio {
		return false
	}
	return float64(vowels)/float64(len(w)) >= maxVowelRatio || ratio >= minBigramRatio
}
