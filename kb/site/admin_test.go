package site

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"persiankb/kb/store"
)

// failedDelivery stores a ticket whose webhook delivery failed for good.
func failedDelivery(t *testing.T, st *store.SQLite) store.Delivery {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	tk, err := st.CreateTicket(ctx, store.Ticket{Name: "مشتری", Email: "a@example.com", Subject: "بازگشت وجه", Description: "پولم برنگشت"}, []string{"webhook"})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.ClaimDeliveries(ctx, now, time.Minute, 10)
	if err != nil || len(ds) != 1 {
		t.Fatalf("claim: %v, %d deliveries", err, len(ds))
	}
	if err := st.MarkFailed(ctx, ds[0].ID, ds[0].Attempts, "webhook: 500 Internal Server Error", now); err != nil {
		t.Fatal(err)
	}
	ds[0].TicketNumber = tk.Number
	return ds[0]
}

// TestAdminPage: the admin page lists failed deliveries with a retry button that puts them
// back in the queue (with the form token), and the content's problems.
func TestAdminPage(t *testing.T) {
	db, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	d := failedDelivery(t, db)
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t), Outbox: db})
	h := srv.Handler()
	sess := login(t, h, "192.0.2.80")
	rec := staffRequest{target: "/admin", cookies: []*http.Cookie{sess}}.send(h)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /admin: %d", rec.Code)
	}
	page := rec.Body.String()
	action := "/admin/deliveries/" + itoa(d.ID) + "/retry"
	assertContains(t, page, []string{d.TicketNumber, "webhook: 500 Internal Server Error", `action="` + action + `"`,
		"مشکل‌های محتوا", "۲ مقالهٔ داخلی"}, nil)
	if bad := unsafeMarkup(page); len(bad) > 0 {
		t.Errorf("inline code: %q", bad)
	}

	form := url.Values{"ticket": {d.TicketNumber}}
	if rec := (staffRequest{method: http.MethodPost, target: action, form: form, cookies: []*http.Cookie{sess}}).send(h); rec.Code != http.StatusForbidden {
		t.Errorf("retry without the form token: %d, want 403", rec.Code)
	}
	form.Set(csrfField, formCSRF(t, page))
	rec = staffRequest{method: http.MethodPost, target: action, form: form, cookies: []*http.Cookie{sess}}.send(h)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin?retried="+d.TicketNumber {
		t.Fatalf("retry: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	failed, err := db.FailedDeliveries(context.Background(), 10)
	if err != nil || len(failed) != 0 {
		t.Errorf("after the retry: %d failed deliveries, %v", len(failed), err)
	}
	page = staffRequest{target: rec.Header().Get("Location"), cookies: []*http.Cookie{sess}}.send(h).Body.String()
	assertContains(t, page, []string{"ارسال درخواست " + d.TicketNumber + " دوباره در صف", "هیچ ارسال ناموفقی نیست"}, nil)
	if rec := (staffRequest{method: http.MethodPost, target: action, form: form, cookies: []*http.Cookie{sess}}).send(h); rec.Code != http.StatusNotFound {
		t.Errorf("retrying a delivery that is no longer failed: %d, want 404", rec.Code)
	}
	if !strings.Contains(staffRequest{target: "/admin?retried=<b>x</b>", cookies: []*http.Cookie{sess}}.send(h).Body.String(), "هیچ ارسال ناموفقی نیست") {
		t.Error("admin page with a bad retried parameter")
	}
}

func TestTicketNumber(t *testing.T) {
	for in, want := range map[string]string{"KB-000123": "KB-000123", "KB-": "", "KB-12a": "", "<b>": "", "": "", "kb-1": ""} {
		if got := ticketNumber(in); got != want {
			t.Errorf("ticketNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
