package search

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func TestSuggest(t *testing.T) {
	ix := openTest(t, Options{})
	tests := []struct {
		name  string
		text  string
		limit int
		first string   // the expected first hit; "" for no hits
		never []string // slugs that must not appear
	}{
		{
			name:  "conversational message with words no article has",
			text:  "سلام وقت بخیر، ببخشید من دیروز یه سفارش ثبت کردم ولی پشیمون شدم. چطوری لغو سفارش کنم؟ خیلی ممنون",
			first: "cancel-order",
		},
		{
			name:  "internal articles are never suggested",
			text:  "کارشناس پیش از تأیید بازگشت وجه وضعیت تراکنش را در پنل بانک بررسی می‌کند",
			first: "refund", never: []string{"agent-refund-policy"},
		},
		{
			name: "drafts are never suggested", text: "امتیاز باشگاه مشتریان با هر خرید زیاد می‌شود",
			never: []string{"draft-loyalty"},
		},
		{name: "arabic letters and ZWNJ", text: "كد رهگيري سفارشم كجاست؟ بسته‌ام نرسیده", first: "track-order"},
		{name: "only stop words and punctuation", text: "از و به که ... ؟!"},
		{name: "empty", text: "   "},
		{name: "query syntax is plain text", text: `+رمز -عبور title:"تغییر" *~^`, first: "change-password"},
		{name: "limit", text: "سفارش حساب پرداخت رمز فاکتور", limit: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Suggest(context.Background(), tt.text, tt.limit)
			if err != nil {
				t.Fatalf("Suggest: %v", err)
			}
			got := slugs(res.Hits)
			if res.Hits == nil || res.Categories == nil {
				t.Error("nil lists in the result")
			}
			switch {
			case tt.first != "" && (len(got) == 0 || got[0] != tt.first):
				t.Errorf("hits = %v, want %s first", got, tt.first)
			case tt.first == "" && len(tt.never) == 0 && tt.limit == 0 && len(got) != 0:
				t.Errorf("hits = %v, want none", got)
			}
			for _, s := range tt.never {
				if slices.Contains(got, s) {
					t.Errorf("hits = %v include %s", got, s)
				}
			}
			if want := max(tt.limit, DefaultSuggestLimit); len(got) > want || (tt.limit > 0 && len(got) != tt.limit) {
				t.Errorf("%d hits for limit %d", len(got), tt.limit)
			}
			if res.Page != 1 || res.Total < len(got) {
				t.Errorf("page %d, total %d for %d hits", res.Page, res.Total, len(got))
			}
		})
	}
}

func TestSuggestSnippets(t *testing.T) {
	ix := openTest(t, Options{})
	res, err := ix.Suggest(context.Background(), "سلام، فاکتور رسمی پرداختم رو از کجا بگیرم؟ نمونهٔ کد داخلش نوشته", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Slug != "invoice" {
		t.Fatalf("hits = %v, want invoice first", slugs(res.Hits))
	}
	snip := res.Hits[0].Snippet
	if strings.Contains(snip, "<script") || !strings.Contains(snip, "&lt;script&gt;") {
		t.Errorf("snippet not escaped: %q", snip)
	}
	if m := marked(snip); !slices.Contains(m, "فاکتور") {
		t.Errorf("snippet marks %q, want فاکتور among them", m)
	}
}

func TestSuggestRefusesBadRequests(t *testing.T) {
	ix := openTest(t, Options{})
	tests := []struct {
		name, text string
		limit      int
		field      string
	}{
		{"text too long", strings.Repeat("ب", MaxSuggestRunes+1), 0, "query"},
		{"negative limit", "رمز", -1, "limit"},
		{"limit too big", "رمز", MaxSuggestLimit + 1, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Suggest(context.Background(), tt.text, tt.limit)
			var re *RequestError
			if !errors.As(err, &re) || re.Field != tt.field || re.FaMessage == "" || !errors.Is(err, ErrInvalidRequest) {
				t.Fatalf("err = %v, want a RequestError for %s", err, tt.field)
			}
		})
	}
	text := strings.Repeat("ب", MaxSuggestRunes-2) + "  \n"
	if _, err := ix.Suggest(context.Background(), text, MaxSuggestLimit); err != nil {
		t.Errorf("text of exactly %d letters after trimming: %v", MaxSuggestRunes, err)
	}
}

func TestSuggestCanceled(t *testing.T) {
	ix := openTest(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Suggest(ctx, "لغو سفارش و بازگشت وجه", 0); err == nil {
		t.Fatal("Suggest with a canceled context succeeded")
	}
}

func FuzzSuggest(f *testing.F) {
	for _, s := range []string{"لغو سفارش", "كد رهگيري", "\xff\xfe", "", "a:b +c -d", "رمز\u200cعبور", strings.Repeat("سفارش ", 300)} {
		f.Add(s)
	}
	ix := openTest(f, Options{})
	f.Fuzz(func(t *testing.T, text string) {
		res, err := ix.Suggest(context.Background(), text, MaxSuggestLimit)
		if utf8.RuneCountInString(strings.TrimSpace(strings.ToValidUTF8(text, ""))) > MaxSuggestRunes {
			if !errors.Is(err, ErrInvalidRequest) {
				t.Fatalf("long text: err = %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Suggest(%q): %v", text, err)
		}
		for _, h := range res.Hits {
			if h.Slug == "agent-refund-policy" || h.Slug == "draft-loyalty" {
				t.Fatalf("Suggest(%q) returned %s", text, h.Slug)
			}
			if strings.Count(h.Snippet, "<mark>") != strings.Count(h.Snippet, "</mark>") {
				t.Fatalf("unbalanced snippet %q", h.Snippet)
			}
		}
	})
}

// BenchmarkSuggestTyping replays the support messages as customers type them (every prefix
// ending at a word, as a debounced form sends them) from parallel goroutines over the sample
// help center, and reports the latency percentiles of one suggestion.
func BenchmarkSuggestTyping(b *testing.B) {
	var texts []string
	for _, q := range readMessages(b) {
		words := strings.Fields(q.Query)
		for i := 3; i <= len(words); i += 2 {
			texts = append(texts, strings.Join(words[:i], " "))
		}
	}
	ix := openSample(b, DefaultAnalyzer)
	var mu sync.Mutex
	lat := make([]time.Duration, 0, b.N)
	var next int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		local := make([]time.Duration, 0, 256)
		for pb.Next() {
			mu.Lock()
			text := texts[next%int64(len(texts))]
			next++
			mu.Unlock()
			began := time.Now()
			if _, err := ix.Suggest(context.Background(), text, DefaultSuggestLimit); err != nil {
				b.Error(err)
				return
			}
			local = append(local, time.Since(began))
		}
		mu.Lock()
		lat = append(lat, local...)
		mu.Unlock()
	})
	b.StopTimer()
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

func TestSuggestInternal(t *testing.T) {
	ix := openTest(t, Options{})
	text := "کارشناس پیش از تأیید بازگشت وجه وضعیت تراکنش را در پنل بانک بررسی می‌کند"
	res, err := ix.SuggestInternal(context.Background(), text, MaxSuggestLimit)
	if err != nil {
		t.Fatal(err)
	}
	if got := slugs(res.Hits); !slices.Contains(got, "agent-refund-policy") {
		t.Errorf("SuggestInternal hits = %v, want the internal article agent-refund-policy", got)
	}
	for _, h := range res.Hits {
		if h.Slug == "draft-loyalty" {
			t.Error("drafts must never be suggested, even to agents")
		}
	}
}
