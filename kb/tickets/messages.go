package tickets

import (
	"fmt"
	"strconv"
	"strings"
)

// Every text of this package that a customer or an agent reads, in Persian. Numbers are
// written with Persian digits by faNumber, so the texts follow the limits above.

func msgRequiredName() string { return "لطفاً نام خود را بنویسید." }
func msgLongName() string {
	return fmt.Sprintf("نام حداکثر %s حرف می‌تواند باشد.", faNumber(MaxNameRunes))
}
func msgBadText() string {
	return "متن نویسه‌های نامعتبر دارد؛ لطفاً آن را دوباره بنویسید."
}
func msgRequiredEmail() string {
	return "لطفاً نشانی ایمیل خود را بنویسید تا بتوانیم پاسخ دهیم."
}
func msgBadEmail() string {
	return "نشانی ایمیل درست نیست؛ نمونه‌ی درست: name@example.com"
}
func msgEmailNotLatin() string {
	return "نشانی ایمیل را با حروف انگلیسی بنویسید (زبان صفحه‌کلید را انگلیسی کنید)."
}
func msgLongEmail() string {
	return "نشانی ایمیل بیش از اندازه طولانی است."
}
func msgBadMobile() string {
	return "شماره‌ی موبایل درست نیست؛ نمونه‌ی درست: ۰۹۱۲۳۴۵۶۷۸۹"
}
func msgRequiredCategory() string {
	return "لطفاً دسته‌بندی درخواست را انتخاب کنید."
}
func msgBadCategory() string {
	return "دسته‌بندی انتخاب‌شده معتبر نیست؛ لطفاً یکی از گزینه‌ها را انتخاب کنید."
}
func msgRequiredSubject() string { return "لطفاً عنوان درخواست را بنویسید." }
func msgShortSubject() string {
	return fmt.Sprintf("عنوان دست‌کم باید %s حرف باشد.", faNumber(MinSubjectRunes))
}
func msgLongSubject() string {
	return fmt.Sprintf("عنوان حداکثر %s حرف می‌تواند باشد.", faNumber(MaxSubjectRunes))
}
func msgRequiredDescription() string { return "لطفاً مشکل خود را شرح دهید." }
func msgShortDescription() string {
	return fmt.Sprintf("لطفاً مشکل را کمی بیشتر توضیح دهید (دست‌کم %s حرف).", faNumber(MinDescriptionRunes))
}
func msgLongDescription() string {
	return fmt.Sprintf("توضیحات حداکثر %s حرف می‌تواند باشد.", faNumber(MaxDescriptionRunes))
}
func msgTooManyFiles() string {
	return fmt.Sprintf("حداکثر %s فایل می‌توانید پیوست کنید.", faNumber(MaxAttachments))
}
func msgEmptyFile(name string) string { return fmt.Sprintf("فایل «%s» خالی است.", name) }
func msgBigFile(name string) string {
	return fmt.Sprintf("فایل «%s» بزرگ‌تر از %s مگابایت است.", name, faNumber(MaxAttachmentBytes>>20))
}
func msgFileType(name string) string {
	return fmt.Sprintf("فایل «%s» پذیرفته نیست؛ فقط تصویر (PNG، JPEG، GIF، WebP) یا PDF بفرستید.", name)
}

// defaultFilename names an attachment whose name was empty after cleaning.
const defaultFilename = "پیوست"

// Labels of the ticket email that agents read (see mail.go).
const (
	mailLabelNumber      = "شماره‌ی درخواست"
	mailLabelCreated     = "زمان ثبت"
	mailLabelName        = "نام"
	mailLabelEmail       = "ایمیل"
	mailLabelMobile      = "موبایل"
	mailLabelCategory    = "دسته‌بندی"
	mailLabelSubject     = "عنوان"
	mailLabelAttachments = "پیوست‌ها"
	mailLabelClient      = "مشتری"
)

// faNumber writes n with Persian digits and the Persian thousands separator: 5000 → "۵٬۰۰۰".
func faNumber(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r != '-' && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteRune('٬')
		}
		if r >= '0' && r <= '9' {
			r = '۰' + (r - '0')
		}
		b.WriteRune(r)
	}
	return b.String()
}
