package site

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"persiankb/kb"
)

// Percent-encoded Persian slug and anchors of the copy tests.
const (
	encPasswordSlug = "%D8%AA%D8%BA%DB%8C%DB%8C%D8%B1-%D8%B1%D9%85%D8%B2-%D8%B9%D8%A8%D9%88%D8%B1"             // تغییر-رمز-عبور
	encConditions   = "%D8%B4%D8%B1%D8%A7%DB%8C%D8%B7-%D8%A8%D8%A7%D8%B2%DA%AF%D8%B4%D8%AA-%D9%88%D8%AC%D9%87" // شرایط-بازگشت-وجه
	encCard         = "%D9%BE%D8%B1%D8%AF%D8%A7%D8%AE%D8%AA-%D8%A8%D8%A7-%DA%A9%D8%A7%D8%B1%D8%AA"             // پرداخت-با-کارت
)

// TestCopyFormats pins every string an agent copies, exactly.
func TestCopyFormats(t *testing.T) {
	const base = "https://help.example.com"
	refund := &kb.Article{Slug: "refund", Title: "بازگشت وجه", Summary: "چطور و در چه مدت پولتان برمی‌گردد."}
	password := &kb.Article{Slug: "تغییر-رمز-عبور", Title: "تغییر رمز عبور"}
	internal := &kb.Article{Slug: "escalation", Title: "ارجاع به کارشناس ارشد", Summary: "فقط داخلی", Audience: kb.AudienceInternal}
	odd := &kb.Article{Slug: "odd", Title: "کد [خطا] *۴۰۴* و `x` با \\"}
	refundLink := base + "/articles/refund?ref=agent"
	passwordLink := base + "/articles/" + encPasswordSlug + "?ref=agent"
	tests := []struct {
		name string
		got  share
		want share
	}{
		{"article with summary", articleShare(base, refund), share{
			Link:     refundLink,
			Markdown: "[بازگشت وجه](" + refundLink + ")",
			Reply:    "چطور و در چه مدت پولتان برمی‌گردد.\nراهنمای کامل: «بازگشت وجه»\n" + refundLink,
		}},
		{"article without summary, Persian slug", articleShare(base, password), share{
			Link:     passwordLink,
			Markdown: "[تغییر رمز عبور](" + passwordLink + ")",
			Reply:    "پاسخ شما در راهنمای «تغییر رمز عبور» آمده است:\n" + passwordLink,
		}},
		{"section with a Persian anchor", sectionShare(base, refund, kb.Heading{Level: 2, Text: "شرایط بازگشت وجه", ID: "شرایط-بازگشت-وجه"}), share{
			Link:     refundLink + "#" + encConditions,
			Markdown: "[شرایط بازگشت وجه | بازگشت وجه](" + refundLink + "#" + encConditions + ")",
			Reply:    "پاسخ شما در بخش «شرایط بازگشت وجه» از راهنمای «بازگشت وجه» آمده است:\n" + refundLink + "#" + encConditions,
		}},
		{"section of a Persian slug", sectionShare(base, password, kb.Heading{Level: 3, Text: "پرداخت با کارت", ID: "پرداخت-با-کارت"}), share{
			Link:     passwordLink + "#" + encCard,
			Markdown: "[پرداخت با کارت | تغییر رمز عبور](" + passwordLink + "#" + encCard + ")",
			Reply:    "پاسخ شما در بخش «پرداخت با کارت» از راهنمای «تغییر رمز عبور» آمده است:\n" + passwordLink + "#" + encCard,
		}},
		{"internal article: agent view link, no reply", articleShare(base, internal), share{
			Link:     base + "/agent/articles/escalation",
			Markdown: "[ارجاع به کارشناس ارشد](" + base + "/agent/articles/escalation)",
			Internal: true,
		}},
		{"internal section", sectionShare(base, internal, kb.Heading{Level: 2, Text: "مراحل", ID: "مراحل"}), share{
			Link:     base + "/agent/articles/escalation#%D9%85%D8%B1%D8%A7%D8%AD%D9%84",
			Markdown: "[مراحل | ارجاع به کارشناس ارشد](" + base + "/agent/articles/escalation#%D9%85%D8%B1%D8%A7%D8%AD%D9%84)",
			Internal: true,
		}},
		{"Markdown characters in the title", articleShare(base, odd), share{
			Link:     base + "/articles/odd?ref=agent",
			Markdown: `[کد \[خطا\] \*۴۰۴\* و ` + "\\`x\\`" + ` با \\](` + base + "/articles/odd?ref=agent)",
			Reply:    "پاسخ شما در راهنمای «" + odd.Title + "» آمده است:\n" + base + "/articles/odd?ref=agent",
		}},
		{"parentheses in an anchor", sectionShare(base, refund, kb.Heading{Text: "الف (ب)", ID: "الف-(ب)"}), share{
			Link:     refundLink + "#%D8%A7%D9%84%D9%81-(%D8%A8)",
			Markdown: "[الف (ب) | بازگشت وجه](" + refundLink + "#%D8%A7%D9%84%D9%81-%28%D8%A8%29)",
			Reply:    "پاسخ شما در بخش «الف (ب)» از راهنمای «بازگشت وجه» آمده است:\n" + refundLink + "#%D8%A7%D9%84%D9%81-(%D8%A8)",
		}},
		{"no base URL: site paths", articleShare("", refund), share{
			Link:     "/articles/refund?ref=agent",
			Markdown: "[بازگشت وجه](/articles/refund?ref=agent)",
			Reply:    "چطور و در چه مدت پولتان برمی‌گردد.\nراهنمای کامل: «بازگشت وجه»\n/articles/refund?ref=agent",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got  %#v\nwant %#v", tt.got, tt.want)
			}
		})
	}
}

