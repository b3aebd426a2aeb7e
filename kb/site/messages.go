package site

import (
	"fmt"
	"net/http"
)

// Persian messages shown to customers by the Go code (everything else is in the templates).
var (
	msgNotFound        = "صفحه‌ای که دنبالش بودید پیدا نشد؛ شاید نشانی‌اش عوض شده یا حذف شده است."
	msgArticleNotFound = "این مقاله پیدا نشد؛ شاید نشانی‌اش عوض شده یا حذف شده است."
	msgQueryTooLong    = fmt.Sprintf("عبارت جستجو بیش از حد طولانی است؛ حداکثر %s نویسه بنویسید.", faNumber(maxQueryRunes))
	msgBadPage         = fmt.Sprintf("شمارهٔ صفحه باید عددی از ۱ تا %s باشد.", faNumber(maxPage))
	msgBadLimit        = fmt.Sprintf("تعداد نتایج (limit) باید عددی از ۱ تا %s باشد.", faNumber(maxLimit))
	msgBadRequest      = "درخواست نامعتبر است."
	msgInternal        = "خطایی پیش آمد. لطفاً چند لحظهٔ دیگر دوباره تلاش کنید."
	msgStarting        = "مرکز راهنما در حال آماده شدن است؛ چند لحظهٔ دیگر دوباره سر بزنید."
)

// Machine-readable error codes of the JSON API ({"error": {"code": …, "message": …}}).
const (
	codeNotFound     = "not_found"
	codeQueryTooLong = "query_too_long"
	codeBadPage      = "invalid_page"
	codeBadLimit     = "invalid_limit"
	codeBadRequest   = "invalid_request"
	codeInternal     = "internal_error"
	codeUnavailable  = "unavailable"
)

// msgHomeDescription is the home page's meta description and link preview text.
var msgHomeDescription = "پاسخ پرسش‌های رایج، راهنمای گام‌به‌گام و حل مشکلات؛ سؤالتان را جستجو کنید."

// Page titles set by handlers.
var (
	msgSearchTitle    = "جستجو"
	msgSearchTitleFor = "جستجوی «%s»"
)

// msgHomeCrumb is the first step of every breadcrumb trail.
var msgHomeCrumb = "صفحهٔ اصلی"

// errorTitle is the title of the error page for a status.
func errorTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return "صفحه پیدا نشد"
	case http.StatusBadRequest:
		return "درخواست نامعتبر"
	case http.StatusServiceUnavailable:
		return "کمی صبر کنید"
	default:
		return "خطایی پیش آمد"
	}
}
