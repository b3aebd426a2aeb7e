package site

import "fmt"

// Persian messages of the signed-in area (login, agent view, admin) and the API's access
// errors; the pages' other text is in their templates.
var (
	msgAuthSetupTitle = "دسترسی پیکربندی نشده است"
	msgLoginTitle     = "ورود کارشناسان"
	msgLoginFailed    = "نام کاربری، رمز عبور یا توکن درست نیست."
	msgLoginCSRF      = "مهلت این فرم تمام شده بود؛ لطفاً دوباره وارد شوید."
	msgSessionExpired = "نشست شما تمام شده یا این فرم منقضی شده است؛ لطفاً صفحه را دوباره باز کنید و وارد شوید."
	msgForbidden      = "حساب شما به این بخش دسترسی ندارد."
	msgBadToken       = "توکن دسترسی معتبر نیست."
	msgAgentTitle     = "میز کارشناس"
	msgAdminTitle     = "مدیریت"
	msgBadDelivery    = "این ارسال ناموفق پیدا نشد؛ شاید پیش‌تر دوباره در صف قرار گرفته است."
	msgNoOutbox       = "صف ارسال درخواست‌ها به این سرور وصل نیست."
)

// msgLoginLocked asks to wait secs seconds after too many failed logins.
func msgLoginLocked(secs int) string {
	return fmt.Sprintf("تلاش‌های ناموفق ورود بیش از حد بود. لطفاً %s ثانیهٔ دیگر دوباره امتحان کنید.", faNumber(secs))
}

// The ready replies agents copy (see agent_copy.go): plain text, pasted into a helpdesk.
func msgReplyMore(title string) string { return "راهنمای کامل: «" + title + "»" }
func msgReplyArticle(title string) string {
	return "پاسخ شما در راهنمای «" + title + "» آمده است:"
}
func msgReplySection(heading, title string) string {
	return "پاسخ شما در بخش «" + heading + "» از راهنمای «" + title + "» آمده است:"
}

// Error codes of the signed-in area and the API's access checks.
const (
	codeUnauthorized = "unauthorized"
	codeForbidden    = "forbidden"
)
