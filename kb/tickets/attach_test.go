package tickets

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// Real files of every accepted type, made by the standard encoders or taken from real tools.
func testPNG(t testing.TB) []byte {
	var b bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testJPEG(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testGIF(t testing.TB) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.White, color.Black}), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// testWebP is a 1×1 lossless WebP as written by libwebp's cwebp.
func testWebP(t testing.TB) []byte {
	b, err := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// testPDF is a complete one-page PDF.
const testPDF = "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n" +
	"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n" +
	"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n" +
	"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000111 00000 n \n" +
	"trailer <</Size 4 /Root 1 0 R>>\nstartxref\n180\n%%EOF\n"

func TestDetectType(t *testing.T) {
	pngBytes := testPNG(t)
	tests := []struct {
		name string
		data []byte
		want string // "" means refused
	}{
		{"png", pngBytes, "image/png"},
		{"jpeg", testJPEG(t), "image/jpeg"},
		{"gif", testGIF(t), "image/gif"},
		{"webp", testWebP(t), "image/webp"},
		{"pdf", []byte(testPDF), "application/pdf"},
		{"html named .png", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), ""},
		{"html after spaces", []byte("  \n<html><body onload=alert(1)>"), ""},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`), ""},
		{"svg with xml prolog", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), ""},
		{"png signature then html", append([]byte("\x89PNG\r\n\x1a\n"), "<html><script>alert(1)</script>"...), ""},
		{"truncated png", pngBytes[:20], ""},
		{"pdf without end marker", []byte(strings.TrimSuffix(testPDF, "%%EOF\n")), ""},
		{"pdf with a bad version", []byte(strings.Replace(testPDF, "%PDF-1.4", "%PDF-x.4", 1)), ""},
		{"webp with a wrong size", append(testWebP(t), 0, 0, 0, 0), ""},
		{"riff wave audio", []byte("RIFF\x1a\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x44\xac\x00\x00"), ""},
		{"zip", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), ""},
		{"windows executable", []byte("MZ\x90\x00\x03\x00\x00\x00"), ""},
		{"plain text", []byte("سلام، این یک فایل متنی است"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := DetectType(tc.data)
			if ok != (tc.want != "") || got != tc.want {
				t.Errorf("DetectType = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}

func TestValidateAttachments(t *testing.T) {
	pngBytes := testPNG(t)
	file := func(name string, data []byte) File { return File{Name: name, Data: data} }
	tests := []struct {
		name      string
		files     []File
		wantMsg   string
		wantNames []string
		wantTypes []string
	}{
		{"three good files", []File{file("screen.png", pngBytes), file(`C:\Users\Ali\فاکتور.pdf`, []byte(testPDF)), file("photo.JPEG", testJPEG(t))},
			"", []string{"screen.png", "فاکتور.pdf", "photo.JPEG"}, []string{"image/png", "application/pdf", "image/jpeg"}},
		{"extension fixed to the content", []File{file("invoice.pdf", pngBytes), file("noext", testWebP(t))},
			"", []string{"invoice.png", "noext.webp"}, []string{"image/png", "image/webp"}},
		{"fake png that is html", []File{file("screen.png", []byte("<html><script>alert(1)</script></html>"))},
			"فایل «screen.png» پذیرفته نیست؛ فقط تصویر (PNG، JPEG، GIF، WebP) یا PDF بفرستید.", nil, nil},
		{"svg", []File{file("logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`))},
			"فایل «logo.svg» پذیرفته نیست؛ فقط تصویر (PNG، JPEG، GIF، WebP) یا PDF بفرستید.", nil, nil},
		{"too many", []File{file("a.png", pngBytes), file("b.png", pngBytes), file("c.png", pngBytes), file("d.png", pngBytes)},
			"حداکثر ۳ فایل می‌توانید پیوست کنید.", nil, nil},
		{"too big", []File{file("big.png", append(pngBytes, make([]byte, MaxAttachmentBytes)...))},
			"فایل «big.png» بزرگ‌تر از ۵ مگابایت است.", nil, nil},
		{"empty", []File{file("empty.png", nil)}, "فایل «empty.png» خالی است.", nil, nil},
		{"second file bad", []File{file("ok.png", pngBytes), file("../../etc/passwd", []byte("root:x:0:0"))},
			"فایل «passwd» پذیرفته نیست؛ فقط تصویر (PNG، JPEG، GIF، WebP) یا PDF بفرستید.", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := validInput()
			in.Files = tc.files
			got, errs := Validate(in, testCategories)
			if errs[FieldAttachments] != tc.wantMsg || (tc.wantMsg == "" && errs != nil) {
				t.Fatalf("errors = %v, want attachments message %q", errs, tc.wantMsg)
			}
			if tc.wantMsg != "" {
				return
			}
			if len(got.Attachments) != len(tc.wantNames) {
				t.Fatalf("%d attachments, want %d", len(got.Attachments), len(tc.wantNames))
			}
			ids := map[string]bool{}
			for i, a := range got.Attachments {
				if a.Filename != tc.wantNames[i] || a.ContentType != tc.wantTypes[i] || !bytes.Equal(a.Data, tc.files[i].Data) {
					t.Errorf("attachment %d = %q %s, want %q %s", i, a.Filename, a.ContentType, tc.wantNames[i], tc.wantTypes[i])
				}
				if len(a.ID) != 32 || strings.Trim(a.ID, "0123456789abcdef") != "" || ids[a.ID] {
					t.Errorf("attachment ID %q is not a fresh random hex ID", a.ID)
				}
				ids[a.ID] = true
				if sn := a.StoredName(); strings.Contains(sn, tc.wantNames[i]) || !strings.HasPrefix(sn, a.ID) {
					t.Errorf("stored name %q must be the random ID and an extension", sn)
				}
			}
		})
	}
}

func TestCleanFilename(t *testing.T) {
	tests := []struct{ in, want string }{
		{"screen.png", "screen.png"},
		{"/home/ali/عکس صفحه.png", "عکس صفحه.png"},
		{`C:\fakepath\scan.pdf`, "scan.pdf"},
		{"../../../etc/passwd", "passwd"},
		{"photo\u202Egnp.exe", "photognp.exe"}, // RLO would show "photoexe.png"
		{"a\x00b\nc.png", "abc.png"},
		{`a<b>c:"d"|e?f*.png`, "a_b_c__d__e_f_.png"},
		{"  ..hidden.png.. ", "hidden.png"},
		{"", "پیوست"},
		{"...", "پیوست"},
		{"\xff\xfe.png", "png"},
		{strings.Repeat("ب", 150) + ".jpeg", strings.Repeat("ب", 95) + ".jpeg"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := CleanFilename(tc.in); got != tc.want {
				t.Errorf("CleanFilename(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzCleanFilename(f *testing.F) {
	for _, s := range []string{"a.png", `C:\x\y.pdf`, "\u202Eabc", "../..", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := CleanFilename(s)
		if got == "" || strings.ContainsAny(got, "/\\<>:\"|?*\x00\n\r") || []rune(got)[0] == '.' {
			t.Fatalf("CleanFilename(%q) = %q", s, got)
		}
		for _, r := range got {
			if isBidiControl(r) {
				t.Fatalf("CleanFilename(%q) kept a bidi control", s)
			}
		}
		if n := len([]rune(got)); n > MaxFilenameRunes {
			t.Fatalf("CleanFilename(%q) has %d runes", s, n)
		}
	})
}
