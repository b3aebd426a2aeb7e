package tickets

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"persiankb/kb/store"
)

// BenchmarkValidateAndSubmit is the server-side cost of one ticket between the form's POST and
// the "received" page: validation with a screenshot's content check, then the durable commit
// (fsync) of the ticket, its attachment and its outbox row.
func BenchmarkValidateAndSubmit(b *testing.B) {
	s, err := store.OpenSQLite(context.Background(), filepath.Join(b.TempDir(), "kb.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	d, err := NewDeliverer(s, Config{Webhook: WebhookConfig{URL: "http://127.0.0.1:1/", Secret: "s"},
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	in := validInput()
	in.Files = []File{{Name: "screen.png", Data: testPNG(b)}}
	for b.Loop() {
		tk, errs := Validate(in, testCategories)
		if errs != nil {
			b.Fatal(errs)
		}
		if _, err := d.Submit(context.Background(), tk); err != nil {
			b.Fatal(err)
		}
	}
}
