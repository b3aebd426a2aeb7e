package tickets

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"persiankb/kb/store"
)

// TestWebhookDocMatchesPayload keeps WEBHOOK.md honest: its example body has exactly the
// fields the deliverer sends, at every level.
func TestWebhookDocMatchesPayload(t *testing.T) {
	doc, err := os.ReadFile("WEBHOOK.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```json\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("WEBHOOK.md has no json example")
	}
	var documented map[string]any
	if err := json.Unmarshal([]byte(example), &documented); err != nil {
		t.Fatalf("the example in WEBHOOK.md is not valid JSON: %v", err)
	}
	tk := store.Ticket{Attachments: []store.Attachment{{Data: []byte("x")}}}
	b, err := json.Marshal(NewWebhookPayload(store.Delivery{}, tk))
	if err != nil {
		t.Fatal(err)
	}
	var sent map[string]any
	json.Unmarshal(b, &sent)
	if got, want := keyPaths(documented, ""), keyPaths(sent, ""); !reflect.DeepEqual(got, want) {
		t.Errorf("WEBHOOK.md documents\n%v\nthe deliverer sends\n%v", got, want)
	}
	if documented["version"] != float64(WebhookVersion) {
		t.Errorf("documented version %v, want %d", documented["version"], WebhookVersion)
	}
}

// keyPaths lists the object keys of v as dotted paths, looking into the first array element.
func keyPaths(v any, prefix string) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			out = append(out, prefix+k)
			out = append(out, keyPaths(child, prefix+k+".")...)
		}
	case []any:
		if len(v) > 0 {
			out = keyPaths(v[0], prefix)
		}
	}
	sort.Strings(out)
	return out
}
