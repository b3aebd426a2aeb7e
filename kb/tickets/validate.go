package tickets

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Validate checks the submitted form and returns the cleaned ticket, or a Persian message for
// each invalid field. categories are the slugs of the help center's categories; when there are
// none, the category must be empty. Text is trimmed, never rewritten otherwise: Arabic yeh and
// kaf, ZWNJ and the customer's spelling stay as typed. The returned Ticket is only meaningful
// when the errors are nil.
func Validate(in Input, categories []string) (Ticket, FieldErrors) {
	errs := FieldErrors{}
	t := Ticket{Meta: in.Meta}
	t.Name = checkLine(errs, FieldName, in.Name, 0, MaxNameRunes, msgRequiredName, nil, msgLongName)
	t.Email = checkEmail(errs, in.Email)
	t.Mobile = checkMobile(errs, in.Mobile)
	t.Category = checkCategory(errs, in.Category, categories)
	t.Subject = checkLine(errs, FieldSubject, in.Subject, MinSubjectRunes, MaxSubjectRunes,
		msgRequiredSubject, msgShortSubject, msgLongSubject)
	t.Description = checkDescription(errs, in.Description)
	t.Attachments = checkFiles(errs, in.Files)
	if len(errs) == 0 {
		return t, nil
	}
	return t, errs
}

// checkLine validates a one-line field: runs of white space (newlines included) become one
// space, bidi embedding controls are dropped, other control characters are refused.
func checkLine(errs FieldErrors, field, s string, minRunes, maxRunes int, required, short, long func() string) string {
	s, ok := cleanText(s, true)
	n := utf8.RuneCountInString(s)
	switch {
	case !ok:
		errs[field] = msgBadText()
	case n == 0:
		errs[field] = required()
	case n < minRunes:
		errs[field] = short()
	case n > maxRunes:
		errs[field] = long()
	}
	return s
}

func checkDescription(errs FieldErrors, s string) string {
	s, ok := cleanText(s, false)
	n := utf8.RuneCountInString(s)
	switch {
	case !ok:
		errs[FieldDescription] = msgBadText()
	case n == 0:
		errs[FieldDescription] = msgRequiredDescription()
	case n < MinDescriptionRunes:
		errs[FieldDescription] = msgShortDescription()
	case n > MaxDescriptionRunes:
		errs[FieldDescription] = msgLongDescription()
	}
	return s
}

func checkCategory(errs FieldErrors, s string, categories []string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "" && len(categories) > 0:
		errs[FieldCategory] = msgRequiredCategory()
	case s != "" && !slices.Contains(categories, s):
		errs[FieldCategory] = msgBadCategory()
	}
	return s
}

// cleanText trims s, turns CRLF and CR into LF, drops the byte order mark and, for one-line
// fields, bidi embedding/override/isolate controls (they can make an agent's screen show text
// reversed) and collapses white space. It reports false for invalid UTF-8 or other control
// characters (NUL, ESC, ...).
func cleanText(s string, oneLine bool) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	ok := true
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\uFEFF', oneLine && isBidiControl(r):
			continue
		case r == '\n' || r == '\t':
			if oneLine {
				r = ' '
			}
		case unicode.IsControl(r):
			ok = false
			continue
		}
		b.WriteRune(r)
	}
	s = strings.TrimSpace(b.String())
	if oneLine {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s, ok
}

// isBidiControl reports the explicit directional embeddings, overrides and isolates (LRE, RLE,
// PDF, LRO, RLO, LRI, RLI, FSI, PDI). The marks LRM and RLM are kept: Persian text mixed with
// Latin words uses them legitimately.
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}
