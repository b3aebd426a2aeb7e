package kb

import (
	"fmt"
	"strings"
	"testing"
)

// benchArticles is the size of the generated help center: about the sample's tenfold.
const benchArticles = 500

// genLibrary writes n articles of about 1.5 KB in 10 categories, each with front matter,
// headings, a table, a list, links to two other articles (one with an anchor) and an image.
func genLibrary(tb testing.TB, dir string, n int) {
	files := map[string]string{"images/a.png": "PNG"}
	for c := range 10 {
		files[fmt.Sprintf("cat%d/_index.md", c)] = fmt.Sprintf("---\ntitle: دسته %d\norder: %d\n---\n", c, c)
	}
	para := strings.Repeat("فروشگاه شما می‌تواند سفارش‌ها را پیگیری کند و هزینه ارسال را تغییر دهد. ", 4)
	for i := range n {
		next, prev := (i+1)%n, (i+n-1)%n
		files[fmt.Sprintf("cat%d/article-%d.md", i%10, i)] = fmt.Sprintf(`---
title: راهنمای شماره %d
tags: [سفارش, ارسال]
keywords: [پیگیری]
aliases: [old-%d]
order: %d
updated: 2024-03-01
---
%s

## مراحل کار

1. وارد پنل شوید.
2. روی **سفارش‌ها** بزنید.
3. [راهنمای بعدی](../cat%d/article-%d.md) یا [بخش قبلی](<../cat%d/article-%d.md#مراحل کار>) را ببینید.

## جدول هزینه‌ها

| روش | هزینه |
|---|---|
| پست | ۳۰٬۰۰۰ تومان |
| پیک | ۵۰٬۰۰۰ تومان |

### نکته

%s

![نمونه](../images/a.png)
`, i, i, i%7, para, next%10, next, prev%10, prev, para)
	}
	writeTree(tb, dir, files)
}

func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	genLibrary(b, dir, benchArticles)
	var lib *Library
	for b.Loop() {
		var err error
		lib, err = Load(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	if len(lib.Articles) != benchArticles || len(lib.Problems) != 0 {
		b.Fatalf("%d articles, problems %v", len(lib.Articles), lib.Problems)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*benchArticles), "µs/article")
}