// TestCopyFieldsRendered: the agent view renders each string into the copy button's data
// attribute and a read-only field, and every section of the opened article has them.
func TestCopyFieldsRendered(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t)})
	auth := map[string]string{"Authorization": "Bearer " + staffAgentTok}
	rec := staffRequest{target: "/agent/articles/refund", header: auth}.send(srv.Handler())
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	a, _ := srv.state.Load().Library.Article("refund")
	if len(a.Headings) != 4 {
		t.Fatalf("refund has %d headings, want 4", len(a.Headings))
	}
	shares := []share{articleShare(testBaseURL, a)}
	for _, h := range a.Headings {
		shares = append(shares, sectionShare(testBaseURL, a, h))
	}
	for _, sh := range shares {
		for _, v := range []string{sh.Link, sh.Markdown, sh.Reply} {
			esc := html.EscapeString(v)
			if n := strings.Count(body, `data-copy="`+esc+`"`); n != 1 {
				t.Errorf("%d copy buttons for %q, want 1", n, v)
			}
			if !strings.Contains(body, `readonly value="`+esc+`"`) && !strings.Contains(body, "readonly>"+esc+"</textarea>") {
				t.Errorf("no read-only field shows %q", v)
			}
		}
	}
	// Buttons are hidden until agent.js runs; the live region announces copies.
	assertContains(t, body, []string{`aria-live="polite"`, "data-copy-status", "/static/js/agent."}, nil)
	if n, m := strings.Count(body, `class="copy-button"`), strings.Count(body, `class="copy-button" data-copy="`); n == 0 || n != m ||
		strings.Count(body, `" hidden>کپی`) != n {
		t.Errorf("%d copy buttons, %d with data-copy, not all hidden until the script runs", n, m)
	}
	if bad := unsafeMarkup(body); len(bad) > 0 {
		t.Errorf("inline code: %q", bad)
	}
}

// TestPersianSectionAnchors: the section link an agent copies goes to an anchor that the public
// article page really has, for Persian headings.
func TestPersianSectionAnchors(t *testing.T) {
	st := newStaffState(t)
	srv := newStaffServer(t, st, Config{Auth: staffAuth(t)})
	a, _ := st.Library.Article("refund")
	public := staffRequest{target: a.URL()}.send(srv.Handler()).Body.String()
	wantIDs := []string{"شرایط-بازگشت-وجه", "مراحل-درخواست", "پرداخت-با-کارت", "زمان-واریز"}
	for i, h := range a.Headings {
		if h.ID != wantIDs[i] {
			t.Errorf("heading %q has ID %q, want %q", h.Text, h.ID, wantIDs[i])
		}
		link := sectionShare(testBaseURL, a, h).Link
		u, err := url.Parse(link)
		if err != nil {
			t.Fatal(err)
		}
		if u.Fragment != h.ID || u.Query().Get(refParam) != refAgent || u.Path != "/articles/refund" {
			t.Errorf("section link %q: fragment %q, ref %q", link, u.Fragment, u.Query().Get(refParam))
		}
		if !strings.Contains(public, `id="`+h.ID+`"`) {
			t.Errorf("the public page has no element with id %q", h.ID)
		}
	}
}
