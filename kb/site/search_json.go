package site

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// /api/search answers on every keystroke of search as you type; encoding/json's reflection
// took about 6% of its CPU. searchResponse writes itself instead, byte for byte as
// json.Encoder would (TestSearchResponseJSON and FuzzSearchResponseJSON hold it to that).

// jsonAppender is a response that appends its own JSON encoding, as json.Encoder writes it
// (HTML-safe escaping, a final newline).
type jsonAppender interface {
	appendJSON(b []byte) []byte
}

func (r searchResponse) appendJSON(b []byte) []byte {
	b = append(b, `{"query":`...)
	b = appendJSONString(b, r.Query)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(r.Total), 10)
	b = append(b, `,"took_ms":`...)
	b = appendJSONFloat(b, r.TookMS)
	b = append(b, `,"page":`...)
	b = strconv.AppendInt(b, int64(r.Page), 10)
	b = append(b, `,"pages":`...)
	b = strconv.AppendInt(b, int64(r.Pages), 10)
	b = append(b, `,"results":`...)
	if r.Results == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Results {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.Results[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"facets":{"category":`...)
	if r.Facets.Category == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, f := range r.Facets.Category {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"name":`...)
			b = appendJSONString(b, f.Name)
			b = append(b, `,"count":`...)
			b = strconv.AppendInt(b, int64(f.Count), 10)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	if r.DidYouMean != "" {
		b = append(b, `,"did_you_mean":`...)
		b = appendJSONString(b, r.DidYouMean)
	}
	if r.Corrected != "" {
		b = append(b, `,"corrected":`...)
		b = appendJSONString(b, r.Corrected)
	}
	return append(b, "}\n"...)
}

func (h *searchHit) appendJSON(b []byte) []byte {
	b = append(b, `{"slug":`...)
	b = appendJSONString(b, h.Slug)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, h.Title)
	b = append(b, `,"url":`...)
	b = appendJSONString(b, h.URL)
	b = append(b, `,"category":`...)
	b = appendJSONString(b, h.Category)
	b = append(b, `,"category_title":`...)
	b = appendJSONString(b, h.CategoryTitle)
	b = append(b, `,"snippet":`...)
	b = appendJSONString(b, h.Snippet)
	if s := h.Section; s != nil {
		b = append(b, `,"section":{"id":`...)
		b = appendJSONString(b, s.ID)
		b = append(b, `,"title":`...)
		b = appendJSONString(b, s.Title)
		b = append(b, `,"level":`...)
		b = strconv.AppendInt(b, int64(s.Level), 10)
		b = append(b, `,"url":`...)
		b = appendJSONString(b, s.URL)
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendJSONFloat appends f as encoding/json writes a float64 (f is finite).
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 → e-9, as encoding/json does
		b = b[:n-1]
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json does with HTML escaping: <, > and & as
// \u003c, \u003e and \u0026, control characters escaped, U+2028 and U+2029 escaped (JavaScript
// line terminators), and each byte of invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2 // a valid two-byte rune (Persian letters): written as it is
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
