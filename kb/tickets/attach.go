package tickets

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"image"
	_ "image/gif" // registers GIF for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fileType is an accepted attachment type.
type fileType struct {
	mime string
	ext  string   // canonical extension, used for stored names and to fix file names
	exts []string // extensions a file name of this type may already have
}

// acceptedTypes lists the only types accepted: screenshots and PDF documents. SVG (which can
// carry script), HTML and everything else are refused.
func acceptedTypes() []fileType {
	return []fileType{
		{"image/png", ".png", []string{".png"}},
		{"image/jpeg", ".jpg", []string{".jpg", ".jpeg", ".jpe", ".jfif"}},
		{"image/gif", ".gif", []string{".gif"}},
		{"image/webp", ".webp", []string{".webp"}},
		{"application/pdf", ".pdf", []string{".pdf"}},
	}
}

func typeByMIME(mime string) (fileType, bool) {
	for _, ft := range acceptedTypes() {
		if ft.mime == mime {
			return ft, true
		}
	}
	return fileType{}, false
}

// DetectType returns the content type of data if it is an accepted attachment type, looking
// only at the bytes: http.DetectContentType (the browsers' sniffing algorithm) must name an
// accepted type and the file must also pass that format's own check (a readable image header;
// a PDF header and end-of-file marker; a consistent WebP RIFF size), so that a file that a
// browser would sniff differently, or that only starts like an image, is refused.
func DetectType(data []byte) (string, bool) {
	mime := http.DetectContentType(data)
	switch mime {
	case "image/png", "image/jpeg", "image/gif":
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || "image/"+format != mime || cfg.Width <= 0 || cfg.Height <= 0 {
			return "", false
		}
	case "image/webp":
		if !isWebP(data) {
			return "", false
		}
	case "application/pdf":
		if !isPDF(data) {
			return "", false
		}
	default:
		return "", false
	}
	return mime, true
}

// isWebP: "RIFF", little-endian chunk size covering the rest of the file, "WEBP", and a VP8,
// VP8L or VP8X first chunk.
func isWebP(b []byte) bool {
	if len(b) < 16 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return false
	}
	size := int64(binary.LittleEndian.Uint32(b[4:8])) + 8
	if size != int64(len(b)) && size+1 != int64(len(b)) { // one padding byte is allowed
		return false
	}
	switch string(b[12:16]) {
	case "VP8 ", "VP8L", "VP8X":
		return true
	}
	return false
}

// isPDF: the "%PDF-1.x"/"%PDF-2.x" header and the "%%EOF" marker within the last kilobyte,
// as every complete PDF file has.
func isPDF(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 8 || (b[5] != '1' && b[5] != '2') || b[6] != '.' {
		return false
	}
	tail := b[max(0, len(b)-1024):]
	return bytes.Contains(tail, []byte("%%EOF"))
}

func checkFiles(errs FieldErrors, files []File) []Attachment {
	if len(files) > MaxAttachments {
		errs[FieldAttachments] = msgTooManyFiles()
		return nil
	}
	var atts []Attachment
	for _, f := range files {
		name := CleanFilename(f.Name)
		var mime string
		var ok bool
		switch {
		case len(f.Data) == 0:
			errs[FieldAttachments] = msgEmptyFile(name)
		case len(f.Data) > MaxAttachmentBytes:
			errs[FieldAttachments] = msgBigFile(name)
		default:
			if mime, ok = DetectType(f.Data); !ok {
				errs[FieldAttachments] = msgFileType(name)
			}
		}
		if !ok {
			return nil // one message for the field, about the first bad file
		}
		ft, _ := typeByMIME(mime)
		atts = append(atts, Attachment{ID: newID(), Filename: withExtension(name, ft), ContentType: mime, Data: f.Data})
	}
	return atts
}

// CleanFilename makes the client's file name safe to show and to send on: the last path
// element only (browsers on Windows send "C:\..."), no control or bidi characters (which can
// disguise "gpj.exe" as "exe.jpg"), none of <>:"/\|?*, trimmed, at most MaxFilenameRunes.
// The result is for display only; files are stored under random names.
func CleanFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToValidUTF8(name, "")
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), isBidiControl(r), r == '\u200e', r == '\u200f', r == '\uFEFF':
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(strings.Join(strings.Fields(name), " "), " .")
	if utf8.RuneCountInString(name) > MaxFilenameRunes {
		ext := path.Ext(name)
		if utf8.RuneCountInString(ext) > 10 {
			ext = ""
		}
		r := []rune(strings.TrimSuffix(name, ext))
		name = string(r[:MaxFilenameRunes-utf8.RuneCountInString(ext)]) + ext
	}
	if name == "" {
		return defaultFilename
	}
	return name
}

// withExtension gives name the extension of the detected type when it has another one:
// "invoice.pdf" that is really a PNG is delivered as "invoice.png".
func withExtension(name string, ft fileType) string {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range ft.exts {
		if ext == e {
			return name
		}
	}
	if ext != "" && len(ext) <= 6 {
		name = strings.TrimSuffix(name, path.Ext(name))
	}
	if name == "" {
		name = defaultFilename
	}
	return name + ft.ext
}

// newID is a random 128-bit identifier in hex: unguessable, so it can name stored files and
// appear in URLs.
func newID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	return hex.EncodeToString(b[:])
}
