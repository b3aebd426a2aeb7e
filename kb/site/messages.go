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
	msgBadPrefix       = "مقدار prefix باید 1 یا 0 باشد."
	msgInternal        = "خطایی پیش آمد. لطفاً چند لحظهٔ دیگر دوباره تلاش کنید."
	msgStarting        = "مرکز راهنما در حال آماده شدن است؛ چند لحظهٔ دیگر دوباره سر بزنید."
	// msgSearchBusy: too many searches at once; the search waited its turn too long (admit.go).
	msgSearchBusy = "جست‌وجو الان شلوغ است؛ لطفاً چند ثانیهٔ دیگر دوباره تلاش کنید."
	// msgStoreUnavailable: the database is out of reach for now (disk full, locked, down).
	msgStoreUnavailable = "این بخش موقتاً در دسترس نیست؛ لطفاً چند دقیقهٔ دیگر دوباره تلاش کنید."
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
	case http.StatusTooManyRequests:
		return "کمی آهسته‌تر"
	case http.StatusRequestEntityTooLarge:
		return "فایل‌ها بیش از حد بزرگ‌اند"
	default:
		return "خطایی پیش آمد"
	}
}

// Ticket form, suggestions and widget (see the ticket_*.html templates for the rest).
var (
	msgTicketTitle         = "ارسال درخواست پشتیبانی"
	msgTicketTitleErrors   = "ارسال درخواست پشتیبانی (نیاز به اصلاح)"
	msgTicketDescription   = "مشکل یا سؤالتان را برای پشتیبانی بفرستید؛ هنگام نوشتن، مقاله‌های مرتبط را هم می‌بینید."
	msgTicketCheckTitle    = "این مقاله‌ها شاید پاسخ شما باشند"
	msgTicketReceivedTitle = "درخواست شما ثبت شد"
	msgTicketSolvedTitle   = "خوشحالیم که مشکل حل شد"
	msgTicketCSRF          = "مهلت این فرم تمام شده بود و درخواست فرستاده نشد. نوشته‌هایتان سر جایش است؛ لطفاً دوباره «ارسال» را بزنید."
	msgTicketUnavailable   = "ثبت درخواست در این لحظه ممکن نیست. نوشته‌هایتان سر جایش است؛ لطفاً چند دقیقهٔ دیگر دوباره بفرستید."
	msgTicketFailed        = "درخواست شما به دلیل خطایی در سامانه ثبت نشد. نوشته‌هایتان سر جایش است؛ لطفاً دوباره بفرستید."
	msgTicketTooLarge      = fmt.Sprintf("حجم فرم بیش از حد است؛ حداکثر %s فایل و هر کدام تا %s مگابایت می‌توانید پیوست کنید. با دکمهٔ بازگشت مرورگر به فرم برگردید.", faNumber(maxTicketFiles), faNumber(maxTicketFileMB))
	msgReceiptNotFound     = "این رسید معتبر نیست. اگر درخواستی ثبت کرده‌اید، شمارهٔ آن در ایمیل پاسخ پشتیبانی هم آمده است."
	msgSuggestTooLong      = fmt.Sprintf("متن بیش از حد طولانی است؛ حداکثر %s نویسه بفرستید.", faNumber(maxSuggestRunes))
	msgBadSuggestLimit     = fmt.Sprintf("تعداد پیشنهادها (limit) باید عددی از ۱ تا %s باشد.", faNumber(maxSuggestLimit))
)

// msgTicketRateLimited asks the customer to wait secs seconds before sending again.
func msgTicketRateLimited(secs int) string {
	return fmt.Sprintf("در یک دقیقه درخواست‌های زیادی از شما رسید. لطفاً %s ثانیهٔ دیگر دوباره بفرستید؛ "+
		"با دکمهٔ بازگشت مرورگر، نوشته‌هایتان در فرم باقی است.", faNumber(secs))
}

// msgSearchRateLimited asks the customer to wait secs seconds before searching again.
func msgSearchRateLimited(secs int) string {
	return fmt.Sprintf("در یک دقیقه جستجوهای زیادی از شما رسید. لطفاً %s ثانیهٔ دیگر دوباره جستجو کنید.", faNumber(secs))
}

// Error codes of the ticket endpoints.
const (
	codeRateLimited = "rate_limited"
	codeTooLarge    = "too_large"
)
